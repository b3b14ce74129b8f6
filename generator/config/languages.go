package config

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/markup"
)

// Multilingual reports whether the site lists its languages: its content
// is then in content/<lang>/ for each of them, even when there is one.
func (c Config) Multilingual() bool { return len(c.Languages) > 0 }

// LanguagePrefix is the folder the pages of Language are published in
// below the site root: "" for a site in one language and for the default
// language, "fr/" for French otherwise.
func (c Config) LanguagePrefix() string {
	if !c.Multilingual() || c.Language == c.Languages[0] {
		return ""
	}
	return c.Language + "/"
}

// checkLanguages validates languages and the default language against it:
// every entry a well-formed language tag, none twice, and language (when
// set) one of them. A site that lists languages but sets no language has
// the first as its default; the default is moved first.
func checkLanguages(file string, data []byte, md toml.MetaData, c *Config) diag.List {
	diags := checkLanguageTables(file, data, c)
	if len(c.Languages) == 0 {
		return diags
	}
	at := func(key, value string) diag.Diagnostic {
		d := diag.Diagnostic{File: file, Path: key, Severity: diag.Error}
		d.Line, d.Column = ValuePosition(data, key, value)
		return d
	}
	seen := map[string]bool{}
	for i, lang := range c.Languages {
		d := at("languages", lang)
		d.Path = fmt.Sprintf("languages[%d]", i)
		_, err := language.Parse(lang)
		var unknown language.ValueError
		switch {
		case errors.As(err, &unknown):
			d.Message = fmt.Sprintf("unknown language %q: expected a language tag such as \"en\" or \"pt-BR\"", lang)
		case err != nil || strings.TrimSpace(lang) != lang:
			d.Message = fmt.Sprintf("expected a language tag such as \"en\" or \"pt-BR\", found %q", lang)
		}
		if d.Message != "" {
			diags = append(diags, d)
			continue
		}
		if seen[strings.ToLower(lang)] {
			d.Message = fmt.Sprintf("language %q is listed twice", lang)
			diags = append(diags, d)
		}
		seen[strings.ToLower(lang)] = true
	}
	if !md.IsDefined("language") {
		c.Language = c.Languages[0]
		return diags
	}
	for i, lang := range c.Languages {
		if strings.EqualFold(lang, c.Language) {
			// The default first, where LanguagePrefix looks for it.
			c.Language = lang
			c.Languages = append([]string{lang}, slices.Delete(slices.Clone(c.Languages), i, i+1)...)
			return diags
		}
	}
	d := at("language", c.Language)
	d.Message = fmt.Sprintf("the default language %q is not one of languages (%s)", c.Language, strings.Join(c.Languages, ", "))
	return append(diags, d)
}

// ValuePosition is the line and column of value (a quoted string) in the
// assignment of key, or of the assignment's value when it is not found.
func ValuePosition(data []byte, key, value string) (line, col int) {
	line, _, col = markup.TOMLKey(data, key, true)
	if line == 0 {
		return 0, 0
	}
	text := strings.Split(string(data), "\n")[line-1]
	start := len(string([]rune(text)[:col-1]))
	for _, quoted := range []string{`"` + value + `"`, `'` + value + `'`} {
		if i := strings.Index(text[start:], quoted); i >= 0 {
			return line, utf8.RuneCountInString(text[:start+i]) + 1
		}
	}
	return line, col
}

// checkLanguageTables reports each [lang.<tag>] table whose language the
// site does not list, at its header.
func checkLanguageTables(file string, data []byte, c *Config) diag.List {
	var diags diag.List
	for _, tag := range slices.Sorted(maps.Keys(c.Lang)) {
		if slices.ContainsFunc(c.Languages, func(l string) bool { return strings.EqualFold(l, tag) }) {
			continue
		}
		d := diag.Diagnostic{File: file, Path: "lang." + tag, Severity: diag.Error,
			Message: fmt.Sprintf("[lang.%s] is for a language the site does not list in languages", tag)}
		d.Line, d.Column = tableHeader(data, "lang."+tag)
		diags = append(diags, d)
	}
	return diags
}

// Localize makes c the configuration of its Language: the title and
// description of its [lang.<tag>] table, where it gives them.
func (c *Config) Localize() {
	for tag, text := range c.Lang {
		if !strings.EqualFold(tag, c.Language) {
			continue
		}
		if t := strings.TrimSpace(text.Title); t != "" {
			c.Title = t
		}
		if text.Description != "" {
			c.Description = text.Description
		}
	}
}

// tableHeader is the line and column of the header [name], or zeros.
func tableHeader(data []byte, name string) (line, col int) {
	for n, text := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(text, " \t")
		if strings.HasPrefix(trimmed, "[") && strings.Trim(strings.TrimSpace(strings.SplitN(trimmed, "#", 2)[0]), "[] \t") == name {
			return n + 1, len(text) - len(trimmed) + 1
		}
	}
	return 0, 0
}
