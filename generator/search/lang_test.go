package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// languageSite is a small site in one language: its config language is
// lang and its frameworks are fws.
func languageSite(t *testing.T, lang string, fws ...site.Framework) *site.Site {
	t.Helper()
	c := config.Default()
	c.Language = lang
	s, diags := site.New(site.Input{Config: c, Frameworks: fws})
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return s
}

// frenchSite has what French search must find: plurals and feminines
// (infirmières, infirmiers), elided articles (d'hygiène, l'équipe) and
// verb forms (préparer, prépare).
func frenchSite(t *testing.T) *site.Site {
	return languageSite(t, "fr",
		fw("29-1141.00", "Infirmières et infirmiers autorisés", "Santé",
			lvl{"debutant", "Débutant",
				"Soins d'hygiène — aider les patients à la toilette, sous supervision directe.",
				"Administration des médicaments — préparer les médicaments prescrits, sous supervision directe."},
			lvl{"confirme", "Confirmé",
				"Soins d'hygiène — planifier les soins d'hygiène de l'équipe.",
				"Encadrement — former les infirmières débutantes."}),
		fw("29-2012.00", "Techniciens de laboratoire médical", "Santé",
			lvl{"debutant", "Débutant",
				"Entretien des laboratoires — nettoyer les équipements du laboratoire.",
				"Analyses — prépare les échantillons pour l'analyse."}),
		fw("47-2031.00", "Charpentiers", "Construction",
			lvl{"debutant", "Débutant", "Mesure — mesurer les planches."}))
}

func germanSite(t *testing.T) *site.Site {
	return languageSite(t, "de",
		fw("29-2012.00", "Medizinische Laborassistenten", "Gesundheit",
			lvl{"einstieg", "Einstieg",
				"Laborgeräte warten — die Laborgeräte reinigen und prüfen.",
				"Proben — Blutproben für die Untersuchung vorbereiten."}),
		fw("47-2031.00", "Zimmerer", "Bau",
			lvl{"einstieg", "Einstieg", "Messen — Bretter messen und zuschneiden."}))
}

// TestLanguages checks what a search finds on French and German sites,
// in Go and in search.js: each query finds something, its best hit has
// the folded word of want in its title, text or occupation (none: finds
// nothing), and search.js finds the same, in the same order.
func TestLanguages(t *testing.T) {
	cases := []struct {
		lang    string
		site    func(*testing.T) *site.Site
		queries []string
		want    []string
	}{
		{"fr", frenchSite,
			[]string{"infirmière ", "infirmier ", "infirmieres ", "hygiène ", "l'hygiène ", "médicament ", "préparation ",
				"laboratoire ", "mesurée ", "nettoyant ", "les "},
			[]string{"infirmieres", "infirmieres", "infirmieres", "hygiene", "hygiene", "medicament", "prepar",
				"laboratoire", "mesurer", "nettoyer", ""}},
		{"de", germanSite,
			[]string{"Laborgerät ", "Laborgeraete ", "Blutprobe ", "Untersuchungen ", "die "},
			[]string{"laborgerate", "laborgerate", "blutproben", "untersuchung", ""}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			s := c.site(t)
			ix, err := Build(FromSite(s), WithLanguage(c.lang), WithTermFileBytes(100))
			if err != nil {
				t.Fatal(err)
			}
			var qs []jsQuery
			for i, q := range c.queries {
				qs = append(qs, jsQuery{Q: q})
				hits, _ := ix.Search(q, Filter{}, 0)
				if len(hits) == 0 {
					if c.want[i] != "" {
						t.Errorf("%q found nothing", q)
					}
					continue
				}
				d := ix.Doc(hits[0].Doc)
				if text := words.Fold(d.Title + " " + d.Text + " " + d.Occupation); c.want[i] == "" || !strings.Contains(text, c.want[i]) {
					t.Errorf("%q found first %q, want one with %q", q, d.Title, c.want[i])
				}
			}
			a := runJS(t, ix, jsCases{Search: qs})
			compareSearch(t, ix, qs, a.Search)
		})
	}
}

