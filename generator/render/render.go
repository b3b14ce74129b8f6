// Package render turns the site model into page bytes with html/template
// and the markdown renderer. It never writes files: the caller decides
// where the bytes go.
package render

import (
	"bytes"
	"fmt"
	"github.com/ladder-ssg/ladder/generator/paths"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// LayoutFile is the template that every page kind is rendered within; it
// and the files in partials/ are shared by all kinds. Each page kind has
// its own file, <kind>.html, that defines "main".
const LayoutFile = "layout.html"

// EmbedLayoutFile is the layout of the iframe-friendly embed pages: no
// site header, menu or footer, a compact attribution.
const EmbedLayoutFile = "embed-layout.html"

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	site  *site.Site
	md    *markup.Renderer
	kinds *foldedKinds
	intro template.HTML
	// byFile finds content pages by their file, to resolve markdown links.
	byFile map[string]*site.ContentPage
	notice notice
	// partials caches the output of PartialCached by template name and key.
	partials *generations[string, template.HTML]
	// fragments caches the output of FragmentCached by fragmentKey.
	fragments *generations[fragmentKey, template.HTML]
	// languages pairs the pages with their translations; nil for a site
	// in one language (see WithLanguages).
	languages *translations.Set
	// lists lends each page the bytes its lists are written to (*[]byte,
	// see View.lists): a page's lists are a third of what rendering it
	// allocates.
	lists sync.Pool
}

// The caches' limits, in entries (see generations): enough for every
// fragment of a 1,000-framework site, a few tens of megabytes.
const (
	partialsLimit  = 10_000
	fragmentsLimit = 60_000
)

// Templates are the page templates of a site, parsed once for every page
// kind; they render the pages of any model of the site, so watch mode
// parses them again only when a template file changed. They are safe for
// concurrent use.
type Templates struct {
	// kinds are parsed and never run: the first catalogue's fold takes
	// them (see fold.go), and a fold for another parses src again.
	kinds map[site.PageKind]*template.Template
	src   map[string]string // every template file, by name
	keys  []string          // the keys translated without arguments

	mu sync.Mutex
	// folds holds the kinds folded for a catalogue, by foldKey.
	folds map[string]*foldedKinds
}

// Parse parses the templates in templates (the embedded ones with a site's
// overrides layered on top).
func Parse(templates fs.FS) (*Templates, error) {
	src, err := readTemplates(templates)
	if err != nil {
		return nil, err
	}
	kinds, err := parseKinds(src)
	if err != nil {
		return nil, err
	}
	t := &Templates{kinds: kinds, src: src, folds: map[string]*foldedKinds{}}
	for _, k := range pageKinds() {
		t.keys = translationKeys(t.keys, kinds[k])
	}
	return t, nil
}

// readTemplates reads the layouts, the partials and every kind's file.
func readTemplates(templates fs.FS) (map[string]string, error) {
	partials, _ := fs.Glob(templates, "partials/*.html")
	names := append([]string{LayoutFile, EmbedLayoutFile}, partials...)
	for _, k := range pageKinds() {
		names = append(names, string(k)+".html")
	}
	src := make(map[string]string, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(templates, name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		src[name] = string(data)
	}
	return src, nil
}

// parseKinds parses each page kind's file with the layouts and partials.
func parseKinds(src map[string]string) (map[site.PageKind]*template.Template, error) {
	base := template.New(LayoutFile).Funcs(funcs())
	if _, err := base.Parse(src[LayoutFile]); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", LayoutFile, err)
	}
	shared := []string{EmbedLayoutFile}
	for name := range src {
		if strings.HasPrefix(name, "partials/") {
			shared = append(shared, name)
		}
	}
	sort.Strings(shared[1:])
	for _, name := range shared {
		if _, err := base.New(name).Parse(src[name]); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
	}
	kinds := map[site.PageKind]*template.Template{}
	for _, k := range pageKinds() {
		name := string(k) + ".html"
		kt, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := kt.New(name).Parse(src[name]); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		kinds[k] = kt
	}
	return kinds, nil
}

// pageKinds lists the page kinds, each rendered with its own <kind>.html.
func pageKinds() []site.PageKind {
	return []site.PageKind{site.HomePage, site.OccupationPage, site.OccupationLevelPage, site.OccupationsIndex,
		site.LevelHubPage, site.LevelsIndex, site.HubPage, site.HubsIndex, site.ContentPageKind, site.NotFoundPage,
		site.VersionPage, site.ChangesPage, site.EmbedPage, site.EmbedIndexPage,
		site.SkillsIndex, site.SkillPageKind, site.ComparePage, site.SearchPage}
}

// New parses the templates in templates and prepares the rendering of
// s's pages: Parse, then Templates.Renderer.
func New(s *site.Site, templates fs.FS, md *markup.Renderer) (*Renderer, error) {
	t, err := Parse(templates)
	if err != nil {
		return nil, err
	}
	return t.Renderer(s, md)
}

// Renderer prepares the rendering of s's pages with these templates.
func (t *Templates) Renderer(s *site.Site, md *markup.Renderer) (*Renderer, error) {
	kinds, err := t.folded(s.Text)
	if err != nil {
		return nil, err
	}
	r := &Renderer{site: s, md: md, kinds: kinds, byFile: map[string]*site.ContentPage{},
		partials: newGenerations[string, template.HTML](partialsLimit), fragments: newGenerations[fragmentKey, template.HTML](fragmentsLimit)}
	for _, c := range s.ContentPages {
		r.byFile[c.File] = c
	}
	r.notice = onetNotice(s)
	if len(s.Intro) > 0 {
		var buf bytes.Buffer
		if _, err := md.Render(&buf, s.Intro); err != nil {
			return nil, fmt.Errorf("content/_index.md: %w", err)
		}
		r.intro = template.HTML(buf.String())
	}
	return r, nil
}

