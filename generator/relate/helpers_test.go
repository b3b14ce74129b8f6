package relate

import (
	"slices"
	"strings"
	"testing"
)

func relationEqual(a, b Relation) bool {
	return a.Index == b.Index && a.Score == b.Score && a.Reason == b.Reason &&
		slices.EqualFunc(a.Shared, b.Shared, func(x, y SharedSkill) bool {
			return x.Skill == y.Skill && x.Name == y.Name && x.Slug == y.Slug &&
				slices.Equal(x.Levels, y.Levels) && slices.Equal(x.OtherLevels, y.OtherLevels)
		})
}

// checkReason checks that the skills a reason names are the most
// specific shared skills, in order.
func checkReason(t *testing.T, x Relation, a, b string) {
	t.Helper()
	_, names, ok := strings.Cut(x.Reason, ": ")
	if !ok || len(x.Shared) == 0 {
		return
	}
	var want []string
	for _, s := range x.Shared[:min(3, len(x.Shared))] {
		want = append(want, lowerFirst(s.Name))
	}
	if len(x.Shared) > 3 {
		want = append(want, "…")
	}
	if names != strings.Join(want, ", ") && names != strings.Join(want, "; ") {
		t.Errorf("reason %q of %s → %s does not name their shared skills %q", x.Reason, a, b, want)
	}
}
