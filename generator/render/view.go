package render

import (
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/paths"
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// View is what a template sees: the site, the page, and helpers that
// depend on where the page is.
type View struct {
	Site     *site.Site
	Page     *site.Page
	Intro    template.HTML // the home page introduction
	Content  template.HTML // a content page's rendered markdown
	Headings []markup.Heading
	notice   notice
	r        *Renderer
	// lists holds the markup of the lists the page printed (listWriter),
	// reused from page to page; listing is set while one is written.
	lists   *[]byte
	listing bool

	// What the layouts print once a page, set before the page renders
	// (pageValues): as fields, they cost a template no reflective call.

	// Dir is the page's writing direction for the html element: "rtl" for
	// a right-to-left language, else "" (left-to-right needs no
	// attribute).
	Dir string
	// Canonical is the page's absolute URL when the site has a base URL,
	// or "". Folder pages are named by their folder, as hosts serve them.
	Canonical string
	// NavKey identifies what the site header shows on this page: the same
	// on every page at one folder depth in one section (see Section),
	// except where a menu entry is the page itself.
	NavKey string
	// HeadKey identifies what the head-links partial shows: the same on
	// every page at one depth (its links go through the site root, see
	// Root), but for the syntax stylesheet of pages made from markdown.
	HeadKey string
	// FooterKey identifies what the footer shows: one framework's credits
	// on its own pages, every framework's elsewhere. A framework's
	// credits are its attribution and sources, which most frameworks of
	// a site share, and the link to its list of changes, made relative
	// to the page.
	FooterKey string
	// JSONLD is the schema.org values this page embeds, each for its own
	// <script type="application/ld+json">: html/template escapes a value
	// there correctly, which it cannot do for pre-marshalled text. None
	// for an embed view, which is not indexed.
	JSONLD []any
	// Breadcrumbs is the page's trail from the home page, "" for a page
	// without one: a <nav> of the crumbs' links and the page's title. ""
	// for an embed view, which has no site chrome.
	Breadcrumbs template.HTML
	// Alternates lists the page in every language the site has it in,
	// itself included (Current), or nil when it exists in one language
	// only.
	Alternates []translations.Alternate
	// DocumentTitle is the <title>: the page's title and the site's, or
	// the site's alone on the home page.
	DocumentTitle string
	// FindsRoot is set on the 404 page of a site without a base URL,
	// whose head finds the site root by script (the root-finder
	// template).
	FindsRoot bool
}

// pageValues sets the fields the layouts print once a page.
func (v *View) pageValues() {
	v.Dir, v.Canonical, v.Alternates = v.dir(), v.canonical(), v.alternates()
	v.NavKey, v.HeadKey, v.FooterKey = v.navKey(), v.headKey(), v.footerKey()
	if !v.Page.Kind.IsEmbed() {
		v.JSONLD, v.Breadcrumbs = v.jsonLD(), v.breadcrumbs()
	}
	v.DocumentTitle = v.Site.Config.Title
	// The home page and the embed index are titled with the site's
	// title alone: "Title · Title" says nothing more.
	if v.Page.Kind != site.HomePage && v.Page.Title != v.DocumentTitle {
		v.DocumentTitle = v.Page.Title + " · " + v.DocumentTitle
	}
	v.FindsRoot = v.Page.Kind == site.NotFoundPage && v.Site.Config.BaseURL == ""
}

// PartialCached renders the named template with this view once per
// distinct key and reuses the result on every page with the same key. The
// key must capture everything the partial shows that differs between
// pages; the default templates use NavKey and FooterKey.
func (v *View) PartialCached(name string, key string) (template.HTML, error) {
	return v.r.partialCached(v, name, key)
}

// Fragment is what the template of a FragmentCached call sees: one
// value of the model and the URL, relative to the page, of the site file
// it links to.
type Fragment struct {
	Item any
	URL  string
	text *i18n.Catalogue // the page's language, for T
}

// FragmentCached renders the named template with Fragment{item,
// URL(target)} once, and reuses the result on every page where the
// template, item and URL are the same: a level's card on the pages of
// related occupations. item must be comparable (a pointer into the model, which
// never changes once built), and the template must show nothing but
// what the Fragment holds.
func (v *View) FragmentCached(name string, item any, target string) (template.HTML, error) {
	return v.r.fragmentCached(v, name, Fragment{Item: item, URL: v.URL(target), text: v.Site.Text})
}

// CompareURL is the URL, relative to the page, of the comparison c: the
// one comparison page with c's query.
func (v *View) CompareURL(c *site.Comparison) string {
	return v.URL(paths.Compare) + c.Query()
}

// Section is the menu entry of the part of the site this page is in: the
// first folder of its path when the menu has it ("occupations", "levels",
// "groups", "sectors", "job-zones", "skills"), "occupations" for the
// comparisons of occupations, else "".
func (v *View) Section() string {
	top, _, ok := strings.Cut(v.Page.Path, "/")
	if !ok {
		return ""
	}
	switch top {
	case "occupations", "levels", "groups", "sectors", "job-zones", "skills":
		return top
	case "compare":
		return "occupations"
	}
	return ""
}

// NavCurrent marks the menu entry of section: aria-current="page" on the
// section's own index, aria-current="true" anywhere else in it, nothing
// outside it.
func (v *View) NavCurrent(section string) template.HTMLAttr {
	switch {
	case v.Page.Path == section+"/index.html":
		return ` aria-current="page"`
	case v.Section() == section:
		return ` aria-current="true"`
	}
	return ""
}

// navKey is View.NavKey.
func (v *View) navKey() string {
	key := strconv.Itoa(strings.Count(v.Page.Path, "/")) + " " + v.Section()
	switch v.Page.Kind {
	case site.HomePage, site.OccupationsIndex, site.LevelsIndex, site.HubsIndex, site.ContentPageKind, site.SkillsIndex:
		key += " " + v.Page.Path
	}
	return key
}

// headKey is View.HeadKey.
func (v *View) headKey() string {
	key := strconv.Itoa(strings.Count(v.Page.Path, "/"))
	if v.Page.Kind == site.NotFoundPage {
		key = "404" // its links may be absolute (see Root)
	}
	if v.Content != "" {
		key += " content"
	}
	return key
}

// footerKey is View.FooterKey.
func (v *View) footerKey() string {
	if o := v.Page.Occupation; o != nil {
		var key strings.Builder
		key.WriteString("occupation " + strconv.Itoa(strings.Count(v.Page.Path, "/")) + "\x00" + o.Attribution)
		for _, src := range o.Sources {
			key.WriteString("\x00" + src.Key + "\x01" + src.Value)
		}
		if c := o.CurrentChanges(); c != nil {
			key.WriteString("\x00changes " + c.Path)
		}
		return key.String()
	}
	if v.Page.Kind == site.NotFoundPage {
		return "404"
	}
	return "site"
}

// URL returns the relative URL from this page to the site file p. The
// 404 page is the exception when the site has a base URL: hosts serve it
// at whatever path was missed, where relative URLs would point nowhere.
func (v *View) URL(p string) string {
	if v.Page.Kind == site.NotFoundPage && v.Site.Config.BaseURL != "" {
		return v.Site.Config.BaseURL + p
	}
	return site.RelURL(v.Page.Path, p)
}

// TopNames lists the names at the top of the site (its folders and
// top-level files), for the 404 page's script to find the site root in a
// missing path: the root is what comes before the first of them.
func (v *View) TopNames() []string {
	names := []string{"assets", "downloads", "compare", "search"}
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	for _, p := range v.Site.Pages {
		top, _, _ := strings.Cut(p.Path, "/")
		if !seen[top] {
			seen[top] = true
			names = append(names, top)
		}
	}
	return names
}

// Root returns the URL of the site file p relative to this page through
// the site root ("../../p"): unlike URL, it depends only on the page's
// depth, so partials cached per depth (the header, the footer) may use it.
func (v *View) Root(p string) string {
	if v.Page.Kind == site.NotFoundPage && v.Site.Config.BaseURL != "" {
		return v.Site.Config.BaseURL + p
	}
	return strings.Repeat("../", strings.Count(v.Page.Path, "/")) + p
}

// canonical is View.Canonical.
func (v *View) canonical() string {
	base := v.Site.Config.BaseURL
	if base == "" {
		return ""
	}
	p := v.Page.Path
	if p == "index.html" {
		p = ""
	}
	return base + strings.TrimSuffix(p, "index.html")
}

// Attribution is what a page's footer credits.
type Attribution struct {
	// Taxonomy is the O*NET release whose work activities, skills and
	// knowledge statements are aligned to, "" when the site is not aligned.
	Taxonomy string
	Lines    []string           // attribution lines, e.g. "© EBSCOed"
	Sources  []framework.Source // the framework's sources, on its own pages
	ONET     bool               // whether the O*NET notice is due
	Version  string             // the O*NET database version, e.g. "30.2"
	// Publisher names who modified the O*NET material.
	Publisher string
	// Changes is the path of the "What changed" page of the framework's
	// current version, which the modification notice links; or "".
	Changes string
}

// Empty reports whether there is nothing to credit: no attribution line,
// no source and no O*NET notice, so the page shows no credits section.
func (a Attribution) Empty() bool {
	return len(a.Lines) == 0 && len(a.Sources) == 0 && !a.ONET
}

// Attribution returns the credits for this page: the framework's own on
// occupation and level pages, every framework's on the others.
func (v *View) Attribution() Attribution {
	a := Attribution{Version: v.notice.Version, Publisher: v.notice.Publisher, Taxonomy: v.notice.Taxonomy}
	if o := v.Page.Occupation; o != nil {
		if o.Attribution != "" {
			a.Lines = []string{o.Attribution}
		}
		a.Sources = o.Sources
		a.ONET = o.UsesONET()
		if c := o.CurrentChanges(); c != nil {
			a.Changes = c.Path
		}
		if n := onetVersion.FindString(o.Source("onet")); n != "" {
			a.Version = n
		}
		return a
	}
	seen := map[string]bool{}
	for _, o := range v.Site.Occupations {
		if o.Attribution != "" && !seen[o.Attribution] {
			seen[o.Attribution] = true
			a.Lines = append(a.Lines, o.Attribution)
		}
		a.ONET = a.ONET || o.UsesONET()
	}
	sort.Strings(a.Lines)
	return a
}

// NavActive reports whether a content page is this page or its parent,
// for aria-current in the menu.
func (v *View) NavActive(c *site.ContentPage) bool { return v.Page.Content == c }

// CardMeta is the line under an occupation's title on a card: its group,
// except on a group's own hub, where every card shares the group and its
// job zone tells the cards apart instead ("" when unknown).
func (v *View) CardMeta(o *site.Occupation) string {
	if v.Page.Kind != site.HubPage || v.Page.HubKind != site.GroupHub {
		return o.Framework.Occupation.Group
	}
	if z := o.Framework.Occupation.JobZone; framework.ValidJobZone(z) {
		return v.Site.Text.T("card.job-zone", z, v.JobZoneName(z))
	}
	return ""
}

// HubKindTitle names the hubs of this page's kind.
func (v *View) HubKindTitle() string { return v.Site.Text.T(site.HubKindKey(v.Page.HubKind)) }

// HubKindIndex is the path of the index of this page's hub kind.
func (v *View) HubKindIndex() string { return site.HubKindIndex(v.Page.HubKind) }

// Downloads lists the files of this page's framework: the original and
// its standard exports that the site's outputs have on.
func (v *View) Downloads() []export.Download {
	if v.Page.Occupation == nil {
		return nil
	}
	return export.Downloads(v.Page.Occupation, v.Site.Config.Outputs)
}

// DownloadOf returns the download of this page's framework in format
// (export.FormatCASE, ...), or nil.
func (v *View) DownloadOf(format string) *export.Download {
	for _, d := range v.Downloads() {
		if d.Format == format {
			return &d
		}
	}
	return nil
}

// jsonLD is View.JSONLD.
func (v *View) jsonLD() []any {
	out := []any{export.BreadcrumbLD(v.Page, v.Site)}
	switch v.Page.Kind {
	case site.OccupationPage:
		out = append(out, export.OccupationLD(v.Page.Occupation, v.Site))
	case site.OccupationLevelPage:
		out = append(out, export.LevelLD(v.Page.Level, v.Site))
	}
	return out
}

// Feed is the path of the site's Atom feed.
func (v *View) Feed() string { return paths.Feed }

// External returns the absolute URL of the site page p, for links that
// leave an embed page (they open in a new tab), or "" when the site has
// no base URL: inside an LMS package a relative link out would break.
func (v *View) External(p string) string {
	base := v.Site.Config.BaseURL
	if base == "" {
		return ""
	}
	return base + strings.TrimSuffix(p, "index.html")
}

// EmbedSnippet is the iframe code that embeds this page's embed variant
// in an LMS page or any web page.
func (v *View) EmbedSnippet() string {
	o := v.Page.Occupation
	if o == nil {
		return ""
	}
	src, title := o.EmbedPath, o.Title()
	if l := v.Page.Level; l != nil {
		src, title = l.EmbedPath, o.Title()+": "+l.Label
	}
	if base := v.Site.Config.BaseURL; base != "" {
		src = base + src
	}
	// The query goes before a level's fragment (its section of the view).
	page, level, _ := strings.Cut(src, "#")
	src = page + "?theme=" + v.Site.Config.EmbedTheme
	if level != "" {
		src += "#" + level
	}
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) +
		`" width="100%" height="640" style="border:0" loading="lazy"></iframe>`
}

