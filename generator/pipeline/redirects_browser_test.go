package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/redirect"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestBrowserRedirects follows old URLs in Chromium after a framework's
// level is renamed and the comparisons' and matrices' layout is retired
// (the first build's manifest is given comparisons and a matrix page, as
// an earlier layout published them): the old level page, an old
// comparison and an old matrix land on the right page
// from file:// (their redirect pages) and over HTTP from `ladder serve`'s
// server, where a comparison or matrix the redirect pages never had goes through
// the 404 page's rule; the old level page moves the frame an LMS shows it
// in.
func TestBrowserRedirects(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	src := t.TempDir()
	fw := filepath.Join(src, "content/frameworks/a.json")
	writeFile(t, fw, plainFramework("11-0001.00", "Greeters", "Front of House", 2))
	writeFile(t, filepath.Join(src, "content/frameworks/b.json"), plainFramework("11-0002.00", "Ushers", "Front of House", 2))
	out, _ := buildSite(t, src, Options{})

	manifest := filepath.Join(out, redirect.ManifestName)
	old := readOut(t, out, redirect.ManifestName)
	for _, pair := range []string{"11-0001.00/11-0002.00", "11-0002.00/11-0001.00"} {
		old += "page\tcompare/" + pair + "/index.html\t\n"
	}
	old += "page\toccupations/11-0001.00/matrix/index.html\t\n"
	if err := os.WriteFile(manifest, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, fw, strings.Replace(plainFramework("11-0001.00", "Greeters", "Front of House", 2), `"advanced"`, `"expert"`, 1))
	if _, err := Build(context.Background(), Options{Source: src, Out: out, Defaults: testDefaults()}); err != nil {
		t.Fatal(err)
	}

	// An LMS shows a page in a frame: the redirect must move the frame.
	writeFile(t, filepath.Join(out, "lms-course.html"), `<!DOCTYPE html><html lang="en"><head><title>Course</title></head><body><iframe title="framework" src="occupations/11-0001.00/advanced/index.html"></iframe></body></html>`)

	b := qa.NewBrowser(t)
	srv := serve.New(out)
	ctx, cancel := context.WithCancel(context.Background())
	base, done, err := srv.ListenAndServe(ctx, "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	defer func() { cancel(); <-done }()
	fileURL := func(rel string) string {
		u, err := qa.FileURL(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	httpURL := func(rel string) string { return strings.TrimSuffix(base, "/") + "/" + rel }
	tests := []struct {
		name, from, to string
		h1             string // part of the landing page's heading
	}{
		{"level, file", fileURL("occupations/11-0001.00/advanced/index.html"), "/occupations/11-0001.00/expert/index.html", "Advanced"},
		{"level, http", httpURL("occupations/11-0001.00/advanced/"), "/occupations/11-0001.00/expert/index.html", "Advanced"},
		{"embed level, file", fileURL("embed/occupations/11-0001.00/advanced/index.html"), "/embed/occupations/11-0001.00/expert/index.html", "Advanced"},
		{"comparison, file", fileURL("compare/11-0001.00/11-0002.00/index.html"), "/compare/index.html?a=11-0001.00&b=11-0002.00", ""},
		{"comparison, http", httpURL("compare/11-0002.00/11-0001.00/"), "/compare/index.html?a=11-0002.00&b=11-0001.00", ""},
		// A pair the last build did not have: no redirect page, the rule.
		{"comparison by rule, http", httpURL("compare/11-0001.00/11-0003.00/index.html?x=1#top"), "/compare/index.html?a=11-0001.00&b=11-0003.00&x=1#top", ""},
		// The matrix, a part of the occupation's page since it had its own.
		{"matrix, file", fileURL("occupations/11-0001.00/matrix/index.html"), "/occupations/11-0001.00/index.html#matrix", "Greeters"},
		{"matrix by rule, http", httpURL("occupations/11-0002.00/matrix/"), "/occupations/11-0002.00/index.html#matrix", "Ushers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := b.Navigate(tt.from); err != nil {
				t.Fatal(err)
			}
			var at, h1 string
			deadline := time.Now().Add(20 * time.Second)
			for {
				// A redirect in progress makes evaluation fail for a moment.
				err := b.Eval(`location.pathname + location.search + location.hash`, &at)
				if err == nil && strings.HasSuffix(at, tt.to) {
					if err := b.Eval(`(document.querySelector("h1")||{}).textContent||""`, &h1); err == nil && h1 != "" {
						break
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("from %s: at %q (h1 %q), want a page ending %q", tt.from, at, h1, tt.to)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !strings.Contains(h1, tt.h1) {
				t.Errorf("landed on %q titled %q", at, h1)
			}
		})
	}
	t.Run("level, in a frame", func(t *testing.T) {
		if err := b.Navigate(httpURL("lms-course.html")); err != nil {
			t.Fatal(err)
		}
		var at string
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			err := b.Eval(`document.querySelector("iframe").contentWindow.location.pathname`, &at)
			if err == nil && at == "/occupations/11-0001.00/expert/index.html" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the frame is at %q (%v), want the renamed level", at, err)
			}
		}
	})
}
