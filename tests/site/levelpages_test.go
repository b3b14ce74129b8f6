package site_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/tests/corpus"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestSiteWithoutLevelPages builds the default site with level pages, as
// a site published before the switch, then again into the same folder
// with level_pages = false and corpus frameworks added (whose topics are
// their activities' titles), and checks what a reader and the other
// outputs meet: no level page is left, each level's old URL is a redirect
// to its column of the occupation page, every link and fragment resolves
// (each statement's anchor is a cell of the progression table, each
// level's slug its heading), each cell shows the statement's aligned
// activity (or, when its topic is the activity's title, the link to
// their shared skill) and its copyable permanent link, and no file of the site (the
// search index, CASE and framework files, data scripts, feed) still
// leads to a level page.
func TestSiteWithoutLevelPages(t *testing.T) {
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(src, "content", "embed.go"))
	build := func() {
		t.Helper()
		if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Out: out, Defaults: defaults()}); err != nil {
			t.Fatalf("build: %v", err)
		}
	}
	build()
	if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte("[outputs]\nlevel_pages = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// And corpus frameworks, whose topics are their activities' titles.
	more, _ := filepath.Glob(filepath.Join(corpus.Dir(t), "*.json"))
	for _, f := range more[:min(24, len(more))] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "content", "frameworks", filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build()
	published := map[string]bool{"19-4021.00": true, "29-2012.00": true} // before the switch
	qa.AssertNone(t, "broken links and fragments", qa.CheckLinksStatic(out))

	kinds := map[string]int{} // cells by what they show of their alignment
	for _, f := range frameworkFiles(t, filepath.Join(src, "content", "frameworks")) {
		code, keys := codeAndLevelKeys(t, f)
		dir := filepath.Join(out, "occupations", code)
		doc := parse(t, filepath.Join(dir, "index.html"))
		cells, headings := tableIDs(doc)
		var framework struct {
			Ladder struct {
				Levels []struct {
					URL     string
					Anchors []string
				}
			}
		}
		if err := json.Unmarshal([]byte(readText(t, filepath.Join(dir, code+".json"))), &framework); err != nil {
			t.Fatal(err)
		}
		if len(framework.Ladder.Levels) != len(keys) {
			t.Fatalf("%s: %d levels in the framework file, want %d", code, len(framework.Ladder.Levels), len(keys))
		}
		statements := 0
		for i, lv := range framework.Ladder.Levels {
			slug := strings.ToLower(keys[i])
			if lv.URL != "index.html" {
				t.Errorf("%s %s: the framework file puts the level at %q, want its occupation page", code, slug, lv.URL)
			}
			if !headings[slug] {
				t.Errorf("%s: no heading of the progression table has the level's id %q", code, slug)
			}
			for _, a := range lv.Anchors {
				statements++
				c, ok := cells[a]
				switch {
				case !ok:
					t.Errorf("%s: no cell has the statement's anchor %q", code, a)
				case c.aligned == "" || !c.uri:
					t.Errorf("%s: cell %q shows an aligned activity %q, a permanent link %v", code, a, c.aligned, c.uri)
				}
				kinds[c.aligned]++
			}
			if !published[code] {
				continue
			}
			stub := readText(t, filepath.Join(dir, slug, "index.html"))
			if !strings.Contains(stub, `url=../index.html#`+slug+`"`) {
				t.Errorf("%s: the old level page %s/ does not redirect to its column:\n%s", code, slug, stub)
			}
		}
		if statements == 0 || len(cells) != statements {
			t.Errorf("%s: %d cells with ids, %d statements", code, len(cells), statements)
		}
	}

	if kinds["cell-aligned"] == 0 || kinds["skill-link"] == 0 {
		t.Errorf("cells by what they show of their alignment: %v, want both kinds", kinds)
	}

	// The old pages are redirects; nothing else may lead to a level page,
	// by a path relative to the file or to the site's root (the search
	// index's).
	twoFragments := regexp.MustCompile(`index\.html#[A-Za-z0-9_-]+#`)
	levelPage := regexp.MustCompile(`[A-Za-z0-9._/-]*/?(emerging|developing|proficient|advanced)/index\.html`)
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := filepath.ToSlash(rel(out, p))
		switch path.Ext(name) {
		case ".html", ".js", ".json", ".xml":
		default:
			return nil
		}
		if strings.HasPrefix(name, "occupations/") && levelPage.MatchString(name) {
			return nil // an old page's redirect
		}
		text := readText(t, p)
		if m := twoFragments.FindString(text); m != "" {
			t.Errorf("%s has an address with two fragments: %s", name, m)
		}
		for _, m := range levelPage.FindAllString(text, -1) {
			for _, target := range []string{path.Join(path.Dir(name), m), path.Clean(m)} {
				if strings.HasPrefix(target, "occupations/") {
					t.Errorf("%s leads to a level page: %s", name, m)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// cell is what a statement's cell of the progression table shows: the
// class of what it shows of its alignment ("cell-aligned" for the
// activity, "skill-link" for the shared skill of an activity its topic
// restates) and whether it has its permanent link.
type cell struct {
	aligned string
	uri     bool
}

// tableIDs returns the cells of the progression table that have ids, by
// id, and the ids of its headings.
func tableIDs(doc *html.Node) (map[string]cell, map[string]bool) {
	cells, headings := map[string]cell{}, map[string]bool{}
	var walk func(n *html.Node, in *cell)
	walk = func(n *html.Node, in *cell) {
		if n.Type == html.ElementNode {
			id := attr(n, "id")
			switch {
			case n.Data == "th" && id != "":
				headings[id] = true
			case n.Data == "td" && id != "":
				c := cell{}
				for k := n.FirstChild; k != nil; k = k.NextSibling {
					walk(k, &c)
				}
				cells[id] = c
				return
			case in != nil && hasClass(n, "cell-aligned"):
				in.aligned = "cell-aligned"
			case in != nil && hasClass(n, "skill-link"):
				in.aligned = "skill-link"
			case in != nil && n.Data == "a" && hasClass(n, "uri") && strings.HasPrefix(attr(n, "href"), "#"):
				in.uri = true
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, in)
		}
	}
	walk(doc, nil)
	return cells, headings
}

func readText(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
