package preflight

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
)

// framework is a framework file with the given code, title and levels
// (key, label and statements each).
func framework(code, title string, levels ...[3]string) string {
	var b strings.Builder
	b.WriteString(`{
  "schemaVersion": "1.0",
  "occupation": {"soc": "` + code + `", "title": "` + title + `"},
  "framework": {
    "levels": {`)
	for i, l := range levels {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n      \"" + l[0] + "\": {\"label\": \"" + l[1] + "\", \"statements\": [" + l[2] + "]}")
	}
	b.WriteString("\n    }\n  }\n}\n")
	return b.String()
}

// siteOf writes files into a site folder (with ladder.toml when toml is
// not empty) and models it.
func siteOf(t *testing.T, toml string, files map[string]string) (*site.Site, Source) {
	t.Helper()
	dir := t.TempDir()
	if toml != "" {
		os.WriteFile(filepath.Join(dir, "ladder.toml"), []byte(toml), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "content", "frameworks"), 0o755)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, "content", "frameworks", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, diags := load.Site(dir, load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}, load.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	fws := make([]site.Framework, len(in.Frameworks))
	for i, f := range in.Frameworks {
		fws[i] = site.Framework{Framework: f.Framework, File: f.File, Sum: f.Sum}
	}
	s, diags := site.New(site.Input{Config: in.Config, Text: in.Text, Frameworks: fws, Pages: in.Pages})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	src := func(o *site.Occupation) (string, []byte) {
		data, _ := os.ReadFile(filepath.Join(dir, "content", o.File))
		return "content/" + o.File, data
	}
	return s, src
}

const base = "base_url = \"https://example.org/\"\n"

func TestCheck(t *testing.T) {
	long := strings.Repeat("Very long topic ", 8) // 128 characters
	std := [][3]string{{"emerging", "Emerging", `"Topic — does"`}, {"advanced", "Advanced", `"Other — does more"`}}
	cases := []struct {
		name, lms, toml string
		file            string
		want            []string // "severity file:line:col path: message part"
	}{
		{"clean", "moodle", base, framework("11-0001.00", "Clean", std...), nil},
		{"clean in canvas", "canvas", base, framework("11-0001.00", "Clean", std...), nil},
		{"no base URL", "blackboard", "", framework("11-0001.00", "Clean", std...),
			[]string{"warning ladder.toml base_url: no base_url"}},
		{"long topic", "moodle", base, framework("11-0001.00", "Long", [3]string{"emerging", "Emerging", `"` + long + ` — does"`}),
			[]string{"warning content/frameworks/f.json:6:56 framework.levels.emerging.statements[0]: Moodle's competency short name holds 100"}},
		{"long topic fits Canvas", "canvas", base, framework("11-0001.00", "Long", [3]string{"emerging", "Emerging", `"` + long + ` — does"`}), nil},
		{"comma in a label", "moodle", base, framework("11-0001.00", "Comma", [3]string{"emerging", "Emerging, early", `"T — d"`}),
			[]string{"warning content/frameworks/f.json:6:29 framework.levels.emerging.label: Moodle scale values are separated by commas"}},
		{"equal labels", "canvas", base, framework("11-0001.00", "Twice", [3]string{"a", "Level", `"T — d"`}, [3]string{"b", "level", `"U — d"`}),
			[]string{"error content/frameworks/f.json:7:22 framework.levels.b.label: two levels are labelled \"level\": Canvas's ratings"}},
		{"long title", "brightspace", base, framework("11-0001.00", strings.Repeat("Title ", 40), std...),
			[]string{"warning content/frameworks/f.json:3:48 occupation.title: SCORM 1.2 titles hold 200"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, src := siteOf(t, c.toml, map[string]string{"f.json": c.file})
			res, err := Check(s, c.lms, src, "ladder.toml")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Problems {
				got = append(got, describe(d))
			}
			if len(got) != len(c.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("got\n%s\nwant it to start with\n%s", got[i], c.want[i])
				}
			}
		})
	}
}

// describe formats d as "severity file:line:col path: message".
func describe(d diag.Diagnostic) string {
	sev := "error"
	if d.Severity == diag.Warning {
		sev = "warning"
	}
	loc := d.File
	if d.Line > 0 {
		loc += ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column)
	}
	return sev + " " + loc + " " + d.Path + ": " + d.Message
}

// TestMoodleScales checks the notes: one scale per level scheme, named
// after it, with how many frameworks use it.
func TestMoodleScales(t *testing.T) {
	std := [][3]string{{"emerging", "Emerging", `"T — d"`}, {"advanced", "Advanced", `"U — d"`}}
	s, src := siteOf(t, base, map[string]string{
		"a.json": framework("11-0001.00", "A", std...),
		"b.json": framework("11-0002.00", "B", std...),
		"c.json": framework("11-0003.00", "C", [3]string{"novice", "Novice", `"T — d"`}, [3]string{"expert", "Expert", `"U — d"`}),
	})
	res, err := Check(s, "moodle", src, "ladder.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 2 || !strings.Contains(res.Notes[0], `"Emerging – Advanced", values "Emerging,Advanced" (2 frameworks)`) ||
		!strings.Contains(res.Notes[1], `"Novice – Expert", values "Novice,Expert" (1 framework)`) {
		t.Errorf("notes %q", res.Notes)
	}
	if _, err := Check(s, "sakai", src, "ladder.toml"); err == nil {
		t.Error("an unknown LMS was accepted")
	}
}
