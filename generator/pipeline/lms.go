package pipeline

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/preflight"
	"github.com/ladder-ssg/ladder/generator/site"
)

// embedAssets are the site files every embed page uses, shipped in each
// LMS package beside the pages.
var embedAssets = []string{"assets/embed.css", "assets/embed.js", "assets/text.js", "assets/assess.js"}

// packager builds the LMS packages from the embed pages, assets and
// data scripts the earlier steps handed over.
type packager struct {
	hand  *handoff
	model *site.Site
	// fixed compresses the files every package holds the same (schemas,
	// launch script and style sheet) once for all of them.
	fixed *lms.Deflated
}

// files gives the files at rels as they were published.
func (p packager) files(rels ...string) []lms.File { return p.hand.files(rels...) }

// occupationPaths are the embed view of one occupation (every level is a
// section of it) with its assets, then the data script of its
// self-assessment (its group's, which the site's packages hold; the
// occupation's own package holds the occupation's alone at that path:
// ownData).
func occupationPaths(o *site.Occupation) []string {
	return append(append([]string{o.EmbedPath}, embedAssets...), o.DataPath)
}

// scorm writes the SCORM 1.2 package of one occupation: the learner
// completes it by opening every level (the view at each level's
// fragment).
func (p packager) scorm(o *site.Occupation, buf *bytes.Buffer) error {
	pkg := lms.Package{
		About: lms.About{Identifier: "ladder-" + o.Code, Title: o.Title(), Description: o.Framework.Description,
			Language: p.model.Config.Language, Modified: o.ExportedAt, Deflated: p.fixed},
		Files: p.files(occupationPaths(o)...), Start: o.EmbedPath,
	}
	pkg.Files[len(pkg.Files)-1] = p.hand.fileAs(ownData(o), o.DataPath)
	for _, ol := range o.Levels {
		pkg.Levels = append(pkg.Levels, lms.Level{Title: ol.Label, Href: ol.EmbedPath})
	}
	buf.Reset()
	return lms.SCORM12(buf, pkg)
}

// siteCourse is the whole site as a course: an SCO per occupation, in a
// group per occupational group, so that the LMS tracks each.
func (p packager) siteCourse() lms.Course {
	c := lms.Course{About: p.siteAbout("ladder-all-frameworks")}
	inputs := append([]string(nil), embedAssets...)
	for _, g := range occupationGroups(p.model) {
		group := lms.Group{Title: g.title}
		for _, o := range g.occupations {
			inputs = append(inputs, o.EmbedPath, o.DataPath)
			sco := lms.SCO{Identifier: o.Code, Title: o.Title(), Start: o.EmbedPath}
			for _, ol := range o.Levels {
				sco.Levels = append(sco.Levels, lms.Level{Title: ol.Label, Href: ol.EmbedPath})
			}
			group.SCOs = append(group.SCOs, sco)
		}
		c.Groups = append(c.Groups, group)
	}
	c.Files = p.files(unique(inputs)...) // (occupations of a group share a data script)
	return c
}

// sitePackage is a site-wide package: its path and its writer.
type sitePackage struct {
	path  string
	write func(io.Writer) error
}

// sitePackages are the site-wide packages; none when the site's outputs
// have them off. Each holds every occupation's view: they are streamed to
// the output, never held whole. The cartridge comes first: it rewrites
// every page, the longest of the packages' jobs, which the cores share
// best begun first.
func (p packager) sitePackages() []sitePackage {
	if !p.model.Config.Outputs.SitePackages {
		return nil
	}
	course := func(f func(io.Writer, lms.Course) error) func(io.Writer) error {
		return func(w io.Writer) error { return f(w, p.siteCourse()) }
	}
	cmi5 := func(w io.Writer, c lms.Course) error { return lms.Cmi5Course(w, c, p.model.Config.BaseURL) }
	return []sitePackage{
		{paths.Cartridge, p.cartridge},
		{paths.SiteSCORM, course(lms.SCORM12Course)},
		{paths.SiteSCORM2004, course(lms.SCORM2004Course)},
		{paths.SiteCmi5, course(cmi5)},
	}
}

// siteAbout is what the site-wide packages say of themselves.
func (p packager) siteAbout(id string) lms.About {
	cfg := p.model.Config
	return lms.About{Identifier: id, Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		Modified: latestExport(p.model.Occupations), Deflated: p.fixed}
}

// occupationGroup is a group's title and occupations.
type occupationGroup struct {
	title       string
	occupations []*site.Occupation
}

// occupationGroups returns the occupational groups in order, then "Other
// occupations" with those of no group: the modules of the cartridge and
// the groups of the site-wide SCORM package.
func occupationGroups(model *site.Site) []occupationGroup {
	var out []occupationGroup
	for _, g := range model.Groups {
		out = append(out, occupationGroup{g.Title, g.Occupations})
	}
	var ungrouped []*site.Occupation
	for _, o := range model.Occupations {
		if o.Group == nil {
			ungrouped = append(ungrouped, o)
		}
	}
	if len(ungrouped) > 0 {
		out = append(out, occupationGroup{"Other occupations", ungrouped})
	}
	return out
}

