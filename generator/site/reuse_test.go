package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

// TestReuseEqualsFresh holds a rebuild's model to a fresh one: after each
// of a chain of edits, the model New makes with Reuse of the last one
// (as watch mode does) must be the model New makes from nothing, in every
// part a page shows (occupations, alignments, shared skills, related
// occupations with their reasons, comparisons, pages) and in every page's
// bytes. The site is a slice of the corpus, whose topics align by lookup
// and share skills widely, and the two seeds, whose own words the
// ranker aligns.
func TestReuseEqualsFresh(t *testing.T) {
	a := testAligner(t)
	in := reuseSite(t, 60)
	code := func(i int) string { return in.Frameworks[i].Occupation.SOC }
	edits := []struct {
		name string
		edit func(in *site.Input)
	}{
		{"performance text", func(in *site.Input) {
			// Another occupation's words, enough to move relations.
			var words []string
			for _, lv := range in.Frameworks[40].Levels {
				for _, st := range lv.Statements {
					words = append(words, st.Performance)
				}
			}
			editStatement(in, code(3), func(st *framework.Statement) { st.Performance = strings.Join(words, " ") })
		}},
		{"markdown page, frameworks the same", func(in *site.Input) {
			in.Pages = []*markup.Page{{File: "about.md", Body: []byte("# About us")}}
		}},
		{"topic of a seed", func(in *site.Input) {
			editStatement(in, "29-2012.00", func(st *framework.Statement) { st.Topic = "Laboratory safety" })
		}},
		{"topic to another occupation's", func(in *site.Input) {
			other := in.Frameworks[7].Levels[0].Statements[0].Topic
			editStatement(in, code(5), func(st *framework.Statement) { st.Topic = other })
		}},
		{"title, which moves the occupation", func(in *site.Input) {
			editFramework(in, code(10), func(f *framework.Framework) { f.Occupation.Title = "Aardvark Keepers" })
		}},
		{"group", func(in *site.Input) {
			editFramework(in, code(12), func(f *framework.Framework) { f.Occupation.Group = "Life, Physical & Social Science" })
		}},
		{"framework removed", func(in *site.Input) { in.Frameworks = slices.Delete(in.Frameworks, 20, 21) }},
		{"framework added", func(in *site.Input) {
			f := *in.Frameworks[0].Framework
			f.Occupation.SOC = "19-9999.00"
			in.Frameworks = append(in.Frameworks, site.Framework{Framework: &f, File: "frameworks/19-9999.00.json", Sum: 99})
		}},
		{"page edited again", func(in *site.Input) {
			in.Pages = []*markup.Page{{File: "about.md", Body: []byte("# About")}}
		}},
		// Without level pages, every level and statement is a part of
		// its occupation's page.
		{"level pages switched off", func(in *site.Input) { in.Config.Outputs.LevelPages = false }},
		{"topic, without level pages", func(in *site.Input) {
			editStatement(in, code(8), func(st *framework.Statement) { st.Topic = "Laboratory safety" })
		}},
		{"level pages switched on", func(in *site.Input) { in.Config.Outputs.LevelPages = true }},
	}
	last := model(t, in, site.WithAligner(a))
	for _, e := range edits {
		in.Frameworks = slices.Clone(in.Frameworks)
		e.edit(&in)
		reused := model(t, in, site.WithAligner(a), site.Reuse(last))
		fresh := model(t, in, site.WithAligner(a))
		if got, want := describeModel(reused), describeModel(fresh); got != want {
			t.Fatalf("after %s: the reused model differs from a fresh one:\n%s", e.name, firstDiff(got, want))
		}
		got, want := pageBytes(t, reused), pageBytes(t, fresh)
		for path, page := range want {
			if !bytes.Equal(got[path], page) {
				t.Fatalf("after %s: %s differs from a fresh model's:\n%s", e.name, path, firstDiff(string(got[path]), string(page)))
			}
		}
		last = reused
	}
}

// reuseSite is the first n frameworks of the corpus and the two seeds.
func reuseSite(t *testing.T, n int) site.Input {
	files, _ := filepath.Glob(filepath.Join(corpus.Dir(t), "*.json"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "content", "frameworks", "*.json"))
	in := input(nil, map[string]string{"about.md": "# About"})
	for i, f := range append(files[:n:n], seeds...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fw, diags := load.DecodeFramework(filepath.Base(f), data, false)
		if fw == nil {
			t.Fatal(diags)
		}
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: fw, File: "frameworks/" + filepath.Base(f), Sum: uint64(i + 1)})
	}
	return in
}

