package gates_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// waitTrue polls a JavaScript condition in the page.
func waitTrue(t *testing.T, b *qa.Browser, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		if b.Eval("(function(){try{return !!("+expr+")}catch(e){return false}})()", &ok) == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", expr)
}

// TestSearchFromFile searches the built default site opened from file://:
// the header box lists results as you type, Enter lands on the statement's
// anchor, and the search page filters by level and group.
func TestSearchFromFile(t *testing.T) {
	site := defaultSite(t)
	b := qa.NewBrowser(t)
	if err := b.Open(filepath.Join(site, "occupations", "29-2012.00", "index.html")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := b.Run(chromedp.SendKeys("#site-search", "biosafety", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `document.querySelectorAll('.search-option[href*="#"]').length > 0`)
	t.Logf("first results %s after typing began (default site)", time.Since(start).Round(time.Millisecond))
	var first string
	b.Eval(`document.querySelector('.search-option[href*="#"]').getAttribute('href')`, &first)
	if !strings.Contains(first, "19-4021.00/") || !strings.Contains(first, "#") {
		t.Fatalf("first result %q is not a Biological Technicians statement", first)
	}
	if err := b.Run(chromedp.SendKeys("#site-search", kb.ArrowDown+kb.Enter, chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `location.pathname.includes('/19-4021.00/') && location.hash.length > 1 && !!document.getElementById(decodeURIComponent(location.hash.slice(1)))`)
	var text string
	b.Eval(`document.getElementById(decodeURIComponent(location.hash.slice(1))).textContent`, &text)
	if !strings.Contains(strings.ToLower(text), "biosafety") {
		t.Errorf("landed on a statement without the word: %q", text)
	}

	u, err := qa.FileURL(filepath.Join(site, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "?q=lab&level=emerging"); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `document.querySelectorAll('.search-hit').length > 0`)
	var levels []string
	b.Eval(`Array.from(document.querySelectorAll('.search-hit-title')).map(a => a.getAttribute('href'))`, &levels)
	for _, l := range levels {
		if strings.Contains(l, "#") && !strings.Contains(l, "/emerging/") {
			t.Errorf("level filter let through %s", l)
		}
	}
	if err := b.Navigate(u + "?q=zzzyx"); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, b, `document.querySelector('.search-results').textContent.includes('No results')`)
	qa.AssertNone(t, "search pages", b.Events().Findings())
	vs, err := qa.Axe(b.Context(), qa.AxeSource(t))
	if err != nil {
		t.Fatal(err)
	}
	qa.AssertNone(t, "axe on the search page", qa.AxeFindings("search/index.html", vs))
}
