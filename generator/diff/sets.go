package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/generator/framework"
)

// SetDiff is what changed between two sets of frameworks, such as two
// content/frameworks folders: occupations added and removed, and the diff
// of each occupation both sets hold. Every list is sorted by code.
type SetDiff struct {
	Added     []*framework.Framework // only in the new set
	Removed   []*framework.Framework // only in the old set
	Changed   []Diff                 // in both, with changes
	Unchanged []string               // codes in both, without changes
}

// Sets pairs two sets of frameworks by occupation code and compares each
// pair with Frameworks. When a set holds several frameworks with one code,
// the last of them is used. Nil frameworks are skipped.
func Sets(old, new []*framework.Framework, opts ...Option) SetDiff {
	oldBy, newBy := byCode(old), byCode(new)
	var s SetDiff
	for _, code := range sortedCodes(oldBy) {
		o := oldBy[code]
		n, ok := newBy[code]
		if !ok {
			s.Removed = append(s.Removed, o)
			continue
		}
		if d := Frameworks(o, n, opts...); d.Empty() {
			s.Unchanged = append(s.Unchanged, code)
		} else {
			s.Changed = append(s.Changed, d)
		}
	}
	for _, code := range sortedCodes(newBy) {
		if _, ok := oldBy[code]; !ok {
			s.Added = append(s.Added, newBy[code])
		}
	}
	return s
}

func byCode(fs []*framework.Framework) map[string]*framework.Framework {
	m := map[string]*framework.Framework{}
	for _, f := range fs {
		if f != nil {
			m[f.Occupation.SOC] = f
		}
	}
	return m
}

func sortedCodes(m map[string]*framework.Framework) []string {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, cmp.Compare)
	return codes
}

// Empty reports whether the two sets hold the same occupations with the
// same frameworks.
func (s SetDiff) Empty() bool {
	return len(s.Added) == 0 && len(s.Removed) == 0 && len(s.Changed) == 0
}

func (s SetDiff) summary() string {
	parts := []string{
		count(len(s.Changed), "changed", "changed"),
		count(len(s.Added), "added", "added"),
		count(len(s.Removed), "removed", "removed"),
		count(len(s.Unchanged), "unchanged", "unchanged"),
	}
	out := joinCounts(", ", parts...)
	if out == "" {
		return "no occupations"
	}
	n := len(s.Changed) + len(s.Added) + len(s.Removed) + len(s.Unchanged)
	if n == 1 {
		return out + " occupation"
	}
	return out + " occupations"
}

// size describes a framework's extent: "4 levels, 40 statements".
func size(f *framework.Framework) string {
	n := 0
	for _, l := range f.Levels {
		n += len(l.Statements)
	}
	return joinCounts(", ", count(len(f.Levels), "level", "levels"), count(n, "statement", "statements"))
}

// Text renders the set diff for a terminal: a summary line, the added and
// removed occupations, then each changed occupation's Diff.Text.
func (s SetDiff) Text() string {
	var b strings.Builder
	b.WriteString(s.summary() + "\n")
	list := func(what string, fs []*framework.Framework) {
		if len(fs) == 0 {
			return
		}
		b.WriteString("\n")
		for _, f := range fs {
			fmt.Fprintf(&b, "%s: %s %s (%s)\n", what, terminal(f.Occupation.SOC), terminal(f.Occupation.Title), size(f))
		}
	}
	list("added", s.Added)
	list("removed", s.Removed)
	for _, d := range s.Changed {
		b.WriteString("\n" + d.Text())
	}
	return b.String()
}

// Markdown renders the set diff for a pull-request comment: a heading and
// summary, lists of the added and removed occupations, then each changed
// occupation's Diff.Markdown.
func (s SetDiff) Markdown() string {
	var b strings.Builder
	b.WriteString("## Framework changes\n\n**" + capitalise(s.summary()) + "**\n")
	list := func(what string, fs []*framework.Framework) {
		if len(fs) == 0 {
			return
		}
		b.WriteString("\n**" + what + "**\n\n")
		for _, f := range fs {
			fmt.Fprintf(&b, "- %s %s (%s)\n", md(f.Occupation.SOC), md(f.Occupation.Title), size(f))
		}
	}
	list("Added occupations", s.Added)
	list("Removed occupations", s.Removed)
	for _, d := range s.Changed {
		b.WriteString("\n")
		d.markdown(&b, "###")
	}
	return b.String()
}
