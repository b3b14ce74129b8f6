package snowball

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// published returns Snowball's published vocabulary and output lists for
// English, French and Spanish, as the tests of github.com/kljensen/snowball
// (a dependency of ladder's aligner, so in the module cache wherever
// ladder builds) hold them, without the words with apostrophes, which
// ladder's words never have. It returns nothing for the other languages.
func published(t *testing.T, lang string) (words, stems []string) {
	t.Helper()
	dir := map[string]string{"en": "english_vocab", "fr": "french_vocab", "es": "spanish_vocab"}[lang]
	if dir == "" {
		return nil, nil
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), dir, "vocab_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^\t+\{"([^"]*)", "([^"]*)"\},$`).FindAllStringSubmatch(string(data), -1) {
		if !strings.ContainsAny(m[1], "'’") {
			words, stems = append(words, m[1]), append(stems, m[2])
		}
	}
	if len(words) < 20000 {
		t.Fatalf("%s: only %d words in %s", lang, len(words), dir)
	}
	return words, stems
}

// snowball2 are the words of the published lists whose stems Snowball 2
// changed, with libstemmer 2.2's: French ë and ï are written He and Hi
// while stemming, and Spanish stems one-letter words too.
var snowball2 = map[string]string{
	"égoïsme": "égo", "égoïste": "égo", "égoïstes": "égo", "héroïque": "héro", "héroïquement": "héro",
	"héroïques": "héro", "héroïsme": "héro", "prosaïquement": "prosa", "prosaïques": "prosa", "ó": "o",
}

// TestPublished holds the stemmers to Snowball's published outputs: every
// word but those of snowball2, which get libstemmer 2.2's stems.
func TestPublished(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es"} {
		words, stems := published(t, lang)
		stem, bad := For(lang), 0
		for i, w := range words {
			want := stems[i]
			if s, ok := snowball2[w]; ok {
				want = s
			}
			if got := stem(w); got != want {
				if bad++; bad <= 20 {
					t.Errorf("%s(%q) = %q, want %q", lang, w, got, want)
				}
			}
		}
		t.Logf("%s: %d published words, %d differ", lang, len(words), bad)
	}
}
