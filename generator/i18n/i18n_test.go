package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestT fills placeholders, picks plural forms by CLDR rules and writes
// dates, in several languages.
func TestT(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "count.statements", []any{1}, "1 statement"},
		{"en", "count.statements", []any{3}, "3 statements"},
		{"fr", "count.statements", []any{0}, "0 énoncé"},
		{"fr", "count.statements", []any{2}, "2 énoncés"},
		{"ar", "count.statements", []any{2}, "عبارتان"},
		{"ar", "count.statements", []any{3}, "3 عبارات"},
		{"ar", "count.statements", []any{11}, "11 عبارة"},
		{"en", "level.of", []any{2, 5}, "level 2 of 5"},
		{"de", "page.changes-description", []any{"X", "v1", "v2", "2 neu"}, "Änderungen am Rahmen X von v1 zu v2: 2 neu."},
		{"fr", "occ.exported", nil, "Exporté le"},
		{"xx", "nav.levels", nil, "Levels"}, // no catalogue: English
		{"en", "no.such.key", nil, "no.such.key"},
	} {
		if got := Shipped(tc.lang).T(tc.key, tc.args...); got != tc.want {
			t.Errorf("%s %s %v = %q, want %q", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}
	day := time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "15 May 2026", "fr": "15 mai 2026", "es": "15 de mayo de 2026",
		"de": "15. Mai 2026", "pt": "15 de maio de 2026", "ar": "15 مايو 2026"} {
		if got := Shipped(lang).Date(day); got != want {
			t.Errorf("%s date = %q, want %q", lang, got, want)
		}
	}
	if Shipped("ar").Dir() != "rtl" || Shipped("fr").Dir() != "ltr" {
		t.Error("wrong direction")
	}
}

// TestSiteOverrides layers a site's file over the shipped catalogue and
// reports each mistake at its line and column.
func TestSiteOverrides(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		want       []string // diagnostics, in order; "" none
		key, text  string   // a message after loading
	}{
		{"override", `"nav.levels" = "Paliers"`, nil, "nav.levels", "Paliers"},
		{"dotted table", "[nav]\nlevels = \"Paliers\"", nil, "nav.levels", "Paliers"},
		{"unknown key", "\n  \"nav.levls\" = \"x\"", []string{`i18n/fr.toml:2:3: nav.levls: unknown key "nav.levls"`}, "nav.levels", "Niveaux"},
		{"wrong placeholder", `"steps.label" = "Niveaux de {titre}"`, []string{"i18n/fr.toml:1:1: steps.label: unknown placeholder {titre}; expected {title}"}, "", ""},
		{"missing placeholder", `"level.of" = "niveau {number}"`, []string{"1:1: level.of: missing placeholder {count}"}, "", ""},
		{"single for plural", `"count.statements" = "énoncés"`, []string{"1:1: count.statements: expected plural forms one, other"}, "", ""},
		{"missing form", "[\"count.statements\"]\none = \"{n} énoncé\"", []string{"1:2: count.statements: missing plural forms other"}, "", ""},
		{"syntax", "\"nav.levels\" = \"x", []string{"i18n/fr.toml:1:"}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{"fr.toml": {Data: []byte(tc.file)}}
			c, diags := Load("fr", Sources{Site: site, Label: func(n string) string { return "i18n/" + n }})
			if len(diags) != len(tc.want) {
				t.Fatalf("diagnostics %v, want %d", diags, len(tc.want))
			}
			for i, w := range tc.want {
				if got := diags[i].Error(); !strings.Contains(got, w) {
					t.Errorf("diagnostic %q, want it to contain %q", got, w)
				}
			}
			if tc.key != "" && c.T(tc.key) != tc.text {
				t.Errorf("%s = %q, want %q", tc.key, c.T(tc.key), tc.text)
			}
		})
	}
}
