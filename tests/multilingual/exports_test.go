package multilingual_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// caseItems reads a CASE package's items: identifier by human-readable
// code, and the languages its document and items declare (an item that
// declares none has the document's).
func caseItems(t *testing.T, file string) (ids map[string]string, langs map[string]bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		CFDocument struct{ Language string }
		CFItems    []struct {
			Identifier, HumanCodingScheme, Language string
		}
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	ids, langs = map[string]string{}, map[string]bool{pkg.CFDocument.Language: true}
	for _, it := range pkg.CFItems {
		ids[it.HumanCodingScheme] = it.Identifier
		if it.Language != "" {
			langs[it.Language] = true
		}
	}
	return ids, langs
}

// TestExportsCarryTheLanguage reads the CASE packages of one occupation
// in both languages: each declares its language, and every statement and
// level has the same code and the same identifier in both, so a badge
// aligned to one is aligned to the other. The Moodle and Canvas files are
// in each language's folder.
func TestExportsCarryTheLanguage(t *testing.T) {
	for _, config := range []string{bilingual, bilingual + "base_url = \"" + base + "\"\n"} {
		out := build(t, bilingualSource(t, config))
		dir := filepath.Join("occupations", "29-2012.00")
		en, enLangs := caseItems(t, filepath.Join(out, dir, "29-2012.00.case.json"))
		fr, frLangs := caseItems(t, filepath.Join(out, "fr", dir, "29-2012.00.case.json"))
		if len(enLangs) != 1 || !enLangs["en"] || len(frLangs) != 1 || !frLangs["fr"] {
			t.Errorf("%q: CASE languages en %v, fr %v", config, enLangs, frLangs)
		}
		if len(en) < 40 || len(en) != len(fr) {
			t.Errorf("%q: %d English items, %d French", config, len(en), len(fr))
		}
		for code, id := range en {
			if fr[code] != id {
				t.Errorf("%q: %s is %s in English, %q in French", config, code, id, fr[code])
			}
		}
		for _, f := range []string{"29-2012.00.moodle.csv", "29-2012.00.canvas.csv"} {
			if _, err := os.Stat(filepath.Join(out, "fr", dir, f)); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestLanguageTitles gives the French site its own title in a [lang.fr]
// table: the French pages and feed carry it, the English ones the
// site's.
func TestLanguageTitles(t *testing.T) {
	out := build(t, bilingualSource(t, "title = \"Competency frameworks\"\nlanguages = [\"en\", \"fr\"]\n[lang.fr]\ntitle = \"Référentiels de compétences\"\n"))
	for file, want := range map[string]string{
		"index.html":          "<title>Competency frameworks</title>",
		"fr/index.html":       "<title>Référentiels de compétences</title>",
		"fr/about/index.html": "Référentiels de compétences</title>",
		"fr/feed.xml":         "Référentiels de compétences",
	} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
}
