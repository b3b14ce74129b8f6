package export

import (
	"github.com/ladder-ssg/ladder/generator/paths"
	"net/url"
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// link returns the URL of the site file target, with fragment when it is
// not "" (or target's own), as written in the file from: absolute when the site has a base
// URL (folder pages named by their folder), else relative to from.
func link(s *site.Site, from, target, fragment string) string {
	// A target may be a part of a page (a level without a page of its
	// own): fragment, when given, names a part of the page instead.
	target, own, _ := strings.Cut(target, "#")
	if fragment == "" {
		fragment = own
	}
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

// atHostRoot reports whether the site is published at the root of its host
// (base URL path "/"), the one place crawlers look for robots.txt.
func atHostRoot(s *site.Site) bool {
	u, err := url.Parse(s.Config.BaseURL)
	return err == nil && absolute(s) && (u.Path == "" || u.Path == "/")
}

// Notes says, once per build, what the site's base URL leaves out: without
// one, the URLs that other systems keep (CASE URIs, the embed code, Open
// Badges targets) are relative and there is no sitemap; below a host's
// root, robots.txt is not written, as crawlers would never read it there.
func Notes(s *site.Site) []string {
	if !absolute(s) {
		return []string{"no base URL, so the URLs other systems keep are relative: CASE package URIs, " +
			"the embed code's src, Open Badges target URLs and the feed's links; and there is no sitemap.xml " +
			"or robots.txt. Set base_url in ladder.toml or pass --base-url if the site will be published."}
	}
	if !atHostRoot(s) {
		return []string{"robots.txt is not written: crawlers read it only at " + hostRoot(s.Config.BaseURL) + "robots.txt, " +
			"the root of the host; add the line \"Sitemap: " + link(s, "", paths.Sitemap, "") + "\" to that file."}
	}
	return nil
}

// hostRoot is the root URL of the host of a base URL, ending in "/".
func hostRoot(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path, u.RawPath, u.RawQuery, u.Fragment = "/", "", "", ""
	return u.String()
}
