// Package config reads a site's ladder.toml into a validated Config.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/host"
	"github.com/ladder-ssg/ladder/generator/markup"
)

// FileName is the name of the configuration file in a site folder.
const FileName = "ladder.toml"

// Config is a site's configuration. Every field has a usable default.
type Config struct {
	// Title names the site in headers, titles and feeds.
	Title string `toml:"title"`
	// Description is the site's one-line summary for the home page and metadata.
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is published at, ending in "/";
	// empty for a site that is only browsed offline. It enables canonical
	// links, the sitemap and absolute identifiers.
	BaseURL string `toml:"base_url"`
	// Language is the BCP 47 language tag of the pages.
	Language string `toml:"language"`
	// Publisher names who publishes the site; the O*NET modification notice
	// says who modified the O*NET material.
	Publisher string `toml:"publisher"`
	// EmbedTheme is the colour scheme of the embed views when their URL
	// has no ?theme=: "light" (the default, as most course pages are),
	// "dark", or "auto" to follow the reader's system setting.
	EmbedTheme string `toml:"embed_theme"`
	// Host names the static host the site is published to (see
	// host.Names); a build then fails, before publishing, when the site
	// would pass that host's limits. Empty for no check.
	Host string `toml:"host"`
	// Outputs switches optional outputs off ([outputs]).
	Outputs Outputs `toml:"outputs"`
	// Languages lists every language of a multilingual site, the default
	// first, whose content is in content/<lang>/ for each. The default
	// language is published at the root, the others under <lang>/ (see
	// LanguagePrefix); Language is the one being built. Empty for a site
	// in one language.
	Languages []string `toml:"languages"`
	// Lang holds what differs by language in a multilingual site: the
	// title and description, in [lang.<tag>] tables.
	Lang map[string]LanguageText `toml:"lang"`
}

// LanguageText is the site's title and description in one language.
type LanguageText struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

// EmbedThemes are the values of embed_theme and of an embed URL's ?theme=.
func EmbedThemes() []string { return []string{"light", "dark", "auto"} }

// typeErrorPattern matches the TOML decoder's type-mismatch errors.
var typeErrorPattern = regexp.MustCompile(`line (\d+) \(last key "([^"]*)"\): (.*)`)

// Default returns the configuration of a site without ladder.toml.
func Default() Config {
	return Config{
		Title:       "Competency frameworks",
		Description: "Occupational competency frameworks with proficiency levels, published with ladder.",
		Language:    "en",
		EmbedTheme:  "light",
		Outputs:     Outputs{CASE: true, CSV: true, JSON: true, Bundle: true, SCORMPerOccupation: true, SitePackages: true, LevelPages: true},
	}
}

// Parse decodes ladder.toml content over the defaults. file is used in
// diagnostics. Unknown keys are warnings, or errors when strict is set.
func Parse(file string, data []byte, strict bool) (Config, diag.List) {
	c := Default()
	var diags diag.List
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		d := diag.Diagnostic{File: file, Severity: diag.Error, Message: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Line, d.Column = pe.Position.Line, pe.Position.Col
			d.Path = pe.LastKey
			d.Message = pe.Message
		} else if m := typeErrorPattern.FindStringSubmatch(err.Error()); m != nil {
			// Type mismatches are plain errors that carry the line in their text.
			d.Line, _ = strconv.Atoi(m[1])
			d.Column = 1
			d.Path = m[2]
			d.Message = "wrong type: " + strings.TrimPrefix(m[3], "incompatible types: ")
		}
		return Default(), diag.List{d}
	}
	for _, k := range md.Undecoded() {
		sev, msg := diag.Unknown("key", k.String(), strict)
		d := diag.Diagnostic{File: file, Path: k.String(), Severity: sev, Message: msg}
		d.Line, d.Column, _ = markup.TOMLKey(data, k[len(k)-1], false)
		diags = append(diags, d)
	}
	if c.BaseURL != "" {
		base, err := NormalizeBaseURL(c.BaseURL)
		if err != nil {
			d := diag.Diagnostic{File: file, Path: "base_url", Severity: diag.Error, Message: err.Error()}
			d.Line, d.Column, _ = markup.TOMLKey(data, "base_url", false)
			diags = append(diags, d)
		}
		c.BaseURL = base
	}
	c.Title = strings.TrimSpace(c.Title)
	if c.Title == "" {
		c.Title = Default().Title
	}
	if c.Language == "" {
		c.Language = "en"
	}
	diags = append(diags, checkEmbedTheme(file, data, &c)...)
	diags = append(diags, checkHost(file, data, c.Host)...)
	diags = append(diags, checkLanguages(file, data, md, &c)...)
	return c, diags
}

// checkHost validates host, which is empty or one of host.Names.
func checkHost(file string, data []byte, name string) diag.List {
	if name == "" {
		return nil
	}
	if _, err := host.Lookup(name); err != nil {
		d := diag.Diagnostic{File: file, Path: "host", Severity: diag.Error, Message: err.Error()}
		d.Line, d.Column, _ = markup.TOMLKey(data, "host", false)
		return diag.List{d}
	}
	return nil
}

// NormalizeBaseURL checks that u is an absolute http(s) URL and returns it
// ending in "/", so that page paths can be appended to it.
func NormalizeBaseURL(u string) (string, error) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", fmt.Errorf("expected an absolute http or https URL such as \"https://example.org/frameworks/\", found %q", u)
	}
	if p.RawQuery != "" || p.Fragment != "" {
		return "", fmt.Errorf("expected a base URL without query or fragment, found %q", u)
	}
	s := p.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// checkEmbedTheme validates embed_theme, defaulting an empty one.
func checkEmbedTheme(file string, data []byte, c *Config) diag.List {
	c.EmbedTheme = strings.ToLower(strings.TrimSpace(c.EmbedTheme))
	if c.EmbedTheme == "" {
		c.EmbedTheme = Default().EmbedTheme
	}
	if slices.Contains(EmbedThemes(), c.EmbedTheme) {
		return nil
	}
	d := diag.Diagnostic{File: file, Path: "embed_theme", Severity: diag.Error,
		Message: fmt.Sprintf("expected \"light\", \"dark\" or \"auto\", found %q", c.EmbedTheme)}
	d.Line, d.Column, _ = markup.TOMLKey(data, "embed_theme", false)
	c.EmbedTheme = Default().EmbedTheme
	return diag.List{d}
}
