package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/templates"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb, Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}}
	code = app.Run(args)
	return code, out.String(), errb.String()
}

func TestExitCodesAndUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
	}{
		{nil, ExitUsage, "", "Usage:"},
		{[]string{"frobnicate"}, ExitUsage, "", `unknown command "frobnicate"`},
		{[]string{"help"}, ExitOK, "Commands:", ""},
		{[]string{"-h"}, ExitOK, "Commands:", ""},
		{[]string{"version"}, ExitOK, "ladder " + Version, ""},
		{[]string{"build", "-h"}, ExitOK, "Usage: ladder build", ""},
		{[]string{"check", "-h"}, ExitOK, "Usage: ladder check", ""},
		{[]string{"init", "-h"}, ExitOK, "Usage: ladder init DIR", ""},
		{[]string{"version", "-h"}, ExitOK, "Usage: ladder version", ""},
		{[]string{"help", "build"}, ExitOK, "--base-url", ""},
		{[]string{"build", "--bogus"}, ExitUsage, "", "flag provided but not defined: -bogus"},
		{[]string{"build", "extra"}, ExitUsage, "", `unexpected argument "extra"`},
		{[]string{"init"}, ExitUsage, "", "missing argument"},
		{[]string{"check", "--source", "testdata/does-not-exist"}, ExitOK, "is valid: 2 frameworks", ""},
		{[]string{"check", "--source", "testdata/does-not-exist", "--lms", "moodle"}, ExitOK, `Moodle scale "Emerging – Advanced", values "Emerging,Developing,Proficient,Advanced" (2 frameworks)`, "warning: base_url: no base_url"},
		{[]string{"check", "--source", "testdata/does-not-exist", "--lms", "blackboard"}, ExitOK, "ready to import into blackboard", ""},
		{[]string{"check", "--lms", "sakai"}, ExitUsage, "", `unknown --lms "sakai"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q / %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestCheckLMSLocatesErrors runs the Canvas pre-flight on a framework
// whose two levels share a label: an error at the second label's line and
// column, exit 1.
func TestCheckLMSLocatesErrors(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "frameworks"), 0o755)
	data := `{
  "occupation": {"soc": "11-0001.00", "title": "Twice"},
  "framework": {"levels": {
    "a": {"label": "Level", "statements": ["T — d"]},
    "b": {"label": "Level", "statements": ["U — d"]}
  }}
}
`
	if err := os.WriteFile(filepath.Join(dir, "content", "frameworks", "x.json"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "check", "--source", dir, "--lms", "canvas")
	want := filepath.ToSlash(filepath.Join(dir, "content", "frameworks", "x.json")) + `:5:20: framework.levels.b.label: two levels are labelled "Level"`
	if code != ExitInput || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if code, _, _ := run(t, "check", "--source", dir); code != ExitOK {
		t.Errorf("without --lms: exit %d, want 0", code)
	}
}

func TestInitBuildAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := run(t, "init", dir); code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"ladder.toml", "content/_index.md", "content/about.md", "content/frameworks/29-2012.00.json", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if code, _, stderr := run(t, "init", dir); code != ExitInput || !strings.Contains(stderr, "already exists") {
		t.Errorf("init over an existing site: exit %d, %q", code, stderr)
	}
	if code, stdout, stderr := run(t, "check", "--source", dir, "--strict"); code != ExitOK {
		t.Fatalf("check: exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, stderr := run(t, "build", "--source", dir)
	if code != ExitOK || !strings.Contains(stdout, "wrote 28 pages") {
		t.Fatalf("build: exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "occupations", "29-2012.00", "advanced", "index.html")); err != nil {
		t.Error(err)
	}

	// A broken framework: check and build both exit 1 with the located error.
	bad := filepath.Join(dir, "content", "frameworks", "bad.json")
	if err := os.WriteFile(bad, []byte(`{"occupation": {"soc": 5}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := run(t, cmd, "--source", dir)
		want := "bad.json:1:24: occupation.soc: expected a string, found number 5"
		if code != ExitInput || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 with %q", cmd, code, stderr, want)
		}
	}
}

