package markup

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// FrontMatter is the metadata block at the top of a content page.
//
// Keys are matched exactly (lower case). A key given with a null or empty
// value leaves the field at its zero value.
type FrontMatter struct {
	// Title is the page title; when empty the caller falls back to the
	// first h1 of the body (Doc.Title).
	Title string
	// Description is a one-line summary for listings and meta tags.
	Description string
	// Weight orders pages within a section; lower comes first.
	Weight int
	// Draft pages are skipped unless the caller builds drafts.
	Draft bool
	// Slug replaces the file name in the page URL.
	Slug string
	// Params holds the "params" table (TOML) or mapping (YAML) as decoded
	// by the format's parser; nil when absent.
	Params map[string]any
	// Unknown lists the top-level keys this package does not know, in
	// the order they appear, so the caller can warn about typos.
	Unknown []string
}

// FrontMatterError is a problem in a page's front matter, located in the
// file: Line and Column are 1-based and count from the top of the file, so
// the opening delimiter is line 1. Column counts characters, not bytes.
type FrontMatterError struct {
	Line, Column int
	// Msg says what was found and what was expected.
	Msg string
	// Err is the underlying YAML or TOML parser error, if any.
	Err error
}

// Error formats the error as "line L:C: msg".
func (e *FrontMatterError) Error() string {
	return fmt.Sprintf("line %d:%d: %s", e.Line, e.Column, e.Msg)
}

// Unwrap returns the underlying parser error, if any.
func (e *FrontMatterError) Unwrap() error { return e.Err }

const (
	yamlDelim = "---"
	tomlDelim = "+++"
)

// bom is the UTF-8 encoding of U+FEFF, which some editors put first.
const bom = "\ufeff"

// SplitFrontMatter separates the front matter at the top of src from the
// markdown body and decodes it.
//
// Front matter is YAML between two lines reading "---", or TOML between two
// lines reading "+++"; the opening delimiter must be the first line of the
// file (after an optional UTF-8 byte order mark) and trailing spaces on a
// delimiter line are ignored. Lines may end in LF or CRLF. A file that does
// not start with a delimiter has no front matter: the zero FrontMatter and
// src (less any BOM) are returned. The body is a sub-slice of src beginning
// on the line after the closing delimiter.
//
// Errors are *FrontMatterError values giving the position in the file.
func SplitFrontMatter(src []byte) (FrontMatter, []byte, error) {
	src = bytes.TrimPrefix(src, []byte(bom))
	first, rest := cutLine(src)
	delim := string(trimDelimLine(first))
	if delim != yamlDelim && delim != tomlDelim {
		return FrontMatter{}, src, nil
	}
	blockStart := len(src) - len(rest)
	for pos := blockStart; pos < len(src); {
		line, next := cutLine(src[pos:])
		if string(trimDelimLine(line)) == delim {
			block := normalizeNewlines(src[blockStart:pos])
			body := src[len(src)-len(next):]
			var (
				fm  FrontMatter
				err error
			)
			if delim == yamlDelim {
				fm, err = decodeYAML(block)
			} else {
				fm, err = decodeTOML(block)
			}
			if err != nil {
				return FrontMatter{}, nil, err
			}
			return fm, body, nil
		}
		pos = len(src) - len(next)
	}
	return FrontMatter{}, nil, &FrontMatterError{
		Line: 1, Column: 1,
		Msg: fmt.Sprintf("front matter opened here with %q is not closed: expected a line reading %q", delim, delim),
	}
}

// cutLine returns the first line of b without its line ending, and the
// rest of b after that line ending.
func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, b[len(b):]
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

func trimDelimLine(line []byte) []byte {
	return bytes.TrimRight(line, " \t\r")
}

func normalizeNewlines(b []byte) []byte {
	if !bytes.Contains(b, []byte("\r\n")) {
		return b
	}
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

// blockLineOffset is how many file lines precede the first line of the
// front matter block: the opening delimiter.
const blockLineOffset = 1

// fieldKind is the type of value a front matter key takes.
type fieldKind int

const (
	kindString fieldKind = iota
	kindInt
	kindBool
	kindTable
)

// fieldKindOf reports the kind of value a known key takes, and whether
// the key is known.
func fieldKindOf(key string) (fieldKind, bool) {
	switch key {
	case "title", "description", "slug":
		return kindString, true
	case "weight":
		return kindInt, true
	case "draft":
		return kindBool, true
	case "params":
		return kindTable, true
	}
	return 0, false
}

func (fm *FrontMatter) setString(key, v string) {
	switch key {
	case "title":
		fm.Title = v
	case "description":
		fm.Description = v
	case "slug":
		fm.Slug = v
	}
}

// expected describes what a field of the given kind accepts, in a format's
// vocabulary ("table" in TOML, "mapping" in YAML).
func expected(k fieldKind, table string) string {
	switch k {
	case kindString:
		return "a string"
	case kindInt:
		return "an integer"
	case kindBool:
		return "true or false"
	default:
		return "a " + table
	}
}

// quoteFound formats a found scalar for an error message, shortened so a
// long paragraph does not swamp the message.
func quoteFound(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}

// toInt converts a decoded integer to int, reporting overflow.
func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int64:
		if int64(int(n)) != n {
			return 0, errors.New("out of range")
		}
		return int(n), nil
	case uint64:
		if n > uint64(int(^uint(0)>>1)) {
			return 0, errors.New("out of range")
		}
		return int(n), nil
	case int:
		return n, nil
	}
	return 0, fmt.Errorf("unsupported integer type %T", v)
}

// runeColumn converts a 1-based byte column within line to a 1-based
// character column.
func runeColumn(line string, byteCol int) int {
	if byteCol < 1 {
		return 1
	}
	if byteCol-1 > len(line) {
		byteCol = len(line) + 1
	}
	return utf8.RuneCountInString(line[:byteCol-1]) + 1
}

// lineAt returns the 1-based line n of block, without its newline.
func lineAt(block []byte, n int) string {
	for i := 1; len(block) > 0; i++ {
		line, rest := cutLine(block)
		if i == n {
			return string(line)
		}
		block = rest
	}
	return ""
}

// Page is a markdown page of a site's content/ folder, its front matter
// split off. File is its path inside content/, with forward slashes.
type Page struct {
	File        string
	FrontMatter FrontMatter
	Body        []byte
}
