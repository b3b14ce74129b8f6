package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"

	"github.com/ladder-ssg/ladder/generator/host"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/redirect"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
)

// run is one build of a session: what its steps read, and where they
// write.
type run struct {
	ctx    context.Context
	res    *Result
	in     *load.Input
	model  *site.Site
	r      *render.Renderer
	assets map[string][]byte // every asset, by output path
	look   uint64            // hash of the templates and assets
	langs  *languages        // a multilingual site's other languages; nil for one
	out    publish.Output
	w      *writer
	// first is a build into a fresh staging folder; all remakes every
	// file (the first build, or a template or asset changed); quick
	// runs only the steps a person waits for (see Session.Quick).
	first, all, quick bool
	// preview skips the site-wide packages and the bundle after the
	// first build (see Options.Preview).
	preview bool
	// overridden reports the page kinds a site's own template shows,
	// which may show what fingerprints do not cover.
	overridden func(site.PageKind) bool
	// limits are the host's (see Options.Host), checked when checkHost.
	limits    host.Limits
	checkHost bool
	// plan is the redirects of the pages gone since the last build;
	// script their rules in the 404 page, oldScript those it was last
	// rendered with.
	plan              redirect.Plan
	script, oldScript string
}

// step is one part of the recipe: it writes its files through the run's
// writer, remaking only those whose inputs changed since the keys of the
// last build (prev), and returns the keys of what it wrote. A step that
// fails returns only the keys of what it finished, so the next build
// makes the rest again.
type step struct {
	name  string
	quick bool // also a step of Session.Quick
	make  func(b *run, prev map[string]uint64) (map[string]uint64, error)
}

// pagesStep names the step whose keys are the pages' fingerprints.
const pagesStep = "render"

// recipe lists the steps of a build in order. The LMS packages hold the
// embed pages and the self-assessment data of the steps before them;
// the bundle holds the originals and the exports.
func recipe() []step {
	return []step{
		{"assets", true, writeAssets},
		{"originals", true, writeOriginals},
		{pagesStep, true, writePages},
		{"redirects", false, writeRedirectPages},
		{"exports", false, writeExports},
		{"search", false, writeSearch},
		{"lms", false, writeLMS},
		{"bundle", false, writeBundle},
	}
}

// writeAssets publishes the style sheets, scripts and images under
// assets/; they change only with a new look, when every file is
// written.
func writeAssets(b *run, _ map[string]uint64) (map[string]uint64, error) {
	var todo []string
	for _, name := range sortedKeys(b.assets) {
		// With the templates and assets of the last build (!b.all), the
		// files it wrote stand as they are: not minified again.
		if !b.all && b.w.wroteBefore(name) {
			b.w.keep(name)
			continue
		}
		todo = append(todo, name)
	}
	// Minified on every core: the scripts are most of a small site's
	// bytes to minify.
	return nil, forEach(b.ctx, len(todo), func(i int, scratch, _ *bytes.Buffer) error {
		return b.w.write(todo[i], b.assets[todo[i]], scratch)
	})
}

// writeOriginals publishes each earlier version's framework file byte
// for byte, as it is what people cite, and the current one too when the
// site publishes no normalized framework in its place; its keys are the
// source files' sums.
func writeOriginals(b *run, prev map[string]uint64) (map[string]uint64, error) {
	sums := make(map[string]uint64, len(prev))
	for _, d := range downloads(b.model) {
		sums[d.path] = d.sum
		if !b.all && prev[d.path] == d.sum {
			b.w.keep(d.path)
			continue
		}
		data, err := fs.ReadFile(b.in.Content, d.file)
		if err != nil {
			return nil, fmt.Errorf("content/%s: %w", d.file, err)
		}
		if err := b.w.writeRaw(d.path, data); err != nil {
			return nil, err
		}
	}
	return sums, nil
}

// writePages renders the pages whose fingerprint changed (every page of
// a kind a site's template overrides); a quick build leaves the
// comparisons and shared-skill pages to the next Build.
func writePages(b *run, prev map[string]uint64) (map[string]uint64, error) {
	pages := make(map[string]uint64, len(b.model.Pages))
	var todo []*site.Page
	for _, p := range b.model.Pages {
		fingerprint := p.Fingerprint ^ b.langs.sum(b.model, p)
		pages[p.Path] = fingerprint
		old, existed := prev[p.Path]
		switch {
		case !b.all && old == fingerprint && !b.overridden(p.Kind) && (b.quick || p.Path != paths.NotFound || b.script == b.oldScript):
			// (The 404 page carries the redirect rules, which its
			// fingerprint does not cover.)
			b.w.keep(p.Path)
		case b.quick && existed && !firstSeen(p.Kind):
			// Left for the Build that follows, which sees the old
			// fingerprint and renders it.
			pages[p.Path] = old
			b.w.keep(p.Path)
		default:
			todo = append(todo, p)
		}
	}
	if err := renderPages(b.ctx, b.r, todo, withFamilyRules(b.w.writePage, b.script)); err != nil {
		// A page rewritten before the stop holds what its new
		// fingerprint stands for: forget its old one, so the next build
		// renders it again.
		return b.w.unchanged(prev), err
	}
	b.res.Pages, b.res.Rendered = len(b.model.Pages), len(todo)
	// No later step renders a page: let the renderer's caches of
	// fragments (tens of megabytes on a large site) go before the search
	// index and the packages are built.
	b.r = nil
	return pages, nil
}

// writeRedirectPages publishes a redirect page for each page gone since
// the last build, the hosts' redirect files and the list of this build's
// pages (see redirect.Plan).
func writeRedirectPages(b *run, _ map[string]uint64) (map[string]uint64, error) {
	err := writeRedirects(b.w, b.model, b.plan)
	// The plan lists every page (9 MB at 10,160 frameworks) and no later
	// step reads it: let it go before the exports, index and packages.
	b.plan = redirect.Plan{}
	return nil, err
}

// firstSeen reports whether a Quick build renders pages of this kind: the
// pages an edit shows on, not the shared-skill pages that quote a few of
// its statements among others'. (The comparison page quotes none: the
// browser fills it from the data scripts.)
func firstSeen(k site.PageKind) bool {
	return k != site.SkillPageKind
}

// download is a framework file published as it is.
type download struct {
	path, file string
	sum        uint64
}

// downloads lists every framework file the site publishes unchanged: each
// occupation's earlier versions, and its current one when the JSON output
// is off (on, the exports step publishes the normalized framework at
// o.Download instead: export.Downloads).
func downloads(s *site.Site) []download {
	var out []download
	for _, o := range s.Occupations {
		if !s.Config.Outputs.JSON {
			out = append(out, download{o.Download, o.File, o.Sum})
		}
		for _, v := range o.History {
			out = append(out, download{v.Download, v.File, v.Sum})
		}
	}
	return out
}
