package export

import (
	"net/url"
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// link returns the URL of the site file target, with fragment when it is
// not "", as written in the file from: absolute when the site has a base
// URL (folder pages named by their folder), else relative to from.
func link(s *site.Site, from, target, fragment string) string {
	var u string
	if base := s.Config.BaseURL; base != "" {
		p := target
		if p == "index.html" || strings.HasSuffix(p, "/index.html") {
			p = strings.TrimSuffix(p, "index.html")
		}
		u = base + escapePath(p)
	} else {
		u = escapePath(site.RelURL(from, target))
	}
	if fragment != "" {
		u += "#" + url.PathEscape(fragment)
	}
	return u
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// absolute reports whether the site's URLs are absolute.
func absolute(s *site.Site) bool { return s.Config.BaseURL != "" }
