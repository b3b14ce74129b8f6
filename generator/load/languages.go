package load

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/text/language"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/i18n"
)

// chooseLanguage makes cfg, of a site that lists its languages, the
// configuration of lang (the default language when empty) and returns
// the folder its content is read from, content/<lang>. A language must
// have an interface catalogue, shipped or the site's own i18n/<lang>.toml,
// and a content folder; each problem is located at the language's entry
// in ladder.toml (cfgData).
func chooseLanguage(dir string, cfgData []byte, cfg *config.Config, lang string) (string, diag.List) {
	if lang == "" {
		lang = cfg.Language
	}
	cfg.Language = lang
	cfg.Localize()
	if cfg.BaseURL != "" {
		cfg.BaseURL += cfg.LanguagePrefix()
	}
	content := "content/" + lang
	at := func(format string, args ...any) diag.List {
		d := diag.Diagnostic{File: displayPath(dir, config.FileName), Severity: diag.Error, Message: fmt.Sprintf(format, args...)}
		d.Path = "languages"
		if i := slices.Index(cfg.Languages, lang); i >= 0 {
			d.Path = fmt.Sprintf("languages[%d]", i)
		}
		d.Line, d.Column = config.ValuePosition(cfgData, "languages", lang)
		return diag.List{d}
	}
	if !hasCatalogue(dir, lang) {
		return content, at("no interface catalogue for language %q: ladder ships %v; add %s/%s.toml to translate the interface",
			lang, i18n.Languages(), I18nDir, lang)
	}
	if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(content))); err != nil || !st.IsDir() {
		return content, at("no folder %s/: a language's frameworks and pages go in content/<language>/", content)
	}
	return content, nil
}

// hasCatalogue reports whether ladder ships a catalogue for lang's base
// language or the site has its own i18n/<lang>.toml.
func hasCatalogue(dir, lang string) bool {
	if st, err := os.Stat(filepath.Join(dir, I18nDir, lang+".toml")); err == nil && st.Mode().IsRegular() {
		return true
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	base, _ := tag.Base()
	return slices.Contains(i18n.Languages(), base.String())
}

// ContentFolder is the folder, from the site folder dir, that holds the
// default language's content: "content", or "content/<lang>" for a site
// that lists its languages. A missing or broken ladder.toml gives
// "content"; the build reports it.
func ContentFolder(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, config.FileName))
	if err != nil {
		return "content"
	}
	cfg, _ := config.Parse(config.FileName, data, false)
	if !cfg.Multilingual() {
		return "content"
	}
	return "content/" + cfg.Language
}
