package lms

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlWriter builds an indented XML document. Text and attribute values are
// escaped; characters XML 1.0 cannot hold become U+FFFD. It holds the
// document in buf, or, writing an xmlFile, hands buf to out whenever it
// holds xmlChunk bytes.
type xmlWriter struct {
	buf   bytes.Buffer
	depth int
	out   io.Writer
	err   error // out's first error
}

func newXMLWriter() *xmlWriter {
	x := &xmlWriter{}
	x.buf.WriteString(xml.Header)
	return x
}

// xmlFile is a zip entry of the XML document that write writes, made when
// the zip reaches it and compressed as it is made: a site-wide manifest
// runs to megabytes, which no buffer then holds whole (see File.Write).
func xmlFile(path string, write func(x *xmlWriter)) File {
	return File{Path: path, Write: func(w io.Writer) error {
		x := newXMLWriter()
		x.out = w
		write(x)
		x.flush()
		return x.err
	}}
}

// xmlChunk is how much of a streamed document xmlWriter holds before
// handing it on.
const xmlChunk = 32 << 10

// open writes <name attrs…> on its own line; attrs are name, value pairs.
func (x *xmlWriter) open(name string, attrs ...string) {
	x.start(name, attrs)
	x.buf.WriteString(">\n")
	x.depth++
	x.spill()
}

// close writes </name>.
func (x *xmlWriter) close(name string) {
	x.depth--
	x.indent()
	x.buf.WriteString("</")
	x.buf.WriteString(name)
	x.buf.WriteString(">\n")
	x.spill()
}

// empty writes <name attrs…/>.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.start(name, attrs)
	x.buf.WriteString("/>\n")
	x.spill()
}

// text writes <name attrs…>text</name> on one line.
func (x *xmlWriter) text(name, text string, attrs ...string) {
	x.start(name, attrs)
	x.buf.WriteByte('>')
	x.escaped(text)
	x.buf.WriteString("</")
	x.buf.WriteString(name)
	x.buf.WriteString(">\n")
	x.spill()
}

// raw writes data, XML already, as it is.
func (x *xmlWriter) raw(data []byte) {
	if x.out == nil {
		x.buf.Write(data)
		return
	}
	x.flush()
	if x.err == nil {
		_, x.err = x.out.Write(data)
	}
}

// start writes the indented <name attrs… of an element.
func (x *xmlWriter) start(name string, attrs []string) {
	x.indent()
	x.buf.WriteByte('<')
	x.buf.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.buf.WriteByte(' ')
		x.buf.WriteString(attrs[i])
		x.buf.WriteString(`="`)
		x.escaped(attrs[i+1])
		x.buf.WriteByte('"')
	}
}

// escaped writes s escaped as xml.EscapeText escapes it; text of plain
// printable ASCII, most of a manifest, is written as it is.
func (x *xmlWriter) escaped(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || strings.IndexByte(`<>&'"`, c) >= 0 {
			xml.EscapeText(&x.buf, []byte(s))
			return
		}
	}
	x.buf.WriteString(s)
}

// indentation is the spaces indent writes from, two a level.
const indentation = "                                                                "

func (x *xmlWriter) indent() {
	n := 2 * x.depth
	for n > len(indentation) {
		x.buf.WriteString(indentation)
		n -= len(indentation)
	}
	x.buf.WriteString(indentation[:n])
}

// spill hands the document made so far to out once it holds xmlChunk
// bytes.
func (x *xmlWriter) spill() {
	if x.out != nil && x.buf.Len() >= xmlChunk {
		x.flush()
	}
}

// flush hands what x holds to out.
func (x *xmlWriter) flush() {
	if x.err == nil {
		_, x.err = x.out.Write(x.buf.Bytes())
	}
	x.buf.Reset()
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
