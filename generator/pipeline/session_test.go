package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sessionSite writes a site folder with the two seed frameworks and a page.
func sessionSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	for _, name := range []string{"frameworks/29-2012.00.json", "frameworks/19-4021.00.json", "about.md", "_index.md"} {
		data, err := fs.ReadFile(testDefaults().Content, name)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(src, "content", name), string(data))
	}
	return src
}

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", p, old)
	}
	writeFile(t, p, strings.Replace(string(data), old, new, 1))
	// Make sure the modification time moves even on coarse clocks.
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(p, later, later)
}

// TestSessionMatchesFreshBuilds edits a site step by step and checks after
// each incremental build that the output is byte for byte what a fresh
// build of the same input writes, and that only what changed was rendered.
func TestSessionMatchesFreshBuilds(t *testing.T) {
	src := sessionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	sess := NewSession(Options{Source: src, Out: out, Defaults: testDefaults()})
	res, err := sess.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != res.Pages {
		t.Fatalf("first build rendered %d of %d pages", res.Rendered, res.Pages)
	}
	steps := sessionSteps(t, src)
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit()
			var before time.Time
			if st.mustNotWrite != "" {
				fi, err := os.Stat(filepath.Join(out, st.mustNotWrite))
				if err != nil {
					t.Fatal(err)
				}
				before = fi.ModTime()
			}
			res, err := sess.Build(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.Rendered > st.maxRendered {
				t.Errorf("rendered %d pages, want at most %d", res.Rendered, st.maxRendered)
			}
			if st.mustChange != "" && !contains(res.Changed, st.mustChange) {
				t.Errorf("%s not among the changed files %v", st.mustChange, res.Changed)
			}
			if st.mustNotWrite != "" {
				fi, _ := os.Stat(filepath.Join(out, st.mustNotWrite))
				if !fi.ModTime().Equal(before) || contains(res.Changed, st.mustNotWrite) {
					t.Errorf("%s was rewritten", st.mustNotWrite)
				}
			}
			fresh := buildOver(t, src, out)
			if a, b := treeHash(t, out), treeHash(t, fresh); a != b {
				t.Errorf("incremental output differs from a fresh build: %s", treeDiff(t, out, fresh))
			}
		})
	}
}

// sessionStep is one edit of the site made by sessionSite.
type sessionStep struct {
	name         string
	edit         func()
	maxRendered  int    // at most this many pages re-rendered
	mustChange   string // a file that must be among the changed
	mustNotWrite string // a file whose bytes must not be rewritten
	look         bool   // a template or asset change, which re-renders everything
}

// sessionSteps edits the site made by sessionSite in the ways people do.
func sessionSteps(t *testing.T, src string) []sessionStep {
	fw := filepath.Join(src, "content", "frameworks", "29-2012.00.json")
	return []sessionStep{
		{"nothing changed", func() {}, 0, "", "index.html", false},
		{"one statement reworded", func() {
			editFile(t, fw, "identify and handle under direct supervision", "identify, label and handle under direct supervision")
		}, 14, "occupations/29-2012.00/emerging/index.html", "occupations/19-4021.00/index.html", false}, // a reworded statement may align elsewhere: its skill's pages too
		{"a topic respelled", func() {
			editFile(t, fw, "Microscopy equipment — operate", "Microscope equipment — operate")
		}, 14, "occupations/29-2012.00/emerging/index.html", "occupations/19-4021.00/index.html", false}, // as a reworded statement: on an aligned site the related occupations are kept until the Build
		{"a title changed", func() {
			editFile(t, fw, `"title":"Medical and Clinical Laboratory Technicians"`, `"title":"Clinical Laboratory Technicians"`)
		}, 40, "index.html", "about/index.html", false}, // the title is part of every statement's alignment context
		{"a page edited", func() {
			editFile(t, filepath.Join(src, "content", "about.md"), "Read the same topic", "Follow one topic")
		}, 1, "about/index.html", "index.html", false},
		{"a framework added", func() {
			data, _ := os.ReadFile(filepath.Join(src, "content", "frameworks", "19-4021.00.json"))
			writeFile(t, filepath.Join(src, "content", "frameworks", "nested", "19-9999.00.json"),
				strings.Replace(string(data), `"soc":"19-4021.00"`, `"soc":"19-9999.00"`, 1))
		}, 100, "occupations/19-9999.00/index.html", "", false},
		{"a framework removed", func() {
			os.Remove(filepath.Join(src, "content", "frameworks", "nested", "19-9999.00.json"))
		}, 100, "occupations/19-9999.00/advanced/index.html", "", false},
		{"a template changed", func() {
			writeFile(t, filepath.Join(src, "templates", "404.html"), `{{define "main"}}<div class="wrap"><h1>Lost</h1></div>{{end}}`)
		}, 1000, "404.html", "index.html", true},
		{"an asset changed", func() {
			writeFile(t, filepath.Join(src, "assets", "print.css"), "body{color:#000}")
		}, 1000, "assets/print.css", "occupations/29-2012.00/index.html", true},
		{"a site template shows what fingerprints do not cover", func() {
			writeFile(t, filepath.Join(src, "templates", "hub.html"),
				`{{define "main"}}<div class="wrap">{{range .Page.Hub.Occupations}}<p>{{.Framework.Description}}</p>{{end}}</div>{{end}}`)
		}, 1000, "groups/healthcare-practitioners-technical/index.html", "", true},
		{"a description that only the site template shows changed", func() {
			editFile(t, fw, `"description":"`, `"description":"Now: `)
		}, 100, "groups/healthcare-practitioners-technical/index.html", "", false},
		// Without level pages, a level is a part of its occupation page.
		{"level pages switched off", func() {
			writeFile(t, filepath.Join(src, "ladder.toml"), "[outputs]\nlevel_pages = false\n")
		}, 1000, "occupations/29-2012.00/index.html", "", false},
		{"a statement reworded without level pages", func() {
			editFile(t, fw, "identify, label and handle under direct supervision", "identify, label and store under direct supervision")
		}, 14, "occupations/29-2012.00/index.html", "occupations/19-4021.00/index.html", false},
	}
}

