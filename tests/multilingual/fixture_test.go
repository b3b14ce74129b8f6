// Package multilingual_test builds a bilingual site, the seed frameworks
// in English and a French copy made here, and checks what a reader of
// either language meets: hreflang pairs, the language switcher (in
// Chromium, from file://), each language's search, valid and accessible
// French pages, and located errors for a broken multilingual site.
package multilingual_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
)

// seeds is the default site's content: the English half of the fixture.
const seeds = "../../content"

// french turns the seeds' English into the fixture's French, word by
// word: enough for a search to tell the languages apart.
var french = strings.NewReplacer(
	"Laboratory", "Laboratoire", "laboratory", "laboratoire",
	"samples", "échantillons", "equipment", "équipement",
	"supervision", "encadrement", "Technicians", "Techniciens",
	"Medical and Clinical", "Médicaux et cliniques", "Biological", "Biologiques",
)

// frenchLabels are the French labels of the seeds' levels.
var frenchLabels = map[string]string{"emerging": "Débutant", "developing": "En progression", "proficient": "Confirmé", "advanced": "Avancé"}

func defaults() load.Defaults {
	return load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}
}

// bilingualSource writes the fixture's site folder with config as its
// ladder.toml: content/en/ the seeds and three pages, content/fr/ their
// French copy and a French about page (lms.md is in English only).
func bilingualSource(t testing.TB, config string) string {
	t.Helper()
	src := t.TempDir()
	write(t, filepath.Join(src, "ladder.toml"), []byte(config))
	frameworks, err := filepath.Glob(filepath.Join(seeds, "frameworks", "*.json"))
	if err != nil || len(frameworks) == 0 {
		t.Fatalf("no seed frameworks: %v", err)
	}
	for _, f := range frameworks {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(src, "content", "en", "frameworks", filepath.Base(f)), data)
		write(t, filepath.Join(src, "content", "fr", "frameworks", filepath.Base(f)), frenchFramework(t, data))
	}
	for _, page := range []string{"_index.md", "about.md", "lms.md"} {
		data, err := os.ReadFile(filepath.Join(seeds, page))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(src, "content", "en", page), data)
	}
	write(t, filepath.Join(src, "content", "fr", "about.md"), []byte("---\ntitle: À propos des référentiels\n---\n# À propos\n\nChaque référentiel décrit un métier.\n"))
	return src
}

// frenchFramework is the French copy of a framework file: the same
// code, level keys and statements in the same order, in other words.
func frenchFramework(t testing.TB, data []byte) []byte {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	occ := f["occupation"].(map[string]any)
	occ["title"] = french.Replace(occ["title"].(string))
	levels := f["framework"].(map[string]any)["levels"].(map[string]any)
	for key, lv := range levels {
		level := lv.(map[string]any)
		level["label"] = frenchLabels[key]
		statements := level["statements"].([]any)
		for i, s := range statements {
			statements[i] = french.Replace(s.(string))
		}
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t testing.TB, file string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// build builds src into a fresh folder and returns the folder.
func build(t testing.TB, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Out: out, Defaults: defaults()}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return out
}

// bilingual is the config of the fixture's site, English by default.
const bilingual = "title = \"Référentiels\"\nlanguages = [\"en\", \"fr\"]\n"
