package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, base string
		want            []string // substrings of the diagnostics, in order
	}{
		{"empty", "", "", nil},
		{"full", "title = \"T\"\nbase_url = \"https://example.org/sub\"\npublisher = \"P\"", "https://example.org/sub/", nil},
		{"unknown key", "title = \"T\"\ncolour = \"red\"", "", []string{"x.toml:2:1: warning: colour: unknown key \"colour\" (ignored)"}},
		{"bad url", "base_url = \"example.org\"", "", []string{"x.toml:1:1: base_url: expected an absolute http or https URL"}},
		{"syntax", "title = ", "", []string{"x.toml:1:"}},
		{"wrong type", "title = 3", "", []string{"x.toml:1:"}},
		{"embed theme", "title = \"T\"\nembed_theme = \"Dark\"", "", nil},
		{"host", "host = \"netlify\"", "", nil},
		{"unknown host", "title = \"T\"\nhost = \"geocities\"", "", []string{`x.toml:2:1: host: unknown host "geocities": expected one of cloudflare-pages, github-pages`}},
		{"bad embed theme", "title = \"T\"\n  embed_theme = \"sepia\"", "", []string{`x.toml:2:3: embed_theme: expected "light", "dark" or "auto", found "sepia"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("x.toml", []byte(tt.src), false)
			if len(diags) != len(tt.want) {
				t.Fatalf("diagnostics = %v, want %d", diags, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(diags[i].Error(), w) {
					t.Errorf("diagnostic %d = %q, want prefix %q", i, diags[i].Error(), w)
				}
			}
			if len(tt.want) == 0 && c.BaseURL != tt.base {
				t.Errorf("BaseURL = %q, want %q", c.BaseURL, tt.base)
			}
		})
	}
}

func TestParseStrict(t *testing.T) {
	_, diags := Parse("x.toml", []byte("colour = 1"), true)
	if diags.Err() == nil {
		t.Fatal("strict mode accepted an unknown key")
	}
}

// TestEmbedTheme checks the default and the accepted spellings of
// embed_theme.
func TestEmbedTheme(t *testing.T) {
	for src, want := range map[string]string{"": "light", `embed_theme = "auto"`: "auto", `embed_theme = " DARK "`: "dark", `embed_theme = ""`: "light"} {
		c, diags := Parse("x.toml", []byte(src), true)
		if len(diags) != 0 || c.EmbedTheme != want {
			t.Errorf("%q: EmbedTheme %q, %v; want %q", src, c.EmbedTheme, diags, want)
		}
	}
	if Default().EmbedTheme != "light" {
		t.Errorf("default embed theme %q", Default().EmbedTheme)
	}
}