func TestBuildRefusesUnmarkedOutput(t *testing.T) {
	out := t.TempDir()
	keep := filepath.Join(out, "precious.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "build", "--source", t.TempDir(), "--out", out)
	if code != ExitInput || !strings.Contains(stderr, "marker") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if data, err := os.ReadFile(keep); err != nil || string(data) != "mine" {
		t.Errorf("unmarked output folder was touched: %v", err)
	}
}

func TestCheckFormatsAndSummary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := run(t, "init", dir); code != ExitOK {
		t.Fatal("init failed")
	}
	bad := filepath.Join(dir, "content", "frameworks", "bad.json")
	if err := os.WriteFile(bad, []byte("{\"occupation\": {\"soc\": 5, \"colour\": 1}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "check", "--source", dir, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != ExitInput {
		t.Fatalf("exit %d, output %q: %v", code, stdout, err)
	}
	want := []map[string]any{
		{"file": dir + "/content/frameworks/bad.json", "line": 1.0, "column": 1.0, "severity": "error", "message": `missing "framework": expected an object`},
		{"file": dir + "/content/frameworks/bad.json", "line": 1.0, "column": 16.0, "path": "occupation", "severity": "error", "message": `missing "title": expected a string`},
		{"file": dir + "/content/frameworks/bad.json", "line": 1.0, "column": 24.0, "path": "occupation.soc", "severity": "error", "message": "expected a string, found number 5"},
		{"file": dir + "/content/frameworks/bad.json", "line": 1.0, "column": 37.0, "path": "occupation.colour", "severity": "warning", "message": `unknown field "colour" (ignored)`},
	}
	if len(got) < len(want) {
		t.Fatalf("got %v", got)
	}
	for i, w := range want {
		for k, v := range w {
			if got[i][k] != v {
				t.Errorf("diagnostic %d: %s = %v, want %v", i, k, got[i][k], v)
			}
		}
	}

	code, stdout, _ = run(t, "check", "--source", dir, "--format", "github")
	if code != ExitInput || !strings.Contains(stdout, "::error file="+dir+"/content/frameworks/bad.json,line=1,col=24,title=ladder%3A occupation.soc::expected a string, found number 5\n") ||
		!strings.Contains(stdout, "::warning file=") {
		t.Errorf("github format: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "check", "--source", dir, "--format", "xml"); code != ExitUsage || !strings.Contains(stderr, `unknown --format "xml"`) {
		t.Errorf("bad format: exit %d, %q", code, stderr)
	}

	os.Remove(bad)
	sum := filepath.Join(t.TempDir(), "summary.json")
	code, stdout, _ = run(t, "build", "--source", dir, "--summary", sum)
	if code != ExitOK || !strings.Contains(stdout, ", 0 warnings") {
		t.Fatalf("build: exit %d, %q", code, stdout)
	}
	var s struct {
		OK    bool
		Pages int
		Bytes int64
		Steps []struct{ Name string }
	}
	data, err := os.ReadFile(sum)
	if err != nil || json.Unmarshal(data, &s) != nil || !s.OK || s.Pages != 28 || s.Bytes == 0 || len(s.Steps) == 0 {
		t.Errorf("summary %s: %v", data, err)
	}
}

func TestNewFramework(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, _ := run(t, "init", dir); code != ExitOK {
		t.Fatal("init failed")
	}
	code, stdout, stderr := run(t, "new", "framework", "29-2099.00", "--title", "Phlebotomists", "--source", dir, "--group", "Healthcare Support", "--job-zone", "2")
	if code != ExitOK {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content", "frameworks", "29-2099.00.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The new file uses the site's levels, in order, and passes --strict.
	last := -1
	for _, key := range []string{`"emerging"`, `"developing"`, `"proficient"`, `"advanced"`} {
		i := strings.Index(string(data), key)
		if i < last {
			t.Fatalf("level %s out of order:\n%s", key, data)
		}
		last = i
	}
	if code, _, stderr := run(t, "check", "--source", dir, "--strict"); code != ExitOK {
		t.Errorf("the new framework fails check: %s", stderr)
	}
	for _, args := range [][]string{
		{"new", "framework", "29-2099.00", "--title", "Again", "--source", dir},
		{"new", "framework", "../x", "--title", "Escape", "--source", dir},
	} {
		if code, _, _ := run(t, args...); code != ExitInput {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
	}
	if code, _, _ := run(t, "new", "framework", "x"); code != ExitUsage {
		t.Errorf("missing --title: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "new", "thing"); code != ExitUsage {
		t.Errorf("new thing: exit %d, want 2", code)
	}
}

func TestSchemaAndDiff(t *testing.T) {
	code, stdout, _ := run(t, "schema")
	var s map[string]any
	if code != ExitOK || json.Unmarshal([]byte(stdout), &s) != nil || s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("schema: exit %d, %.200s", code, stdout)
	}
	dir := t.TempDir()
	seed, _ := os.ReadFile("../../content/frameworks/29-2012.00.json")
	oldF, newF := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	os.WriteFile(oldF, seed, 0o644)
	os.WriteFile(newF, []byte(strings.Replace(string(seed), `"label":"Advanced"`, `"label":"Expert"`, 1)), 0o644)
	code, stdout, stderr := run(t, "diff", oldF, newF)
	if code != ExitOK || !strings.Contains(stdout, "Expert") {
		t.Errorf("diff: exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "diff", "--format", "markdown", oldF, newF)
	if code != ExitOK || !strings.Contains(stdout, "Expert") {
		t.Errorf("diff markdown: exit %d, %q", code, stdout)
	}
	os.WriteFile(newF, []byte("{"), 0o644)
	if code, _, stderr := run(t, "diff", oldF, newF); code != ExitInput || !strings.Contains(stderr, "new.json:1:2") {
		t.Errorf("diff of a broken file: exit %d, %q", code, stderr)
	}
	if code, _, _ := run(t, "diff", oldF); code != ExitUsage {
		t.Errorf("diff with one argument: exit %d", code)
	}
}

func TestBuildProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	code, _, stderr := run(t, "build", "--source", dir, "--out", filepath.Join(dir, "public"), "--cpuprofile", cpu, "--memprofile", mem)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []string{cpu, mem} {
		data, err := os.ReadFile(p)
		// pprof writes gzip-compressed protocol buffers.
		if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s is not a profile (%d bytes, %v)", filepath.Base(p), len(data), err)
		}
	}
	if code, _, _ := run(t, "build", "--source", dir, "--out", filepath.Join(dir, "public"), "--cpuprofile", filepath.Join(dir, "missing", "cpu.prof")); code != ExitUsage {
		t.Errorf("an unwritable profile: exit %d, want %d", code, ExitUsage)
	}
}
