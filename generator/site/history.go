package site

import (
	"github.com/ladder-ssg/ladder/generator/paths"
	"sort"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/load"
)

// Version is an earlier version of an occupation's framework, kept
// published at a stable URL when the site holds several files for one
// occupation code.
type Version struct {
	*framework.Framework
	File     string
	Sum      uint64
	Label    string // e.g. "v.26.04 (1 April 2026)"
	Slug     string
	Path     string // occupations/<code>/versions/<slug>/index.html
	Download string // occupations/<code>/versions/<slug>/<code>.json
	Levels   []ArchivedLevel
	// Changes is what changed from this version to the next newer one.
	Changes *Changes
}

// ArchivedLevel is one level of an earlier version, shown on its page.
type ArchivedLevel struct {
	Key, Label, Anchor string
	Statements         []Statement
}

// Changes is the "What changed" page between two versions.
type Changes struct {
	Occupation *Occupation
	From, To   string // version labels
	FromPath   string // the older version's page
	ToPath     string // the newer version's page: the occupation page for the current version
	Path       string // occupations/<code>/changes/<slug>/index.html
	Summary    string // e.g. "2 added, 1 reworded; 1 level renamed"
	Markdown   []byte // the diff, for the page body
}

// versionLabel names a version for people.
func versionLabel(f *framework.Framework) string {
	var parts []string
	if f.Version != "" {
		parts = append(parts, f.Version)
	}
	if !f.ExportedAt.IsZero() {
		d := f.ExportedAt.Format("2 January 2006")
		if len(parts) > 0 {
			d = "(" + d + ")"
		}
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return "unversioned"
	}
	return strings.Join(parts, " ")
}

// newer reports whether a is a later version than b: by export date,
// then by version string, then by file name, so the order is total.
func newer(a, b *load.Framework) bool {
	if !a.ExportedAt.Equal(b.ExportedAt) {
		return a.ExportedAt.After(b.ExportedAt)
	}
	if a.Version != b.Version {
		return a.Version > b.Version
	}
	return a.File > b.File
}

// groupVersions splits the frameworks into the current version of each
// occupation and its earlier versions, newest first.
func groupVersions(fws []*load.Framework) (current []*load.Framework, earlier map[string][]*load.Framework) {
	byCode := map[string][]*load.Framework{}
	var codes []string
	for _, f := range fws {
		c := f.Occupation.SOC
		if byCode[c] == nil {
			codes = append(codes, c)
		}
		byCode[c] = append(byCode[c], f)
	}
	earlier = map[string][]*load.Framework{}
	for _, c := range codes {
		vs := byCode[c]
		sort.SliceStable(vs, func(i, j int) bool { return newer(vs[i], vs[j]) })
		current = append(current, vs[0])
		if len(vs) > 1 {
			earlier[c] = vs[1:]
		}
	}
	return current, earlier
}

// addHistory gives o its earlier versions and the changes between each
// consecutive pair, newest first.
func addHistory(o *Occupation, earlier []*load.Framework) {
	if len(earlier) == 0 {
		return
	}
	o.VersionLabel = versionLabel(o.Framework)
	slugs := ids.Names{"changes": 1}
	slugOf := func(f *framework.Framework) string {
		base := ids.Slug(f.Version, 40)
		if base == "" && !f.ExportedAt.IsZero() {
			base = f.ExportedAt.Format("2006-01-02")
		}
		if base == "" {
			base = "version"
		}
		return slugs.Name(base)
	}
	currentSlug := slugOf(o.Framework)
	newerFW, newerLabel, newerPath, newerSlug := o.Framework, o.VersionLabel, o.Path, currentSlug
	for _, f := range earlier {
		v := &Version{Framework: f.Framework, File: f.File, Sum: f.Sum, Label: versionLabel(f.Framework), Slug: slugOf(f.Framework)}
		v.Path, v.Download = paths.Version(o.Code, v.Slug), paths.VersionOriginal(o.Code, v.Slug)
		anchors := ids.Names{}
		for _, lv := range f.Levels {
			a := ids.Slug(lv.Key, 40)
			if a == "" {
				a = "level"
			}
			v.Levels = append(v.Levels, ArchivedLevel{Key: lv.Key, Label: lv.Label, Anchor: anchors.Name("level-" + a), Statements: statements(lv.Statements)})
		}
		d := diff.Frameworks(f.Framework, newerFW)
		v.Changes = &Changes{
			Occupation: o, From: v.Label, To: newerLabel, FromPath: v.Path, ToPath: newerPath,
			Path:     paths.Changes(o.Code, newerSlug),
			Summary:  d.Counts().String(),
			Markdown: promoteHeadings(d.Markdown()),
		}
		o.History = append(o.History, v)
		newerFW, newerLabel, newerPath, newerSlug = f.Framework, v.Label, v.Path, v.Slug
	}
}

// CurrentChanges is what changed in the current version, or nil when the
// site holds no earlier version.
func (o *Occupation) CurrentChanges() *Changes {
	if len(o.History) == 0 {
		return nil
	}
	return o.History[0].Changes
}

// promoteHeadings raises the diff's headings by one level (### → ##), so
// they follow the page's h1 without skipping a level.
func promoteHeadings(md string) []byte {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "###") {
			lines[i] = l[1:]
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
