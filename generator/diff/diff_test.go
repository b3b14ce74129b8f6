package diff_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
)

// fw builds a framework from level specs "key=Label: statement | statement".
func fw(code string, levels ...string) *framework.Framework {
	f := &framework.Framework{Occupation: framework.Occupation{SOC: code, Title: "T"}}
	for _, spec := range levels {
		head, body, _ := strings.Cut(spec, ":")
		key, label, _ := strings.Cut(head, "=")
		lv := framework.Level{Key: key, Label: label}
		for _, s := range strings.Split(body, "|") {
			if s = strings.TrimSpace(s); s != "" {
				lv.Statements = append(lv.Statements, framework.Split(s))
			}
		}
		f.Levels = append(f.Levels, lv)
	}
	return f
}

// kinds lists each level's changes compactly: "key: +new -old ~new >new <old =text".
func kinds(d diff.Diff) []string {
	marks := map[diff.Kind]string{diff.Unchanged: "=", diff.Added: "+", diff.Removed: "-", diff.Reworded: "~", diff.MovedIn: ">", diff.MovedOut: "<"}
	var out []string
	for _, l := range d.Levels {
		var cs []string
		for _, c := range l.Changes {
			text := c.New
			if c.Kind == diff.Removed || c.Kind == diff.MovedOut {
				text = c.Old
			}
			cs = append(cs, marks[c.Kind]+text)
		}
		out = append(out, l.Name.Key+": "+strings.Join(cs, " "))
	}
	return out
}

func TestSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"a b c", "a b c", 1},
		{"A, b — C!", "c b a", 1},
		{"a b c d", "a b c e", 3.0 / 5},
		{"a a b", "a b b", 1},
		{"", "—", 1},
		{"a", "", 0},
		{"Café au lait", "café AU LAIT", 1},
	} {
		if got := diff.Similarity(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMatching(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new *framework.Framework
		opts     []diff.Option
		want     []string
	}{
		{"duplicates pair in order",
			fw("x", "a=A: s | s | t"), fw("x", "a=A: s | t"), nil,
			[]string{"a: =s -s =t"}},
		{"removal before addition in one gap",
			fw("x", "a=A: one | two | three"), fw("x", "a=A: one | zwei | three"), nil,
			[]string{"a: =one -two +zwei =three"}},
		{"reword tie goes to the earlier old statement",
			fw("x", "a=A: red green blue x | red green blue y"), fw("x", "a=A: red green blue z"), nil,
			[]string{"a: ~red green blue z -red green blue y"}},
		{"best match first, not first come",
			fw("x", "a=A: p q r s t | p q r s u v w"), fw("x", "a=A: p q r s u v | p q r s t x"), nil,
			[]string{"a: ~p q r s u v ~p q r s t x"}},
		{"higher reword threshold: removed and added",
			fw("x", "a=A: write simple tests for functions"), fw("x", "a=A: write simple unit tests for all functions"),
			[]diff.Option{diff.WithRewordThreshold(0.9)},
			[]string{"a: -write simple tests for functions +write simple unit tests for all functions"}},
		{"exact move beats a similar statement in place",
			fw("x", "a=A: alpha beta gamma delta", "b=B: other"),
			fw("x", "a=A: alpha beta gamma epsilon", "b=B: other | alpha beta gamma delta"), nil,
			[]string{"a: <alpha beta gamma delta +alpha beta gamma epsilon", "b: =other >alpha beta gamma delta"}},
		{"same topic, different performance: not a move",
			fw("x", "a=A: Laboratory findings — enter results into systems", "b=B: x"),
			fw("x", "a=A: y", "b=B: x | Laboratory findings — record and analyse trends across systems"), nil,
			[]string{"a: -Laboratory findings — enter results into systems +y", "b: =x +Laboratory findings — record and analyse trends across systems"}},
		{"lower move threshold: moved",
			fw("x", "a=A: Laboratory findings — enter test results into computer systems", "b=B: x"),
			fw("x", "a=A: y", "b=B: x | Laboratory findings — enter test results into database systems"),
			[]diff.Option{diff.WithMoveThreshold(0.6)},
			[]string{"a: <Laboratory findings — enter test results into computer systems +y", "b: =x >Laboratory findings — enter test results into database systems"}},
		{"key renamed, same label",
			fw("x", "lvl1=Emerging: a | b"), fw("x", "emerging=Emerging: a | b | c"), nil,
			[]string{"emerging: =a =b +c"}},
		{"key renamed by statements",
			fw("x", "one=One: a | b | c", "two=Two: d"), fw("x", "first=First: a | b | c", "two=Two: d"), nil,
			[]string{"first: =a =b =c", "two: =d"}},
		{"a level with the same statements is the same level",
			fw("x", "a=A: s | t", "gone=Gone: kept text here"), fw("x", "a=A: s | t", "new=New: kept text here"), nil,
			[]string{"a: =s =t", "new: =kept text here"}},
		{"removed level's statement moves into an added level",
			fw("x", "a=A: s | t", "gone=Gone: kept text here | dropped"), fw("x", "a=A: s | t", "new=New: kept text here | fresh | new"), nil,
			[]string{"a: =s =t", "gone: <kept text here -dropped", "new: >kept text here +fresh +new"}},
		{"removed level stays where it was",
			fw("x", "a=A: 1", "b=B: 2", "c=C: 3"), fw("x", "a=A: 1", "c=C: 3"), nil,
			[]string{"a: =1", "b: -2", "c: =3"}},
		{"nil old: everything added",
			nil, fw("x", "a=A: s"), nil,
			[]string{"a: +s"}},
		{"nil new: everything removed",
			fw("x", "a=A: s"), nil, nil,
			[]string{"a: -s"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := diff.Frameworks(tt.old, tt.new, tt.opts...)
			if got := kinds(d); !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestLevelNames(t *testing.T) {
	d := diff.Frameworks(fw("x", "lvl1=Emerging: a", "b=B: b"), fw("x", "emerging=Emerging: a", "b=Bee: b"))
	n := d.Counts()
	if n.LevelsRenamed != 1 || n.LevelsRelabelled != 1 || n.LevelsAdded != 0 || n.LevelsRemoved != 0 {
		t.Errorf("counts %+v", n)
	}
	if !d.Levels[0].Renamed() || d.Levels[0].Old.Key != "lvl1" || !d.Levels[1].Relabelled() || d.Levels[1].Old.Label != "B" {
		t.Errorf("levels %+v", d.Levels)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	old := fw("x", "a=A: keep")
	for _, tt := range []struct{ text, want string }{
		{"*bold* _it_ `code`", `\*bold\* \_it\_ \` + "`code\\`"},
		{"[x](http://e.org) <b>&amp;</b>", `\[x\](http://e.org) \<b\>\&amp;\</b\>`},
		{"@team #12 $x$ ~~s~~ a|b !", `\@team \#12 \$x\$ \~\~s\~\~ a\|b \!`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"12. item", `12\. item`},
		{"3) item", `3\) item`},
		{"a\nb", "a b"},
		{"x\u202ey", `x\[U+202E\]y`},
		{`back\slash`, `back\\slash`},
	} {
		new := fw("x", "a=A: keep")
		new.Levels[0].Statements = append(new.Levels[0].Statements, framework.Split(tt.text))
		d := diff.Frameworks(old, new)
		if want := "- **+** " + tt.want + "\n"; !strings.Contains(d.Markdown(), want) {
			t.Errorf("%q: markdown\n%s\nwant a line %q", tt.text, d.Markdown(), want)
		}
	}
}

func TestTextEscapesControls(t *testing.T) {
	d := diff.Frameworks(fw("x", "a=A: keep"), fw("x", "a=A: keep | red \x1b[31m \u202e end"))
	if got := d.Text(); strings.ContainsAny(got, "\x1b\u202e") || !strings.Contains(got, `red \x1b[31m \u202e end`) {
		t.Errorf("text:\n%s", got)
	}
}

// TestCorpus diffs each corpus framework with itself (no changes) and with
// the next one (a different occupation): every statement of either side
// must be accounted for exactly once, and the result must not depend on
// anything but the input.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/onet-29.3/*.json")
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("corpus missing")
		}
		t.Skip("corpus missing")
	}
	var fws []*framework.Framework
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := load.DecodeFramework(name, data, false)
		if f == nil {
			t.Fatalf("%s: %v", name, diags)
		}
		fws = append(fws, f)
	}
	moves := 0
	for i, f := range fws {
		if d := diff.Frameworks(f, f); !d.Empty() {
			t.Fatalf("%s against itself:\n%s", f.Occupation.SOC, d.Text())
		}
		g := fws[(i+1)%len(fws)]
		d := diff.Frameworks(f, g)
		n := d.Counts()
		moves += n.Moved
		if got, want := n.Added+n.Reworded+n.Unchanged+n.Moved, statementCount(g); got != want {
			t.Errorf("%s → %s: %d new statements accounted for, want %d", f.Occupation.SOC, g.Occupation.SOC, got, want)
		}
		if got, want := n.Removed+n.Reworded+n.Unchanged+n.Moved, statementCount(f); got != want {
			t.Errorf("%s → %s: %d old statements accounted for, want %d", f.Occupation.SOC, g.Occupation.SOC, got, want)
		}
		if i%16 != 0 {
			continue
		}
		if again := diff.Frameworks(f, g); again.Text() != d.Text() || again.Markdown() != d.Markdown() {
			t.Errorf("%s → %s: not deterministic", f.Occupation.SOC, g.Occupation.SOC)
		}
	}
	t.Logf("%d frameworks; %d moves between neighbouring occupations", len(fws), moves)
}

func statementCount(f *framework.Framework) int {
	n := 0
	for _, l := range f.Levels {
		n += len(l.Statements)
	}
	return n
}

func TestSets(t *testing.T) {
	sw := decode(t, "testdata/metadata/old.json")
	swNew := decode(t, "testdata/metadata/new.json")
	lab := decode(t, "testdata/seed-edits/old.json")
	labNew := decode(t, "testdata/seed-edits/new.json")
	survey := decode(t, "../../content/frameworks/19-4021.00.json")
	gone := fw("00-0000.00", "a=A: s")
	gone.Occupation.Title = "Retired occupation"
	added := fw("99-9999.00", "a=A: s | t", "b=B: u")
	added.Occupation.Title = "New occupation"

	s := diff.Sets([]*framework.Framework{survey, sw, lab, gone}, []*framework.Framework{labNew, added, survey, swNew, nil})
	var changed []string
	for _, d := range s.Changed {
		changed = append(changed, d.Code)
	}
	if len(s.Added) != 1 || s.Added[0] != added || len(s.Removed) != 1 || s.Removed[0] != gone ||
		!slices.Equal(changed, []string{"15-1252.00", "29-2012.00"}) || !slices.Equal(s.Unchanged, []string{"19-4021.00"}) {
		t.Fatalf("sets: %+v", s)
	}
	if s.Empty() || !diff.Sets([]*framework.Framework{sw}, []*framework.Framework{sw}).Empty() {
		t.Error("Empty is wrong")
	}
	golden(t, "testdata/sets.txt", s.Text())
	golden(t, "testdata/sets.md", s.Markdown())
}
