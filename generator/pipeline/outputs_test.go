package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestOutputsSwitchedOff builds the seeds with optional outputs off in
// ladder.toml and checks that their files are not written, that no page
// links them (static link check), and that the catalogue, feed and
// JSON-LD do not name them; with every output on, all are there. The JSON
// output chooses what the framework file holds: the normalized framework,
// with its "ladder" member, or the file as it came.
func TestOutputsSwitchedOff(t *testing.T) {
	perOccupation := map[string]string{ // output key: a file of 29-2012.00 it writes
		"case":                 "occupations/29-2012.00/29-2012.00.case.json",
		"csv":                  "occupations/29-2012.00/29-2012.00.moodle.csv",
		"scorm_per_occupation": "downloads/scorm/29-2012.00.zip",
		"bundle":               "downloads/frameworks.zip",
		"site_packages":        "downloads/frameworks.imscc",
	}
	tests := []struct {
		name string
		toml string
		off  []string
	}{
		{"all on", "", nil},
		// content/lms.md links the site-wide packages: a site
		// that switches those off edits its lms.md (see README).
		{"per-framework files off", "[outputs]\ncase = false\njson = false\nscorm_per_occupation = false\nbundle = false\n",
			[]string{"case", "json", "scorm_per_occupation", "bundle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte(tt.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _ := buildSite(t, src, Options{})
			off := map[string]bool{}
			for _, k := range tt.off {
				off[k] = true
			}
			for key, file := range perOccupation {
				_, err := os.Stat(filepath.Join(out, file))
				if exists := err == nil; exists == off[key] {
					t.Errorf("%s: %s exists: %v, want %v", key, file, exists, !off[key])
				}
			}
			qa.AssertNone(t, "links", qa.CheckLinksStatic(out))
			page := readFile(t, filepath.Join(out, "occupations", "29-2012.00", "index.html"))
			for key, file := range perOccupation {
				name := file[strings.LastIndex(file, "/")+1:]
				linked := strings.Contains(page, "/"+name+`"`) || strings.Contains(page, `"`+name+`"`)
				if linked == off[key] {
					t.Errorf("%s: the occupation page names %s: %v, want %v", key, name, linked, !off[key])
				}
			}
			var framework struct{ Ladder any }
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "occupations", "29-2012.00", "29-2012.00.json"))), &framework); err != nil {
				t.Fatal(err)
			}
			if (framework.Ladder == nil) != off["json"] {
				t.Errorf("the framework file has a ladder member: %v, with the JSON output off: %v", framework.Ladder != nil, off["json"])
			}
			var cat struct{ Bundle any }
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "frameworks.json"))), &cat); err != nil {
				t.Fatal(err)
			}
			if (cat.Bundle == nil) != off["bundle"] {
				t.Errorf("catalogue bundle %v with the bundle off: %v", cat.Bundle, off["bundle"])
			}
			if feed := readFile(t, filepath.Join(out, "feed.xml")); strings.Contains(feed, ".case.json") == off["case"] {
				t.Errorf("the feed links the CASE files: %v, with CASE off: %v", !off["case"], off["case"])
			}
		})
	}
}

// TestOutputOf builds the seeds with every output on and with every one
// off, and checks that OutputOf names a switch for exactly the files the
// second build leaves out.
func TestOutputOf(t *testing.T) {
	files := func(toml string) map[string]bool {
		src := t.TempDir()
		if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _ := buildSite(t, src, Options{})
		got := map[string]bool{}
		err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				got[filepath.ToSlash(rel)] = true
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	var off strings.Builder
	off.WriteString("[outputs]\n")
	for _, o := range config.OutputList() {
		off.WriteString(o.Key + " = false\n")
	}
	all, some := files(""), files(off.String())
	switches := map[string]int{}
	for f := range all {
		key := OutputOf(f)
		if gone := !some[f]; gone != (key != "") {
			t.Errorf("%s: OutputOf = %q, but with every output off the file is gone: %v", f, key, gone)
		}
		switches[key]++
	}
	for _, o := range config.OutputList() {
		// The JSON output changes what the framework file holds, not
		// whether there is one (see TestOutputsSwitchedOff).
		if switches[o.Key] == 0 && o.Key != "json" {
			t.Errorf("no file of the seeds is output %q", o.Key)
		}
	}
	for f := range some {
		if !all[f] {
			t.Errorf("%s is written only with the outputs off", f)
		}
	}
}
