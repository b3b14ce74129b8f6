package render_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// hostileTitle tries to end the script elements it is written into.
const hostileTitle = `Tester </script><script>alert(1)</script> & "Co"`

// fixture is a small site with everything the templates show: the two
// seed frameworks, one of them with an earlier version (diff's
// seed-edits case: a statement added, removed, moved and reworded, a
// level relabelled), a framework with a hostile title, and content pages
// at three depths.
func fixture(t testing.TB) site.Input {
	t.Helper()
	in := site.Input{Config: config.Default()}
	for i, file := range []string{
		"../../content/frameworks/19-4021.00.json",
		"../diff/testdata/seed-edits/old.json",
		"../diff/testdata/seed-edits/new.json",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := load.DecodeFramework(file, data, false)
		if f == nil {
			t.Fatalf("%s: %v", file, diags)
		}
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: f, File: "frameworks/" + path.Base(file), Sum: uint64(i + 1)})
	}
	hostile := &framework.Framework{
		Occupation: framework.Occupation{SOC: "99-0001.00", Title: hostileTitle, Group: "Testers", Sector: "54", JobZone: 2},
		Levels: []framework.Level{
			{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{framework.Split("Escaping — write <b>markup</b> & \"quotes\" as text."),
				framework.Split("Basic laboratory equipment and glassware — keep the test bench clean.")}},
		},
	}
	in.Frameworks = append(in.Frameworks, site.Framework{Framework: hostile, File: "frameworks/hostile.json", Sum: 9})
	for file, body := range map[string]string{
		"_index.md":               "Welcome to the **fixture**.",
		"about.md":                "# About\n\nSee the [guide](guides/deep/start.md#install).",
		"guides/_index.md":        "# Guides",
		"guides/deep/start.md":    "# Start\n\n## Install\n\nBack to [about](../../about.md).",
		"guides/deep/private.md":  "# Draft",
		"guides/deep/_unused.txt": "",
	} {
		if path.Ext(file) != ".md" {
			continue
		}
		p := &markup.Page{File: file, Body: []byte(body)}
		p.FrontMatter.Draft = strings.HasSuffix(file, "private.md")
		in.Pages = append(in.Pages, p)
	}
	slices.SortFunc(in.Pages, func(a, b *markup.Page) int { return strings.Compare(a.File, b.File) })
	return in
}

// renderAll renders every page of s with the templates of tfs, by path.
func renderAll(t testing.TB, s *site.Site, tfs fs.FS) map[string][]byte {
	t.Helper()
	r, err := render.New(s, tfs, markup.New())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range s.Pages {
		var buf bytes.Buffer
		if err := r.Page(&buf, p); err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		out[p.Path] = buf.Bytes()
	}
	return out
}

func newSite(t testing.TB, in site.Input) *site.Site {
	t.Helper()
	s, diags := site.New(in)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// walk calls f for every element node below n.
func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func parse(t testing.TB, name string, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// TestEveryPage renders the fixture with the embedded templates and
// follows every link: every page kind is rendered, each page has one h1
// and a title, unique ids, and every relative link to a page reaches a
// page of the site and an id on it; no link is absolute to the host.
func TestEveryPage(t *testing.T) {
	s := newSite(t, fixture(t))
	pages := renderAll(t, s, templates.FS)
	ids := map[string]map[string]bool{}
	docs := map[string]*html.Node{}
	kinds := map[site.PageKind]bool{}
	for _, p := range s.Pages {
		kinds[p.Kind] = true
		doc := parse(t, p.Path, pages[p.Path])
		docs[p.Path] = doc
		ids[p.Path] = map[string]bool{}
		h1s := 0
		walk(doc, func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				if ids[p.Path][id] {
					t.Errorf("%s: id %q twice", p.Path, id)
				}
				ids[p.Path][id] = true
			}
			switch n.Data {
			case "h1":
				h1s++
			case "title":
				if strings.TrimSpace(qa.Text(n)) == "" {
					t.Errorf("%s: empty title", p.Path)
				}
			}
		})
		if h1s != 1 && !p.Kind.IsEmbed() {
			t.Errorf("%s: %d h1 elements", p.Path, h1s)
		}
	}
	for _, k := range []site.PageKind{site.HomePage, site.OccupationPage, site.OccupationLevelPage, site.OccupationsIndex,
		site.LevelHubPage, site.LevelsIndex, site.HubPage, site.HubsIndex, site.ContentPageKind, site.NotFoundPage,
		site.VersionPage, site.ChangesPage, site.EmbedPage, site.EmbedLevelPage, site.EmbedIndexPage,
		site.SkillsIndex, site.SkillPageKind, site.ComparePage, site.SearchPage} {
		if !kinds[k] {
			t.Errorf("the fixture has no %s page", k)
		}
	}
	checked := 0
	for _, p := range s.Pages {
		if p.Kind == site.NotFoundPage {
			continue // its links are relative to wherever it is served
		}
		walk(docs[p.Path], func(n *html.Node) {
			href := attr(n, "href")
			if n.Data != "a" || href == "" || strings.Contains(href, ":") {
				return
			}
			if strings.HasPrefix(href, "/") {
				t.Errorf("%s: link %q is absolute to the host", p.Path, href)
				return
			}
			target, frag, _ := strings.Cut(href, "#")
			if target == "" {
				target = p.Path
			} else {
				target = path.Join(path.Dir(p.Path), target)
			}
			if path.Ext(target) != ".html" {
				return // downloads and scripts: the exports' tests hold them
			}
			targetIDs, ok := ids[target]
			if !ok {
				t.Errorf("%s: link %q leads to %s, not a page of the site", p.Path, href, target)
				return
			}
			if frag != "" && !targetIDs[frag] {
				t.Errorf("%s: link %q: no id %q on %s", p.Path, href, frag, target)
			}
			checked++
		})
	}
	if checked < 500 {
		t.Errorf("only %d links checked", checked)
	}
}
