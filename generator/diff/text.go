package diff

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// collapseRun is the shortest run of unchanged statements that is shown as
// one "… N unchanged" line rather than listed.
const collapseRun = 3

// longValue is the length in characters past which a metadata value is
// shown on lines of its own.
const longValue = 60

// Text renders the diff as plain text for a terminal: a summary line, then
// metadata changes, the level order, and each changed level with its
// statements marked "+" (added, or moved in), "-" (removed, or moved out),
// "~" (reworded, with "→" before the new text) or blank (unchanged, long
// runs collapsed). Unchanged levels are named on the last line. Control
// and bidirectional formatting characters are shown escaped, so a
// statement cannot restyle the terminal.
func (d Diff) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n", terminal(d.Code), terminal(d.Title), d.Counts().String())
	if d.Empty() {
		return b.String()
	}
	if len(d.Metadata) > 0 {
		b.WriteString("\nmetadata\n")
		for _, f := range d.Metadata {
			marker := "~"
			switch {
			case f.Old == "":
				marker = "+"
			case f.New == "":
				marker = "-"
			}
			if utf8.RuneCountInString(f.Old) <= longValue && utf8.RuneCountInString(f.New) <= longValue {
				fmt.Fprintf(&b, "  %s %s: %s → %s\n", marker, f.Name, value(f.Old), value(f.New))
				continue
			}
			fmt.Fprintf(&b, "  %s %s\n      - %s\n      + %s\n", marker, f.Name, value(f.Old), value(f.New))
		}
	}
	if o := d.LevelOrder; o != nil {
		fmt.Fprintf(&b, "\nlevel order: %s → %s\n", terminal(strings.Join(o.Old, ", ")), terminal(strings.Join(o.New, ", ")))
	}
	var same []string
	for _, l := range d.Levels {
		if !l.Changed() {
			same = append(same, levelText(l.Name))
			continue
		}
		fmt.Fprintf(&b, "\nlevel %s%s\n", levelText(l.Name), levelNotes(l))
		for _, it := range l.Lines() {
			if it.Collapsed > 0 {
				fmt.Fprintf(&b, "    … %d unchanged\n", it.Collapsed)
				continue
			}
			c := it.Change
			switch c.Kind {
			case Unchanged:
				fmt.Fprintf(&b, "    %s\n", terminal(c.New))
			case Added:
				fmt.Fprintf(&b, "  + %s\n", terminal(c.New))
			case Removed:
				fmt.Fprintf(&b, "  - %s\n", terminal(c.Old))
			case Reworded:
				fmt.Fprintf(&b, "  ~ %s\n    → %s\n", terminal(c.Old), terminal(c.New))
			case MovedIn:
				fmt.Fprintf(&b, "  + %s (moved from %s)\n", terminal(c.New), terminal(c.Other.String()))
				if c.TextChanged() {
					fmt.Fprintf(&b, "      was: %s\n", terminal(c.Old))
				}
			case MovedOut:
				fmt.Fprintf(&b, "  - %s (moved to %s)\n", terminal(c.Old), terminal(c.Other.String()))
			}
		}
	}
	if len(same) > 0 {
		fmt.Fprintf(&b, "\nunchanged levels: %s\n", strings.Join(same, ", "))
	}
	return b.String()
}

// levelText names a level as "Label" (key).
func levelText(n LevelName) string {
	return strconv.Quote(n.Label) + " (" + terminal(n.Key) + ")"
}

func levelNotes(l LevelDiff) string {
	var notes []string
	switch {
	case l.Added:
		notes = append(notes, "level added")
	case l.Removed:
		notes = append(notes, "level removed")
	}
	if l.Renamed() {
		notes = append(notes, "key renamed from "+terminal(l.Old.Key))
	}
	if l.Relabelled() {
		notes = append(notes, "relabelled from "+strconv.Quote(l.Old.Label))
	}
	if l.Reordered {
		notes = append(notes, "statements reordered")
	}
	if len(notes) == 0 {
		return ""
	}
	return ": " + strings.Join(notes, ", ")
}

// value shows a metadata value quoted, or (none).
func value(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

// terminal escapes control characters and bidirectional formatting
// characters, which would otherwise act on the terminal.
func terminal(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// Line is one line of a level as a diff is shown: a change, or a run of
// unchanged statements collapsed into one line.
type Line struct {
	Change    *Change // nil for a collapsed run
	Collapsed int     // how many unchanged statements the line stands for
}

// Lines lists the level's changes as they are shown: runs of at least
// collapseRun unchanged statements collapsed into one line, shorter runs listed.
func (l LevelDiff) Lines() []Line {
	changes := l.Changes
	var out []Line
	for i := 0; i < len(changes); {
		if changes[i].Kind != Unchanged {
			out = append(out, Line{Change: &changes[i]})
			i++
			continue
		}
		j := i
		for j < len(changes) && changes[j].Kind == Unchanged {
			j++
		}
		if j-i >= collapseRun {
			out = append(out, Line{Collapsed: j - i})
		} else {
			for k := i; k < j; k++ {
				out = append(out, Line{Change: &changes[k]})
			}
		}
		i = j
	}
	return out
}

// String returns the counts in words, those that are not zero: "2 added,
// 1 reworded; 1 level renamed; 1 metadata change", or "no changes".
func (n Counts) String() string {
	var parts []string
	if s := joinCounts(", ", count(n.Added, "added", "added"), count(n.Removed, "removed", "removed"),
		count(n.Moved, "moved", "moved"), count(n.Reworded, "reworded", "reworded")); s != "" {
		parts = append(parts, s)
	}
	levels := joinCounts(", ",
		count(n.LevelsAdded, "level added", "levels added"),
		count(n.LevelsRemoved, "level removed", "levels removed"),
		count(n.LevelsRenamed, "level renamed", "levels renamed"),
		count(n.LevelsRelabelled, "level relabelled", "levels relabelled"),
		count(n.LevelsReordered, "level with statements reordered", "levels with statements reordered"))
	if n.LevelOrder {
		levels = joinCounts(", ", levels, "level order changed")
	}
	if levels != "" {
		parts = append(parts, levels)
	}
	if s := count(n.Metadata, "metadata change", "metadata changes"); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, "; ")
}

func count(n int, one, many string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func joinCounts(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
