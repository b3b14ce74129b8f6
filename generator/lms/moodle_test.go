package lms

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// moodleCourse is a cartridge as Moodle's IMS CC 1.1 converter
// (backup/cc, cc112moodle and entity11.resource) turns it into a course.
type moodleCourse struct {
	// Sections in order; section 0 is the course's general section.
	Sections []moodleSection
	// Pages are the Page activities, by the path of the HTML file each
	// was made from, holding what the converter keeps: the body.
	Pages map[string]string
	// Files are the course files: every non-HTML file of a webcontent
	// resource (get_all_files skips .html, .htm and .xhtml).
	Files map[string]bool
}

// moodleSection is one course section: its summary (Moodle 1.9 sections
// have no name; the converter puts a title-only item's title into the
// summary) and the titles of its activities.
type moodleSection struct {
	Summary    string
	Activities []string
}

// moodleBody is the converter's prepare_content: what is between <body…>
// and </body> (or <html…> and </html>).
var moodleBody = regexp.MustCompile(`(?is)<body[^>]*>(.+)</body>`)

// readAsMoodle reads a cartridge the way Moodle's converter does: each
// top-level module becomes a section, numbered from 0; each webcontent
// resource whose href is an HTML file becomes a Page holding the body of
// that one file; a weblink becomes a URL activity; every other HTML file
// is dropped.
func readAsMoodle(t *testing.T, files map[string][]byte) moodleCourse {
	t.Helper()
	var m ccManifest
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	c := moodleCourse{Pages: map[string]string{}, Files: map[string]bool{}}
	kind := map[string]string{}
	for _, r := range m.Resources {
		kind[r.Identifier] = r.Type
		if r.Type != "webcontent" {
			continue
		}
		for _, f := range r.Files {
			if !isHTML(f.Href) {
				c.Files[f.Href] = true
			}
		}
		if isHTML(r.Href) {
			body := string(files[r.Href])
			if mm := moodleBody.FindStringSubmatch(body); mm != nil {
				body = mm[1]
			}
			c.Pages[r.Href] = body
		}
	}
	for _, mod := range m.Organizations[0].Items[0].Items {
		var s moodleSection
		if mod.IdentifierRef == "" && mod.Title != nil {
			s.Summary = *mod.Title
		}
		var walk func([]ccItem)
		walk = func(items []ccItem) {
			for _, it := range items {
				if kind[it.IdentifierRef] != "" && it.Title != nil {
					s.Activities = append(s.Activities, *it.Title)
				}
				walk(it.Items)
			}
		}
		walk(mod.Items)
		c.Sections = append(c.Sections, s)
	}
	return c
}

// deadLinks returns every link of c's pages that Moodle would leave dead:
// each href or src without "://" that is not a fragment or another scheme
// (mailto:) must name, relative to its page, a course file. A link to an
// HTML file is dead, since the converter drops those.
func (c moodleCourse) deadLinks() []string {
	var dead []string
	for page, body := range c.Pages {
		doc, err := html.Parse(strings.NewReader(body))
		if err != nil {
			dead = append(dead, fmt.Sprintf("%s: %v", page, err))
			continue
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if why := moodleDead(c, page, a.Val); why != "" {
					dead = append(dead, fmt.Sprintf("%s: <%s %s=%q>: %s", page, n.Data, a.Key, a.Val, why))
				}
			}
		}
	}
	sort.Strings(dead)
	return dead
}

// moodleDead says why the link ref of page is dead after Moodle's import,
// or "".
func moodleDead(c moodleCourse, page, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") {
		return ""
	}
	if strings.Contains(ref, "$IMS-CC-FILEBASE$") {
		return "the converter does not rewrite $IMS-CC-FILEBASE$ in web content"
	}
	u, err := url.Parse(ref)
	if err != nil {
		return err.Error()
	}
	if u.Scheme != "" {
		return "" // mailto:, tel:, …
	}
	target := path.Clean(path.Join(path.Dir(page), u.Path))
	switch {
	case c.Files[target]:
		return ""
	case isHTML(target):
		return "an HTML file, dropped by the converter"
	default:
		return "not a file of any webcontent resource"
	}
}

