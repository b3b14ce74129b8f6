package qa

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCrawlGoodFixture(t *testing.T) {
	t.Parallel()
	res := CrawlFile(t, "testdata/good", "index.html")
	AssertNone(t, "crawl of testdata/good", res.Problems())
	if got, want := strings.Join(res.Pages, " "), "index.html about/team.html"; got != want {
		t.Errorf("pages visited = %q, want %q", got, want)
	}
}

func TestCrawlBrokenFixture(t *testing.T) {
	t.Parallel()
	res := CrawlFile(t, "testdata/broken", "index.html")
	for _, f := range res.Problems() {
		t.Log(f)
	}
	if got, want := strings.Join(res.Pages, " "), "index.html other.html sub/page.html"; got != want {
		t.Errorf("pages visited = %q, want %q", got, want)
	}
	checks := []struct {
		name string
		list []Finding
		want []string
	}{
		{"Missing", res.Missing, []string{`link href "missing.css": target missing.css does not exist`, `img src "img/nothere.png": target img/nothere.png does not exist`, `a href "missing.html": target missing.html does not exist`}},
		{"MissingAnchors", res.MissingAnchors, []string{`a href "other.html#nowhere": fragment #nowhere does not exist in other.html`}},
		{"BadLinks", res.BadLinks, []string{`a href "sub/": target sub is a directory`, `a href "/about.html": root-relative`}},
		{"ConsoleErrors", res.ConsoleErrors, []string{"boom from fixture", "uncaught from fixture"}},
		{"FailedLoads", res.FailedLoads, []string{"missing.css: net::ERR_FILE_NOT_FOUND", "nothere.png: net::ERR_FILE_NOT_FOUND", "x.js: net::ERR_PROXY_CONNECTION_FAILED"}},
		{"ExternalRequests", res.ExternalRequests, []string{`script src "https://cdn.example.com/x.js": external resource`, "request leaves the machine: Script https://cdn.example.com/x.js"}},
	}
	for _, c := range checks {
		got := FormatFindings(c.list)
		if len(c.list) != len(c.want) {
			t.Errorf("%s: want %d finding(s), got %d:\n%s", c.name, len(c.want), len(c.list), got)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q", c.name, w)
			}
		}
		for _, f := range c.list {
			if f.File != "index.html" {
				t.Errorf("%s: finding filed under %q, want index.html: %v", c.name, f.File, f)
			}
		}
	}
}

// TestCrawlManyPages measures the crawl on a generated site of 150 pages,
// each linking to the next, to its neighbours' fragments and to a shared
// style sheet.
func TestCrawlManyPages(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 150
	root := t.TempDir()
	writeFile(t, root, "s.css", "body{color:#111}")
	for i := range n {
		next := (i + 1) % n
		writeFile(t, root, fmt.Sprintf("p/%d.html", i), fmt.Sprintf(`<!DOCTYPE html><html lang="en"><title>%d</title><link rel="stylesheet" href="../s.css">
<h1 id="top%d">Page %d</h1><a href="%d.html">next</a> <a href="%d.html#top%d">next top</a> <a href="../index.html">home</a>`, i, i, i, next, next, next))
	}
	writeFile(t, root, "index.html", `<!DOCTYPE html><html lang="en"><title>home</title><a href="p/0.html">start</a>`)
	res := CrawlFile(t, root, "index.html")
	AssertNone(t, "generated site", res.Problems())
	if len(res.Pages) != n+1 {
		t.Errorf("visited %d pages, want %d", len(res.Pages), n+1)
	}
	t.Logf("%v per page", res.Elapsed/time.Duration(len(res.Pages)))
	if static := CheckLinksStatic(root); len(static) > 0 {
		t.Errorf("static check disagrees:\n%s", FormatFindings(static))
	}
}
