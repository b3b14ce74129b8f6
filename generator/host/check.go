package host

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Output is a part of the site that ladder.toml can switch off, with what
// it adds to the site.
type Output struct {
	Switch string // the ladder.toml setting that removes it, e.g. `bundle = false`
	Files  int
	Bytes  int64
}

// TooBig is Check's error: the site passes one or more of the host's limits.
type TooBig struct {
	Host  Limits
	Usage Usage
	Over  []string // one sentence per limit passed
	// Fix lists the outputs whose switching off would make the site fit,
	// empty when none would.
	Fix []Output
}

func (e *TooBig) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the site does not fit %s: %s", e.Host.Title, strings.Join(e.Over, "; "))
	fmt.Fprintf(&b, " (limits: %s)", strings.Join(e.Host.Sources, ", "))
	if len(e.Usage.Parts) > 0 {
		parts := slices.Clone(e.Usage.Parts)
		if e.Host.tooMany(e.Usage) {
			sort.SliceStable(parts, func(i, j int) bool { return parts[i].Files > parts[j].Files })
		}
		b.WriteString(". The largest parts: ")
		for i, p := range parts[:min(3, len(parts))] {
			if i > 0 {
				b.WriteString(", ")
			}
			if p.Folder == "/" {
				p.Folder = "the top folder"
			}
			fmt.Fprintf(&b, "%s (%s, %s)", p.Folder, files(p.Files), Bytes(p.Bytes))
		}
	}
	if len(e.Fix) == 0 {
		b.WriteString(". No output that ladder.toml can switch off would make it fit")
		return b.String()
	}
	parts := make([]string, len(e.Fix))
	for i, o := range e.Fix {
		parts[i] = fmt.Sprintf("%s (%s, %s)", o.Switch, files(o.Files), Bytes(o.Bytes))
	}
	fmt.Fprintf(&b, ". It would fit with %s in ladder.toml", strings.Join(parts, " and "))
	return b.String()
}

// Check reports a *TooBig error when u passes any of l's limits, naming
// the fewest of outputs (largest first) whose removal would make it fit.
func (l Limits) Check(u Usage, outputs []Output) error {
	over := l.over(u)
	if len(over) == 0 {
		return nil
	}
	return &TooBig{Host: l, Usage: u, Over: over, Fix: l.fix(u, outputs)}
}

// over says which limits u passes.
func (l Limits) over(u Usage) []string {
	var out []string
	if l.Files > 0 && u.Files > l.Files {
		atLeast := ""
		if u.AtLeast {
			atLeast = "at least "
		}
		out = append(out, fmt.Sprintf("%s%s files, the limit is %s", atLeast, Count(u.Files), Count(l.Files)))
	}
	if entries := u.Files + u.Folders; l.Entries > 0 && entries > l.Entries {
		out = append(out, fmt.Sprintf("%s files and folders, the limit is %s", Count(entries), Count(l.Entries)))
	}
	if l.SiteBytes > 0 && u.Bytes > l.SiteBytes {
		out = append(out, fmt.Sprintf("%s in all, the limit is %s", Bytes(u.Bytes), Bytes(l.SiteBytes)))
	}
	if l.FileBytes > 0 && u.LargestBytes > l.FileBytes {
		out = append(out, fmt.Sprintf("%s is %s, the limit for a file is %s", u.Largest, Bytes(u.LargestBytes), Bytes(l.FileBytes)))
	}
	if l.FilesPerFolder > 0 && u.FullestFiles > l.FilesPerFolder {
		out = append(out, fmt.Sprintf("folder %q holds %s files, the limit for a folder is %s", "/"+u.Fullest, Count(u.FullestFiles), Count(l.FilesPerFolder)))
	}
	return out
}

// fix picks outputs, largest first by what is over, until u fits the
// limits on totals; nil when even all of them would not do. Limits on one
// file or folder are not fixed this way.
func (l Limits) fix(u Usage, outputs []Output) []Output {
	totals := l
	totals.FileBytes, totals.FilesPerFolder = 0, 0
	if len(totals.over(u)) == 0 {
		return nil
	}
	sorted := append([]Output(nil), outputs...)
	byFiles := l.tooMany(u)
	sort.SliceStable(sorted, func(i, j int) bool {
		if byFiles {
			return sorted[i].Files > sorted[j].Files
		}
		return sorted[i].Bytes > sorted[j].Bytes
	})
	var picked []Output
	for _, o := range sorted {
		if o.Files == 0 && o.Bytes == 0 {
			continue
		}
		picked = append(picked, o)
		u.Files -= o.Files
		u.Bytes -= o.Bytes
		if len(totals.over(u)) == 0 {
			return picked
		}
	}
	return nil
}

// tooMany reports whether u passes l's limits on the number of files.
func (l Limits) tooMany(u Usage) bool {
	return l.Files > 0 && u.Files > l.Files || l.Entries > 0 && u.Files+u.Folders > l.Entries
}

// files writes a number of files.
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return Count(n) + " files"
}

// Summary says, in one line, how the site measures against l.
func (l Limits) Summary(u Usage) string {
	parts := []string{}
	if l.Files > 0 {
		parts = append(parts, fmt.Sprintf("%s of %s files", Count(u.Files), Count(l.Files)))
	}
	if l.Entries > 0 {
		parts = append(parts, fmt.Sprintf("%s of %s files and folders", Count(u.Files+u.Folders), Count(l.Entries)))
	}
	if l.SiteBytes > 0 {
		parts = append(parts, fmt.Sprintf("%s of %s", Bytes(u.Bytes), Bytes(l.SiteBytes)))
	}
	if l.FileBytes > 0 {
		parts = append(parts, fmt.Sprintf("largest file %s of %s", Bytes(u.LargestBytes), Bytes(l.FileBytes)))
	}
	if l.FilesPerFolder > 0 {
		parts = append(parts, fmt.Sprintf("fullest folder %s of %s files", Count(u.FullestFiles), Count(l.FilesPerFolder)))
	}
	return l.Title + ": " + strings.Join(parts, ", ")
}

// Bytes writes a size the way hosts state their limits: binary units for
// exact multiples of a mebibyte or tebibyte, decimal ones otherwise.
func Bytes(n int64) string {
	switch {
	case n >= 1<<40 && n%(1<<40) == 0:
		return fmt.Sprintf("%d TiB", n>>40)
	case n >= mib && n%mib == 0 && n < gb:
		return fmt.Sprintf("%d MiB", n/mib)
	case n >= gb && n%gb == 0:
		return fmt.Sprintf("%d GB", n/gb)
	case n >= gb:
		return fmt.Sprintf("%.2f GB", float64(n)/gb)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1_000_000)
	case n >= 1_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1_000)
	}
	return fmt.Sprintf("%d B", n)
}

// Count writes n with thousands separators, as the hosts' pages do.
func Count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
