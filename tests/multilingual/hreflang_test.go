package multilingual_test

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/tests/qa"
)

const base = "https://example.org/ref/"

// page is what one built page says of its translations.
type page struct {
	lang      string
	alternate map[string]string // hreflang → page file, from the output root
	switcher  map[string]string // the switcher's links: lang → page file
	anchors   map[string]map[string]string
	ids       []string // the fragment ids of its statements, in order
	cells     []string // the fragment ids of its progression table's cells, in order
}

// TestHreflangReciprocal parses every page of the bilingual site: a page
// that exists in both languages names itself and its translation, with
// x-default the English one, in absolute URLs under the base URL; the
// translation names the same pages back; the switcher links the same
// pages relatively, and maps each statement's anchor to the anchor of the
// statement with the same code (its position in the level).
func TestHreflangReciprocal(t *testing.T) {
	out := build(t, bilingualSource(t, bilingual+"base_url = \""+base+"\"\n"))
	pages := readPages(t, out)
	paired := 0
	for file, p := range pages {
		if len(p.alternate) == 0 {
			continue
		}
		paired++
		if p.alternate[p.lang] != file {
			t.Errorf("%s (%s): hreflang %s names %q, not the page itself", file, p.lang, p.lang, p.alternate[p.lang])
		}
		if p.alternate["x-default"] != p.alternate["en"] {
			t.Errorf("%s: x-default %q, want the English page %q", file, p.alternate["x-default"], p.alternate["en"])
		}
		for lang, target := range p.alternate {
			q, ok := pages[target]
			switch {
			case !ok:
				t.Errorf("%s: hreflang %s names %q, which is not a page", file, lang, target)
			case lang != "x-default" && q.lang != lang:
				t.Errorf("%s: hreflang %s names %s, whose language is %q", file, lang, target, q.lang)
			case !maps.Equal(q.alternate, p.alternate):
				t.Errorf("%s names %v, but its %s translation %s names %v", file, p.alternate, lang, target, q.alternate)
			}
		}
		checkSwitcher(t, file, p, pages)
	}
	if want := 2 * (2*(1+4+1) + 1); paired < want {
		// Both occupations' page, levels and embed view, and the about
		// page, in each language.
		t.Errorf("%d pages have translations, want at least %d", paired, want)
	}
	if p := pages["lms/index.html"]; p == nil || p.alternate != nil || len(p.switcher) != 0 {
		t.Errorf("lms/index.html, in English only, is missing or has translations: %+v", p)
	}
}

// checkSwitcher holds the switcher of file to its hreflang links, and its
// anchor maps to the statements' positions.
func checkSwitcher(t *testing.T, file string, p *page, pages map[string]*page) {
	t.Helper()
	for lang, target := range p.alternate {
		if lang == "x-default" || lang == p.lang {
			continue
		}
		if p.switcher[lang] != target {
			t.Errorf("%s: the switcher's %s link goes to %q, hreflang to %q", file, lang, p.switcher[lang], target)
		}
		q := pages[target]
		if q == nil {
			continue
		}
		if len(p.ids) != len(q.ids) {
			t.Errorf("%s has %d statements, its %s translation %d", file, len(p.ids), lang, len(q.ids))
			continue
		}
		for i, id := range p.ids {
			if got := p.anchors[lang][id]; got != q.ids[i] {
				t.Errorf("%s: statement %d (#%s) switches to #%s in %s, want #%s", file, i+1, id, got, lang, q.ids[i])
			}
		}
	}
}

// readPages parses every HTML file of the site at out.
func readPages(t *testing.T, out string) map[string]*page {
	t.Helper()
	pages := map[string]*page{}
	err := filepath.WalkDir(out, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, file)
		rel = filepath.ToSlash(rel)
		pages[rel] = readPage(t, file, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func readPage(t *testing.T, file, rel string) *page {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	p := &page{switcher: map[string]string{}, anchors: map[string]map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := attrs(n)
			switch {
			case n.Data == "html":
				p.lang = a["lang"]
			case n.Data == "link" && a["rel"] == "alternate" && a["hreflang"] != "":
				if p.alternate == nil {
					p.alternate = map[string]string{}
				}
				p.alternate[a["hreflang"]] = resolve(t, rel, a["href"])
			case n.Data == "a" && a["data-anchors"] != "":
				p.switcher[a["hreflang"]] = resolve(t, rel, a["href"])
				m := map[string]string{}
				if err := json.Unmarshal([]byte(a["data-anchors"]), &m); err != nil {
					t.Errorf("%s: data-anchors %q: %v", rel, a["data-anchors"], err)
				}
				p.anchors[a["hreflang"]] = m
			case n.Data == "li" && strings.Contains(" "+a["class"]+" ", " statement ") && a["id"] != "":
				p.ids = append(p.ids, a["id"])
			case n.Data == "td" && a["id"] != "":
				p.cells = append(p.cells, a["id"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func attrs(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}

// resolve turns a link of page rel into a page file from the output root:
// an absolute URL under the base URL, or a relative one.
func resolve(t *testing.T, rel, href string) string {
	t.Helper()
	var p string
	if rest, ok := strings.CutPrefix(href, base); ok {
		p = rest
	} else if strings.Contains(href, "://") {
		t.Errorf("%s: link %q outside the site", rel, href)
		return href
	} else {
		p = path.Join(path.Dir(rel), href)
	}
	if p == "" || p == "." || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return strings.TrimPrefix(p, "./")
}

// TestSwitcherWithoutLevelPages builds the bilingual site without level
// pages: every link and fragment of both languages resolves, and the
// switcher on an occupation page, which holds the levels, keeps the
// reader at the same statement cell and level heading in the other
// language.
func TestSwitcherWithoutLevelPages(t *testing.T) {
	out := build(t, bilingualSource(t, bilingual+"[outputs]\nlevel_pages = false\n"))
	qa.AssertNone(t, "links and fragments", qa.CheckLinksStatic(out))
	const occ = "occupations/29-2012.00/index.html"
	page := readPage(t, filepath.Join(out, occ), occ)
	en, fr, switcher := page.cells, readPage(t, filepath.Join(out, "fr", occ), "fr/"+occ).cells, page.anchors["fr"]
	if len(en) == 0 || len(en) != len(fr) {
		t.Fatalf("cells with ids: en %d, fr %d", len(en), len(fr))
	}
	for i, id := range en {
		if switcher[id] != fr[i] {
			t.Errorf("the switcher takes #%s to #%s, want #%s", id, switcher[id], fr[i])
		}
	}
	if switcher["emerging"] == "" {
		t.Errorf("the switcher does not keep the level heading #emerging: %v", switcher)
	}
}
