package gates_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestCopyStatementURI opens a level page of the default site from
// file:// in Chromium, reaches a statement's "Copy link" button with the
// keyboard and presses it: the statement's absolute address (the page's
// own, with the statement's anchor) is copied and announced in the live
// region; with a base URL the button carries the published address. On
// a site without level pages, the same holds of a statement's cell of
// its occupation page's progression table, and that page passes the
// keyboard walk and axe.
func TestCopyStatementURI(t *testing.T) {
	const levelPages, noLevelPages = "[outputs]\nlevel_pages = true\n", "[outputs]\nlevel_pages = false\n"
	tests := []struct {
		name, base, toml string
		page             string // the page, below the site
		statement        string // the selector of a statement on it
	}{
		{"level page", "", levelPages, "occupations/29-2012.00/emerging/index.html", "li.statement"},
		{"level page, base URL", "https://example.org/fw/", levelPages, "occupations/29-2012.00/emerging/index.html", "li.statement"},
		{"cell", "", noLevelPages, "occupations/29-2012.00/index.html", "td[id]"},
		{"cell, base URL", "https://example.org/fw/", noLevelPages, "occupations/29-2012.00/index.html", "td[id]"},
	}
	b := qa.NewBrowser(t)
	for _, tt := range tests {
		toml := tt.toml
		if tt.base != "" {
			toml = `base_url = "` + tt.base + `"` + "\n" + toml
		}
		out := buildWithConfig(t, toml)
		u, err := qa.FileURL(filepath.Join(out, filepath.FromSlash(tt.page)))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Navigate(u); err != nil {
			t.Fatal(err)
		}
		if tt.name == "cell" {
			// The page that holds the levels, as a keyboard and axe meet it.
			rep, err := qa.Keyboard(b.Context())
			if err != nil {
				t.Fatal(err)
			}
			qa.AssertNone(t, tt.page+": keyboard", rep.Findings(tt.page))
			vs, err := qa.Axe(b.Context(), qa.AxeSource(t))
			if err != nil {
				t.Fatal(err)
			}
			qa.AssertNone(t, tt.page+": axe WCAG 2.1 A/AA", qa.AxeFindings(tt.page, vs))
		}
		var anchor string
		if err := b.Eval(`document.querySelector("`+tt.statement+`").id`, &anchor); err != nil {
			t.Fatal(err)
		}
		want := u + "#" + anchor
		if tt.base != "" {
			want = tt.base + strings.TrimSuffix(tt.page, "index.html") + "#" + anchor
		}
		button := tt.statement + " button.copy-uri"
		err = b.Run(
			chromedp.Focus(button, chromedp.ByQuery),
			chromedp.KeyEvent("\r"),
		)
		if err != nil {
			t.Fatal(err)
		}
		var copied, status string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && copied == ""; time.Sleep(50 * time.Millisecond) {
			b.Eval(`document.querySelector("`+button+`").getAttribute("data-copied") || ""`, &copied)
		}
		b.Eval(`document.querySelector(".copy-status").textContent`, &status)
		if copied != want {
			t.Errorf("%s: copied %q, want %q", tt.name, copied, want)
		}
		if !strings.Contains(status, want) {
			t.Errorf("%s: status %q does not announce %q", tt.name, status, want)
		}
		var visible bool
		b.Eval(`!document.querySelector("`+button+`").hidden`, &visible)
		if !visible {
			t.Errorf("%s: the copy button stays hidden", tt.name)
		}
	}
}
