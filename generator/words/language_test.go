package words

import (
	"slices"
	"testing"
)

func TestLanguageStem(t *testing.T) {
	cases := []struct{ lang, word, want string }{
		{"en", "Nurses", "nurs"},
		{"en", "nursing", "nurs"},
		{"en-GB", "analyses", "analys"},
		{"fr", "infirmières", "infirmi"},
		{"fr", "Infirmière", "infirmi"},
		{"fr", "infirmier", "infirmi"},
		{"fr-CA", "infirmiers", "infirmi"},
		{"fr", "infirmiere", "infirmier"},       // unaccented: "-iere" is not "-ière", only the "-e" goes
		{"fr", "e\u0301quipe\u0301es", "equip"}, // decomposed accents are composed first
		{"de", "Laborgeräte", "laborgerat"},
		{"de", "Laborgerät", "laborgerat"},
		{"de", "Straße", "strass"},
		{"es", "enfermeras", "enfermer"},
		{"es", "enfermera", "enfermer"},
		{"pt", "enfermeiras", "enfermeir"},
		{"pt", "técnicos", "tecnic"},
		{"ar", "ممرضات", "ممرضات"},         // no stemmer: folded only
		{"it", "Infermiere", "infermiere"}, // no stemmer: folded only
		{"en", "İstanbul", "istanbul"},     // "İ" is folded, not stemmed
		{"fr", "naïveté", "naivet"},
		{"fr", "", ""},
	}
	for _, c := range cases {
		if got := Stemmer(c.lang)(c.word); got != c.want {
			t.Errorf("Stemmer(%q)(%q) = %q, want %q", c.lang, c.word, got, c.want)
		}
	}
}

func TestLanguageEach(t *testing.T) {
	cases := []struct {
		lang, text string
		want       []string // folded word, then as written, for each word
	}{
		{"fr", "Soins d'hygiène à l’hôpital, jusqu'à l'aube",
			[]string{"soins", "Soins", "hygiene", "hygiène", "a", "à", "hopital", "hôpital", "a", "à", "aube", "aube"}},
		{"fr", "aujourd'hui qu'il", []string{"aujourdhui", "aujourdhui", "il", "il"}},
		{"en", "the nurse's d'Arcy", []string{"the", "the", "nurses", "nurses", "darcy", "dArcy"}},
		{"", "l'hôpital", []string{"lhopital", "lhôpital"}},
	}
	for _, c := range cases {
		var got []string
		LanguageOf(c.lang).Each(c.text, func(w []byte, written string) { got = append(got, string(w), written) })
		if !slices.Equal(got, c.want) {
			t.Errorf("%s Each(%q) = %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}

func TestLanguageStopWords(t *testing.T) {
	cases := []struct {
		lang, word string
		want       bool
	}{
		{"en", "the", true}, {"en", "le", false},
		{"fr", "les", true}, {"fr", "the", false}, {"fr", "infirmier", false},
		{"es", "los", true}, {"de", "fur", true}, {"de", "für", false}, // folded words only
		{"pt", "uma", true}, {"ar", "the", false}, {"", "and", false},
	}
	for _, c := range cases {
		if got := LanguageOf(c.lang).IsStop(c.word); got != c.want {
			t.Errorf("LanguageOf(%q).IsStop(%q) = %v, want %v", c.lang, c.word, got, c.want)
		}
	}
	if LanguageOf("fr-CA").Code() != "fr" || LanguageOf("ar").Code() != "" {
		t.Errorf("codes: %q %q", LanguageOf("fr-CA").Code(), LanguageOf("ar").Code())
	}
}
