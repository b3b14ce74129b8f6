package config

import (
	"slices"
	"strings"
	"testing"
)

// TestLanguages checks the languages of a multilingual site: their
// default, and every mistake located at its value.
func TestLanguages(t *testing.T) {
	tests := []struct {
		name, src   string
		wantDefault string
		want        []string // the diagnostics, in order
	}{
		{"one language", `title = "T"`, "en", nil},
		{"first is the default", `languages = ["fr", "en"]`, "fr", nil},
		{"default named", "language = \"EN\"\nlanguages = [\"fr\", \"en\"]", "en", nil},
		{"malformed tag", `languages = ["en", "f r"]`, "en",
			[]string{`x.toml:1:20: languages[1]: expected a language tag such as "en" or "pt-BR", found "f r"`}},
		{"unknown", `languages = ["en", "xx"]`, "en",
			[]string{`x.toml:1:20: languages[1]: unknown language "xx": expected a language tag such as "en" or "pt-BR"`}},
		{"twice", `languages = ["en", 'fr', "FR"]`, "en",
			[]string{`x.toml:1:26: languages[2]: language "FR" is listed twice`}},
		{"default not listed", "title = \"T\"\n language = \"de\"\nlanguages = [\"en\", \"fr\"]", "de",
			[]string{`x.toml:2:13: language: the default language "de" is not one of languages (en, fr)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("x.toml", []byte(tt.src), true)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if c.Language != tt.wantDefault {
				t.Errorf("Language = %q, want %q", c.Language, tt.wantDefault)
			}
		})
	}
}

// TestLanguagePrefix checks where each language of a site is published.
func TestLanguagePrefix(t *testing.T) {
	c, diags := Parse("x.toml", []byte("language = \"fr\"\nlanguages = [\"en\", \"fr\", \"de\"]"), true)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if !slices.Equal(c.Languages, []string{"fr", "en", "de"}) {
		t.Errorf("Languages = %v, want the default first", c.Languages)
	}
	for lang, want := range map[string]string{"fr": "", "en": "en/", "de": "de/"} {
		c.Language = lang
		if got := c.LanguagePrefix(); got != want {
			t.Errorf("LanguagePrefix of %s = %q, want %q", lang, got, want)
		}
	}
	if got := Default().LanguagePrefix(); got != "" {
		t.Errorf("one language: LanguagePrefix = %q", got)
	}
}

// TestLanguageTables checks [lang.<tag>] tables: each language's title and
// description, and a table for a language the site does not list.
func TestLanguageTables(t *testing.T) {
	src := "title = \"Frameworks\"\ndescription = \"D\"\nlanguages = [\"en\", \"fr\"]\n\n[lang.fr]\ntitle = \"Référentiels\"\n\n  [lang.de]\ntitle = \"Kompetenzen\"\n"
	c, diags := Parse("x.toml", []byte(src), true)
	if len(diags) != 1 || diags[0].Error() != `x.toml:8:3: lang.de: [lang.de] is for a language the site does not list in languages` {
		t.Fatalf("diagnostics %v", diags)
	}
	for lang, want := range map[string][2]string{"en": {"Frameworks", "D"}, "fr": {"Référentiels", "D"}} {
		l := c
		l.Language = lang
		l.Localize()
		if l.Title != want[0] || l.Description != want[1] {
			t.Errorf("%s: title %q, description %q; want %q", lang, l.Title, l.Description, want)
		}
	}
}
