package pipeline

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/redirect"
	"github.com/ladder-ssg/ladder/generator/site"
)

// stubsUpTo is the most pages of a retired family that get a redirect
// page each (which works from file:// too); a larger family is served
// by a rule in the host files and the 404 page's script alone.
const stubsUpTo = 100

// urlFamilies are the forms of URL a layout change retired as a whole,
// and the page each member now leads to: the model's record of its
// earlier layouts (site.Moved).
func urlFamilies() []redirect.Family {
	var out []redirect.Family
	for _, m := range site.Moved() {
		out = append(out, redirect.Family{From: sitePlaceholder.ReplaceAllString(m.From, "{$1}"), To: sitePlaceholder.ReplaceAllString(m.To, "{$1}")})
	}
	return out
}

// sitePlaceholder is site.Moved's form of a placeholder (:name).
var sitePlaceholder = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// planRedirects compares the model's pages with the manifest of the last
// build: for a session's first build Options.PreviousURLs, else the one
// in the output folder. A
// missing manifest (a first build) has nothing to redirect; an unreadable
// one is noted and ignored, as the site is whole without it.
func planRedirects(opts Options, first bool, model *site.Site, res *Result) redirect.Plan {
	var prev redirect.Manifest
	name := opts.PreviousURLs
	// (The list names the default language's pages; another language's
	// session reads its own folder's.)
	if name == "" || !first || opts.Language != "" {
		name = filepath.Join(opts.Out, redirect.ManifestName)
	}
	data, err := os.ReadFile(name)
	if err == nil {
		prev, err = redirect.ParseManifest(name, data)
	}
	// A missing list in the output folder is a first build; a list the
	// person named (--previous-urls) that is missing is a mistake to say.
	named := name == opts.PreviousURLs
	if err != nil && (named || !errors.Is(err, fs.ErrNotExist)) {
		res.Notes = append(res.Notes, "the last build's list of pages is unreadable, so no redirects were made for pages it had: "+err.Error())
	}
	pages := make([]redirect.Page, len(model.Pages))
	for i, p := range model.Pages {
		pages[i] = redirect.Page{Path: p.Path, ID: pageIdentity(p)}
	}
	plan := redirect.New(prev, pages, urlFamilies(), stubsUpTo)
	plan.Families = append(plan.Families, retiredFiles()...)
	return plan
}

// retiredFiles are the forms of file (not page) URL that earlier layouts
// published and this one does not, with the file that now holds the same
// thing. The list of pages does not name files, so no plan finds their
// members, and a site's first build with this ladder may follow one with
// an older ladder: every build has their rules (host files and the 404
// page's script).
func retiredFiles() []redirect.Family {
	return []redirect.Family{
		// paths.Export(code, "normalized.json") until the framework file
		// (paths.Original) became the normalized framework. Each name
		// stands once in a form, as Cloudflare's _redirects requires.
		{From: "occupations/{o}/{name}.normalized.json", To: "occupations/{o}/{name}.json"},
	}
}

// pageIdentity names what a page shows when its path may change: a level
// (whose slug comes from its key, which a framework may rename) by its
// occupation and position.
func pageIdentity(p *site.Page) string {
	if p.Level == nil {
		return ""
	}
	if p.Kind == site.OccupationLevelPage {
		return string(p.Kind) + " " + p.Level.Occupation.Code + " " + strconv.Itoa(p.Level.Number)
	}
	return ""
}

// writeRedirects writes the plan's redirect pages, the host redirect
// files and the manifest the next build reads.
func writeRedirects(w *writer, model *site.Site, plan redirect.Plan) error {
	titles := make(map[string]string, len(model.Pages))
	for _, p := range model.Pages {
		titles[p.Path] = p.Title
	}
	base := model.Config.BaseURL
	for _, r := range plan.Stubs {
		href := site.RelURL(r.From, r.To)
		canonical := href
		if base != "" {
			canonical = base + redirect.Folder(r.To)
		}
		title := titles[pagePath(r.To)]
		if err := w.writeRaw(r.From, redirect.StubPage(model.Config.Language, title, href, canonical)); err != nil {
			return err
		}
	}
	root := "/"
	if u, err := url.Parse(base); err == nil && u.Path != "" {
		root = u.Path
	}
	for name, data := range map[string][]byte{
		redirect.NetlifyName: redirect.Netlify(plan, root),
		redirect.NginxName:   redirect.Nginx(plan, root),
	} {
		if data != nil {
			if err := w.writeRaw(name, data); err != nil {
				return err
			}
		}
	}
	return w.writeRaw(redirect.ManifestName, plan.Manifest.Bytes())
}

// pagePath is the page a URL below the site root shows: the URL without
// its query and fragment (compare/index.html?a=x&b=y, an embed view's
// level at #slug).
func pagePath(url string) string {
	if i := strings.IndexAny(url, "?#"); i >= 0 {
		return url[:i]
	}
	return url
}

// withFamilyRules gives the 404 page the script of the plan's families,
// before its </head>.
func withFamilyRules(emit func(string, []byte, *bytes.Buffer) error, script string) func(string, []byte, *bytes.Buffer) error {
	if script == "" {
		return emit
	}
	return func(rel string, data []byte, scratch *bytes.Buffer) error {
		if rel == paths.NotFound {
			if i := bytes.Index(data, []byte("</head>")); i >= 0 {
				data = append(append(append([]byte{}, data[:i]...), script...), data[i:]...)
			}
		}
		return emit(rel, data, scratch)
	}
}