// TestStemJS holds search.js's Language.stem to words.Language.Stem for
// every code point below U+0250 (where Go and JavaScript must lower-case
// alike) alone, before "es" and after "ma", upper and lower case, in every
// language with rules, and for a few words beyond (folded only).
func TestStemJS(t *testing.T) {
	var ws []string
	for r := rune(1); r < 0x250; r++ {
		ws = append(ws, string(r), string(r)+"es", "ma"+string(r), "MA"+string(r)+"ES")
	}
	ws = append(ws, "İstanbul", "ΣΊΣΥΦΟΣ", "Straße", "STRASSE", "ﬁles", "e\u0301quipe\u0301es", "Ωμέγα")
	var c jsCases
	for _, lang := range []string{"en", "fr", "es", "de", "pt", "ar"} {
		for _, w := range ws {
			c.StemWords = append(c.StemWords, [2]string{lang, w})
		}
	}
	ix, err := Build(FromSite(frenchSite(t)), WithLanguage("fr"))
	if err != nil {
		t.Fatal(err)
	}
	a := runJS(t, ix, c)
	bad := 0
	for i, lw := range c.StemWords {
		if want := words.LanguageOf(lw[0]).Stem(lw[1]); a.StemWords[i] != want {
			if bad++; bad <= 20 {
				t.Errorf("%s: search.js stem(%q) = %q, Go %q", lw[0], lw[1], a.StemWords[i], want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ", bad, len(c.StemWords))
	}
}

// TestIndexLanguage checks that keys.js names the rules the index was
// built by, which search.js parses queries by.
func TestIndexLanguage(t *testing.T) {
	s := frenchSite(t)
	for tag, want := range map[string]string{"": `"lang":"en"`, "fr-CA": `"lang":"fr"`, "pt-BR": `"lang":"pt"`, "ar": `"lang":""`} {
		var opts []Option
		if tag != "" {
			opts = append(opts, WithLanguage(tag))
		}
		ix, err := Build(FromSite(s), opts...)
		if err != nil {
			t.Fatal(err)
		}
		if keys := string(ix.Files()[0].Data); ix.Files()[0].Path != "search/keys.js" || !strings.Contains(keys, `{"v":2,`+want+`,`) {
			t.Errorf("WithLanguage(%q): %s begins %.40s, want %s", tag, ix.Files()[0].Path, keys, want)
		}
	}
}

// TestLanguagesMissWithoutStems shows what the stems add: the same French
// site indexed without a language (folding only) misses the words whose
// ending differs.
func TestLanguagesMissWithoutStems(t *testing.T) {
	s := frenchSite(t)
	fr, err := Build(FromSite(s), WithLanguage("fr"))
	if err != nil {
		t.Fatal(err)
	}
	none, err := Build(FromSite(s), WithLanguage("und"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"hygiène ", "nettoyant "} {
		_, withStems := fr.Search(q, Filter{}, 0)
		_, without := none.Search(q, Filter{}, 0)
		if withStems <= without {
			t.Errorf("%q: %d hits with French rules, %d without", q, withStems, without)
		}
	}
}

// TestBrowserFrench searches a French site in Chromium from file://:
// search.js loads the French stemmer beside the index and finds
// "Infirmières" by "infirmier", marking the words it matched.
func TestBrowserFrench(t *testing.T) {
	s := frenchSite(t)
	ix, err := Build(FromSite(s), WithLanguage("fr"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeBrowserSite(t, s, ix, dir)
	b := qa.NewBrowser(t)
	u, err := qa.FileURL(filepath.Join(dir, "search/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "?q=infirmier"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `!!document.querySelector('.search-hit')`)
	var pg struct {
		Links, Marks []string
		Stem         bool
	}
	read := func() {
		t.Helper()
		if err := b.Eval(`({Links: Array.from(document.querySelectorAll('.search-hit-title')).map(a => a.getAttribute('href')),
			Marks: Array.from(document.querySelectorAll('#search-results mark')).map(m => m.textContent),
			Stem: !!window.ladderStem})`, &pg); err != nil {
			t.Fatal(err)
		}
	}
	read()
	hits, _ := ix.Search("infirmier", Filter{}, 0)
	var want []string
	for _, h := range hits {
		want = append(want, "../"+ix.Doc(h.Doc).URL)
	}
	if !slices.Equal(pg.Links, want) || len(want) == 0 || want[0] != "../occupations/29-1141.00/index.html" {
		t.Errorf("links %q, want %q", pg.Links, want)
	}
	if !pg.Stem || !slices.Contains(pg.Marks, "Infirmières") || !slices.Contains(pg.Marks, "infirmières") {
		t.Errorf("stem.js loaded: %v; marks %q", pg.Stem, pg.Marks)
	}

	// The dropdown of a level page: "d'hygiène" is found by "hygiène".
	level := filepath.Join(dir, s.Occupations[0].Levels[0].Path)
	if err := b.Open(level); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(chromedp.SendKeys("#site-search", "hygiène ", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `document.querySelectorAll('.search-option-title mark').length > 0`)
	var marks []string
	b.Eval(`Array.from(document.querySelectorAll('.search-option-title mark')).map(m => m.textContent)`, &marks)
	if !slices.Contains(marks, "d'hygiène") {
		t.Errorf("dropdown marks %q", marks)
	}

	// A site without stem.js still finds whole words.
	if err := os.Remove(filepath.Join(dir, "assets", "stem.js")); err != nil {
		t.Fatal(err)
	}
	if err := b.Navigate(u + "?q=infirmières"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `!!document.querySelector('.search-hit') || !!document.querySelector('.search-empty')`)
	read()
	if pg.Stem || len(pg.Links) == 0 || pg.Links[0] != "../occupations/29-1141.00/index.html" {
		t.Errorf("without stem.js: stem.js loaded %v, links %q", pg.Stem, pg.Links)
	}
}
