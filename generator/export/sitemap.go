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

// The limits of the sitemaps.org protocol 0.9: URLs and bytes in one
// sitemap, sitemaps in one index. A site with more pages gets an index.
const (
	sitemapMaxURLs     = 50000
	sitemapMaxBytes    = 50 << 20
	sitemapMaxSitemaps = 50000
)

// sitemapLimit is how many URLs and bytes one sitemap file may hold, and
// how many sitemaps an index may name: the protocol's, or a test's.
type sitemapLimit struct{ urls, bytes, sitemaps int }

// Sitemap returns the sitemap files (sitemaps.org protocol 0.9) listing
// every HTML page of the site but the 404 page, by its canonical URL, in
// the model's page order. Occupation and level pages carry the
// framework's export date as lastmod. A site whose pages fit one sitemap
// gets sitemap.xml alone; a larger one gets sitemap-1.xml, sitemap-2.xml,
// … (paths.SitemapPart) and sitemap.xml as the index that names them, so
// robots.txt and search consoles keep the one address. Sitemaps need
// absolute URLs, so Sitemap returns nil for a site without a base URL.
func Sitemap(s *site.Site) ([]BundleFile, error) { return SitemapWithAlternates(s, nil) }

// SitemapWithAlternates is Sitemap for one language of a multilingual
// site: each page that alternates names in other languages lists them
// all (itself included, and x-default, the default language's) as
// xhtml:link elements, as search engines read translations in sitemaps.
// A nil alternates gives Sitemap's files.
func SitemapWithAlternates(s *site.Site, alternates func(*site.Page) []translations.Alternate) ([]BundleFile, error) {
	return sitemaps(s, alternates, sitemapLimit{sitemapMaxURLs, sitemapMaxBytes, sitemapMaxSitemaps})
}

// sitemaps writes the URL sets, starting another when the next URL would
// pass either limit, and indexes them when there is more than one.
func sitemaps(s *site.Site, alternates func(*site.Page) []translations.Alternate, limit sitemapLimit) ([]BundleFile, error) {
	if !absolute(s) {
		return nil, nil
	}
	var parts []sitemapPart
	set := newURLSet(alternates != nil)
	var entry bytes.Buffer
	for _, p := range s.Pages {
		if p.Kind == site.NotFoundPage {
			continue
		}
		entry.Reset()
		if err := writeSitemapURL(&entry, s, p, alternates); err != nil {
			return nil, err
		}
		if set.urls > 0 && (set.urls+1 > limit.urls || set.buf.Len()+entry.Len()+len(urlSetEnd) > limit.bytes) {
			parts = append(parts, set.close())
			set = newURLSet(alternates != nil)
		}
		set.add(entry.Bytes(), p)
	}
	parts = append(parts, set.close())
	for i, part := range parts {
		// Only a part of one URL can pass the limit: a page alone too large.
		if len(part.data) > limit.bytes {
			return nil, fmt.Errorf("sitemap: page %s alone makes a sitemap of %d bytes, more than the %d one may hold", part.first, len(part.data), limit.bytes)
		}
		parts[i].name = paths.SitemapPart(i + 1)
	}
	if len(parts) == 1 {
		return []BundleFile{{paths.Sitemap, parts[0].data}}, nil
	}
	return sitemapIndex(s, parts, limit)
}

// sitemapIndex returns the index sitemap.xml naming parts, then the parts.
func sitemapIndex(s *site.Site, parts []sitemapPart, limit sitemapLimit) ([]BundleFile, error) {
	if len(parts) > limit.sitemaps {
		return nil, fmt.Errorf("sitemap: %d sitemaps, more than the %d one sitemap index may list", len(parts), limit.sitemaps)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	files := []BundleFile{{Name: paths.Sitemap}}
	for _, part := range parts {
		buf.WriteString("  <sitemap><loc>")
		if err := xml.EscapeText(&buf, []byte(link(s, "", part.name, ""))); err != nil {
			return nil, err
		}
		buf.WriteString("</loc>")
		if !part.lastmod.IsZero() {
			buf.WriteString("<lastmod>" + part.lastmod.UTC().Format(time.RFC3339) + "</lastmod>")
		}
		buf.WriteString("</sitemap>\n")
		files = append(files, BundleFile{part.name, part.data})
	}
	buf.WriteString("</sitemapindex>\n")
	files[0].Data = buf.Bytes()
	return files, nil
}

const urlSetEnd = "</urlset>\n"

// sitemapPart is one written sitemap file.
type sitemapPart struct {
	name    string
	first   string    // the path of its first page, to name in an error
	lastmod time.Time // the latest of its pages' lastmod, for the index
	data    []byte
}

// urlSet is one sitemap file being written.
type urlSet struct {
	buf     bytes.Buffer
	urls    int
	first   string
	lastmod time.Time
}

func newURLSet(alternates bool) *urlSet {
	u := &urlSet{}
	u.buf.WriteString(xml.Header)
	if alternates {
		u.buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		u.buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	return u
}

func (u *urlSet) add(entry []byte, p *site.Page) {
	if u.urls == 0 {
		u.first = p.Path
	}
	u.urls++
	u.buf.Write(entry)
	if at := pageLastmod(p); at.After(u.lastmod) {
		u.lastmod = at
	}
}

func (u *urlSet) close() sitemapPart {
	u.buf.WriteString(urlSetEnd)
	return sitemapPart{first: u.first, lastmod: u.lastmod, data: u.buf.Bytes()}
}

// writeSitemapURL writes p's url element.
func writeSitemapURL(buf *bytes.Buffer, s *site.Site, p *site.Page, alternates func(*site.Page) []translations.Alternate) error {
	buf.WriteString("  <url><loc>")
	if err := xml.EscapeText(buf, []byte(link(s, "", p.Path, ""))); err != nil {
		return err
	}
	buf.WriteString("</loc>")
	if alternates != nil {
		if err := writeAlternates(buf, alternates(p)); err != nil {
			return err
		}
	}
	if at := pageLastmod(p); !at.IsZero() {
		buf.WriteString("<lastmod>" + at.UTC().Format(time.RFC3339) + "</lastmod>")
	}
	buf.WriteString("</url>\n")
	return nil
}

// pageLastmod is the export date of the framework p shows, if any.
func pageLastmod(p *site.Page) time.Time {
	if p.Occupation == nil {
		return time.Time{}
	}
	return p.Occupation.ExportedAt
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