// cartridge writes the Common Cartridge: a first module introducing the
// course (Moodle's importer puts the first module into section 0), then a
// module per occupational group, an item per occupation's embed view (its
// levels are sections of it); with a base URL, links between the pages go
// to the published site.
func (p packager) cartridge(w io.Writer) error {
	cfg := p.model.Config
	c := lms.Cartridge{About: p.siteAbout("ladder-frameworks"), Styles: cartridgeStyles()}
	c.Modules = append(c.Modules, lms.Module{Title: "About this course", Items: []lms.CCItem{
		{Title: cfg.Title, Files: p.files(paths.EmbedIndex), Href: paths.EmbedIndex, Published: p.published(paths.Occupations)},
	}})
	for _, g := range occupationGroups(p.model) {
		m := lms.Module{Title: g.title}
		for _, o := range g.occupations {
			m.Items = append(m.Items, lms.CCItem{Title: o.Title(), Files: p.files(o.EmbedPath), Href: o.EmbedPath, Published: p.published(o.Path)})
		}
		c.Modules = append(c.Modules, m)
	}
	return lms.CommonCartridge(w, c)
}

// published returns the address of the page at rel on the published site,
// or "" without a base URL.
func (p packager) published(rel string) string {
	base := p.model.Config.BaseURL
	if base == "" {
		return ""
	}
	return base + paths.Folder(rel)
}

// latestExport returns the newest export date of occs: the date of their
// packages' zip entries, the same from build to build.
func latestExport(occs []*site.Occupation) time.Time {
	var t time.Time
	for _, o := range occs {
		if o.ExportedAt.After(t) {
			t = o.ExportedAt
		}
	}
	return t
}

// cartridgeStyles are the inline styles of the cartridge's pages, by tag
// and by the classes of the embed templates: the importers drop style
// sheets, and keep these CSS properties.
func cartridgeStyles() map[string]string {
	const muted = "color:#555555"
	return map[string]string{
		".code":         muted + ";font-size:0.85em;font-weight:normal",
		".level-of":     muted + ";font-size:0.75em;font-weight:normal",
		".step-number":  "font-weight:bold;color:#1a5e8a",
		".statements":   "margin:0 0 1em 0",
		".embed-footer": muted + ";margin-top:2em;padding-top:0.75em;border-top:1px solid #cccccc;font-size:0.85em",
	}
}

// writeLMS writes the SCORM package of every occupation whose embed pages
// changed, and the site-wide packages (SCORM 1.2 and 2004, cmi5, Common
// Cartridge) when any did (previews skip those after the first build). It
// returns the keys the packages were made from.
func writeLMS(b *run, previous map[string]uint64) (map[string]uint64, error) {
	w, model, first := b.w, b.model, b.first
	p := packager{hand: w.hand, model: model, fixed: &lms.Deflated{Deflaters: &w.hand.compressor}}
	keys := map[string]uint64{}
	var todo []*site.Occupation
	for _, o := range model.Occupations {
		if !model.Config.Outputs.SCORMPerOccupation {
			break
		}
		key := w.sumOf(occupationPaths(o))
		keys[o.Code] = key
		if !first && previous[o.Code] == key {
			w.keep(o.SCORMPath)
			continue
		}
		todo = append(todo, o)
	}
	var all []string
	for _, o := range model.Occupations {
		all = append(all, occupationPaths(o)...)
	}
	siteKey := w.sumOf(append(all, paths.EmbedIndex))
	keys[siteFilesKeyName] = siteKey
	packages := p.sitePackages()
	if !first && (siteKey == previous[siteFilesKeyName] || b.preview) {
		for _, pkg := range packages {
			w.keep(pkg.path)
		}
		keys[siteFilesKeyName] = previous[siteFilesKeyName]
		packages = nil
	}
	// The site-wide packages and the occupations' are made side by side:
	// each site-wide one is a single core's work, and would leave the
	// other idle.
	err := forEach(b.ctx, len(packages)+len(todo), func(i int, buf, _ *bytes.Buffer) error {
		if i < len(packages) {
			return w.stream(packages[i].path, packages[i].write)
		}
		o := todo[i-len(packages)]
		if err := p.scorm(o, buf); err != nil {
			return err
		}
		return w.writeRaw(o.SCORMPath, buf.Bytes())
	})
	if err != nil {
		return forget(keys, todo), err
	}
	return keys, nil
}

// checkLMS runs the pre-flight of opts.LMS on the model: its warnings join
// out's, its notes are out's, and its errors are returned.
func checkLMS(opts Options, model *site.Site, out *CheckResult) error {
	src := func(o *site.Occupation) (string, []byte) {
		name := filepath.Join(opts.Source, "content", filepath.FromSlash(o.File))
		display := filepath.ToSlash(name)
		if opts.Source == "." || opts.Source == "" {
			display = "content/" + o.File
		}
		if data, err := os.ReadFile(name); err == nil {
			return display, data
		}
		if opts.Defaults.Content != nil {
			data, _ := fs.ReadFile(opts.Defaults.Content, o.File)
			return "content/" + o.File, data
		}
		return display, nil
	}
	config := "ladder.toml"
	if opts.Source != "." && opts.Source != "" {
		config = filepath.ToSlash(filepath.Join(opts.Source, config))
	}
	res, err := preflight.Check(model, opts.LMS, src, config)
	if err != nil {
		return err
	}
	out.Warnings = append(out.Warnings, res.Problems.Warnings()...)
	out.Notes = res.Notes
	return res.Problems.Err()
}
