package site

import (
	"github.com/ladder-ssg/ladder/generator/paths"
	"strings"
	"testing"
)

// TestMovedComparisons checks that the moved form of comparisons, filled
// with a pair's codes, is the pair's OldPath and leads to its page:
// paths.Compare with its Query.
func TestMovedComparisons(t *testing.T) {
	c := &Comparison{A: &Occupation{Code: "11-1011.00"}, B: &Occupation{Code: "29-2012.00"}}
	var found bool
	for _, m := range Moved() {
		if !strings.HasPrefix(m.From, "compare/") {
			continue
		}
		found = true
		fill := strings.NewReplacer(":a", c.A.Code, ":b", c.B.Code)
		if got := fill.Replace(m.From); got != c.OldPath() {
			t.Errorf("From filled is %q, want the old path %q", got, c.OldPath())
		}
		if got, want := fill.Replace(m.To), paths.Compare+c.Query(); got != want {
			t.Errorf("To filled is %q, want %q", got, want)
		}
	}
	if !found {
		t.Error("Moved lists no form of comparison URL")
	}
}

// TestMovedLevelEmbeds checks that the moved form of a level's embed view,
// filled with a level's code and slug, is the page it had and leads to
// its section of the occupation's embed view: its EmbedPath.
func TestMovedLevelEmbeds(t *testing.T) {
	o := &Occupation{Code: "11-1011.00", EmbedPath: paths.OccupationEmbed("11-1011.00")}
	l := &OccupationLevel{Occupation: o, Slug: "advanced", EmbedPath: paths.LevelEmbed(o.Code, "advanced")}
	var found bool
	for _, m := range Moved() {
		if !strings.HasPrefix(m.From, "embed/") {
			continue
		}
		found = true
		fill := strings.NewReplacer(":o", o.Code, ":level", l.Slug)
		if got, want := fill.Replace(m.From), "embed/occupations/11-1011.00/advanced/index.html"; got != want {
			t.Errorf("From filled is %q, want the old page %q", got, want)
		}
		if got := fill.Replace(m.To); got != l.EmbedPath || !strings.HasPrefix(got, o.EmbedPath+"#") {
			t.Errorf("To filled is %q, want the level's section %q of %q", got, l.EmbedPath, o.EmbedPath)
		}
	}
	if !found {
		t.Error("Moved lists no form of level embed URL")
	}
}
