package search

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/ladder-ssg/ladder/generator/site"
)

// anchorMax is the most bytes of a title's anchor before any "-2".
const anchorMax = 48

// anchorBase returns the anchor that search.js derives from a title, as
// the site model makes a statement's anchor from its topic: ASCII letters
// and digits in lower case, apostrophes (' ’) dropped, every other run of
// characters a "-", cut at a "-" to at most 48 bytes, with "s-" in front
// when that is empty or starts with a digit. It reports false for a title
// with a non-ASCII letter or digit, or a character Go's Unicode tables do
// not know: those anchors are stored, not derived.
func anchorBase(title string) (string, bool) {
	var b strings.Builder
	dash := false
	for _, r := range title {
		switch {
		case 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || !assigned(r)):
			return "", false
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > anchorMax {
		cut := strings.LastIndexByte(out[:anchorMax+1], '-')
		if cut <= 0 {
			cut = anchorMax
		}
		out = out[:cut]
	}
	if out == "" || '0' <= out[0] && out[0] <= '9' {
		out = "s-" + out
	}
	return strings.TrimSuffix(out, "-"), true
}

// assigned reports whether Go's Unicode tables give r a category.
func assigned(r rune) bool {
	for _, t := range []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co} {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// namer hands out the anchors of one page as the site model does: a
// repeated base gets -2, -3, …; "main" and "top" are taken.
type namer map[string]int

func newNamer() namer { return namer{"main": 1, "top": 1} }

// next returns the name that name(base) would return, without taking it.
func (u namer) next(base string) string {
	n := u[base]
	if n == 0 {
		return base
	}
	for {
		n++
		if cand := base + "-" + strconv.Itoa(n); u[cand] == 0 {
			return cand
		}
	}
}

// name takes and returns the next name for base, by the site's rule.
func (u namer) name(base string) string { return site.Names(u).Name(base) }

// claim marks an anchor given in the index as taken.
func (u namer) claim(a string) {
	if u[a] == 0 {
		u[a] = 1
	}
}
