// Package snowball holds the Snowball stemmers of the languages ladder
// searches in: English (Porter2), French, Spanish, German and Portuguese,
// written from the algorithms at snowballstem.org and held to the output
// of the Snowball project's own C library (libstemmer 2.2) by golden word
// lists. assets/stem.js is the same code in JavaScript, held to this
// package by a test over the same lists.
//
// A stemmer takes one lower-case word, without apostrophes, in
// composed form (NFC), and returns its stem, still lower case and with
// the accents the algorithm keeps.
package snowball

import "strings"

// For returns the stemmer of a language (a BCP 47 tag, of which the
// primary subtag counts: "fr-CA" is French), or nil when ladder has none.
func For(lang string) func(string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch primary {
	case "en":
		return English
	case "fr":
		return French
	case "es":
		return Spanish
	case "de":
		return German
	case "pt":
		return Portuguese
	}
	return nil
}

// word is a word being stemmed, with its regions (p1, p2 and, for the
// Romance languages, pv): a suffix is in a region when it starts at or
// after the region's start.
type word struct {
	r          []rune
	pv, p1, p2 int
}

// ends reports whether the word ends in s.
func (w *word) ends(s string) bool { return endsAt(w.r, len(w.r), s) }

// endsAt reports whether r[:end] ends in s.
func endsAt(r []rune, end int, s string) bool {
	n := 0
	for range s {
		n++
	}
	if n > end {
		return false
	}
	i := end - n
	for _, c := range s {
		if r[i] != c {
			return false
		}
		i++
	}
	return true
}

// longest returns the longest of suffixes that the word ends in, and
// where it starts; "" and -1 when it ends in none.
func (w *word) longest(suffixes []string) (string, int) {
	best, at := "", -1
	for _, s := range suffixes {
		if len(s) > len(best) && w.ends(s) {
			best = s
		}
	}
	if best != "" {
		at = len(w.r) - len([]rune(best))
	}
	return best, at
}

// cut removes the last n runes.
func (w *word) cut(n int) { w.r = w.r[:len(w.r)-n] }

// replace replaces the ending that starts at rune i with s.
func (w *word) replace(i int, s string) { w.r = append(w.r[:i], []rune(s)...) }

// before returns the rune before position i, or 0 at the start.
func (w *word) before(i int) rune {
	if i <= 0 || i > len(w.r) {
		return 0
	}
	return w.r[i-1]
}

// regions returns p1 and p2: p1 is after the first non-vowel that follows
// a vowel, p2 the same from p1 on; len(r) where there is none.
func regions(r []rune, from int, vowel func(rune) bool) (p1, p2 int) {
	p1 = pastVowelConsonant(r, from, vowel)
	p2 = pastVowelConsonant(r, p1, vowel)
	return p1, p2
}

// pastVowelConsonant returns the position after the first non-vowel that
// follows a vowel at or after from, or len(r).
func pastVowelConsonant(r []rune, from int, vowel func(rune) bool) int {
	i := from
	for i < len(r) && !vowel(r[i]) {
		i++
	}
	for i < len(r) && vowel(r[i]) {
		i++
	}
	if i >= len(r) {
		return len(r)
	}
	return i + 1
}

// romanceRV returns the start of RV as Spanish and Portuguese define it:
// after the next vowel when the second letter is a consonant, after the
// next consonant when the first two are vowels, else after the third
// letter; len(r) when there is no such position.
func romanceRV(r []rune, vowel func(rune) bool) int {
	n := len(r)
	if n < 2 {
		return n
	}
	next := func(from int, want bool) int {
		for i := from; i < n; i++ {
			if vowel(r[i]) == want {
				return i + 1
			}
		}
		return -1
	}
	if vowel(r[0]) {
		if !vowel(r[1]) {
			if p := next(2, true); p >= 0 {
				return p
			}
		}
		if vowel(r[1]) {
			if p := next(2, false); p >= 0 {
				return p
			}
		}
		return n
	}
	if !vowel(r[1]) {
		if p := next(2, true); p >= 0 {
			return p
		}
		return n
	}
	if n >= 3 {
		return 3
	}
	return n
}

// mapRunes replaces each rune of r found in from by the rune at the same
// place in to.
func mapRunes(r []rune, from, to string) {
	f, t := []rune(from), []rune(to)
	for i, c := range r {
		for k, x := range f {
			if c == x {
				r[i] = t[k]
				break
			}
		}
	}
}

// isIn returns a test of membership in the runes of set.
func isIn(set string) func(rune) bool {
	return func(r rune) bool { return strings.ContainsRune(set, r) }
}
