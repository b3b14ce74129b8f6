package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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
		{[]string{"serve", "-h"}, ExitOK, "Usage: ladder serve", ""},
		{[]string{"new", "-h"}, ExitOK, "Usage: ladder new", ""},
		{[]string{"new", "framework", "-h"}, ExitOK, "Usage: ladder new", ""},
		{[]string{"diff", "-h"}, ExitOK, "Usage: ladder diff", ""},
		{[]string{"schema", "-h"}, ExitOK, "Usage: ladder schema", ""},
		{[]string{"help", "serve"}, ExitOK, "--port", ""},
		{[]string{"build", "--bogus"}, ExitUsage, "", "flag provided but not defined: -bogus"},
		{[]string{"build", "extra"}, ExitUsage, "", `unexpected argument "extra"`},
		{[]string{"init"}, ExitUsage, "", "missing argument"},
		{[]string{"check", "--source", "."}, ExitOK, "is valid: 2 frameworks", ""},
		{[]string{"check", "--source", "testdata/does-not-exist"}, ExitInput, "", "testdata/does-not-exist: the site folder does not exist"},
		{[]string{"build", "--source", "testdata/does-not-exist"}, ExitInput, "", "testdata/does-not-exist: the site folder does not exist"},
		{[]string{"check", "--source", ".", "--lms", "moodle"}, ExitOK, `Moodle scale "Emerging – Advanced", values "Emerging,Developing,Proficient,Advanced" (2 frameworks)`, "warning: base_url: no base_url"},
		{[]string{"check", "--source", ".", "--lms", "blackboard"}, ExitOK, "ready to import into blackboard", "warning: base_url: no base_url"},
		{[]string{"check", "--lms", "sakai"}, ExitUsage, "", `unknown --lms "sakai"`},
		{[]string{"build", "--host", "geocities"}, ExitUsage, "", `--host: unknown host "geocities": expected one of cloudflare-pages, github-pages, gitlab-pages, netlify, s3`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d with %q / %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
			// Usage is printed once, to one stream: stdout for help,
			// stderr for a mistake.
			if n := strings.Count(stdout+stderr, "Usage:"); n > 1 {
				t.Errorf("usage printed %d times: stdout %q, stderr %q", n, stdout, stderr)
			}
			// Only warnings belong on stderr when all went well.
			if code == ExitOK && tt.stderr == "" && stderr != "" {
				t.Errorf("help or success wrote to stderr: %q", stderr)
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
	code, stdout, stderr := run(t, "build", "--source", dir, "--host", "cloudflare-pages")
	if code != ExitOK || !strings.Contains(stdout, "wrote 24 pages") || !strings.Contains(stdout, "ladder: Cloudflare Pages (Free plan): ") {
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
	if err != nil || json.Unmarshal(data, &s) != nil || !s.OK || s.Pages != 24 || s.Bytes == 0 || len(s.Steps) == 0 {
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
	if code, _, _ := run(t, "new", "framework", "29-2099.00", "--title", "Again", "--source", dir); code != ExitInput {
		t.Errorf("a second 29-2099.00: exit %d, want 1", code)
	}
}

// TestNewFrameworkForPeople checks what a new user met with `ladder new
// framework`: it refuses to scatter files outside a site folder, rejects
// a bad code without naming a file it never wrote, writes "&" as "&", and
// its example statements are warnings (at their line) until replaced.
func TestNewFrameworkForPeople(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, _, _ := run(t, "init", site); code != ExitOK {
		t.Fatal("init failed")
	}
	empty := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"outside a site", []string{"new", "framework", "29-2099.00", "--title", "T", "--source", empty}, ExitUsage, "is not a site folder"},
		{"path-escaping code", []string{"new", "framework", "../x", "--title", "T", "--source", site}, ExitUsage, `CODE: unsafe occupation code "../x"`},
		{"code with a space", []string{"new", "framework", "bad code", "--title", "T", "--source", site}, ExitUsage, `CODE: unsafe occupation code "bad code"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || strings.Contains(stderr, ".json") {
				t.Errorf("exit %d, stderr %q; want exit %d with %q and no file name", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("new framework wrote %d entries outside a site", len(entries))
	}

	if code, _, stderr := run(t, "new", "framework", "53-7062.00", "--title", "Hand Laborers & Movers", "--group", "Transportation & Material Moving", "--source", site); code != ExitOK {
		t.Fatalf("new framework: %s", stderr)
	}
	data, err := os.ReadFile(filepath.Join(site, "content", "frameworks", "53-7062.00.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"Hand Laborers & Movers"`) || strings.Contains(string(data), `\u0026`) {
		t.Errorf("the title is not written as typed:\n%s", data)
	}
	code, _, stderr := run(t, "check", "--source", site)
	if code != ExitOK || !strings.Contains(stderr, "content/frameworks/53-7062.00.json:") || !strings.Contains(stderr, "placeholder statement") {
		t.Errorf("check: exit %d, stderr %q; want placeholder warnings", code, stderr)
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

// TestInitForPeople checks what `init` leaves a person to read: the
// example framework indented over many short lines, so that an error in
// it points at a line, and a next step that opens the site on this
// operating system.
func TestInitForPeople(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := run(t, "init", dir)
	if code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	if want := opener(runtime.GOOS) + " " + filepath.Join("public", "index.html"); !strings.Contains(stdout, want) {
		t.Errorf("init's next steps %q lack %q", stdout, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content", "frameworks", "29-2012.00.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The build says once that without a base URL some URLs stay relative.
	if code, stdout, stderr := run(t, "build", "--source", dir); code != ExitOK || strings.Count(stdout, "ladder: note: no base URL") != 1 {
		t.Errorf("build: exit %d, stdout %q, stderr %q; want one note about the base URL", code, stdout, stderr)
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 20 || !strings.HasPrefix(lines[1], "  \"") {
		t.Errorf("the example framework is %d lines, starting %q; want it indented", len(lines), lines[:min(2, len(lines))])
	}
}

func TestOpener(t *testing.T) {
	for goos, want := range map[string]string{"linux": "xdg-open", "freebsd": "xdg-open", "darwin": "open", "windows": "start"} {
		if got := opener(goos); got != want {
			t.Errorf("opener(%q) = %q, want %q", goos, got, want)
		}
	}
}

// TestReadmeQuickStart holds the README's first steps to what a new user
// needs: building and opening the site on any desktop, without the test
// suite (which installs tools and takes long) posing as a set-up step.
func TestReadmeQuickStart(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "## Quick start")
	end := strings.Index(readme[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("README has no Quick start section")
	}
	quick := readme[start : start+1+end]
	for _, want := range []string{"xdg-open public/index.html", "open public/index.html", "ladder init"} {
		if !strings.Contains(quick, want) {
			t.Errorf("Quick start lacks %q", want)
		}
	}
	if strings.Contains(quick, "scripts/test.sh") {
		t.Error("Quick start presents the test suite as a set-up step")
	}
	dev := readme[strings.Index(readme, "## Development"):]
	if !strings.Contains(dev, "scripts/test.sh") || !strings.Contains(dev, "installs") {
		t.Error("Development does not say what scripts/test.sh does")
	}
}

// TestFailMessages checks how errors reach a person: an interrupted
// build (Ctrl-C) says so plainly with its own exit code, not "context
// canceled"; other errors keep theirs.
func TestFailMessages(t *testing.T) {
	tests := []struct {
		err    error
		code   int
		stderr string
	}{
		{context.Canceled, ExitInterrupted, "ladder: interrupted: the output folder was left as it was\n"},
		{fmt.Errorf("rendering: %w", context.Canceled), ExitInterrupted, "ladder: interrupted: the output folder was left as it was\n"},
		{errors.New("disk full"), ExitInput, "ladder: disk full\n"},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		app := &App{Stdout: io.Discard, Stderr: &errb}
		if code := app.fail(tt.err); code != tt.code || errb.String() != tt.stderr {
			t.Errorf("fail(%v) = %d, %q; want %d, %q", tt.err, code, errb.String(), tt.code, tt.stderr)
		}
	}
}
