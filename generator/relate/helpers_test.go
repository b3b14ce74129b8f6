package relate

import (
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/words"
)

func relationEqual(a, b Relation) bool {
	return a.Index == b.Index && a.Score == b.Score && a.similar == b.similar && a.Shared == b.Shared
}

func sharedEqual(a, b []SharedSkill) bool {
	return slices.EqualFunc(a, b, func(x, y SharedSkill) bool {
		return x.Skill == y.Skill && x.Name == y.Name && x.Slug == y.Slug &&
			slices.Equal(x.Levels, y.Levels) && slices.Equal(x.OtherLevels, y.OtherLevels)
	})
}

// checkReason checks that the skills a reason names are the most
// specific shared skills, in order.
func checkReason(t *testing.T, x Relation, reason string, shared []SharedSkill, a, b string) {
	t.Helper()
	if len(shared) != x.Shared {
		t.Errorf("%s → %s: Shared = %d, SharedSkills lists %d", a, b, x.Shared, len(shared))
	}
	_, names, ok := strings.Cut(reason, ": ")
	if !ok || len(shared) == 0 {
		return
	}
	var want []string
	for _, s := range shared[:min(3, len(shared))] {
		want = append(want, words.LowerFirst(s.Name))
	}
	if len(shared) > 3 {
		want = append(want, "…")
	}
	if names != strings.Join(want, ", ") && names != strings.Join(want, "; ") {
		t.Errorf("reason %q of %s → %s does not name their shared skills %q", reason, a, b, want)
	}
}
