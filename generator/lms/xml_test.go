package lms

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// TestXMLEscaped holds the writer's escaping to encoding/xml's, its fast
// path for plain ASCII included.
func TestXMLEscaped(t *testing.T) {
	for _, s := range []string{
		"", "plain text, 100% ASCII (with ~ and DEL \x7f)", `<a href="x">&'</a>`,
		"tab\tnewline\nreturn\r", "bell\x07 and NUL\x00", "Niño · café — “quoted”",
		"bad UTF-8 \xff\xfe", "surrogate \xed\xa0\x80", "\uFFFE not a character",
	} {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		x := &xmlWriter{}
		x.escaped(s)
		if got := x.buf.String(); got != want.String() {
			t.Errorf("escaped(%q) = %q, want %q", s, got, want.String())
		}
	}
}

// TestXMLFileStreams checks that a document written as an xmlFile, handed
// on in chunks, has the bytes of the same document held whole, and that
// one element's text longer than a chunk and raw XML come through.
func TestXMLFileStreams(t *testing.T) {
	items := newXMLWriter()
	items.depth = 2
	items.text("title", "spliced")
	write := func(x *xmlWriter) {
		x.open("manifest", "identifier", "m", "xmlns", "urn:x")
		for i := range 3000 {
			x.open("resource", "identifier", fmt.Sprintf("r%d", i), "href", "a & b.html")
			x.empty("file", "href", fmt.Sprintf("content/%d/index.html", i))
			x.close("resource")
		}
		x.text("long", strings.Repeat("<long> ", 2*xmlChunk))
		x.raw(items.buf.Bytes()[len(xml.Header):])
		x.close("manifest")
	}
	whole := newXMLWriter()
	write(whole)
	if whole.buf.Len() < 4*xmlChunk {
		t.Fatalf("the document is %d bytes, too small to stream", whole.buf.Len())
	}
	var out chunks
	if err := xmlFile("imsmanifest.xml", write).Write(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), whole.bytes()) {
		t.Error("the streamed document differs from the one held whole")
	}
	if out.writes < 4 {
		t.Errorf("handed on in %d writes, want it in chunks", out.writes)
	}
}

// chunks is a buffer that counts the writes it took.
type chunks struct {
	bytes.Buffer
	writes int
}

func (c *chunks) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}
