package qa

import (
	"fmt"
	"strings"
)

// Finding is one problem reported by a gate: which check found it, where,
// and what is wrong. File is relative to the checked root when there is one,
// otherwise as given to the checker. Line is 0 when unknown.
type Finding struct {
	Check   string // the gate: "vnu", "links", "crawl", "console", "network", "axe", "keyboard", "xmllint"
	File    string
	Line    int
	Message string
}

// String formats f as "file:line: [check] message", the form editors and
// terminals recognise as a location.
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if loc == "" {
		return fmt.Sprintf("[%s] %s", f.Check, f.Message)
	}
	return fmt.Sprintf("%s: [%s] %s", loc, f.Check, f.Message)
}

// FormatFindings renders findings one per line, for a test failure message.
// It returns "" for none.
func FormatFindings(findings []Finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// reporter is the subset of testing.TB that AssertNone needs.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// AssertNone fails t, listing every finding, when findings is not empty.
// what names the gate in the failure message.
func AssertNone(t reporter, what string, findings []Finding) {
	t.Helper()
	if len(findings) > 0 {
		t.Errorf("%s: %d problem(s):\n%s", what, len(findings), FormatFindings(findings))
	}
}
