package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// masteryLevel returns the index of the level that counts as mastered in
// the LMS scales: the level keyed or labelled "proficient" (in any case),
// or else the middle level, the upper of the two middle ones for an even
// count (the third of four).
func masteryLevel(o *site.Occupation) int {
	for i, ol := range o.Levels {
		if strings.EqualFold(ol.Key, "proficient") || strings.EqualFold(ol.Label, "proficient") {
			return i
		}
	}
	return len(o.Levels) / 2
}

// htmlText escapes the characters that would make plain text HTML, for
// LMS fields that hold HTML. Quotes are left alone, since the text never
// sits in an attribute and HTML cleaners keep them as they are.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lmsDescription is the description of a framework's top row in the LMS
// formats, as HTML: the framework's description, then its context,
// sources and attribution (which CC BY material such as O*NET's must
// carry wherever it goes), one per line.
func lmsDescription(o *site.Occupation) string {
	lines := []string{htmlText(description(o))}
	for _, l := range notes(o) {
		lines = append(lines, htmlText(l))
	}
	if lines[0] == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "<br>")
}

// shortName names a statement in a list: its topic, or the whole
// statement when it has none.
func shortName(st site.Statement) string {
	if st.Topic != "" {
		return st.Topic
	}
	return st.Text
}

// lmsStatement is a statement's description beside name, the statement
// cut to max characters as its short name or title says it: what name
// does not already say, HTML. The performance when name is the whole
// topic, nothing when name is the whole statement, else the statement.
func lmsStatement(st site.Statement, max int) (name, desc string) {
	name = shorten(shortName(st), max)
	switch {
	case st.Topic != "" && name == st.Topic:
		return name, htmlText(st.Performance)
	case name == st.Text:
		return name, ""
	}
	return name, htmlText(st.Text)
}

// utf8BOM is the byte-order mark that tells spreadsheets (Excel above
// all) a CSV file is UTF-8; without it they read "—" as "â€”".
const utf8BOM = "\ufeff"

// appendCSVFile appends to dst the CSV file write writes to cw (see
// newCSVWriter).
func appendCSVFile(dst []byte, write func(cw *csv.Writer)) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	cw := newCSVWriter(buf)
	write(cw)
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// newCSVWriter returns a writer of RFC 4180 CSV with CRLF line ends to w,
// having written a UTF-8 byte-order mark to it. (csv.Writer keeps the
// first error, for Error after Flush.)
func newCSVWriter(w io.Writer) *csv.Writer {
	io.WriteString(w, utf8BOM)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw
}

// pad extends row with empty fields to width.
func pad(row []string, width int) []string {
	for len(row) < width {
		row = append(row, "")
	}
	return row
}
