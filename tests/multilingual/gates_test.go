package multilingual_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// frenchPages are the French pages axe checks: one of each kind that has
// a translation, and the search page.
var frenchPages = []string{
	"fr/index.html",
	"fr/occupations/index.html",
	"fr/occupations/29-2012.00/index.html",
	"fr/occupations/29-2012.00/proficient/index.html",
	"fr/levels/emerging/index.html",
	"fr/about/index.html",
	"fr/search/index.html",
}

// TestFrenchPagesValidAndAccessible runs the Nu HTML Checker on every
// French page of the bilingual site (with base URL, so hreflang links are
// absolute) and axe-core on one page of each kind, light and dark.
func TestFrenchPagesValidAndAccessible(t *testing.T) {
	qa.VNUJar(t)
	axe := qa.AxeSource(t)
	out := build(t, bilingualSource(t, bilingual+"base_url = \""+base+"\"\n"))
	var files []string
	err := filepath.WalkDir(filepath.Join(out, "fr"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	qa.AssertNone(t, "French pages: Nu HTML Checker errors", qa.ValidateHTML(t, files))
	b := qa.NewBrowser(t)
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		for _, page := range frenchPages {
			if err := b.Open(filepath.Join(out, page)); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			vs, err := qa.Axe(b.Context(), axe)
			if err != nil {
				t.Fatalf("%s: axe: %v", page, err)
			}
			qa.AssertNone(t, page+" ("+scheme+"): axe WCAG 2.1 A/AA", qa.AxeFindings(page, vs))
		}
	}
}
