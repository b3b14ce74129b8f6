package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/ladder-ssg/ladder/generator/paths"
	"net/url"
	"time"

	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// sitemapMaxURLs is the most URLs one sitemap file may list.
const sitemapMaxURLs = 50000

// Sitemap returns sitemap.xml (sitemaps.org protocol 0.9) listing every
// HTML page of the site but the 404 page, by its canonical URL, in the
// model's page order. Occupation and level pages carry the framework's
// export date as lastmod. Sitemaps need absolute URLs, so Sitemap returns
// nil for a site without a base URL; it fails when the site has more
// pages than one sitemap may list.
func Sitemap(s *site.Site) ([]byte, error) { return SitemapWithAlternates(s, nil) }

// SitemapWithAlternates is Sitemap for one language of a multilingual
// site: each page that alternates names in other languages lists them
// all (itself included, and x-default, the default language's) as
// xhtml:link elements, as search engines read translations in sitemaps.
// A nil alternates gives Sitemap's bytes.
func SitemapWithAlternates(s *site.Site, alternates func(*site.Page) []translations.Alternate) ([]byte, error) {
	if !absolute(s) {
		return nil, nil
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if alternates == nil {
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	} else {
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	}
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
		if alternates != nil {
			if err := writeAlternates(&buf, alternates(p)); err != nil {
				return nil, err
			}
		}
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

// writeAlternates writes a sitemap URL's translations, x-default last.
func writeAlternates(buf *bytes.Buffer, alts []translations.Alternate) error {
	var def string
	for _, a := range alts {
		if a.Default {
			def = a.URL
		}
		if err := writeAlternate(buf, a.Lang, a.URL); err != nil {
			return err
		}
	}
	if def == "" || len(alts) == 0 {
		return nil
	}
	return writeAlternate(buf, "x-default", def)
}

func writeAlternate(buf *bytes.Buffer, lang, url string) error {
	buf.WriteString(`<xhtml:link rel="alternate" hreflang="`)
	if err := xml.EscapeText(buf, []byte(lang)); err != nil {
		return err
	}
	buf.WriteString(`" href="`)
	if err := xml.EscapeText(buf, []byte(escapeURL(url))); err != nil {
		return err
	}
	buf.WriteString(`"/>`)
	return nil
}

// escapeURL percent-encodes what a URL's path holds beyond ASCII, as the
// sitemap's own locations are.
func escapeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.String()
}