// editStatement edits the first statement of a copy of the framework
// with the code, as a new file decodes to a new value.
func editStatement(in *site.Input, code string, edit func(*framework.Statement)) {
	editFramework(in, code, func(f *framework.Framework) {
		st := &f.Levels[0].Statements[0]
		edit(st)
		*st = framework.Split(st.Topic + framework.TopicSeparator + st.Performance)
	})
}

// describeModel writes out what the pages of s show of its model, pointers
// as the paths of what they point to.
func describeModel(s *site.Site) string {
	var b strings.Builder
	for _, o := range s.Occupations {
		fmt.Fprintf(&b, "occupation %s %s %s\n", o.Code, o.Path, o.Title())
		for _, ol := range o.Levels {
			fmt.Fprintf(&b, " level %s %s elsewhere:%s\n", ol.Path, ol.Level.Path,
				paths(ol.Elsewhere, func(e *site.OccupationLevel) string { return e.Path }))
			for i, st := range ol.Statements {
				fmt.Fprintf(&b, "  %s %q", st.Anchor, st.Text)
				if ol.Skills != nil && ol.Skills[i] != nil {
					fmt.Fprintf(&b, " skill:%s", ol.Skills[i].Path)
				}
				if ol.Aligned != nil && ol.Aligned[i] != nil {
					al := ol.Aligned[i]
					fmt.Fprintf(&b, " aligned:%s %.4f %s", al.Element.ID, al.Score, al.Band)
					if al.Keyed() != nil {
						fmt.Fprintf(&b, " keyed:%s", al.Keyed().ID)
					}
					if al.Skill != nil {
						fmt.Fprintf(&b, " page:%s", al.Skill.Path)
					}
				}
				b.WriteString("\n")
			}
		}
		for _, r := range o.Related {
			w := r.Why
			fmt.Fprintf(&b, " related %s %q compare:%s group:%v sector:%v shared:%d names:%q at:%d",
				r.Code, r.Reason(), r.Compare.Query(), w.SameGroup, w.SameSector, w.Shared, w.Names, w.AtCount)
			if w.AtLevel != nil {
				fmt.Fprintf(&b, " %s", w.AtLevel.Path)
			}
			b.WriteString("\n")
		}
	}
	for _, sk := range s.Skills {
		fmt.Fprintf(&b, "skill %s %s %q %d:", sk.Path, sk.Key, sk.Name, sk.Occupations)
		for _, u := range sk.Uses {
			fmt.Fprintf(&b, " %s#%s", u.Level.Path, u.Statement.Anchor)
		}
		b.WriteString("\n")
	}
	for _, c := range s.Comparisons {
		fmt.Fprintf(&b, "comparison %s %d\n", c.Query(), c.Shared)
		for _, l := range c.Levels() {
			for _, r := range l.Rows {
				fmt.Fprintf(&b, " %v %v %v\n", r.A != nil && r.A.Anchor != "", r.B != nil && r.B.Anchor != "", r.Skill != nil && r.Skill.Path != "")
			}
		}
	}
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "page %s %s %q %q %v\n", p.Kind, p.Path, p.Title, p.Description, p.Crumbs)
	}
	return b.String()
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestKeepRelationsThroughTopicEdit holds when a quick rebuild keeps the
// related occupations: on an aligned site through an edit of a topic, as
// through one of a performance text; on a site related by topics, only
// through the performance text.
func TestKeepRelationsThroughTopicEdit(t *testing.T) {
	a := testAligner(t)
	in := reuseSite(t, 6)
	code := in.Frameworks[0].Occupation.SOC
	tests := []struct {
		name        string
		aligned     bool
		edit        func(*framework.Statement)
		provisional bool
	}{
		{"aligned, topic", true, func(st *framework.Statement) { st.Topic = "Edited " + st.Topic }, true},
		{"aligned, performance", true, func(st *framework.Statement) { st.Performance += " with care" }, true},
		{"topics, topic", false, func(st *framework.Statement) { st.Topic = "Edited " + st.Topic }, false},
		{"topics, performance", false, func(st *framework.Statement) { st.Performance += " with care" }, true},
	}
	for _, tt := range tests {
		var opts []site.Option
		if tt.aligned {
			opts = append(opts, site.WithAligner(a))
		}
		prev, _ := site.New(in, opts...)
		edited := in
		edited.Frameworks = slices.Clone(in.Frameworks)
		editStatement(&edited, code, tt.edit)
		s, _ := site.New(edited, append(opts, site.Reuse(prev), site.KeepRelations())...)
		if s.Provisional != tt.provisional {
			t.Errorf("%s: provisional %v, want %v", tt.name, s.Provisional, tt.provisional)
		}
	}
}

// testAligner returns an aligner of the embedded taxonomy.
func testAligner(t *testing.T) *align.Aligner {
	t.Helper()
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	return align.New(tax)
}
