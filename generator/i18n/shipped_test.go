package i18n

import (
	"testing"

	shipped "github.com/ladder-ssg/ladder/i18n"
	"golang.org/x/text/language"
)

// TestShippedCatalogues holds every shipped catalogue to English: no
// unknown key, the same placeholders, every plural form its language
// uses, and (but for English itself) a message for every key.
func TestShippedCatalogues(t *testing.T) {
	ref, diags := Parse("en.toml", readFS(shipped.FS, "en.toml"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			msgs, diags := Parse(lang+".toml", readFS(shipped.FS, lang+".toml"))
			diags = append(diags, Check(lang+".toml", msgs, ref, language.Make(lang))...)
			for _, d := range diags {
				t.Error(d)
			}
			for k := range ref {
				if _, ok := msgs[k]; !ok {
					t.Errorf("%s.toml: no message for %q", lang, k)
				}
			}
		})
	}
}
