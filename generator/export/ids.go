package export

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/site"
)

// uuid is a UUID's 16 bytes.
type uuid [16]byte

// namespaceURL is the RFC 9562 namespace for names that are URLs.
var namespaceURL = uuid{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// ladderNamespace holds the namespaces of sites without a base URL: the
// UUIDv5 of ladder's repository URL.
var ladderNamespace = uuidV5(namespaceURL, "https://github.com/ladder-ssg/ladder")

// uuidV5 returns the name-based UUID of name in namespace ns (RFC 9562,
// section 5.5): the first 16 bytes of SHA-1(ns || name) with the version
// and variant bits set.
func uuidV5(ns uuid, name string) uuid { return uuidV5Of(append(ns[:], name...)) }

// uuidV5Of is uuidV5 of the namespace and name given one after the other
// in nsName.
func uuidV5Of(nsName []byte) uuid {
	// sha1.Sum, not a hash.Hash: a site's CASE packages make millions of
	// identifiers, and the hash and its sum were allocations each.
	sum := sha1.Sum(nsName)
	var u uuid
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // variant 10
	return u
}

// String formats u as 8-4-4-4-12 lower-case hex digits.
func (u uuid) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// ids hands out the identifiers of one site.
type ids struct{ ns uuid }

// siteIDs returns the identifier space of s: its base URL in the URL
// namespace, or its title in ladder's namespace when it has none. Every
// language of a multilingual site shares the space of the site's root,
// so that a statement has one identifier in all of them.
func siteIDs(s *site.Site) ids {
	if s.Config.BaseURL != "" {
		return ids{uuidV5(namespaceURL, strings.TrimSuffix(s.Config.BaseURL, s.Config.LanguagePrefix()))}
	}
	return ids{uuidV5(ladderNamespace, s.Config.Title)}
}

// id returns the identifier named by parts. The parts are joined as a JSON
// array, so that no two different lists of parts give the same name.
func (x ids) id(parts ...string) string {
	// Written as json.Marshal would, into a buffer of the stack's: a
	// site's exports make millions of identifiers.
	var buf [256]byte
	name := append(append(buf[:0], x.ns[:]...), '[')
	for i, p := range parts {
		if i > 0 {
			name = append(name, ',')
		}
		name = appendJSONString(name, p, true)
	}
	return uuidV5Of(append(name, ']')).String()
}

func (x ids) document(o *site.Occupation) string { return x.id("document", o.Code) }

func (x ids) level(ol *site.OccupationLevel) string {
	return x.id("level", ol.Occupation.Code, ol.Key)
}

func (x ids) statement(ol *site.OccupationLevel, st site.Statement) string {
	return x.id("statement", ol.Occupation.Code, ol.Key, strconv.Itoa(st.Number))
}

func (x ids) association(kind, origin, destination string) string {
	return x.id("association", kind, origin, destination)
}

func (x ids) itemType(title string) string { return x.id("item-type", title) }

func (x ids) feed() string { return x.id("feed") }

// levelCodes returns the code of each level of o for human-readable codes:
// the upper-cased first letter of its key when every key starts with an
// ASCII letter and no two share it, otherwise its number.
func levelCodes(o *site.Occupation) []string {
	codes := make([]string, len(o.Levels))
	var seen [26]bool // a map was half of a page's statement codes' allocations
	letters := true
	for i, ol := range o.Levels {
		c := byte(0)
		if ol.Key != "" {
			c = ol.Key[0]
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' || seen[c-'A'] {
			letters = false
			break
		}
		seen[c-'A'] = true
		codes[i] = string(c)
	}
	if !letters {
		for i, ol := range o.Levels {
			codes[i] = strconv.Itoa(ol.Number)
		}
	}
	return codes
}

// codes are the human-readable codes of one framework.
type codes struct {
	occupation string
	levels     []string
}

func codesOf(o *site.Occupation) codes { return codes{o.Code, levelCodes(o)} }

// level returns the code of a level, e.g. 29-2012.00.P.
func (c codes) level(ol *site.OccupationLevel) string {
	return c.occupation + "." + c.levels[ol.Number-1]
}

// statement returns the code of a statement, e.g. 29-2012.00.P.3.
func (c codes) statement(ol *site.OccupationLevel, st site.Statement) string {
	return c.occupation + "." + c.levels[ol.Number-1] + "." + strconv.Itoa(st.Number)
}

// StatementCode returns the human-readable code of a statement, e.g.
// 29-2012.00.P.3: the CASE humanCodingScheme, Moodle ID number and Canvas
// display name of the statement.
func StatementCode(ol *site.OccupationLevel, st site.Statement) string {
	return codesOf(ol.Occupation).statement(ol, st)
}

// shorten cuts s to at most max characters (runes), at a space when there
// is one in the second half, ending in "…" when it had to cut.
func shorten(s string, max int) string {
	// Counted first: nearly every text fits, and a rune slice of each was
	// a tenth of what a site's exports allocated.
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	cut := string(r[:max-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:—-") + "…"
}
