package preflight

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/site"
)

// finder collects the problems of one framework file, locating each at
// the value a JSON Pointer names.
type finder struct {
	file  string
	data  []byte
	found diag.List
}

func (f *finder) add(sev diag.Severity, pointer, path, format string, args ...any) {
	d := diag.Diagnostic{File: f.file, Path: path, Severity: sev, Message: fmt.Sprintf(format, args...)}
	if off, ok := offsetOf(f.data, pointer); ok {
		d.Line, d.Column = diag.Position(f.data, off)
	}
	f.found = append(f.found, d)
}

func (f *finder) errorf(pointer, path, format string, args ...any) {
	f.add(diag.Error, pointer, path, format, args...)
}

func (f *finder) warnf(pointer, path, format string, args ...any) {
	f.add(diag.Warning, pointer, path, format, args...)
}

// cut warns when text is longer than max characters: what holds it (what)
// keeps less, and ladder cuts it at a word.
func (f *finder) cut(pointer, path, text string, max int, what string) {
	if n := utf8.RuneCountInString(text); n > max {
		f.warnf(pointer, path, "%s holds %d characters and %q has %d: ladder cuts it at a word", what, max, shortened(text), n)
	}
}

// offsetOf returns the byte offset in data where the value at pointer (an
// RFC 6901 JSON Pointer) starts. A UTF-8 byte-order mark is allowed.
func offsetOf(data []byte, pointer string) (int, bool) {
	skip := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		skip = 3
	}
	if len(data) == 0 {
		return 0, false
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data[skip:]))
	for {
		before := dec.InputOffset()
		if _, err := dec.ReadToken(); err != nil {
			return 0, false
		}
		// In an object, an odd count of tokens read means a name was.
		if kind, n := dec.StackIndex(dec.StackDepth()); kind == '{' && n%2 == 1 {
			continue
		}
		if string(dec.StackPointer()) == pointer {
			start := int(before)
			for start < len(data)-skip && strings.IndexByte(" \t\r\n:,", data[skip+start]) >= 0 {
				start++
			}
			return skip + start, true
		}
	}
}

// escape escapes a JSON Pointer reference token.
func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func occupationPointer(field string) string { return "/occupation/" + field }

func levelPointer(ol *site.OccupationLevel, field string) string {
	return "/framework/levels/" + escape(ol.Key) + "/" + field
}

func levelPath(ol *site.OccupationLevel, field string) string {
	return "framework.levels." + ol.Key + "." + field
}

func statementPointer(ol *site.OccupationLevel, st site.Statement) string {
	return levelPointer(ol, "statements") + "/" + strconv.Itoa(st.Number-1)
}

func statementPath(ol *site.OccupationLevel, st site.Statement) string {
	return levelPath(ol, "statements") + "[" + strconv.Itoa(st.Number-1) + "]"
}
