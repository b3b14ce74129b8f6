package multilingual_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// waitTrue polls a JavaScript condition in the page; the deadline only
// keeps a broken page from hanging the test. Each look is bounded on its
// own: one made while the tab is between two pages may get no answer.
func waitTrue(t *testing.T, b *qa.Browser, expr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		ctx, cancel := context.WithTimeout(b.Context(), 2*time.Second)
		err := chromedp.Run(ctx, chromedp.Evaluate("(function(){try{return !!("+expr+")}catch(e){return false}})()", &ok))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", expr)
}

// TestSwitcherKeepsStatement opens the bilingual site from file:// in
// Chromium and switches language on a level page scrolled to its fifth
// statement, with the keyboard (French → English) and the mouse (back):
// each lands on the same occupation's same level in the other language,
// at the fifth statement, whose anchor differs between the languages;
// a section's anchor, the same in both, is kept.
func TestSwitcherKeepsStatement(t *testing.T) {
	out := build(t, bilingualSource(t, bilingual))
	const level, n = "occupations/29-2012.00/advanced/index.html", 4 // the fifth statement
	en := readPage(t, filepath.Join(out, level), level).ids
	fr := readPage(t, filepath.Join(out, "fr", level), "fr/"+level).ids
	if len(en) <= n || len(fr) != len(en) || en[n] == fr[n] {
		t.Fatalf("fixture: statement anchors en %v, fr %v: want the same number, statement %d differing", en, fr, n+1)
	}
	b := qa.NewBrowser(t)
	// Without smooth scrolling to the anchor, the mouse finds the switcher
	// where it is drawn.
	if err := b.EmulateMedia(map[string]string{"prefers-reduced-motion": "reduce"}); err != nil {
		t.Fatal(err)
	}
	u, err := qa.FileURL(filepath.Join(out, "fr", level))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "#" + fr[n]); err != nil {
		t.Fatal(err)
	}
	var focused bool
	if err := b.Eval(`(function(){var a=document.querySelector('nav.languages a[hreflang="en"]');a.focus();return document.activeElement===a})()`, &focused); err != nil || !focused {
		t.Fatalf("the English link takes no focus: %v", err)
	}
	if err := b.Run(chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	landsAt(t, b, "/"+level, "/fr/", en[n], n)

	if err := b.Run(chromedp.Click(`nav.languages a[hreflang="fr"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	landsAt(t, b, "/fr/"+level, "", fr[n], n)

	// A section of the occupation page has the same id in each language.
	if err := b.Navigate(strings.Replace(u, "advanced/index.html", "index.html", 1) + "#downloads"); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(chromedp.Click(`nav.languages a[hreflang="en"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `!location.pathname.includes('/fr/') && location.pathname.endsWith('/occupations/29-2012.00/index.html')`)
	var hash string
	b.Eval(`location.hash`, &hash)
	if hash != "#downloads" {
		t.Errorf("switching on the occupation page's downloads landed at %q", hash)
	}
	qa.AssertNone(t, "switching language", b.Events().Findings())
}

// landsAt waits for the browser to show the page whose path ends in
// suffix (and does not hold not) scrolled to the statement with id, the
// n+1th of its level.
func landsAt(t *testing.T, b *qa.Browser, suffix, not, id string, n int) {
	t.Helper()
	cond := `location.pathname.endsWith(` + quote(suffix) + `) && document.readyState === "complete"`
	if not != "" {
		cond += ` && !location.pathname.includes(` + quote(not) + `)`
	}
	waitTrue(t, b, cond)
	var hash string
	var index int
	b.Eval(`location.hash`, &hash)
	b.Eval(`Array.from(document.querySelectorAll('li.statement')).indexOf(document.getElementById(decodeURIComponent(location.hash.slice(1))))`, &index)
	if hash != "#"+id || index != n {
		t.Errorf("landed at %s (statement %d), want #%s (statement %d)", hash, index+1, id, n+1)
	}
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// TestSearchPerLanguage searches each language's search page from
// file://: French finds the French statements, which English does not,
// and English finds its own.
func TestSearchPerLanguage(t *testing.T) {
	out := build(t, bilingualSource(t, bilingual))
	b := qa.NewBrowser(t)
	search := func(page, q string) (texts, hrefs []string) {
		t.Helper()
		u, err := qa.FileURL(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Navigate(u + "?q=" + q); err != nil {
			t.Fatal(err)
		}
		waitTrue(t, b, `document.getElementById('search-results').textContent.includes(`+quote(q)+`)`)
		b.Eval(`Array.from(document.querySelectorAll('.search-hit')).map(h => h.textContent.toLowerCase())`, &texts)
		b.Eval(`Array.from(document.querySelectorAll('.search-hit-title')).map(a => a.href)`, &hrefs)
		return texts, hrefs
	}
	for _, tt := range []struct {
		page, q, lang string
		found         bool
	}{
		{"fr/search/index.html", "laboratoire", "fr", true},
		{"fr/search/index.html", "échantillons", "fr", true},
		{"search/index.html", "laboratory", "en", true},
		{"search/index.html", "échantillons", "en", false},
	} {
		texts, hrefs := search(tt.page, tt.q)
		hits := 0
		for _, text := range texts {
			if strings.Contains(text, tt.q) {
				hits++
			}
		}
		if tt.found != (hits > 0) {
			t.Errorf("%s?q=%s: %d of %d results hold the word, want found=%v", tt.page, tt.q, hits, len(texts), tt.found)
		}
		for _, h := range hrefs {
			if inFrench := strings.Contains(h, "/fr/"); inFrench != (tt.lang == "fr") {
				t.Errorf("%s?q=%s: result %s is in the other language", tt.page, tt.q, h)
			}
		}
	}
	qa.AssertNone(t, "search pages", b.Events().Findings())
}

// TestAssessmentSharedAcrossLanguages rates two statements on the English
// occupation page from file://, switches to French, and finds the same
// ratings there: statements share their codes across languages, so the
// self-assessment (kept by code) is one in both.
func TestAssessmentSharedAcrossLanguages(t *testing.T) {
	out := build(t, bilingualSource(t, bilingual))
	b := qa.NewBrowser(t)
	if err := b.Open(filepath.Join(out, "occupations", "29-2012.00", "index.html")); err != nil {
		t.Fatal(err)
	}
	const ratings = `Object.fromEntries([...document.querySelectorAll("fieldset.rate")].filter(f => f.querySelector("input:checked")).map(f => [f.dataset.code, +f.querySelector("input:checked").value]))`
	waitTrue(t, b, `document.querySelectorAll('fieldset.rate').length > 0`)
	want := map[string]int{"29-2012.00.P.1": 3, "29-2012.00.E.2": 1}
	for code, v := range want {
		if err := b.Eval(`document.querySelector('fieldset[data-code="`+code+`"] input[value="`+string(rune('0'+v))+`"]').click()`, nil); err != nil {
			t.Fatal(err)
		}
	}
	var got map[string]int
	b.Eval(ratings, &got)
	if len(got) != len(want) {
		t.Fatalf("rated %v, want %v", got, want)
	}
	if err := b.Run(chromedp.Click(`nav.languages a[hreflang="fr"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `location.pathname.includes('/fr/occupations/29-2012.00/') && document.querySelectorAll('fieldset.rate input:checked').length > 0`)
	got = nil
	b.Eval(ratings, &got)
	for code, v := range want {
		if got[code] != v {
			t.Errorf("in French, %s is rated %d, want %d (all: %v)", code, got[code], v, got)
		}
	}
	qa.AssertNone(t, "rating and switching", b.Events().Findings())
}
