package pipeline

import (
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/site"
)

// TestKeepSiteFiles holds a build whose site-wide files did not change to
// keeping every one the last build wrote, the sitemaps a large site's
// index names among them, and nothing else.
func TestKeepSiteFiles(t *testing.T) {
	model := &site.Site{Config: config.Config{BaseURL: "https://example.org/"}}
	old := map[string]uint64{}
	for _, rel := range []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "robots.txt", "feed.xml",
		"frameworks.json", "occupations/assess-index.js", "sitemap-4.xml", "index.html"} {
		old[rel] = 1
	}
	w := &writer{old: old, oldSizes: map[string]int64{}, files: map[string]uint64{}, sizes: map[string]int64{}}
	w.keepSiteFiles(model)
	gone := w.gone()
	slices.Sort(gone)
	// sitemap-4.xml follows a gap: no index names it once sitemap-3.xml is gone.
	if want := []string{"index.html", "sitemap-4.xml"}; !slices.Equal(gone, want) {
		t.Errorf("gone after keeping the site files: %q, want %q", gone, want)
	}
}
