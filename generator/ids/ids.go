// Package ids derives identifiers from text, one rule each: Slug makes a
// path segment or fragment id, Names keeps names unique within a scope,
// and FNV64 hashes text the same way in every process. It imports nothing
// of ladder, so that every stage can ask it.
//
// Markdown heading ids are not made here: they follow GitHub's rule
// (markup/ids.go), so that links people write to "#some-heading" work.
package ids

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Slug turns s into a path segment or fragment id: lower-case letters
// and digits of any script, words joined by "-", at most max bytes, cut at
// a word boundary. It returns "" when s has no letters or digits.
func Slug(s string, max int) string {
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

// Names hands out names that are unique within one scope (the anchors of
// a page, the folders of an occupation) by adding -2, -3, … to repeats.
// Pages, statement anchors, version folders and the search index's
// anchors all use this rule.
type Names map[string]int

// Name returns base, or base-N for the next free N when base is taken,
// and marks the result taken.
func (u Names) Name(base string) string {
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

// FNV64 is the 64-bit FNV-1a hash of data: unseeded, so equal in every
// process, for sums kept across builds and models.
func FNV64(data []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range data {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// FNV64Strings is the FNV-1a hash of ss, each followed by a zero byte, so
// that ("ab", "c") and ("a", "bc") differ.
func FNV64Strings(ss ...string) uint64 {
	h := uint64(fnvOffset)
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * fnvPrime
		}
		h *= fnvPrime
	}
	return h
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211
