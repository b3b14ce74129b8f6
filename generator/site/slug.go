package site

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Slugify turns s into a path segment or fragment id: lower-case letters
// and digits of any script, words joined by "-", at most max bytes, cut at
// a word boundary. It returns "" when s has no letters or digits.
func Slugify(s string, max int) string {
	// Build into a stack buffer; anchors for 40,000 statements are made on
	// every build, so this avoids strings.ToLower and per-rune allocation.
	var arr [128]byte
	b := arr[:0]
	dash := false
	for _, r := range s {
		switch {
		case r < 0x80:
			c := byte(r)
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c == '\'':
				// "patient's" reads better as "patients" than "patient-s".
				continue
			default:
				dash = true
				continue
			}
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case r == '’':
		default:
			dash = true
		}
		if max > 0 && len(b) > max+8 {
			// Enough to cut at a word boundary below.
			break
		}
	}
	out := b
	if max > 0 && len(out) > max {
		cut := bytes.LastIndexByte(out[:max+1], '-')
		if cut <= 0 {
			cut = max
			for cut > 0 && !isRuneStart(out[cut]) {
				cut--
			}
		}
		out = out[:cut]
	}
	return string(out)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// uniqueNamer hands out names that are unique within one scope by adding
// -2, -3, … to repeats.
type uniqueNamer = Names

// Names hands out names that are unique within one scope (the anchors of
// a page, the folders of an occupation) by adding -2, -3, … to repeats.
// The search index derives anchors with the same rule.
type Names map[string]int

// Name returns base, or base-N for the next free N when base is taken,
// and marks the result taken.
func (u Names) Name(base string) string { return u.name(base) }

func (u Names) name(base string) string {
	n := u[base]
	u[base] = n + 1
	if n == 0 {
		return base
	}
	for {
		n++
		cand := base + "-" + strconv.Itoa(n)
		if u[cand] == 0 {
			u[cand] = 1
			u[base] = n
			return cand
		}
	}
}

// RelURL returns the shortest relative URL from the page at path from (a
// file path such as occupations/x/index.html) to the site file to.
func RelURL(from, to string) string {
	// Skip the folders both paths share, then climb out of the rest of from's.
	common := 0
	for i := 0; i < len(from) && i < len(to) && from[i] == to[i]; i++ {
		if from[i] == '/' {
			common = i + 1
		}
	}
	ups := strings.Count(from[common:], "/")
	return strings.Repeat("../", ups) + to[common:]
}