// TestSessionQuickThenBuild makes each edit of sessionSteps as the serve
// loop does: a Quick build, whose pages must already be what a fresh build
// writes, then a Build, after which the whole output must be.
func TestSessionQuickThenBuild(t *testing.T) {
	src := sessionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	sess := NewSession(Options{Source: src, Out: out, Defaults: testDefaults()})
	res, err := sess.Quick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pending || res.Rendered != res.Pages {
		t.Fatalf("the first Quick is a whole build: pending %v, rendered %d of %d", res.Pending, res.Rendered, res.Pages)
	}
	for _, st := range sessionSteps(t, src) {
		t.Run(st.name, func(t *testing.T) {
			st.edit()
			res, err := sess.Quick(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.Pending == st.look {
				t.Errorf("pending %v after %s", res.Pending, st.name)
			}
			if res.Rendered > st.maxRendered {
				t.Errorf("rendered %d pages, want at most %d", res.Rendered, st.maxRendered)
			}
			if strings.HasSuffix(st.mustChange, ".html") && !contains(res.Changed, st.mustChange) {
				t.Errorf("%s not among the changed files %v", st.mustChange, res.Changed)
			}
			fresh := buildOver(t, src, out)
			for _, rel := range res.Changed {
				got, errGot := os.ReadFile(filepath.Join(out, rel))
				want, errWant := os.ReadFile(filepath.Join(fresh, rel))
				if os.IsNotExist(errGot) && (os.IsNotExist(errWant) || isRedirectPage(want)) {
					continue // removed, as it should be; the Build that follows leaves a redirect
				}
				if errGot != nil || errWant != nil || string(got) != string(want) {
					t.Errorf("%s after Quick differs from a fresh build (%v, %v)", rel, errGot, errWant)
				}
			}
			if !st.look {
				res, err = sess.Build(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if res.Pending {
					t.Error("Build left work pending")
				}
			}
			if a, b := treeHash(t, out), treeHash(t, fresh); a != b {
				t.Errorf("output differs from a fresh build: %s", treeDiff(t, out, fresh))
			}
		})
	}
}

// isRedirectPage reports whether a page is one of redirect.StubPage's.
func isRedirectPage(page []byte) bool {
	return bytes.Contains(page, []byte(`<meta http-equiv="refresh" content="0; url=`))
}

// TestSessionCancelledBuilds stops the Build that follows a Quick one at
// different points, as a new save does in the serve loop, then undoes the
// edit: the files the stopped build wrote must not be taken for the old
// ones, so the output must end up what a fresh build writes.
func TestSessionCancelledBuilds(t *testing.T) {
	src := sessionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	sess := NewSession(Options{Source: src, Out: out, Defaults: testDefaults()})
	if _, err := sess.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	fresh, _ := buildSite(t, src, Options{})
	fw := filepath.Join(src, "content", "frameworks", "29-2012.00.json")
	const before, after = "identify and handle under direct supervision", "identify and label under direct supervision"
	cancelled := 0
	for _, d := range []time.Duration{0, 500 * time.Microsecond, time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond} {
		editFile(t, fw, before, after)
		if _, err := sess.Quick(context.Background()); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), d)
		if _, err := sess.Build(ctx); err != nil {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("after %v: %v", d, err)
			}
			cancelled++
		}
		cancel()
		editFile(t, fw, after, before)
		if _, err := sess.Quick(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, err := sess.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		if a, b := treeHash(t, out), treeHash(t, fresh); a != b {
			t.Fatalf("stopped after %v, then undone: output differs from a fresh build: %s", d, treeDiff(t, out, fresh))
		}
	}
	if cancelled == 0 {
		t.Error("no build was stopped: the test did not test anything")
	}
}

func TestSessionKeepsLastGoodSiteOnError(t *testing.T) {
	src := sessionSite(t)
	out := filepath.Join(t.TempDir(), "public")
	sess := NewSession(Options{Source: src, Out: out, Defaults: testDefaults()})
	if _, err := sess.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, out)
	fw := filepath.Join(src, "content", "frameworks", "29-2012.00.json")
	editFile(t, fw, `"jobZone":3`, `"jobZone":"3"`)
	if _, err := sess.Build(context.Background()); err == nil || !strings.Contains(err.Error(), `occupation.jobZone: expected an integer, found string "3"`) {
		t.Fatalf("want the located error, got %v", err)
	}
	if treeHash(t, out) != before {
		t.Fatal("a failed rebuild changed the site")
	}
	editFile(t, fw, `"jobZone":"3"`, `"jobZone":3`)
	res, err := sess.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || treeHash(t, out) != before {
		t.Errorf("fixing the file rewrote %d files", res.Written)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// treeDiff names the first file that differs between two trees.
func treeDiff(t *testing.T, a, b string) string {
	t.Helper()
	files := map[string]bool{}
	for _, root := range []string{a, b} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel] = true
			}
			return nil
		})
	}
	for _, rel := range sortedKeys(files) {
		x, errA := os.ReadFile(filepath.Join(a, rel))
		y, errB := os.ReadFile(filepath.Join(b, rel))
		if errA != nil || errB != nil {
			return rel + ": only in one tree"
		}
		if string(x) != string(y) {
			return rel + ": contents differ\n" + firstDiff(y, x)
		}
	}
	return "no difference found"
}
