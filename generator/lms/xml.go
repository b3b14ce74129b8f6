package lms

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlWriter builds an indented XML document. Text and attribute values are
// escaped; characters XML 1.0 cannot hold become U+FFFD.
type xmlWriter struct {
	buf   bytes.Buffer
	depth int
}

func newXMLWriter() *xmlWriter {
	x := &xmlWriter{}
	x.buf.WriteString(xml.Header)
	return x
}

// open writes <name attrs…> on its own line; attrs are name, value pairs.
func (x *xmlWriter) open(name string, attrs ...string) {
	x.indent()
	x.buf.WriteString("<" + name)
	x.attrs(attrs)
	x.buf.WriteString(">\n")
	x.depth++
}

// close writes </name>.
func (x *xmlWriter) close(name string) {
	x.depth--
	x.indent()
	x.buf.WriteString("</" + name + ">\n")
}

// empty writes <name attrs…/>.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.indent()
	x.buf.WriteString("<" + name)
	x.attrs(attrs)
	x.buf.WriteString("/>\n")
}

// text writes <name attrs…>text</name> on one line.
func (x *xmlWriter) text(name, text string, attrs ...string) {
	x.indent()
	x.buf.WriteString("<" + name)
	x.attrs(attrs)
	x.buf.WriteString(">")
	xml.EscapeText(&x.buf, []byte(text))
	x.buf.WriteString("</" + name + ">\n")
}

func (x *xmlWriter) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		x.buf.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(&x.buf, []byte(attrs[i+1]))
		x.buf.WriteString(`"`)
	}
}

func (x *xmlWriter) indent() {
	x.buf.WriteString(strings.Repeat("  ", x.depth))
}

func (x *xmlWriter) bytes() []byte { return x.buf.Bytes() }

// xmlID turns s into a valid xsd:ID (an NCName): characters other than
// ASCII letters, digits, '.', '-' and '_' become '_', and prefix is put in
// front when s is empty or does not start with a letter or '_'.
func xmlID(prefix, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_'):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	id := b.String()
	if id == "" || !(id[0] == '_' || unicode.IsLetter(rune(id[0]))) {
		id = prefix + id
	}
	return id
}

// hashID returns prefix followed by 16 hex digits of the SHA-256 of the
// parts: an identifier that stays the same from build to build as long as
// the parts do, so that an LMS re-importing a cartridge can match items.
func hashID(prefix string, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return prefix + hex.EncodeToString(h.Sum(nil))[:16]
}

// truncate cuts s to at most max characters, ending it with "…" when cut.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// checkHref returns an error when the package path p cannot be written
// as-is into a manifest href: a URL reference would read '%', '#', '?' or a
// space differently from the file name.
func checkHref(p string) error {
	if i := strings.IndexAny(p, "%#? \t\n\r"); i >= 0 {
		return fmt.Errorf("path %q: %q is not allowed in a package path (it means something else in a URL)", p, p[i])
	}
	if len(p) > 2000 {
		return fmt.Errorf("path %q: longer than 2000 bytes", p[:40]+"…")
	}
	return nil
}

// checkLevelHref checks a level's href: a file of the package (pagePath
// is its path), optionally with a fragment naming the level's section of
// that page, "embed/x/index.html#advanced".
func checkLevelHref(href string) (pagePath string, err error) {
	page, fragment, ok := strings.Cut(href, "#")
	if ok && (fragment == "" || strings.ContainsAny(fragment, "%#? \t\n\r\"<>")) {
		return "", fmt.Errorf("level %q: the fragment %q is not a plain section id", href, fragment)
	}
	return page, nil
}
