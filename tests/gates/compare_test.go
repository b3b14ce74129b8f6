package gates_test

import (
	"fmt"
	"github.com/ladder-ssg/ladder/generator/paths"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// compareSource is a site folder of the two seeds and, when the corpus is
// beside the repository, every hundredth of its frameworks: pairs whose
// levels and shared skills differ.
func compareSource(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob("../../content/frameworks/*.json")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	sort.Strings(corpus)
	files := seeds
	for i := 0; i < len(corpus); i += 100 {
		files = append(files, corpus[i])
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// compareModel is the model ladder builds from src, with its alignment.
func compareModel(t *testing.T, src string) *site.Site {
	t.Helper()
	in, diags := load.Site(src, load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}, load.Options{})
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	al, err := pipeline.NewAligner()
	if err != nil {
		t.Fatal(err)
	}
	s, diags := site.New(pipeline.ModelInput(in), site.WithAligner(al))
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	return s
}

// shownLevel is one level's table of the comparison as the browser shows it.
type shownLevel struct {
	Heading string
	Caption string
	Headers []string
	Rows    [][3]string // A's cell, B's cell, "shared" or ""
}

// expectedLevels is what the comparison should show of c: Go's own
// alignment of the two occupations' levels and statements.
func expectedLevels(c *site.Comparison) []shownLevel {
	cellText := func(st *site.Statement) string {
		if st == nil {
			return "—"
		}
		if st.Topic != "" {
			return st.Topic + " — " + st.Performance
		}
		return st.Performance
	}
	var out []shownLevel
	for _, l := range c.Levels() {
		var sl shownLevel
		switch {
		case l.A == nil:
			sl.Heading = l.B.Label
		case l.B == nil || l.A.Label == l.B.Label:
			sl.Heading = l.A.Label
		default:
			sl.Heading = l.A.Label + " / " + l.B.Label
		}
		if l.A != nil {
			sl.Caption = l.A.Label + " level of both occupations"
		} else {
			sl.Caption = l.B.Label + " level of both occupations"
		}
		sl.Headers = []string{c.A.Title(), c.B.Title()}
		for _, r := range l.Rows {
			shared := ""
			if r.Skill != nil {
				shared = "shared"
			}
			sl.Rows = append(sl.Rows, [3]string{cellText(r.A), cellText(r.B), shared})
		}
		out = append(out, sl)
	}
	return out
}

// shownLevelsJS reads the comparison's tables from the page.
const shownLevelsJS = `[...document.querySelectorAll("#compare-levels section")].map(s => ({
  Heading: s.querySelector("h2").textContent,
  Caption: s.querySelector("caption").textContent,
  Headers: [...s.querySelectorAll("thead th[scope=col]")].map(th => th.textContent),
  Rows: [...s.querySelectorAll("tbody tr")].map(tr => [...[...tr.cells].map(td => td.textContent), tr.className]),
}))`

// TestCompareInBrowser opens comparisons of related pairs from file://
// in Chromium and checks that the tables the browser assembles from the
// two data scripts are the rows ladder's model lines up (levels paired,
// shared skills side by side), that every statement links to its
// anchor on its level page, that the lede counts the shared skills, that
// Tab reaches every link in the tables, and that axe finds nothing in
// light and dark.
func TestCompareInBrowser(t *testing.T) {
	src := compareSource(t)
	out := buildSite(t, src)
	s := compareModel(t, src)
	if len(s.Comparisons) == 0 {
		t.Fatal("no related pairs to compare")
	}
	pairs := s.Comparisons
	if len(pairs) > 6 {
		pairs = pairs[:6]
	}
	b := qa.NewBrowser(t)
	axe := qa.AxeSource(t)
	for _, c := range pairs {
		u, err := qa.FileURL(filepath.Join(out, filepath.FromSlash(paths.Compare)))
		if err != nil {
			t.Fatal(err)
		}
		a := &assessBrowser{t: t, b: b, url: u + c.Query()}
		if err := b.Navigate(a.url); err != nil {
			t.Fatal(err)
		}
		a.wait(`document.querySelectorAll("#compare-levels table").length > 0`)
		var shown []shownLevel
		a.eval(shownLevelsJS, &shown)
		want := expectedLevels(c)
		if got, exp := fmt.Sprint(shown), fmt.Sprint(want); got != exp {
			t.Errorf("%s vs %s: the browser shows\n%s\nwant\n%s", c.A.Code, c.B.Code, got, exp)
		}
		checkCompareLinks(t, a, c)
		var lede, heading string
		a.eval(`document.getElementById("compare-status").textContent`, &lede)
		a.eval(`document.querySelector("h1").textContent`, &heading)
		if !regexp.MustCompile(fmt.Sprintf(`\b%d skills?\b`, c.Shared)).MatchString(lede) {
			t.Errorf("%s vs %s: the lede %q does not count %d shared skills", c.A.Code, c.B.Code, lede, c.Shared)
		}
		if heading != c.A.Title()+" and "+c.B.Title() {
			t.Errorf("heading %q", heading)
		}
		// Before axe, which reads the style sheets itself, which file://
		// refuses it: its own requests are not the page's.
		qa.AssertNone(t, "browser console and requests", b.Events().Findings())
		rep, err := qa.Keyboard(b.Context())
		if err != nil {
			t.Fatal(err)
		}
		qa.AssertNone(t, c.Query()+": keyboard", rep.Findings(c.Query()))
		links := 0
		for _, d := range rep.Order {
			if strings.Contains(d, `href="../occupations/`) && strings.Contains(d, "#") {
				links++
			}
		}
		if cells := countCells(shown); links != cells {
			t.Errorf("%s: Tab reached %d statement links, the tables have %d statements", c.Query(), links, cells)
		}
		for _, scheme := range []string{"light", "dark"} {
			if err := b.ColorScheme(scheme); err != nil {
				t.Fatal(err)
			}
			vs, err := qa.Axe(b.Context(), axe)
			if err != nil {
				t.Fatal(err)
			}
			qa.AssertNone(t, c.Query()+" ("+scheme+"): axe", qa.AxeFindings(c.Query(), vs))
		}
		if err := b.ColorScheme(""); err != nil {
			t.Fatal(err)
		}
		b.Reset()
	}
}

func countCells(levels []shownLevel) int {
	n := 0
	for _, l := range levels {
		for _, r := range l.Rows {
			for _, cell := range r[:2] {
				if cell != "—" {
					n++
				}
			}
		}
	}
	return n
}

// checkCompareLinks checks that each statement of the tables links to its
// anchor on its level page, and that the anchor is there.
func checkCompareLinks(t *testing.T, a *assessBrowser, c *site.Comparison) {
	t.Helper()
	var hrefs []string
	a.eval(`[...document.querySelectorAll("#compare-levels td a")].map(x => x.href)`, &hrefs)
	want := 0
	for _, l := range c.Levels() {
		for _, r := range l.Rows {
			for _, st := range []*site.Statement{r.A, r.B} {
				if st != nil {
					want++
				}
			}
		}
	}
	if len(hrefs) != want {
		t.Errorf("%s: %d statement links, want %d", c.Query(), len(hrefs), want)
	}
	for _, h := range hrefs {
		file, anchor, _ := strings.Cut(strings.TrimPrefix(h, "file://"), "#")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: link %s: %v", c.Query(), h, err)
			continue
		}
		if !strings.Contains(string(data), `id="`+anchor+`"`) && !strings.Contains(string(data), `id=`+anchor+`>`) && !strings.Contains(string(data), `id=`+anchor+` `) {
			t.Errorf("%s: link %s: no such anchor", c.Query(), h)
		}
	}
}

// TestCompareWithoutJavaScript checks what a reader without JavaScript
// gets: each related occupation's "Compare" link leads to that
// occupation's page (the comparison needs the script), the comparison
// page says why it is empty and links the occupations, and with
// JavaScript the same link leads to the pair's comparison.
func TestCompareWithoutJavaScript(t *testing.T) {
	out := defaultSite(t)
	page := filepath.Join(out, "occupations", "19-4021.00", "index.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`<a class="?compare-link"? href="?([^" >]+)"? data-compare="?([^" >]+)"?`).FindStringSubmatch(string(data))
	if link == nil {
		t.Fatalf("%s has no compare link", page)
	}
	if link[1] != "../29-2012.00/index.html" {
		t.Errorf("without JavaScript the compare link leads to %s, want the related occupation's page", link[1])
	}
	if want := "../../compare/index.html?a=19-4021.00&amp;b=29-2012.00"; link[2] != want {
		t.Errorf("data-compare = %s, want %s", link[2], want)
	}
	cmp, err := os.ReadFile(filepath.Join(out, "compare", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	noscript := regexp.MustCompile(`(?s)<noscript>(.*?)</noscript>`).FindAllStringSubmatch(string(cmp), -1)
	found := false
	for _, m := range noscript {
		found = found || strings.Contains(m[1], `href="../occupations/index.html"`) || strings.Contains(m[1], `href=../occupations/index.html`)
	}
	if !found {
		t.Errorf("the comparison page has no <noscript> link to the occupations: %q", noscript)
	}

	b := qa.NewBrowser(t)
	if err := b.Open(page); err != nil {
		t.Fatal(err)
	}
	var href string
	if err := b.Eval(`document.querySelector("a.compare-link").href`, &href); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(href, "/compare/index.html?a=19-4021.00&b=29-2012.00") {
		t.Errorf("with JavaScript the compare link leads to %s", href)
	}
}

// TestComparePicker opens the comparison page without a pair, and with a
// code the site lacks: it offers every occupation in two lists (the
// second pick leads to the pair's comparison), and says which code it
// does not know.
func TestComparePicker(t *testing.T) {
	out := defaultSite(t)
	u, err := qa.FileURL(filepath.Join(out, "compare", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	b := qa.NewBrowser(t)
	a := &assessBrowser{t: t, b: b, url: u}
	if err := b.Navigate(a.url); err != nil {
		t.Fatal(err)
	}
	a.wait(`!document.getElementById("compare-pick").hidden`)
	var options []string
	a.eval(`[...document.querySelectorAll("#compare-b option")].map(o => o.value)`, &options)
	if fmt.Sprint(options) != "[19-4021.00 29-2012.00]" {
		t.Errorf("the lists offer %v, want both seeds", options)
	}
	a.eval(`(f => { f.elements.a.value = "29-2012.00"; f.elements.b.value = "19-4021.00"; f.submit() })(document.getElementById("compare-pick"))`, nil)
	a.wait(`document.querySelectorAll("#compare-levels table").length > 0`)
	var heading string
	a.eval(`document.querySelector("h1").textContent`, &heading)
	if heading != "Medical and Clinical Laboratory Technicians and Biological Technicians" {
		t.Errorf("after picking, the heading is %q", heading)
	}
	a.url = u + "?a=19-4021.00&b=00-0000.00"
	if err := b.Navigate(a.url); err != nil {
		t.Fatal(err)
	}
	a.wait(`!document.getElementById("compare-pick").hidden`)
	var status string
	a.eval(`document.getElementById("compare-status").textContent`, &status)
	if !strings.Contains(status, "00-0000.00") || strings.Contains(status, "19-4021.00") {
		t.Errorf("with an unknown code the page says %q", status)
	}
	qa.AssertNone(t, "browser console and requests", b.Events().Findings())
}
