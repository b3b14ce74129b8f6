// Package diag holds the diagnostics that ladder reports about its input:
// one type for an error or warning located in a file, and a list of them
// that sorts by file and position and prints each on its own line.
//
// Every stage that reads input (framework files, markdown pages, the site
// configuration) reports through this package, so the command line, the
// live-reload overlay and machine-readable output all show the same thing.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error stops the build; nothing is published.
	Error Severity = iota
	// Warning is reported but the build goes on (unless --strict).
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the input. Line and Column are
// 1-based and zero when unknown; Path is a JSON path such as
// framework.levels.emerging.statements[3], or empty.
type Diagnostic struct {
	File     string
	Line     int
	Column   int
	Path     string
	Severity Severity
	Message  string
}

// Error formats the diagnostic as file:line:col: path: message, the form
// editors and CI log readers recognise.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, d.Column)
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List is a set of diagnostics. As an error it prints every entry, sorted.
type List []Diagnostic

// Sort orders the list by file, then position, then message, so the
// report of a build does not depend on the order files were read in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// Errors returns the entries with Error severity.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns the entries with Warning severity.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list's errors as an error value, or nil when there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}

// Error prints one diagnostic per line, preceded by a count.
func (l List) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s:\n", len(l), Plural(len(l), "problem", "problems"))
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("  ")
		b.WriteString(d.Error())
	}
	return b.String()
}

// Position converts a byte offset in data to a 1-based line and a 1-based
// column counted in characters (runes), as editors show them.
func Position(data []byte, offset int) (line, column int) {
	if offset > len(data) {
		offset = len(data)
	}
	line, column = 1, 1
	for i := 0; i < offset; {
		c := data[i]
		switch {
		case c == '\n':
			line++
			column = 1
			i++
		case c < 0x80:
			column++
			i++
		default:
			// Count one column per rune; continuation bytes are skipped.
			i++
			for i < offset && data[i]&0xC0 == 0x80 {
				i++
			}
			column++
		}
	}
	return line, column
}
