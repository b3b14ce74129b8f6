package export

import (
	"fmt"
	"io"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// BundleFile is one file of an export: its path in the output
// (slash-separated, relative) and its content.
type BundleFile struct {
	Name string
	Data []byte
}

// Download is one file of a framework that its page links to.
type Download struct {
	Format    string // "normalized" or "original", "case", "moodle" or "canvas"
	Label     string // for people, e.g. "CASE 1.1 package (JSON)"
	Path      string // file path in the output, e.g. occupations/<code>/<code>.case.json
	MediaType string // e.g. "application/json"
}

// The formats of Downloads, in the order they are listed.
const (
	FormatOriginal   = "original"
	FormatNormalized = "normalized"
	FormatCASE       = "case"
	FormatMoodle     = "moodle"
	FormatCanvas     = "canvas"
)

// Downloads lists the files of one framework that out has on, all in its
// occupation's folder: the framework file at o.Download, always (with
// the JSON output on, the normalized framework, NormalizedJSON; off, the
// file as it came), then the other exports of this package that are on,
// <code>.case.json, <code>.moodle.csv and <code>.canvas.csv.
func Downloads(o *site.Occupation, out config.Outputs) []Download {
	all := allDownloads(o)
	on := all[:0:0]
	for _, d := range all {
		if formatOn(d.Format, out) {
			on = append(on, d)
		}
	}
	return on
}

// formatOn reports whether the download format is on in out.
func formatOn(format string, out config.Outputs) bool {
	switch format {
	case FormatNormalized:
		return out.JSON
	case FormatOriginal:
		return !out.JSON
	case FormatCASE:
		return out.CASE
	case FormatMoodle, FormatCanvas:
		return out.CSV
	}
	return true
}

// allDownloads is every format of o's framework; the original and the
// normalized framework share a path, one of them on.
func allDownloads(o *site.Occupation) []Download {
	return []Download{
		{FormatNormalized, "Normalized framework (JSON)", o.Download, "application/json"},
		{FormatOriginal, "Original framework (JSON)", o.Download, "application/json"},
		{FormatCASE, "CASE 1.1 package (JSON)", paths.Export(o.Code, "case.json"), "application/json"},
		{FormatMoodle, "Moodle competency framework (CSV)", paths.Export(o.Code, "moodle.csv"), "text/csv"},
		{FormatCanvas, "Canvas outcomes (CSV)", paths.Export(o.Code, "canvas.csv"), "text/csv"},
	}
}

// downloadPath returns the path of one format of o.
func downloadPath(o *site.Occupation, format string) string {
	for _, d := range allDownloads(o) {
		if d.Format == format {
			return d.Path
		}
	}
	panic("export: unknown format " + format)
}

// AppendFrameworkFiles returns the exports of one framework that the
// site's outputs have on, with their paths (see Downloads); the original
// file is not among them, since the build copies it as it is (when the
// JSON output is off), nor the self-assessment's data, which is written
// for a group of occupations (AssessShard). The files' data is appended
// to dst, returned extended: a build that passes the same buffer for each
// framework, once it has written the last one's files, makes its hundreds
// of megabytes of exports in a few buffers, not a garbage-collected heap.
// The files share the buffer's array.
func AppendFrameworkFiles(dst []byte, o *site.Occupation, s *site.Site) ([]BundleFile, []byte, error) {
	makers := []struct {
		format string
		append func([]byte) ([]byte, error)
	}{
		{FormatNormalized, func(b []byte) ([]byte, error) { return appendNormalizedJSON(b, o) }},
		{FormatCASE, func(b []byte) ([]byte, error) { return appendCASE(b, o, s) }},
		{FormatMoodle, func(b []byte) ([]byte, error) { return appendMoodleCSV(b, o, s) }},
		{FormatCanvas, func(b []byte) ([]byte, error) { return appendCanvasCSV(b, o, s) }},
	}
	files := make([]BundleFile, 0, len(makers))
	for _, m := range makers {
		if !formatOn(m.format, s.Config.Outputs) {
			continue
		}
		start := len(dst)
		grown, err := m.append(dst)
		if err != nil {
			return nil, dst, fmt.Errorf("%s: %s export: %w", o.File, m.format, err)
		}
		dst = grown
		files = append(files, BundleFile{Name: downloadPath(o, m.format), Data: dst[start:len(dst):len(dst)]})
	}
	return files, dst, nil
}

// SiteFileNames lists the paths SiteFiles always writes for s: with a
// base URL, sitemap.xml, but not the parts it indexes in a large site
// (paths.SitemapPart), which depend on the sitemap's bytes.
func SiteFileNames(s *site.Site) []string {
	var names []string
	if absolute(s) {
		names = append(names, paths.Sitemap)
	}
	if atHostRoot(s) {
		names = append(names, paths.Robots)
	}
	return append(names, paths.Feed, paths.Catalogue, paths.AssessIndex)
}

// StreamedFile is a file written as it is made, by Write, for one too
// large to hold whole.
type StreamedFile struct {
	Name  string
	Write func(io.Writer) error
}

// SiteLMSFiles returns the Moodle and Canvas files of every framework
// (WriteSiteMoodleCSV, WriteSiteCanvasCSV), entries of the bulk download
// (paths.BundleMoodle, paths.BundleCanvas) rather than files of the site:
// they repeat every framework's own CSV, and a site-wide import is a
// one-off, so one zipped copy serves; none when the site's CSV output is
// off. They are streamed: at 10,000 frameworks they hold hundreds of
// megabytes.
func SiteLMSFiles(s *site.Site) []StreamedFile {
	if !s.Config.Outputs.CSV {
		return nil
	}
	return []StreamedFile{
		{paths.BundleMoodle, func(w io.Writer) error { return WriteSiteMoodleCSV(w, s) }},
		{paths.BundleCanvas, func(w io.Writer) error { return WriteSiteCanvasCSV(w, s) }},
	}
}

// SiteFiles returns the site-wide files: the feed, the catalogue and the
// self-assessment's list of occupations (AssessIndex), with a base URL
// the sitemaps (SitemapWithAlternates: alternates is nil in a site of one
// language), and at the root of a host robots.txt too.
func SiteFiles(s *site.Site, alternates func(*site.Page) []translations.Alternate) ([]BundleFile, error) {
	var files []BundleFile
	if absolute(s) {
		sitemaps, err := SitemapWithAlternates(s, alternates)
		if err != nil {
			return nil, err
		}
		files = append(files, sitemaps...)
	}
	if atHostRoot(s) {
		files = append(files, BundleFile{paths.Robots, Robots(s)})
	}
	feed, err := Feed(s)
	if err != nil {
		return nil, err
	}
	cat, err := Catalogue(s, func(o *site.Occupation) []Download { return Downloads(o, s.Config.Outputs) })
	if err != nil {
		return nil, err
	}
	index, err := AssessIndex(s)
	if err != nil {
		return nil, err
	}
	return append(files, BundleFile{paths.Feed, feed}, BundleFile{paths.Catalogue, cat}, BundleFile{paths.AssessIndex, index}), nil
}
