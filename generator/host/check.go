package host

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// TooBig is Check's error: the site passes one or more of the host's limits.
type TooBig struct {
	Host  Limits
	Usage Usage
	Over  []string // one sentence per limit passed
	// Fix lists the keys of ladder.toml's [outputs] whose switching off
	// would make the site fit (config.Fit), empty when none would.
	Fix []string
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
	fmt.Fprintf(&b, ". It would fit with %s = false in ladder.toml's [outputs]", strings.Join(e.Fix, " = false, "))
	return b.String()
}

// Check reports a *TooBig error when u passes any of l's limits; its
// caller may fill in Fix.
func (l Limits) Check(u Usage) error {
	over := l.over(u)
	if len(over) == 0 {
		return nil
	}
	return &TooBig{Host: l, Usage: u, Over: over}
}

// Totals are l's limits on a site's files and bytes in all, for sites of
// u's folders (a limit on files and folders together leaves that many
// files); zero for no limit. Whether a site fits them is what switching
// outputs off can change.
func (l Limits) Totals(u Usage) (files int, bytes int64) {
	files = l.Files
	if l.Entries > 0 && (files == 0 || l.Entries-u.Folders < files) {
		files = max(l.Entries-u.Folders, 1)
	}
	return files, l.SiteBytes
}

// OverTotals reports whether u passes l's limits on files and bytes in
// all, rather than only those on one file or one folder.
func (l Limits) OverTotals(u Usage) bool {
	files, bytes := l.Totals(u)
	return files > 0 && u.Files > files || bytes > 0 && u.Bytes > bytes
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
