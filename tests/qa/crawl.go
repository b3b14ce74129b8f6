package qa

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// CrawlResult is what Crawl found. Every list holds findings whose File is
// the page, relative to the root, where the problem shows.
type CrawlResult struct {
	Pages            []string  // pages visited, relative to root, in visit order
	Missing          []Finding // links and resources whose target file does not exist
	MissingAnchors   []Finding // links whose #fragment names no id on the target page
	BadLinks         []Finding // directory links, links outside root, forbidden URL forms
	ConsoleErrors    []Finding // console errors, uncaught exceptions, error log entries
	FailedLoads      []Finding // sub-resources that failed to load
	ExternalRequests []Finding // requests that would have left the machine
	Elapsed          time.Duration
}

// Problems returns every finding of r, in the order of the fields above.
func (r CrawlResult) Problems() []Finding {
	var out []Finding
	for _, l := range [][]Finding{r.Missing, r.MissingAnchors, r.BadLinks, r.ConsoleErrors, r.FailedLoads, r.ExternalRequests} {
		out = append(out, l...)
	}
	return out
}

// crawlLink is one URL on a page as the browser resolved it.
type crawlLink struct {
	What     string `json:"what"`
	Raw      string `json:"raw"` // as written
	URL      string `json:"url"` // resolved by the browser
	Resource bool   `json:"resource"`
}

// crawlPage is what one visited page holds.
type crawlPage struct {
	IDs   []string    `json:"ids"`
	Links []crawlLink `json:"links"`
}

// crawlCollect gathers ids and every URL on the page, resolved by the browser.
const crawlCollect = `(() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
    .concat([...document.querySelectorAll('a[name]')].map(e => e.name));
  const links = [];
  const add = (el, attr, resource) => {
    const raw = el.getAttribute(attr);
    if (raw === null) return;
    let url = raw;
    try { url = new URL(raw, document.baseURI).href; } catch (e) {}
    links.push({what: el.localName + ' ' + attr, raw, url, resource});
  };
  const resourceRels = new Set(['stylesheet','icon','preload','modulepreload','prefetch','manifest','apple-touch-icon','mask-icon']);
  for (const el of document.querySelectorAll('a[href], area[href]')) add(el, 'href', false);
  for (const el of document.querySelectorAll('link[href]')) {
    add(el, 'href', el.relList && [...el.relList].some(r => resourceRels.has(r.toLowerCase())));
  }
  for (const el of document.querySelectorAll('form[action]')) add(el, 'action', false);
  for (const el of document.querySelectorAll('script[src], img[src], source[src], iframe[src], embed[src], audio[src], video[src], track[src], input[src]')) add(el, 'src', true);
  for (const el of document.querySelectorAll('video[poster]')) add(el, 'poster', true);
  for (const el of document.querySelectorAll('object[data]')) add(el, 'data', true);
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const cand of el.getAttribute('srcset').split(',')) {
      const raw = cand.trim().split(/\s+/)[0];
      if (!raw) continue;
      let url = raw;
      try { url = new URL(raw, document.baseURI).href; } catch (e) {}
      links.push({what: el.localName + ' srcset', raw, url, resource: true});
    }
  }
  return {ids, links};
})()`

// anchorCheck is a fragment to look for once its target page is visited.
type anchorCheck struct {
	from, what, raw, target, fragment string
}

// Crawl opens start (a path relative to root) from file:// and follows every
// internal link, visiting each page once in this one tab. For each page it
// records console errors, failed loads and external requests, checks that
// every link and resource exists as a file inside root (a directory is not
// enough under file://) and that every #fragment exists on its target page.
// Links to external sites are allowed; external resources are not. err is
// set only when the browser itself fails.
func (b *Browser) Crawl(root, start string) (CrawlResult, error) {
	began := time.Now()
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return CrawlResult{}, err
	}
	c := &crawl{b: b, root: absRoot, ids: map[string]map[string]bool{}, queued: map[string]bool{}}
	c.enqueue(filepath.Join(absRoot, filepath.FromSlash(start)))
	for len(c.queue) > 0 {
		abs := c.queue[0]
		c.queue = c.queue[1:]
		if err := c.visit(abs); err != nil {
			return c.res, err
		}
	}
	c.checkAnchors()
	for _, l := range []*[]Finding{&c.res.Missing, &c.res.MissingAnchors, &c.res.BadLinks} {
		sort.SliceStable(*l, func(i, j int) bool { return (*l)[i].File < (*l)[j].File })
	}
	c.res.Elapsed = time.Since(began)
	return c.res, nil
}

// crawl is the state of one Crawl: the pages to visit, the ids of those
// visited, and the fragments to look for once all are.
type crawl struct {
	b       *Browser
	root    string // absolute
	res     CrawlResult
	queue   []string
	queued  map[string]bool
	ids     map[string]map[string]bool // visited page → its ids
	anchors []anchorCheck
}

func (c *crawl) enqueue(abs string) {
	if !c.queued[abs] {
		c.queued[abs] = true
		c.queue = append(c.queue, abs)
	}
}