// Page renders one page into w.
func (r *Renderer) Page(w *bytes.Buffer, p *site.Page) error {
	t := r.kinds.get(p.Kind)
	if t == nil {
		return fmt.Errorf("%s: no template for page kind %q", p.Path, p.Kind)
	}
	lists, _ := r.lists.Get().(*[]byte)
	if lists == nil {
		lists = new([]byte)
	}
	*lists = (*lists)[:0]
	// Returned only once the page is rendered: the strings of its lists
	// are its bytes (listWriter.done).
	defer r.lists.Put(lists)
	v := &View{Site: r.site, Page: p, Intro: r.intro, notice: r.notice, r: r, lists: lists}
	if p.Content != nil {
		var buf bytes.Buffer
		doc, err := r.md.Render(&buf, p.Content.Body, markup.WithLinkResolver(r.linkResolver(p)))
		if err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		// The markdown renderer escapes text and drops raw HTML, so its
		// output is trusted here.
		v.Content = template.HTML(buf.String())
		v.Headings = doc.Headings
	}
	v.pageValues()
	if err := t.ExecuteTemplate(w, layoutOf(p.Kind), v); err != nil {
		return fmt.Errorf("%s: %w", p.Path, err)
	}
	return nil
}

// linkResolver rewrites links between markdown files (about.md,
// ../guides/x.md#part) into relative links to the built pages.
func (r *Renderer) linkResolver(p *site.Page) func(string) (string, bool) {
	dir := path.Dir(p.Content.File)
	return func(dest string) (string, bool) {
		if strings.Contains(dest, ":") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
			return "", false
		}
		target, frag, _ := strings.Cut(dest, "#")
		if !strings.HasSuffix(strings.ToLower(target), ".md") {
			return "", false
		}
		file := path.Clean(path.Join(dir, target))
		if strings.HasPrefix(target, "/") {
			file = strings.TrimPrefix(path.Clean(target), "/")
		}
		var to string
		if file == "_index.md" {
			to = paths.Home
		} else if c := r.byFile[file]; c != nil {
			to = c.Path
		} else {
			return "", false
		}
		out := site.RelURL(p.Path, to)
		if frag != "" {
			out += "#" + frag
		}
		return out, true
	}
}

// notice is the O*NET attribution the licence asks for.
type notice struct {
	Version   string // "30.2", or "" when unknown
	Publisher string
	Taxonomy  string // the aligned-to O*NET release, "" when the site is not aligned
}

var onetVersion = regexp.MustCompile(`\d+(\.\d+)?`)

// onetNotice finds the O*NET database version the frameworks cite.
func onetNotice(s *site.Site) notice {
	n := notice{Publisher: s.Config.Publisher}
	if s.Aligned() {
		n.Taxonomy = onet.Version
	}
	for _, o := range s.Occupations {
		if v := o.Source("onet"); v != "" {
			n.Version = onetVersion.FindString(v)
			break
		}
	}
	return n
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"jobZoneName": framework.JobZoneName,
		"sectorName":  framework.SectorName,
		"add":         func(a, b int) int { return a + b },
		"link":        link,
		"join":        strings.Join,
		"code":        code,
		"bandLabel":   bandLabel,
		"isURL": func(s string) bool {
			return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"plural": diag.Plural,
		// path names a site-wide file ("bundle", "embed-index", …): the
		// templates ask paths where a file is, never spell it.
		"path": paths.Named,
		// page is the page a path names a part of, for a statement's
		// fragment to replace the level's (paths.LevelSection).
		"page": paths.Page,
	}
}

// partialCached renders the template name for v once per key: the site
// chrome (header, footer) is the same on thousands of pages, and
// executing it once instead of on every page halves the render time.
func (r *Renderer) partialCached(v *View, name string, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if h, ok := r.partials.get(k); ok {
		return h, nil
	}
	h, err := r.execute(r.kinds.get(v.Page.Kind), name, v)
	if err == nil {
		r.partials.put(k, h)
	}
	return h, err
}

// execute renders the template name of set with data.
func (r *Renderer) execute(set *template.Template, name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// fragmentKey identifies one output of FragmentCached: everything the
// fragment's template sees, and the template set it comes from (a page
// kind's file may define a template of the same name differently).
type fragmentKey struct {
	set  *template.Template
	name string
	item any
	url  string
}

// fragmentCached renders the template name with f once per template set,
// name, item and URL.
func (r *Renderer) fragmentCached(v *View, name string, f Fragment) (template.HTML, error) {
	if f.Item != nil && !reflect.ValueOf(f.Item).Comparable() {
		return "", fmt.Errorf("FragmentCached %q: %T cannot be a cache key", name, f.Item)
	}
	set := r.kinds.get(v.Page.Kind)
	k := fragmentKey{set: set, name: name, item: f.Item, url: f.URL}
	if h, ok := r.fragments.get(k); ok {
		return h, nil
	}
	h, err := r.execute(set, name, f)
	if err == nil {
		r.fragments.put(k, h)
	}
	return h, err
}

// bandLabel says for people how far an alignment can be trusted.
func bandLabel(b align.Band) string {
	switch b {
	case align.Pinned:
		return "set by the publisher"
	case align.Exact:
		return "exact match"
	case align.High:
		return "high confidence"
	case align.Medium:
		return "medium confidence"
	}
	return "low confidence"
}
