package words

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ladder-ssg/ladder/generator/snowball"
)

// Language is how the words of one language are searched: its
// stop-words, its Snowball stemmer and, in French, elision ("l'", "d'",
// "qu'" … before a word are left out). assets/search.js applies the same
// rules, chosen by Code, and assets/stem.js has the same stemmers. The
// zero Language has none of them: words are only folded.
type Language struct {
	code string
	stem func(string) string
	stop map[string]bool // folded
}

// LanguageOf returns the rules of a BCP 47 language tag, by its primary
// subtag ("fr-CA" is French): English, French, Spanish, German and
// Portuguese have rules; other languages get the zero Language.
func LanguageOf(tag string) Language {
	stem := snowball.For(tag)
	if stem == nil {
		return Language{}
	}
	code, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return Language{code: code, stem: stem, stop: stopWordsOf(code)}
}

// Stemmer returns the stemmer of a language tag: LanguageOf(tag).Stem.
func Stemmer(tag string) func(string) string { return LanguageOf(tag).Stem }

// Code returns the primary subtag whose rules apply ("en", "fr", "es",
// "de", "pt"), or "" for the zero Language.
func (l Language) Code() string { return l.code }

// IsStop reports whether the folded word w is one of the language's
// stop-words: the articles, conjunctions and commonest prepositions.
func (l Language) IsStop(w string) bool { return l.stop[w] }

// IsStopBytes is IsStop without a conversion.
func (l Language) IsStopBytes(w []byte) bool { return l.stop[string(w)] }

// Stem returns the folded stem of a word as it is written (any case,
// apostrophes dropped): the word is put in composed form (NFC) and lower
// case, stemmed by the language's Snowball stemmer, then folded (Fold).
// A word with a character beyond U+024F, or with "İ", is folded only:
// the stemmers work on Latin letters, and lower-casing those is the same
// in Go and in JavaScript. The zero Language only folds.
func (l Language) Stem(w string) string {
	if l.stem == nil || w == "" {
		return Fold(w)
	}
	w = norm.NFC.String(w)
	for _, r := range w {
		if r >= 0x250 || r == 'İ' {
			return Fold(w)
		}
	}
	if s := Fold(l.stem(strings.ToLower(w))); s != "" {
		return s
	}
	return Fold(w)
}

// Each calls fn with each word of s as EachWord finds it and as written
// (without apostrophes), for Stem; in French an elided word before an
// apostrophe ("l'", "d'", "qu'", "jusqu'" …) is left out of both, so
// "d'hygiène" is "hygiene". fn must not keep w, which is reused.
func (l Language) Each(s string, fn func(w []byte, written string)) {
	if l.code != "fr" {
		eachWordAt(s, nil, func(w []byte, start, end int) { fn(w, dropApostrophes(s[start:end])) })
		return
	}
	eachWordAt(s, nil, func(w []byte, start, end int) {
		written := s[start:end]
		if rest, ok := elide(written); ok {
			written = rest
			w = []byte(Fold(dropApostrophes(rest)))
		}
		fn(w, dropApostrophes(written))
	})
}

// elide returns what follows an elided French word ("l'", "d'", "qu'",
// "jusqu'", "lorsqu'", "puisqu'" and c, j, m, n, s, t).
func elide(w string) (string, bool) {
	i := strings.IndexAny(w, "'’")
	if i < 0 {
		return "", false
	}
	switch Fold(w[:i]) {
	case "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu":
		_, n := utf8.DecodeRuneInString(w[i:])
		return w[i+n:], true
	}
	return "", false
}

func dropApostrophes(s string) string {
	if !strings.ContainsAny(s, "'’") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\'' || r == '’' {
			return -1
		}
		return r
	}, s)
}

// stopWordsOf returns the stop-words of a language code.
func stopWordsOf(code string) map[string]bool {
	var list string
	switch code {
	case "en":
		return stopWords
	case "fr":
		list = "le la les un une des de du et ou a au aux en pour par sur dans avec"
	case "es":
		list = "el la los las un una unos unas de del y o a al en para por con"
	case "de":
		list = "der die das den dem des ein eine einen einem einer eines und oder zu zum zur in im an am auf fur mit von vom"
	case "pt":
		list = "o a os as um uma uns umas de do da dos das e ou em no na nos nas para por com ao aos"
	}
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}
