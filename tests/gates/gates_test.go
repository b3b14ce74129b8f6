// Package gates_test runs the quality gates on what ladder writes, with
// checkers ladder's authors did not write: the Nu HTML Checker, axe-core in
// Chromium, keyboard navigation, and a file:// crawl that follows every
// link. Tools are found by package qa; under CI a missing tool fails.
package gates_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

const corpusDir = "../../../shared/corpus/onet-29.3"

// buildSite builds source into a fresh folder and returns the folder.
func buildSite(t *testing.T, source string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := pipeline.Build(context.Background(), pipeline.Options{
		Source: source, Out: out,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// defaultSite builds the embedded default content.
func defaultSite(t *testing.T) string { return buildSite(t, t.TempDir()) }

// corpusSlice builds every twentieth framework of the scale corpus: 50
// occupations spread over all the groups.
func corpusSlice(t *testing.T) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("corpus missing")
		}
		t.Skip("corpus missing")
	}
	sort.Strings(files)
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; i < len(files) && n < 50; i += 20 {
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(files[i])), data, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 50 {
		t.Fatalf("slice has %d frameworks", n)
	}
	return buildSite(t, src)
}

// historySite builds the seeds plus an earlier version of one of them, so
// that version and "what changed" pages exist.
func historySite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../content/frameworks/29-2012.00.json")
	if err != nil {
		t.Fatal(err)
	}
	old := strings.NewReplacer(`"version":"v.26.05"`, `"version":"v.26.04"`, `"exportedAt":"2026-05-15T12:38:05.819Z"`, `"exportedAt":"2026-04-01T09:00:00Z"`,
		`identify and handle under direct`, `identify under direct`, `"label":"Advanced"`, `"label":"Expert"`).Replace(string(seed))
	for name, body := range map[string]string{"29-2012.00.json": string(seed), "29-2012.00-old.json": old} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buildSite(t, src)
}

// filesWithExt lists the files below root with one of the extensions.
func filesWithExt(t *testing.T, root string, exts ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHTMLIsValid(t *testing.T) {
	jar := qa.VNUJar(t)
	_ = jar
	var files []string
	for _, site := range []string{defaultSite(t), corpusSlice(t), historySite(t)} {
		files = append(files, filesWithExt(t, site, ".html", ".css", ".svg")...)
	}
	findings := qa.ValidateHTML(t, files)
	t.Logf("Nu HTML Checker: %d files, %d errors", len(files), len(findings))
	qa.AssertNone(t, "Nu HTML Checker errors", findings)
}

// a11yPages are one page of every kind.
var a11yPages = []string{
	"index.html",
	"occupations/index.html",
	"occupations/29-2012.00/index.html",
	"occupations/29-2012.00/proficient/index.html",
	"levels/index.html",
	"levels/emerging/index.html",
	"groups/index.html",
	"groups/healthcare-practitioners-technical/index.html",
	"sectors/62/index.html",
	"job-zones/3/index.html",
	"about/index.html",
	"lms/index.html",
	"skills/index.html",
	"search/index.html",
	"embed/occupations/29-2012.00/index.html",
	"embed/occupations/29-2012.00/advanced/index.html",
	"404.html",
}

func TestAccessibility(t *testing.T) {
	site := defaultSite(t)
	axe := qa.AxeSource(t)
	b := qa.NewBrowser(t)
	checked := 0
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		for _, page := range a11yPages {
			if err := b.Open(filepath.Join(site, page)); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if scheme == "light" {
				// Keyboard first, before anything has focus.
				rep, err := qa.Keyboard(b.Context())
				if err != nil {
					t.Fatalf("%s: keyboard: %v", page, err)
				}
				qa.AssertNone(t, page+": keyboard", rep.Findings(page))
				if len(rep.Order) < 5 {
					t.Errorf("%s: only %d focusable elements reached", page, len(rep.Order))
				}
			}
			vs, err := qa.Axe(b.Context(), axe)
			if err != nil {
				t.Fatalf("%s: axe: %v", page, err)
			}
			qa.AssertNone(t, page+" ("+scheme+"): axe WCAG 2.1 A/AA", qa.AxeFindings(page, vs))
			checked++
		}
	}
	// Skill pages exist only where occupations share skills; the
	// comparison page is axe-checked with a pair by TestCompareInBrowser.
	slice := corpusSlice(t)
	skills, _ := filepath.Glob(filepath.Join(slice, "skills", "*", "index.html"))
	compares := []string{filepath.Join(slice, "compare", "index.html")}
	if len(skills) == 0 {
		t.Fatalf("the corpus slice has %d skill pages", len(skills))
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{skills[0], compares[0]} {
			if err := b.Open(page); err != nil {
				t.Fatal(err)
			}
			vs, err := qa.Axe(b.Context(), axe)
			if err != nil {
				t.Fatal(err)
			}
			qa.AssertNone(t, page+" ("+scheme+")", qa.AxeFindings(page, vs))
			checked++
		}
	}
	t.Logf("axe: %d page views (light and dark), 0 violations expected", checked)
}

func TestCrawlFromFile(t *testing.T) {
	for name, site := range map[string]func(*testing.T) string{"default": defaultSite, "corpus slice": corpusSlice} {
		t.Run(name, func(t *testing.T) {
			dir := site(t)
			res := qa.CrawlFile(t, dir, "index.html")
			t.Logf("crawled %d pages from file:// in %s", len(res.Pages), res.Elapsed)
			qa.AssertNone(t, "crawl", res.Problems())
			// Every page but the 404 page, which hosts serve for misses, is linked.
			pages := len(filesWithExt(t, dir, ".html")) - 1
			if len(res.Pages) < pages {
				t.Errorf("crawl reached %d of %d pages: some pages are not linked", len(res.Pages), pages)
			}
		})
	}
}

func TestStaticLinks(t *testing.T) {
	for _, dir := range []string{defaultSite(t), corpusSlice(t)} {
		qa.AssertNone(t, "links", qa.CheckLinksStatic(dir))
	}
}
