package diff

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Markdown renders the diff for a pull-request comment (GitHub-flavoured
// markdown): a heading with the occupation, a summary line with counts,
// the metadata changes, the level order, and a section per changed level
// listing its statements marked **+** (added, or moved in), **−** (removed,
// struck through, or moved out) and **~** (reworded: old struck through,
// then the new text); unchanged statements are listed plainly, runs of
// three or more collapsed into one line. Text from the files is escaped, so
// a statement cannot add markup, links, HTML, mentions or references.
func (d Diff) Markdown() string {
	var b strings.Builder
	d.markdown(&b, "###")
	return b.String()
}

func (d Diff) markdown(b *strings.Builder, heading string) {
	fmt.Fprintf(b, "%s %s %s\n\n", heading, md(d.Code), md(d.Title))
	fmt.Fprintf(b, "**%s**\n", capitalise(d.Counts().String()))
	if d.Empty() {
		return
	}
	if len(d.Metadata) > 0 {
		b.WriteString("\n**Metadata**\n\n")
		for _, f := range d.Metadata {
			if utf8.RuneCountInString(f.Old) <= longValue && utf8.RuneCountInString(f.New) <= longValue {
				fmt.Fprintf(b, "- %s: %s → %s\n", md(f.Name), mdValue(f.Old), mdValue(f.New))
				continue
			}
			fmt.Fprintf(b, "- %s:\n  - was: %s\n  - now: %s\n", md(f.Name), mdValue(f.Old), mdValue(f.New))
		}
	}
	if o := d.LevelOrder; o != nil {
		fmt.Fprintf(b, "\n**Level order:** %s → %s\n", md(strings.Join(o.Old, ", ")), md(strings.Join(o.New, ", ")))
	}
	var same []string
	for _, l := range d.Levels {
		if !l.Changed() {
			same = append(same, md(levelMarkdown(l.Name)))
			continue
		}
		fmt.Fprintf(b, "\n%s# %s\n\n", heading, md(levelMarkdown(l.Name)))
		if notes := levelNotes(l); notes != "" {
			fmt.Fprintf(b, "*%s.*\n\n", md(capitalise(strings.TrimPrefix(notes, ": "))))
		}
		for _, it := range l.Lines() {
			if it.Collapsed > 0 {
				fmt.Fprintf(b, "- *… %d unchanged statements*\n", it.Collapsed)
				continue
			}
			c := it.Change
			switch c.Kind {
			case Unchanged:
				fmt.Fprintf(b, "- %s\n", md(c.New))
			case Added:
				fmt.Fprintf(b, "- **+** %s\n", md(c.New))
			case Removed:
				fmt.Fprintf(b, "- **−** ~~%s~~\n", md(c.Old))
			case Reworded:
				fmt.Fprintf(b, "- **\\~** ~~%s~~ → %s\n", md(c.Old), md(c.New))
			case MovedIn:
				if c.TextChanged() {
					fmt.Fprintf(b, "- **+** ~~%s~~ → %s *(moved from %s)*\n", md(c.Old), md(c.New), md(c.Other.String()))
				} else {
					fmt.Fprintf(b, "- **+** %s *(moved from %s)*\n", md(c.New), md(c.Other.String()))
				}
			case MovedOut:
				fmt.Fprintf(b, "- **−** ~~%s~~ *(moved to %s)*\n", md(c.Old), md(c.Other.String()))
			}
		}
	}
	if len(same) > 0 {
		fmt.Fprintf(b, "\nUnchanged levels: %s.\n", strings.Join(same, ", "))
	}
}

// levelMarkdown names a level as Label (key), or just the key.
func levelMarkdown(n LevelName) string {
	if n.Label == "" || n.Label == n.Key {
		return n.Key
	}
	return n.Label + " (" + n.Key + ")"
}

func mdValue(s string) string {
	if s == "" {
		return "*none*"
	}
	return "“" + md(s) + "”"
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r >= 'a' && r <= 'z' {
		return string(r-'a'+'A') + s[n:]
	}
	return s
}

// md escapes text for a markdown line: every character that could start
// markup, a link, raw HTML, an entity, math, a mention or an issue
// reference gets a backslash, a leading list or heading marker too, line
// breaks and other control characters become spaces, and bidirectional
// formatting characters are named ([U+202E]) rather than obeyed.
func md(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unsafeRune(r): // bidirectional formatting: shown, not obeyed
			fmt.Fprintf(&b, "\\[U+%04X\\]", r)
		case strings.ContainsRune("\\`*_[]<>#|~&@!$", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case i == 0 && (r == '-' || r == '+' || r == '='):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	// An ordered-list marker at the start: "1. " or "1) ".
	digits := 0
	for digits < len(out) && digits < 9 && out[digits] >= '0' && out[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(out) && (out[digits] == '.' || out[digits] == ')') {
		out = out[:digits] + "\\" + out[digits:]
	}
	return out
}