// LMS lists the paths of the LMS packages for this page's occupation
// that the site's outputs have on: its SCORM package ("scorm"), the
// whole site's ("siteSCORM"), and the Common Cartridge ("cartridge").
func (v *View) LMS() map[string]string {
	out := v.Site.Config.Outputs
	m := map[string]string{}
	if out.SitePackages {
		m["siteSCORM"], m["cartridge"] = paths.SiteSCORM, paths.Cartridge
	}
	if o := v.Page.Occupation; o != nil && out.SCORMPerOccupation {
		m["scorm"] = o.SCORMPath
	}
	return m
}

// ContentPage returns the content page made from the markdown file (a
// path inside content/, e.g. "lms.md"), or nil when the site has none.
func (v *View) ContentPage(file string) *site.ContentPage { return v.r.byFile[file] }

// Ungrouped lists the occupations that name no occupational group.
func (v *View) Ungrouped() []*site.Occupation {
	var out []*site.Occupation
	for _, o := range v.Site.Occupations {
		if o.Group == nil {
			out = append(out, o)
		}
	}
	return out
}

// StatementCode returns the statement's stable code, e.g. 29-2012.00.E.3:
// the same in the CASE package, the LMS files and the site.
// StatementRows hold it; a site's own level template may call this.
func (v *View) StatementCode(ol *site.OccupationLevel, st site.Statement) string {
	return export.StatementCode(ol, st)
}
