package preflight

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/load"
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
	if off, ok := load.PointerOffset(f.data, pointer); ok {
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
