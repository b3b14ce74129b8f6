package render

import (
	"path"
	"slices"

	"github.com/ladder-ssg/ladder/generator/site"
)

// Overridden says which page kinds the site's own template files (names,
// paths inside templates/) take part in rendering: a kind's own file,
// <kind>.html, renders that kind; the layouts, the partials and any other
// file may be used by every kind.
//
// A page's fingerprint covers what the embedded templates show of the
// model. A site's template may show anything the View exposes, so the
// pages of an overridden kind are rendered on every rebuild, and only
// those whose bytes changed are written.
func Overridden(names []string) func(site.PageKind) bool {
	kinds := map[site.PageKind]bool{}
	for _, name := range names {
		k := site.PageKind(name[:len(name)-len(path.Ext(name))])
		if path.Dir(name) != "." || path.Ext(name) != ".html" || !pageKind(k) {
			return func(site.PageKind) bool { return true }
		}
		kinds[k] = true
	}
	return func(k site.PageKind) bool { return kinds[k] }
}

// pageKind reports whether k is a page kind with a template of its own.
func pageKind(k site.PageKind) bool {
	return slices.Contains(pageKinds(), k)
}
