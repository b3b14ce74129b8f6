// Package words is ladder's one rule for splitting text into words and
// folding them (case, accents), shared by skill keys, relations,
// alignment and the search index, in Go and, through the same rules, in
// assets/search.js.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns s case- and accent-folded, the one folding rule that
// ladder's skill keys and its search index share with assets/search.js:
// canonical decomposition (NFD), combining marks (\p{M}) removed, lower
// case, then final sigma "ς" as "σ" and "ß" as "ss". In JavaScript it is
//
//	s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ").replace(/ß/g, "ss")
//
// TestFoldMatchesNode checks that equivalence for every code point known
// to Go's Unicode tables.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			var b []byte
			b = append(b, s[:i]...)
			for _, r := range s[i:] {
				b = appendFold(b, r)
			}
			return string(b)
		}
	}
	return s
}

// appendFold appends the folded form of r to dst.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if hangulBase <= r && r < hangulBase+hangulCount {
		// Hangul syllables decompose algorithmically into conjoining jamo,
		// which are letters, not marks (Unicode §3.12).
		i := r - hangulBase
		dst = utf8.AppendRune(dst, 0x1100+i/(21*28))
		dst = utf8.AppendRune(dst, 0x1161+i%(21*28)/28)
		if t := i % 28; t != 0 {
			dst = utf8.AppendRune(dst, 0x11A7+t)
		}
		return dst
	}
	if d, ok := foldTable[r]; ok {
		for _, x := range d {
			dst = appendLower(dst, x)
		}
		return dst
	}
	if unicode.Is(unicode.M, r) {
		return dst
	}
	return appendLower(dst, r)
}

const (
	hangulBase  = 0xAC00
	hangulCount = 11172
)

func appendLower(dst []byte, r rune) []byte {
	switch r = unicode.ToLower(r); r {
	case 'ς':
		r = 'σ'
	case 'ß':
		return append(dst, "ss"...)
	}
	return utf8.AppendRune(dst, r)
}

// isWordRune reports whether r belongs to a word: a letter, a number or a
// combining mark (\p{L}, \p{N}, \p{M}).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Words splits s into folded words: maximal runs of letters, numbers and
// combining marks, where an apostrophe (' or ’) between two such runes
// is dropped and joins them. Each word is then folded with Fold; words
// that fold to nothing are left out. In JavaScript the runs are
//
//	s.match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu)
//
// with the apostrophes removed before folding.
func Words(s string) []string {
	var out []string
	eachWord(s, nil, func(w []byte) { out = append(out, string(w)) })
	return out
}

// EachWord calls fn with each word of s as Words finds them, without
// allocating; fn must not keep w, which is reused.
func EachWord(s string, fn func(w []byte)) { eachWord(s, nil, fn) }

// Scan is EachWord with a buffer of the caller's, returned for reuse.
func Scan(s string, buf []byte, fn func(w []byte)) []byte { return eachWord(s, buf, fn) }

// eachWord calls fn with each folded word of s, built in buf, which fn
// must not keep.
func eachWord(s string, buf []byte, fn func(w []byte)) []byte {
	return eachWordAt(s, buf, func(w []byte, _, _ int) { fn(w) })
}

// eachWordAt is eachWord that also gives where each word is in s: from
// byte start to end.
func eachWordAt(s string, buf []byte, fn func(w []byte, start, end int)) []byte {
	buf = buf[:0]
	in := false // inside a word (buf may still be empty: a run of marks)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				if !in {
					start, in = i, true
				}
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				if !in {
					start, in = i, true
				}
				buf = append(buf, c+'a'-'A')
			case c == '\'' && in && i+1 < len(s) && startsWord(s[i+1:]):
				// joins the word runes around it
			default:
				if in {
					if len(buf) > 0 {
						fn(buf, start, i)
					}
					buf, in = buf[:0], false
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			if !in {
				start, in = i, true
			}
			buf = appendFold(buf, r)
		case r == '’' && in && i+n < len(s) && startsWord(s[i+n:]):
		default:
			if in {
				if len(buf) > 0 {
					fn(buf, start, i)
				}
				buf, in = buf[:0], false
			}
		}
		i += n
	}
	if in && len(buf) > 0 {
		fn(buf, start, len(s))
	}
	return buf
}

// startsWord reports whether s begins with a word rune.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// stopWords are left out of skill keys and of the words compared between
// occupations.
var stopWords = map[string]bool{
	"and": true, "of": true, "the": true, "or": true, "a": true, "an": true,
	"for": true, "to": true, "in": true, "on": true, "with": true,
}

// IsStop is IsStopWord without a conversion.
func IsStop(w []byte) bool {
	switch len(w) {
	case 1:
		return w[0] == 'a'
	case 2:
		switch string(w) {
		case "of", "or", "an", "to", "in", "on":
			return true
		}
	case 3:
		return string(w) == "and" || string(w) == "the" || string(w) == "for"
	case 4:
		return string(w) == "with"
	}
	return false
}

// IsStopWord reports whether the folded word w is one of the stop-words
// that skill keys and ladder's search leave out: and, of, the, or, a, an,
// for, to, in, on, with.
func IsStopWord(w string) bool { return stopWords[w] }

// Stem reduces the plural of a folded English word to its singular with a
// few suffix rules, in this order: "-ies" → "-y" (words over 4 bytes:
// supplies → supply, but ties → tie by the "-s" rule); "-yses" → "-ysis"
// (analyses → analysis); "-sses", "-xes", "-ches", "-shes", "-zzes" lose
// "-es" (processes → process, boxes → box); words ending in "-ss", "-us"
// or "-is" stay as they are (process, status, analysis); otherwise a
// final "-s" goes from words over 3 bytes (cases → case, gas stays).
func Stem(w string) string {
	b := StemBytes([]byte(w))
	if len(b) == len(w) && string(b) == w {
		return w
	}
	return string(b)
}

// StemBytes is Stem in place on b.
func StemBytes(b []byte) []byte {
	n := len(b)
	has := func(suffix string) bool { return n >= len(suffix) && string(b[n-len(suffix):]) == suffix }
	switch {
	case n > 4 && has("ies"):
		return append(b[:n-3], 'y')
	case n > 5 && has("yses"):
		return append(b[:n-2], 'i', 's')
	case has("sses") || has("xes") || has("ches") || has("shes") || has("zzes"):
		return b[:n-2]
	case has("ss") || has("us") || has("is"):
		return b
	case n > 3 && has("s"):
		return b[:n-1]
	}
	return b
}

// Key returns the skill key of a statement topic: its words (see Words)
// without stop-words, each reduced by Stem, joined by single spaces in
// their order. "Specimens Handling", "specimen-handling" and "Specimen
// handling" share the key "specimen handling". It returns "" when no
// word is left.
func Key(topic string) string {
	var b strings.Builder
	eachWord(topic, nil, func(w []byte) {
		if IsStop(w) {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(StemBytes(w))
	})
	return b.String()
}

// LowerFirst lower-cases the first letter of a name for use inside a
// sentence, unless the second letter is upper case too, as in "PCR
// testing"; scripts without case are left as they are.
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
