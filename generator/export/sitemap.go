package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/ladder-ssg/ladder/generator/paths"
	"time"

	"github.com/ladder-ssg/ladder/generator/site"
)

// sitemapMaxURLs is the most URLs one sitemap file may list.
const sitemapMaxURLs = 50000

// Sitemap returns sitemap.xml (sitemaps.org protocol 0.9) listing every
// HTML page of the site but the 404 page, by its canonical URL, in the
// model's page order. Occupation and level pages carry the framework's
// export date as lastmod. Sitemaps need absolute URLs, so Sitemap returns
// nil for a site without a base URL; it fails when the site has more
// pages than one sitemap may list.
func Sitemap(s *site.Site) ([]byte, error) {
	if !absolute(s) {
		return nil, nil
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	n := 0
	for _, p := range s.Pages {
		if p.Kind == site.NotFoundPage {
			continue
		}
		n++
		buf.WriteString("  <url><loc>")
		if err := xml.EscapeText(&buf, []byte(link(s, "", p.Path, ""))); err != nil {
			return nil, err
		}
		buf.WriteString("</loc>")
		if p.Occupation != nil && !p.Occupation.ExportedAt.IsZero() {
			buf.WriteString("<lastmod>" + p.Occupation.ExportedAt.UTC().Format(time.RFC3339) + "</lastmod>")
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	if n > sitemapMaxURLs {
		return nil, fmt.Errorf("sitemap: %d pages, more than the %d one sitemap may list", n, sitemapMaxURLs)
	}
	return buf.Bytes(), nil
}

// Robots returns robots.txt for a site with a base URL: every crawler may
// fetch everything, and the Sitemap line names the sitemap. It returns
// nil for a site without a base URL. Crawlers read robots.txt only at the
// root of a host, so SiteFiles writes it only for a site published there;
// Notes tells a site below the root to copy the Sitemap line into the
// host's own robots.txt.
func Robots(s *site.Site) []byte {
	if !absolute(s) {
		return nil
	}
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + link(s, "", paths.Sitemap, "") + "\n")
}
