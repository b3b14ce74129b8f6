package gates_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// languageSite builds the embedded default content with lang as the
// site's language.
func languageSite(t *testing.T, lang string) string {
	t.Helper()
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte("language = \""+lang+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return buildSite(t, src)
}

// order is a pair of elements of one page that a reader meets in this
// order: in a left-to-right page First is left of Second, in a
// right-to-left one right of it.
type order struct {
	page, what, first, second string
}

// orders are the sequences that must follow the writing direction: the
// levels of an occupation's matrix, the level ladder of the site, the level steps, the
// pager, the breadcrumbs and the header.
var orders = []order{
	{"occupations/29-2012.00/index.html", "matrix's levels", ".matrix thead th:nth-child(2)", ".matrix thead th:nth-child(3)"},
	{"levels/index.html", "level ladder", ".level-ladder > li:nth-child(1)", ".level-ladder > li:nth-child(2)"},
	{"occupations/29-2012.00/proficient/index.html", "level steps", ".level-steps li:nth-child(1)", ".level-steps li:nth-child(2)"},
	{"occupations/29-2012.00/proficient/index.html", "pager", ".pager-prev", ".pager-next"},
	{"occupations/29-2012.00/proficient/index.html", "breadcrumbs", ".breadcrumbs li:first-child", ".breadcrumbs li:last-child"},
	{"occupations/29-2012.00/proficient/index.html", "header", ".brand", ".header-search"},
}

// layout is what the test measures on a page: where two elements are,
// the glyph between breadcrumbs, and the statement's padding on each side
// (the wide one holds its number).
type layout struct {
	First, Second     float64 // horizontal centres
	Separator         string
	PadLeft, PadRight float64
}

const measureLayout = `(() => {
	const centre = s => { const r = document.querySelector(s).getBoundingClientRect(); return r.left + r.width / 2; };
	const crumb = document.querySelector('.breadcrumbs li + li');
	const st = document.querySelector('.statement');
	const cs = st ? getComputedStyle(st) : null;
	return {
		First: centre(%q), Second: centre(%q),
		Separator: crumb ? getComputedStyle(crumb, '::before').content : '',
		PadLeft: cs ? parseFloat(cs.paddingLeft) : 0, PadRight: cs ? parseFloat(cs.paddingRight) : 0,
	};
})()`

// TestWritingDirection builds the default site in English and in Arabic
// and checks in Chromium that the level ladder, the level steps, the
// pager, the breadcrumbs and the header run left to right in English and
// right to left in Arabic (the first level's box right of the second's,
// "previous" on the right), that the breadcrumb separator points the way
// the reader goes, and that a statement's number stands at its start.
// With $LADDER_SCREENSHOTS set, each page is saved there as a PNG.
func TestWritingDirection(t *testing.T) {
	b := qa.NewBrowser(t)
	if err := b.Run(chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, separator string
		rtl             bool
	}{
		{"en", `"›"`, false},
		{"ar", `"‹"`, true},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			site := languageSite(t, tt.lang)
			for _, o := range orders {
				if err := b.Open(filepath.Join(site, filepath.FromSlash(o.page))); err != nil {
					t.Fatal(err)
				}
				var l layout
				if err := b.Eval(fmt.Sprintf(measureLayout, o.first, o.second), &l); err != nil {
					t.Fatalf("%s: %s: %v", o.page, o.what, err)
				}
				if rightToLeft := l.First > l.Second; rightToLeft != tt.rtl {
					t.Errorf("%s: the %s run the wrong way: %s at x=%.0f, %s at x=%.0f", o.page, o.what, o.first, l.First, o.second, l.Second)
				}
				if l.Separator != tt.separator {
					t.Errorf("%s: breadcrumb separator %s, want %s", o.page, l.Separator, tt.separator)
				}
				if l.PadLeft != l.PadRight && (l.PadRight > l.PadLeft) != tt.rtl {
					t.Errorf("%s: a statement's number is on the wrong side (padding left %.0f, right %.0f)", o.page, l.PadLeft, l.PadRight)
				}
				screenshot(t, b, tt.lang, o.page)
			}
		})
	}
}

// screenshot saves the page b shows to $LADDER_SCREENSHOTS, when set.
func screenshot(t *testing.T, b *qa.Browser, lang, page string) {
	t.Helper()
	dir := os.Getenv("LADDER_SCREENSHOTS")
	if dir == "" {
		return
	}
	name := lang + "-" + filepath.ToSlash(filepath.Dir(page))
	name = filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".png")
	if err := qa.Screenshot(b.Context(), name); err != nil {
		t.Error(err)
	}
}

// TestLanguagesValidAndAccessible runs the Nu HTML Checker on every page
// and style sheet of the default site in French and in Arabic (written
// right to left), and axe-core on one page of every kind, light and dark.
func TestLanguagesValidAndAccessible(t *testing.T) {
	qa.VNUJar(t)
	axe := qa.AxeSource(t)
	b := qa.NewBrowser(t)
	for _, lang := range []string{"fr", "ar"} {
		t.Run(lang, func(t *testing.T) {
			site := languageSite(t, lang)
			files := filesWithExt(t, site, ".html", ".css", ".svg")
			qa.AssertNone(t, lang+": Nu HTML Checker errors", qa.ValidateHTML(t, files))
			for _, scheme := range []string{"light", "dark"} {
				if err := b.ColorScheme(scheme); err != nil {
					t.Fatal(err)
				}
				for _, page := range a11yPages {
					if err := openPage(b, site, page); err != nil {
						t.Fatalf("%s: %v", page, err)
					}
					vs, err := qa.Axe(b.Context(), axe)
					if err != nil {
						t.Fatalf("%s: axe: %v", page, err)
					}
					qa.AssertNone(t, lang+" "+page+" ("+scheme+"): axe WCAG 2.1 A/AA", qa.AxeFindings(page, vs))
				}
			}
		})
	}
}
