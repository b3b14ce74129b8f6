package markup

import (
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs is a parser.IDs that keeps letters and digits of every script,
// so "Überblick für Pflegekräfte" becomes "überblick-für-pflegekräfte" and
// CJK headings keep their characters. It holds the ids used in one
// document: make a fresh one for every parse.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}}
}

// Generate returns a unique id for value, the raw source of a heading line.
//
// The rules: link destinations and reference labels are removed;
// character references such as &amp; are decoded; letters
// (lower-cased with Unicode rules), marks and numbers are kept; an
// underscore is kept between two kept characters (snake_case); runs of
// white space and hyphens become one "-", trimmed at both ends; everything
// else is dropped. An empty result becomes "heading" (or "id" for other
// node kinds). A repeated id gets the suffix "-1", "-2", … choosing the
// first that is still unused.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug(html.UnescapeString(stripLinkTargets(string(value))))
	if base == "" {
		base = "id"
		if kind == ast.KindHeading {
			base = "heading"
		}
	}
	id := base
	for n := 1; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id that a heading set explicitly.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}

// slug applies the character rules of Generate.
func slug(s string) string {
	var b strings.Builder
	keep := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
	}
	runes := []rune(s)
	dash := false
	for i, r := range runes {
		switch {
		case keep(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '_' && i > 0 && i+1 < len(runes) && keep(runes[i-1]) && keep(runes[i+1]):
			b.WriteByte('_')
		case r == '-' || unicode.IsSpace(r):
			dash = true
		}
	}
	return strings.ToLower(b.String())
}

// stripLinkTargets removes the "(destination)" of inline links and the
// "[label]" of full reference links from a raw heading line, so
// "See [the guide](guide.md)" gives the same id as "See the guide".
func stripLinkTargets(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "][") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ']' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '[') {
			open, closing := s[i+1], byte(')')
			if open == '[' {
				closing = ']'
			}
			depth := 0
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\\' {
					j++
					continue
				}
				if s[j] == open {
					depth++
				} else if s[j] == closing {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j < len(s) {
				b.WriteByte(']')
				i = j
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}
