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
// region; with a base URL the button carries the published address.
func TestCopyStatementURI(t *testing.T) {
	sites := map[string]string{"": buildWithConfig(t, ""), "https://example.org/fw/": buildWithConfig(t, `base_url = "https://example.org/fw/"`)}
	b := qa.NewBrowser(t)
	for base, out := range sites {
		page := filepath.Join(out, "occupations", "29-2012.00", "emerging", "index.html")
		u, err := qa.FileURL(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Navigate(u); err != nil {
			t.Fatal(err)
		}
		var anchor string
		if err := b.Eval(`document.querySelector("li.statement").id`, &anchor); err != nil {
			t.Fatal(err)
		}
		want := u + "#" + anchor
		if base != "" {
			want = base + "occupations/29-2012.00/emerging/#" + anchor
		}
		err = b.Run(
			chromedp.Focus(`li.statement button.copy-uri`, chromedp.ByQuery),
			chromedp.KeyEvent("\r"),
		)
		if err != nil {
			t.Fatal(err)
		}
		var copied, status string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && copied == ""; time.Sleep(50 * time.Millisecond) {
			b.Eval(`document.querySelector("li.statement button.copy-uri").getAttribute("data-copied") || ""`, &copied)
		}
		b.Eval(`document.querySelector(".copy-status").textContent`, &status)
		if copied != want {
			t.Errorf("base %q: copied %q, want %q", base, copied, want)
		}
		if !strings.Contains(status, want) {
			t.Errorf("base %q: status %q does not announce %q", base, status, want)
		}
		var visible bool
		b.Eval(`!document.querySelector("li.statement button.copy-uri").hidden`, &visible)
		if !visible {
			t.Errorf("base %q: the copy button stays hidden", base)
		}
	}
}
