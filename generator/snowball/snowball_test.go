package snowball

import (
	"bufio"
	"compress/gzip"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the stems of testdata/*.tsv.gz with libstemmer's stemwords")

// The golden lists testdata/<lang>.tsv.gz hold a word and its stem by
// the Snowball project's C library (stemwords of libstemmer 2.2, Debian's
// libstemmer-tools) a line: every word of the shipped i18n catalogue of
// the language, for English every word of the 1,016-framework corpus and
// the seeds, and about 20,000 words sampled evenly from the language's
// Debian word list (wamerican, wfrench, wspanish, wngerman, wportuguese),
// which hold the inflected forms. Words are lower case, NFC, without
// apostrophes and without characters beyond U+024F, as words.Language
// hands them to the stemmers. The same lists hold assets/stem.js to this
// package (words.TestStemmersMatchNode).

// Golden reads the golden list of lang: words and their stems.
func Golden(t testing.TB, lang string) (words, stems []string) {
	t.Helper()
	f, err := os.Open(filepath.Join(goldenDir(t), lang+".tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		w, s, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("%s golden: bad line %q", lang, sc.Text())
		}
		words, stems = append(words, w), append(stems, s)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return words, stems
}

func goldenDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var languages = []string{"en", "fr", "es", "de", "pt"}

func TestGolden(t *testing.T) {
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			words, stems := Golden(t, lang)
			if len(words) < 20000 {
				t.Fatalf("only %d words", len(words))
			}
			if *update {
				stems = stemwords(t, lang, words)
				writeGolden(t, lang, words, stems)
			}
			stem := For(lang)
			bad := 0
			for i, w := range words {
				if got := stem(w); got != stems[i] {
					if bad++; bad <= 20 {
						t.Errorf("%s(%q) = %q, Snowball %q", lang, w, got, stems[i])
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words differ", bad, len(words))
			}
		})
	}
}

// stemwords stems words with libstemmer.
func stemwords(t *testing.T, lang string, words []string) []string {
	bin, err := exec.LookPath("stemwords")
	if err != nil {
		t.Fatalf("-update needs stemwords (apt-get install libstemmer-tools): %v", err)
	}
	cmd := exec.Command(bin, "-l", lang)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	stems := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(stems) != len(words) {
		t.Fatalf("stemwords gave %d stems for %d words", len(stems), len(words))
	}
	return stems
}

func writeGolden(t *testing.T, lang string, words, stems []string) {
	f, err := os.Create(filepath.Join(goldenDir(t), lang+".tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	z, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for i, w := range words {
		z.Write([]byte(w + "\t" + stems[i] + "\n"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDocumented checks stems shown in the algorithms' descriptions at
// snowballstem.org, and the ones ladder's search relies on.
func TestDocumented(t *testing.T) {
	cases := map[string][]string{
		"en": {"consign", "consign", "consigned", "consign", "consigning", "consign", "consignment", "consign",
			"consist", "consist", "consisted", "consist", "consistency", "consist", "consistent", "consist",
			"consolation", "consol", "consolatory", "consolatori", "consolidate", "consolid", "consolingly", "consol",
			"conspicuous", "conspicu", "conspiracy", "conspiraci", "constable", "constabl", "constancy", "constanc",
			"knackeries", "knackeri", "knaves", "knave", "kneaded", "knead", "knightly", "knight", "knitting", "knit",
			"knives", "knive", "generously", "generous", "skies", "sky", "dying", "die", "news", "news",
			"nurses", "nurs", "nursing", "nurs", "phlebotomists", "phlebotomist", "specimens", "specimen"},
		"fr": {"continu", "continu", "continua", "continu", "continuait", "continu", "continuation", "continu",
			"continué", "continu", "continuel", "continuel", "continuellement", "continuel", "continuité", "continu",
			"contorsions", "contors", "contournait", "contourn", "contractions", "contract",
			"contradictoirement", "contradictoir", "contraintes", "contraint", "contraires", "contrair",
			"infirmière", "infirmi", "infirmières", "infirmi", "infirmier", "infirmi", "infirmiers", "infirmi"},
		"es": {"chiquito", "chiquit", "chicharrón", "chicharron", "chilenas", "chilen", "chileno", "chilen",
			"enfermera", "enfermer", "enfermeras", "enfermer", "enfermería", "enferm", "laboratorios", "laboratori"},
		"de": {"aufeinander", "aufeinand", "aufeinanderbiß", "aufeinanderbiss", "aufeinanderfolge", "aufeinanderfolg",
			"aufeinanderfolgenden", "aufeinanderfolg", "aufeinanderschlügen", "aufeinanderschlug",
			"aufenthaltes", "aufenthalt", "auferlegten", "auferlegt", "auferstehung", "aufersteh",
			"auferstünde", "auferstund", "auffallend", "auffall", "laborgerät", "laborgerat", "laborgeräte", "laborgerat"},
		"pt": {"quilos", "quil", "química", "químic", "químicos", "químic", "quimioterapia", "quimioterap",
			"quinhentos", "quinhent", "enfermeiras", "enfermeir", "técnicos", "técnic", "informações", "inform"},
	}
	for lang, pairs := range cases {
		stem := For(lang)
		for i := 0; i < len(pairs); i += 2 {
			if got := stem(pairs[i]); got != pairs[i+1] {
				t.Errorf("%s(%q) = %q, want %q", lang, pairs[i], got, pairs[i+1])
			}
		}
	}
}

func TestFor(t *testing.T) {
	cases := []struct{ tag, word, want string }{
		{"en", "nurses", "nurs"}, {"EN-us", "nurses", "nurs"}, {"fr-CA", "infirmières", "infirmi"},
		{"pt-BR", "técnicos", "técnic"}, {"de-AT", "geräte", "gerat"}, {"es-419", "enfermeras", "enfermer"},
	}
	for _, c := range cases {
		if got := For(c.tag)(c.word); got != c.want {
			t.Errorf("For(%q)(%q) = %q, want %q", c.tag, c.word, got, c.want)
		}
	}
	for _, tag := range []string{"it", "ar", "", "english"} {
		if For(tag) != nil {
			t.Errorf("For(%q) has a stemmer", tag)
		}
	}
}

// BenchmarkStem times each stemmer over its golden word list; ns/op is
// per word.
func BenchmarkStem(b *testing.B) {
	for _, lang := range languages {
		words, _ := Golden(b, lang)
		stem := For(lang)
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				stem(words[i%len(words)])
				i++
			}
		})
	}
}

// FuzzStemmers checks that no stemmer panics or writes invalid UTF-8,
// whatever it is given (words.Language hands them only lower-case Latin
// words, but the stemmers are exported).
func FuzzStemmers(f *testing.F) {
	for _, s := range []string{"", "a", "infirmières", "laborgeräte", "ação", "yyy", "quïe", "ëë", "ß", "Ωμέγα", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range languages {
			if got := For(lang)(s); !utf8.ValidString(got) && utf8.ValidString(s) {
				t.Errorf("%s(%q) = %q, not UTF-8", lang, s, got)
			}
		}
	})
}
