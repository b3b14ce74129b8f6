package gates_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/live"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// startServe runs the serve loop (as `ladder serve` does) on src and
// returns its URL and a function that stops it.
func startServe(t *testing.T, src string) (string, func()) {
	t.Helper()
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- live.Run(ctx, live.Options{
			Build: pipeline.Options{Source: src, Preview: true,
				Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}},
			Serve: true, Addr: "127.0.0.1:0",
			Ready: func(url string) { ready <- url },
		})
	}()
	select {
	case url := <-ready:
		return url, func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start")
		return "", nil
	}
}

// TestStylesheetEditSwapsCSS edits the site's style sheet under `ladder
// serve` and checks in Chromium that the page restyles without reloading
// (its script state survives), as the README promises; again after serve
// restarts.
func TestStylesheetEditSwapsCSS(t *testing.T) {
	src := t.TempDir()
	data, err := fs.ReadFile(content.FS, "frameworks/29-2012.00.json")
	if err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(src, "assets", "style.css")
	for p, body := range map[string][]byte{
		filepath.Join(src, "content", "frameworks", "29-2012.00.json"): data,
		sheet: []byte("h1 { color: rgb(1, 2, 3) }"),
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := qa.NewBrowser(t)
	for round, colour := range []string{"rgb(4, 5, 6)", "rgb(7, 8, 9)"} {
		url, stop := startServe(t, src)
		if err := b.Navigate(url + "occupations/29-2012.00/index.html"); err != nil {
			t.Fatal(err)
		}
		waitTrue(t, b, `getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)' || getComputedStyle(document.querySelector('h1')).color === 'rgb(4, 5, 6)'`)
		// Give the live-reload client time to connect, then mark the page.
		time.Sleep(500 * time.Millisecond)
		if err := b.Eval(`window.notReloaded = true`, nil); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(sheet, []byte("h1 { color: "+colour+" }"), 0o644); err != nil {
			t.Fatal(err)
		}
		waitTrue(t, b, `getComputedStyle(document.querySelector('h1')).color === '`+colour+`'`)
		var kept bool
		if err := b.Eval(`window.notReloaded === true`, &kept); err != nil || !kept {
			t.Errorf("round %d: the style sheet edit reloaded the page instead of swapping the style sheet", round+1)
		}
		stop()
	}
}