// unstyled returns the pages that rely on a style sheet or script the
// converter drops, or have no inline style at all.
func (c moodleCourse) unstyled() []string {
	var bad []string
	for page, body := range c.Pages {
		lower := strings.ToLower(body)
		for _, tag := range []string{"<link", "<style", "<script"} {
			if strings.Contains(lower, tag) {
				bad = append(bad, page+": has "+tag+">")
			}
		}
		if !strings.Contains(lower, " style=") {
			bad = append(bad, page+": no inline style")
		}
	}
	sort.Strings(bad)
	return bad
}

// TestMoodleReadsCartridge reads the synthetic cartridge as Moodle does:
// a Page per page, none with a dead link or a dropped style, and the
// sections in module order.
func TestMoodleReadsCartridge(t *testing.T) {
	c := readAsMoodle(t, ccPackage(t, cartridge()))
	if n := len(c.Pages); n != 10 {
		t.Errorf("%d pages, want 10 (two occupations of five pages)", n)
	}
	for _, d := range c.deadLinks() {
		t.Error(d)
	}
	for _, u := range c.unstyled() {
		t.Error(u)
	}
	if len(c.Sections) != 2 || c.Sections[0].Summary != "Computer and mathematical" || len(c.Sections[0].Activities) != 11 {
		t.Errorf("sections %+v", c.Sections)
	}
	novice := c.Pages["content/occupations/web-developer/levels/novice.html"]
	if !strings.Contains(novice, `href="https://example.org/occupations/web-developer/levels/competent.html"`) {
		t.Errorf("the novice page does not link the published next level:\n%s", novice)
	}
	scientist := c.Pages["content/occupations/data-scientist/levels/novice.html"]
	if strings.Contains(scientist, "<a ") || !strings.Contains(scientist, "Next: Competent") {
		t.Errorf("an unpublished page keeps a link, or lost its text:\n%s", scientist)
	}
}

// TestMoodleReadingHasTeeth checks that the reading finds what it is for:
// a link to another page, a $IMS-CC-FILEBASE$ link and a style sheet.
func TestMoodleReadingHasTeeth(t *testing.T) {
	files := map[string][]byte{
		"a/one.html": []byte(`<html><head><link rel="stylesheet" href="s.css"></head><body><style>p {}</style><a href="two.html">2</a> <a href="$IMS-CC-FILEBASE$/a/s.css">s</a> <img src="s.css"></body></html>`),
		"a/two.html": []byte(`<html><body><p style="color:red">two</p></body></html>`),
		"a/s.css":    []byte(`p {}`),
	}
	x := newXMLWriter()
	x.open("manifest", "xmlns", nsCC11)
	x.open("organizations")
	x.open("organization")
	x.open("item", "identifier", "root")
	x.open("item", "identifier", "m")
	x.text("title", "Module")
	for _, p := range []string{"one", "two"} {
		x.open("item", "identifier", "i"+p, "identifierref", "r"+p)
		x.text("title", p)
		x.close("item")
	}
	x.close("item")
	x.close("item")
	x.close("organization")
	x.close("organizations")
	x.open("resources")
	for _, p := range []string{"one", "two"} {
		x.open("resource", "identifier", "r"+p, "type", "webcontent", "href", "a/"+p+".html")
		x.empty("file", "href", "a/"+p+".html")
		x.empty("file", "href", "a/s.css")
		x.close("resource")
	}
	x.close("resources")
	x.close("manifest")
	files[ManifestPath] = x.bytes()
	c := readAsMoodle(t, files)
	dead := c.deadLinks()
	if len(dead) != 2 || !strings.Contains(dead[0], "two.html") && !strings.Contains(dead[1], "two.html") {
		t.Errorf("dead links %q, want the link to two.html and the $IMS-CC-FILEBASE$ one", dead)
	}
	if u := c.unstyled(); len(u) != 2 {
		t.Errorf("unstyled %q, want one.html twice (a <style>, no inline style)", u)
	}
}