// rel is abs relative to the root, with forward slashes.
func (c *crawl) rel(abs string) string {
	rel, err := filepath.Rel(c.root, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(rel)
}

// visit opens one page, records its ids and the browser's events, and
// checks its links.
func (c *crawl) visit(abs string) error {
	rel := c.rel(abs)
	c.b.Reset()
	fileURL, err := FileURL(abs)
	if err != nil {
		return err
	}
	if err := c.b.Navigate(fileURL); err != nil {
		if _, statErr := os.Stat(abs); statErr != nil {
			c.res.Missing = append(c.res.Missing, Finding{Check: "crawl", File: rel, Message: "cannot open start page: " + statErr.Error()})
			return nil
		}
		return err
	}
	c.res.Pages = append(c.res.Pages, rel)
	var pg crawlPage
	if err := c.b.Eval(crawlCollect, &pg); err != nil {
		return fmt.Errorf("crawl %s: %w", rel, err)
	}
	c.ids[abs] = map[string]bool{}
	for _, id := range pg.IDs {
		c.ids[abs][id] = true
	}
	c.b.addEventFindings(&c.res, rel)
	for _, l := range pg.Links {
		c.checkLink(rel, l)
	}
	return nil
}

// checkLink files what is wrong with one link of page rel, queues the
// page it leads to, and notes its fragment for checkAnchors.
func (c *crawl) checkLink(rel string, l crawlLink) {
	bad := func(list *[]Finding, msg string) {
		*list = append(*list, Finding{Check: "crawl", File: rel, Message: fmt.Sprintf("%s %q: %s", l.What, l.Raw, msg)})
	}
	if !c.internal(l, bad) {
		return
	}
	u, err := url.Parse(l.URL)
	if err != nil || u.Scheme != "file" {
		bad(&c.res.BadLinks, "unexpected URL "+l.URL)
		return
	}
	target := filepath.FromSlash(u.Path)
	if r, err := filepath.Rel(c.root, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		bad(&c.res.BadLinks, "points outside the site root")
		return
	}
	fi, err := os.Stat(target)
	switch {
	case err != nil:
		bad(&c.res.Missing, "target "+c.rel(target)+" does not exist")
		return
	case fi.IsDir():
		bad(&c.res.BadLinks, "target "+c.rel(target)+" is a directory: file:// shows a listing, link to a file")
		return
	}
	if strings.HasSuffix(l.Raw, "#") {
		bad(&c.res.BadLinks, "empty fragment")
	}
	if !isHTML(target) {
		return
	}
	if u.Fragment != "" {
		c.anchors = append(c.anchors, anchorCheck{from: rel, what: l.What, raw: l.Raw, target: target, fragment: u.Fragment})
	}
	if !l.Resource {
		c.enqueue(target)
	}
}

// internal reports whether l is a link into the site to follow, filing
// the forms of URL that are not allowed.
func (c *crawl) internal(l crawlLink, bad func(*[]Finding, string)) bool {
	switch k := ClassifyRef(l.Raw); {
	case strings.TrimSpace(l.Raw) == "":
		bad(&c.res.BadLinks, "empty URL")
	case k == RefRootRelative:
		bad(&c.res.BadLinks, "root-relative URL breaks under file://")
	case k == RefSchemeRelative:
		bad(&c.res.BadLinks, "scheme-relative URL breaks under file://")
	case k == RefScript:
		bad(&c.res.BadLinks, "javascript: URL is not allowed")
	case k == RefData:
	case k == RefExternal || k == RefNonLoading:
		if l.Resource {
			bad(&c.res.ExternalRequests, "external resource")
		}
	default:
		return true
	}
	return false
}

// checkAnchors files the links whose fragment names no id on a visited
// target page.
func (c *crawl) checkAnchors() {
	for _, a := range c.anchors {
		if pageIDs, ok := c.ids[a.target]; ok && !pageIDs[a.fragment] {
			c.res.MissingAnchors = append(c.res.MissingAnchors, Finding{Check: "crawl", File: a.from, Message: fmt.Sprintf("%s %q: fragment #%s does not exist in %s", a.what, a.raw, a.fragment, c.rel(a.target))})
		}
	}
}

// addEventFindings files the browser's events for page rel into res.
func (b *Browser) addEventFindings(res *CrawlResult, rel string) {
	console, failed, external := b.Events().findings(func(f Finding) Finding {
		f.File = rel
		return f
	})
	res.ConsoleErrors = append(res.ConsoleErrors, console...)
	res.FailedLoads = append(res.FailedLoads, failed...)
	res.ExternalRequests = append(res.ExternalRequests, external...)
}

// isHTML reports whether path names an HTML page.
func isHTML(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// CrawlFile starts a browser (see NewBrowser) and crawls the site in root
// from start (see Browser.Crawl), failing t if the browser fails. It logs
// the number of pages and the time taken.
func CrawlFile(t testing.TB, root, start string) CrawlResult {
	t.Helper()
	b := NewBrowser(t)
	res, err := b.Crawl(root, start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("crawl: %d page(s) in %v", len(res.Pages), res.Elapsed.Round(time.Millisecond))
	return res
}
