package gates_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// buildWithConfig builds the default content with the given ladder.toml.
func buildWithConfig(t *testing.T, toml string) string {
	t.Helper()
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Out: out,
		Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEmbedTheme opens an embed view in Chromium with the reader's
// system in light and in dark mode and checks its colours: ?theme= in the
// URL decides, else embed_theme (light by default, so an embed stays
// light in a light course page whatever the system); links keep a given
// ?theme=; and the copy-ready embed code states the theme.
func TestEmbedTheme(t *testing.T) {
	const light, dark = "rgb(255, 255, 255)", "rgb(15, 20, 26)"
	sites := map[string]string{"default": buildWithConfig(t, ""), "auto": buildWithConfig(t, `embed_theme = "auto"`)}
	tests := []struct {
		site, system, query, want string
	}{
		{"default", "dark", "", light},
		{"default", "light", "", light},
		{"default", "light", "?theme=dark", dark},
		{"default", "dark", "?theme=auto", dark},
		{"default", "light", "?theme=auto", light},
		{"default", "dark", "?theme=sepia", light},
		{"auto", "dark", "", dark},
		{"auto", "light", "", light},
		{"auto", "dark", "?theme=light", light},
	}
	b := qa.NewBrowser(t)
	for _, tt := range tests {
		if err := b.ColorScheme(tt.system); err != nil {
			t.Fatal(err)
		}
		u, err := qa.FileURL(filepath.Join(sites[tt.site], "embed", "occupations", "29-2012.00", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Navigate(u + tt.query); err != nil {
			t.Fatal(err)
		}
		var bg string
		if err := b.Eval(`getComputedStyle(document.body).backgroundColor`, &bg); err != nil {
			t.Fatal(err)
		}
		if bg != tt.want {
			t.Errorf("%s site, %s system, %q: background %s, want %s", tt.site, tt.system, tt.query, bg, tt.want)
		}
		if tt.query == "?theme=dark" {
			// The index of the views links to them (a view links only
			// to its levels' sections and to the published site).
			if u, err = qa.FileURL(filepath.Join(sites[tt.site], "embed", "index.html")); err != nil {
				t.Fatal(err)
			}
			if err := b.Navigate(u + tt.query); err != nil {
				t.Fatal(err)
			}
			var hrefs []string
			b.Eval(`[...document.querySelectorAll('main a[href$=".html"], main a[href*=".html?"]')].map(a => a.getAttribute('href'))`, &hrefs)
			for _, h := range hrefs {
				if !strings.Contains(h, "?theme=dark") {
					t.Errorf("link %s does not keep ?theme=dark", h)
				}
			}
			if len(hrefs) == 0 {
				t.Error("no links to check on the embed index")
			}
		}
	}
	qa.AssertNone(t, "embed views", b.Events().Findings())

	for site, theme := range map[string]string{"default": "light", "auto": "auto"} {
		page, err := os.ReadFile(filepath.Join(sites[site], "occupations", "29-2012.00", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), "index.html?theme="+theme+"&#34;") && !strings.Contains(string(page), "index.html?theme="+theme+"&quot;") {
			t.Errorf("%s site: the embed code does not state ?theme=%s", site, theme)
		}
	}
}
