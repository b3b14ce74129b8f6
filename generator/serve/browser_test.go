package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/tests/qa"
)

const browserPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Nursing</title>
<link rel="stylesheet" href="assets/style.css">
<link rel="stylesheet" href="assets/print.css" media="print">
</head>
<body><main><h1>%s</h1><p>Some text.</p></main></body>
</html>`

// TestBrowserLiveReload drives the reload script in Chromium: a CSS-only
// change restyles the page without reloading it, a page change reloads it,
// an error shows an accessible overlay (again after a reload, until fixed),
// the fix removes it, and a restarted server reloads the page.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	dir := t.TempDir()
	writeFile := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("index.html", fmt.Sprintf(browserPage, "One"))
	writeFile("assets/style.css", "h1 { color: rgb(1, 2, 3) }")
	writeFile("assets/print.css", "h1 { color: black }")

	b := qa.NewBrowser(t)
	s := New(dir)
	ctx, cancel := context.WithCancel(context.Background())
	url, done, err := s.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		return <-done
	}
	defer stop()

	eval := func(expr string, res any) {
		t.Helper()
		if err := b.Eval(expr, res); err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
	}
	// until polls a JavaScript condition; a reload in progress makes
	// evaluation fail for a moment, which counts as false.
	until := func(what, expr string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			var ok bool
			if err := b.Eval(expr, &ok); err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (%s)", what, expr)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	connected := func(n int) {
		t.Helper()
		waitFor(t, func() bool { return s.Hub().Clients() == n }, fmt.Sprintf("%d connected page(s)", n))
	}

	if err := b.Navigate(url); err != nil {
		t.Fatal(err)
	}
	connected(1)
	eval(`window.ladderMarker = 1`, nil)

	// CSS only: new styles, same page, no leftover <link>.
	writeFile("assets/style.css", "h1 { color: rgb(4, 5, 6) }")
	s.Reload([]string{"assets/style.css"})
	until("the new style", `getComputedStyle(document.querySelector("h1")).color === "rgb(4, 5, 6)"`)
	until("the old link removed", `document.querySelectorAll('link[rel="stylesheet"]').length === 2`)
	var marker int
	eval(`window.ladderMarker || 0`, &marker)
	if marker != 1 {
		t.Error("a CSS-only change reloaded the page")
	}
	var media string
	eval(`document.querySelector('link[href*="print.css"]').media`, &media)
	if media != "print" {
		t.Errorf("print style sheet media = %q", media)
	}

	// A page change reloads.
	writeFile("index.html", fmt.Sprintf(browserPage, "Two"))
	s.Reload([]string{"index.html"})
	until("the reloaded page", `document.querySelector("h1").textContent === "Two" && !window.ladderMarker`)
	connected(1)

	// Other pages changed: this one stays, and takes the new build id, so
	// a reconnection does not reload it either.
	eval(`window.ladderMarker = 2`, nil)
	s.ReloadPages([]string{"occupations/x/index.html", "about/index.html"})
	time.Sleep(300 * time.Millisecond)
	eval(`window.ladderMarker || 0`, &marker)
	if marker != 2 {
		t.Error("a change to other pages reloaded this one")
	}
	// This page among the changed: it reloads (the folder URL is index.html).
	s.ReloadPages([]string{"about/index.html", "index.html"})
	until("the page reloaded by name", `document.querySelector("h1").textContent === "Two" && !window.ladderMarker`)
	connected(1)

	// Broken input: the overlay, over the last good page.
	diags := []Diagnostic{
		{File: "content/frameworks/nursing.json", Line: 12, Column: 7, Path: "framework.levels[1].statements[0]", Message: "statement is empty"},
		{File: "ladder.toml", Message: `<img src=x onerror="window.pwned=1"> is not a key`},
	}
	s.ShowError(diags)
	overlay := `document.getElementById("ladder-error-overlay")`
	until("the overlay", overlay+` !== null`)
	var text string
	eval(overlay+`.innerText`, &text)
	for _, want := range []string{
		"content/frameworks/nursing.json:12:7", "framework.levels[1].statements[0]", "statement is empty",
		"ladder.toml", `<img src=x onerror="window.pwned=1"> is not a key`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay text lacks %q:\n%s", want, text)
		}
	}
	var markup struct {
		Alert, Images, Button int
		H1                    string
	}
	eval(`({
		Alert: document.querySelectorAll('#ladder-error-overlay [role="alert"]').length,
		Images: document.querySelectorAll('#ladder-error-overlay img').length,
		Button: document.querySelectorAll('#ladder-error-overlay button[aria-label]').length,
		H1: document.querySelector("main h1").textContent,
	})`, &markup)
	if markup.Alert != 1 || markup.Images != 0 || markup.Button != 1 || markup.H1 != "Two" {
		t.Errorf("overlay markup: %+v", markup)
	}
	if axe := qa.AxeSource(t); axe != "" {
		vs, err := qa.Axe(b.Context(), axe)
		if err != nil {
			t.Fatal(err)
		}
		qa.AssertNone(t, "axe with the error overlay", qa.AxeFindings("index.html", vs))
	}

	// A page opened while the error stands shows it too.
	if err := b.Navigate(url); err != nil {
		t.Fatal(err)
	}
	until("the overlay after a reload", overlay+` !== null`)
	// The close button hides it.
	if err := b.Run(chromedp.Click(`#ladder-error-overlay button`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	until("the overlay closed", overlay+` === null`)

	// Still broken, shown again; then fixed with the site unchanged: the
	// overlay goes and the page reloads.
	s.ShowError(diags[:1])
	until("the overlay again", overlay+` !== null`)
	eval(`window.ladderMarker = 2`, nil)
	s.Reload(nil)
	until("the fixed page", overlay+` === null && !window.ladderMarker`)
	connected(1)

	var pwned bool
	eval(`!!window.pwned`, &pwned)
	if pwned {
		t.Error("a diagnostic's message ran as markup")
	}
	for _, m := range b.Events().Console {
		t.Errorf("console: %s", m.Text)
	}

	// The server restarts (a new hub, so a new build id) on the same
	// address: the page reconnects and reloads.
	eval(`window.ladderMarker = 3`, nil)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	s2 := New(dir)
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	var done2 <-chan error
	for range 50 { // the port may take a moment to be free again
		if _, done2, err = s2.ListenAndServe(ctx2, addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel2()
		<-done2
	}()
	until("the reload after a restart", `!window.ladderMarker && document.querySelector("h1").textContent === "Two"`)
	waitFor(t, func() bool { return s2.Hub().Clients() == 1 }, "the page connected to the new server")
}
