package site_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
)

// TestFingerprints edits the three-occupation fixture and renders every
// page before and after with the embedded templates: a page whose bytes
// changed must have a new fingerprint (else a rebuild would keep it
// stale), and the pages an edit cannot touch keep theirs (else a
// rebuild would redo them for nothing).
func TestFingerprints(t *testing.T) {
	tests := []struct {
		name string
		edit func(in *site.Input)
		// changed and kept are path prefixes of pages whose fingerprint
		// must change, and must not.
		changed, kept []string
	}{
		{"reword a statement of the programmer", func(in *site.Input) {
			editFramework(in, programmer.code, func(f *framework.Framework) {
				f.Levels[0].Statements[0] = framework.Split("Code review — read the code of colleagues and suggest changes.")
			})
		}, []string{"occupations/15-1251.00/emerging/", "embed/occupations/15-1251.00/index.html"},
			[]string{"occupations/29-2012.00/", "occupations/31-9097.00/", "index.html", "groups/", "skills/", "about/", "compare/"}},
		{"add a statement to the phlebotomist", func(in *site.Input) {
			editFramework(in, phlebotomist.code, func(f *framework.Framework) {
				f.Levels[1].Statements = append(f.Levels[1].Statements, framework.Split("Patient care — calm anxious patients."))
			})
		}, []string{"occupations/31-9097.00/advanced/", "occupations/index.html", "groups/healthcare/"},
			[]string{"occupations/15-1251.00/emerging/", "groups/computing/", "about/"}},
		{"retitle the lab technician", func(in *site.Input) {
			editFramework(in, labTech.code, func(f *framework.Framework) { f.Occupation.Title = "Clinical Laboratory Technicians" })
		}, []string{"occupations/29-2012.00/", "occupations/index.html", "groups/healthcare/", "skills/specimen-handling/"},
			[]string{"occupations/15-1251.00/", "groups/computing/", "about/", "search/"}},
		{"edit the about page", func(in *site.Input) {
			in.Pages[0] = &markup.Page{File: "about.md", Body: []byte("# About us")}
		}, []string{"about/"},
			[]string{"index.html", "occupations/", "levels/", "groups/", "skills/", "compare/", "search/", "embed/"}},
		{"rename the site", func(in *site.Input) { in.Config.Title = "Lab careers" },
			[]string{"index.html", "occupations/", "levels/", "about/", "search/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input([]occ{labTech, phlebotomist, programmer}, map[string]string{"about.md": "# About"})
			before := model(t, in)
			edited := in
			edited.Frameworks = slices.Clone(in.Frameworks)
			edited.Pages = slices.Clone(in.Pages)
			tt.edit(&edited)
			after := model(t, edited, site.Reuse(before))
			old, new := pageBytes(t, before), pageBytes(t, after)
			prints := map[string]uint64{}
			for _, p := range before.Pages {
				prints[p.Path] = p.Fingerprint
			}
			for _, p := range after.Pages {
				was, ok := prints[p.Path]
				if !ok {
					continue
				}
				same := was == p.Fingerprint
				if same && !bytes.Equal(old[p.Path], new[p.Path]) {
					t.Errorf("%s changed but kept its fingerprint: a rebuild would leave it stale", p.Path)
				}
				if !same && matches(p.Path, tt.kept) {
					t.Errorf("%s: new fingerprint, though the edit cannot change it", p.Path)
				}
				if same && matches(p.Path, tt.changed) {
					t.Errorf("%s kept its fingerprint", p.Path)
				}
			}
		})
	}
}

// editFramework replaces the framework with code in in by an edited copy.
func editFramework(in *site.Input, code string, edit func(*framework.Framework)) {
	for i, f := range in.Frameworks {
		if f.Occupation.SOC == code {
			copied := *f.Framework
			copied.Levels = slices.Clone(copied.Levels)
			for j := range copied.Levels {
				copied.Levels[j].Statements = slices.Clone(copied.Levels[j].Statements)
			}
			edit(&copied)
			in.Frameworks[i] = site.Framework{Framework: &copied, File: f.File, Sum: f.Sum + 100}
		}
	}
}

func matches(p string, prefixes []string) bool {
	for _, pre := range prefixes {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// pageBytes renders every page of s with the embedded templates.
func pageBytes(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	r, err := render.New(s, templates.FS, markup.New())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range s.Pages {
		var buf bytes.Buffer
		if err := r.Page(&buf, p); err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		out[p.Path] = buf.Bytes()
	}
	return out
}
