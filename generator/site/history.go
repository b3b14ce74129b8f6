package site

import (
	"github.com/ladder-ssg/ladder/generator/paths"
	"slices"
	"sort"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/ids"
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
// The anchors of its statements are unique on the whole version page.
type ArchivedLevel struct {
	Key, Label, Anchor string
	Statements         []Statement
}

// Changes is the "What changed" page between two versions: diff's
// account of the changes, with the pages that show each statement.
type Changes struct {
	Occupation *Occupation
	From, To   string // version labels
	FromPath   string // the older version's page
	ToPath     string // the newer version's page: the occupation page for the current version
	Path       string // occupations/<code>/changes/<slug>/index.html
	Summary    string // in the site's language, e.g. "2 added, 1 reworded; 1 level renamed"
	// Metadata lists the changed details of the occupation and the
	// framework; LevelOrder is nil unless the levels kept changed order.
	Metadata   []FieldChange
	LevelOrder *diff.OrderChange
	// Levels are the levels in which anything changed, in the newer
	// version's order (removed ones where they were); Unchanged names
	// the others.
	Levels    []LevelChanges
	Unchanged []string
}

// FieldChange is a changed detail of the occupation or the framework.
type FieldChange struct {
	diff.FieldChange
	Label string // the field in the site's language, e.g. "job zone"
}

// LevelChanges is one changed level of a Changes page.
type LevelChanges struct {
	diff.LevelDiff
	Anchor string // the id of the level's heading on the page
	Lines  []ChangeLine
}

// ChangeLine is one line of a changed level: a statement's change, or a
// run of unchanged statements (Change nil, Collapsed the count).
type ChangeLine struct {
	diff.Line
	// Kind names the line for the template and its class: unchanged,
	// added, removed, reworded, moved-in, moved-out or collapsed.
	Kind string
	// OldURL and NewURL are the statement on the older and on the newer
	// version's page (path#anchor), "" for the side it lacks.
	OldURL, NewURL string
}

// lineKinds names the diff's kinds for ChangeLine.Kind.
var lineKinds = map[diff.Kind]string{
	diff.Unchanged: "unchanged", diff.Added: "added", diff.Removed: "removed",
	diff.Reworded: "reworded", diff.MovedIn: "moved-in", diff.MovedOut: "moved-out",
}

// statementPage gives the page and anchor that show a statement of one
// version, by its place in that version.
type statementPage func(diff.Place) string

// versionLabel names a version for people, in the site's language.
func versionLabel(text *i18n.Catalogue, f *framework.Framework) string {
	var parts []string
	if f.Version != "" {
		parts = append(parts, f.Version)
	}
	if !f.ExportedAt.IsZero() {
		d := text.Date(f.ExportedAt)
		if len(parts) > 0 {
			d = "(" + d + ")"
		}
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return text.T("occ.unversioned")
	}
	return strings.Join(parts, " ")
}

// newer reports whether a is a later version than b: by export date,
// then by version string, then by file name, so the order is total.
func newer(a, b Framework) bool {
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
func groupVersions(fws []Framework) (current []Framework, earlier map[string][]Framework) {
	seen := make(map[string]bool, len(fws))
	for _, f := range fws {
		seen[f.Occupation.SOC] = true
	}
	if len(seen) == len(fws) {
		// No earlier versions, as in most sites: every rebuild asks.
		return fws, map[string][]Framework{}
	}
	byCode := map[string][]Framework{}
	var codes []string
	for _, f := range fws {
		c := f.Occupation.SOC
		if byCode[c] == nil {
			codes = append(codes, c)
		}
		byCode[c] = append(byCode[c], f)
	}
	earlier = map[string][]Framework{}
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
func addHistory(o *Occupation, earlier []Framework, text *i18n.Catalogue) {
	if len(earlier) == 0 {
		return
	}
	o.VersionLabel = versionLabel(text, o.Framework)
	slugs := ids.Names{"changes": 1}
	newerFW, newerLabel, newerPath, newerSlug := o.Framework, o.VersionLabel, o.Path, versionSlug(slugs, o.Framework)
	newerPage := func(p diff.Place) string {
		ol := o.Levels[p.Level]
		return paths.WithFragment(ol.Path, ol.Statements[p.Index].Anchor)
	}
	for _, f := range earlier {
		v := archive(o.Code, f, versionSlug(slugs, f.Framework), versionLabel(text, f.Framework))
		v.Changes = &Changes{
			Occupation: o, From: v.Label, To: newerLabel, FromPath: v.Path, ToPath: newerPath,
			Path: paths.Changes(o.Code, newerSlug),
		}
		v.Changes.describe(text, diff.Frameworks(f.Framework, newerFW), v.page, newerPage)
		o.History = append(o.History, v)
		newerFW, newerLabel, newerPath, newerSlug, newerPage = f.Framework, v.Label, v.Path, v.Slug, v.page
	}
}

// versionSlug names a version's folder: its version, or its export date.
func versionSlug(slugs ids.Names, f *framework.Framework) string {
	base := ids.Slug(f.Version, 40)
	if base == "" && !f.ExportedAt.IsZero() {
		base = f.ExportedAt.Format("2006-01-02")
	}
	if base == "" {
		base = "version"
	}
	return slugs.Name(base)
}

// archive makes the page of an earlier version. Its statements keep the
// anchors they have on a level page, prefixed with their level's anchor,
// so that every id on the one page is unique.
func archive(code string, f Framework, slug, label string) *Version {
	v := &Version{Framework: f.Framework, File: f.File, Sum: f.Sum, Label: label, Slug: slug}
	v.Path, v.Download = paths.Version(code, v.Slug), paths.VersionOriginal(code, v.Slug)
	anchors := ids.Names{}
	for _, lv := range f.Levels {
		a := ids.Slug(lv.Key, 40)
		if a == "" {
			a = "level"
		}
		v.Levels = append(v.Levels, ArchivedLevel{Key: lv.Key, Label: lv.Label, Anchor: anchors.Name("level-" + a)})
	}
	for i, lv := range f.Levels {
		al := &v.Levels[i]
		al.Statements = statements(lv.Statements, "", levelAnchors())
		for j := range al.Statements {
			al.Statements[j].Anchor = anchors.Name(al.Anchor + "-" + al.Statements[j].Anchor)
		}
	}
	return v
}

// page is where v's version page shows the statement at p.
func (v *Version) page(p diff.Place) string {
	return v.Path + "#" + v.Levels[p.Level].Statements[p.Index].Anchor
}

// fieldChanges names the changed fields in the site's language; a source
// keeps diff's name, which quotes its key.
func fieldChanges(text *i18n.Catalogue, fields []diff.FieldChange) []FieldChange {
	out := make([]FieldChange, len(fields))
	for i, f := range fields {
		out[i] = FieldChange{FieldChange: f, Label: f.Name}
		if key := "changes.field." + f.Path; text.Has(key) {
			out[i].Label = text.T(key)
		}
	}
	return out
}

// describe fills c from the diff d of its two versions, in the site's
// language, linking each statement to the page of the version it is in.
func (c *Changes) describe(text *i18n.Catalogue, d diff.Diff, older, newer statementPage) {
	c.Summary = summary(text, d.Counts())
	c.Metadata = fieldChanges(text, d.Metadata)
	c.LevelOrder = d.LevelOrder
	anchors := ids.Names{}
	for _, l := range d.Levels {
		if !l.Changed() {
			c.Unchanged = append(c.Unchanged, l.Name.String())
			continue
		}
		a := ids.Slug(l.Name.Key, 40)
		if a == "" {
			a = "level"
		}
		lc := LevelChanges{LevelDiff: l, Anchor: anchors.Name("level-" + a)}
		for _, line := range l.Lines() {
			cl := ChangeLine{Line: line, Kind: "collapsed"}
			if ch := line.Change; ch != nil {
				cl.Kind = lineKinds[ch.Kind]
				if ch.OldAt != nil {
					cl.OldURL = older(*ch.OldAt)
				}
				if ch.NewAt != nil {
					cl.NewURL = newer(*ch.NewAt)
				}
			}
			lc.Lines = append(lc.Lines, cl)
		}
		c.Levels = append(c.Levels, lc)
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

// summary says in the site's language how many changes of each kind
// there are, those that are not zero: "2 added, 1 reworded; 1 level
// renamed; 1 metadata change", or "no changes".
func summary(text *i18n.Catalogue, n diff.Counts) string {
	count := func(key string, n int) string {
		if n == 0 {
			return ""
		}
		return text.T(key, n)
	}
	join := func(sep string, parts ...string) string {
		return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), sep)
	}
	list := text.T("changes.list-separator")
	order := ""
	if n.LevelOrder {
		order = text.T("changes.level-order-changed")
	}
	out := join(text.T("changes.group-separator"),
		join(list, count("changes.count-added", n.Added), count("changes.count-removed", n.Removed),
			count("changes.count-moved", n.Moved), count("changes.count-reworded", n.Reworded)),
		join(list, count("changes.count-levels-added", n.LevelsAdded), count("changes.count-levels-removed", n.LevelsRemoved),
			count("changes.count-levels-renamed", n.LevelsRenamed), count("changes.count-levels-relabelled", n.LevelsRelabelled),
			count("changes.count-levels-reordered", n.LevelsReordered), order),
		count("changes.count-metadata", n.Metadata))
	if out == "" {
		return text.T("changes.no-changes")
	}
	return out
}
