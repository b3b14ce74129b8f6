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
