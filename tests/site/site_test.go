// Package site_test builds whole sites — the default content, the scale
// corpus and a fresh `ladder init` scaffold — and checks the output as a
// reader would meet it: every link and asset resolves to a file, every
// occupation has its page and one page per level in the JSON's order, and
// every page carries the attribution.
package site_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/qa"
)

func defaults() load.Defaults {
	return load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}
}

// Phrases every page must carry for frameworks built on O*NET.
const (
	onetNotice   = "USDOL/ETA has not approved, endorsed, or tested these modifications."
	onetLicence  = "Used under the CC BY 4.0 license."
	seedCredit   = "© EBSCOed"
	corpusSource = "../../../shared/corpus/onet-29.3"
)

func buildInto(t *testing.T, source string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(context.Background(), pipeline.Options{Source: source, Out: out, Defaults: defaults()})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	t.Logf("%d pages, %d files, %d bytes in %s", res.Pages, res.Files, res.Bytes, res.Duration)
	return out
}

func TestDefaultSite(t *testing.T) {
	out := buildInto(t, t.TempDir()) // no content/: the embedded default
	checkSite(t, out, frameworkFiles(t, "../../content/frameworks"), seedCredit)
	for _, page := range []string{"index.html", "about/index.html", "404.html", "levels/index.html",
		"groups/index.html", "sectors/index.html", "job-zones/index.html", "occupations/index.html"} {
		if _, err := os.Stat(filepath.Join(out, page)); err != nil {
			t.Errorf("missing %s", page)
		}
	}
	checkTitles(t, out)
	// The sector and job zone names the issue calls for.
	occ := text(t, filepath.Join(out, "occupations", "29-2012.00", "index.html"))
	for _, want := range []string{"Health Care and Social Assistance", "Medium Preparation Needed", "v.26.05", "15 May 2026"} {
		if !strings.Contains(occ, want) {
			t.Errorf("occupation page lacks %q", want)
		}
	}
}

// checkTitles holds every page's <title> to saying each part once: the
// embed index, titled with the site's title, was "Title · Title".
func checkTitles(t *testing.T, out string) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		var title string
		walkElements(parse(t, p), func(n *html.Node) {
			if n.Data == "title" && n.FirstChild != nil {
				title = n.FirstChild.Data
			}
		})
		parts := strings.Split(title, " · ")
		distinct := slices.Clone(parts)
		slices.Sort(distinct)
		if title == "" || len(parts) != len(slices.Compact(distinct)) {
			t.Errorf("%s: title %q", rel(out, p), title)
		}
		pages++
		return nil
	})
	if err != nil || pages < 30 {
		t.Fatalf("%d pages read: %v", pages, err)
	}
}

func TestCorpusSite(t *testing.T) {
	corpus, err := filepath.Abs(corpusSource)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(corpus, filepath.Join(src, "content", "frameworks")); err != nil {
		t.Fatal(err)
	}
	out := buildInto(t, src)
	files := frameworkFiles(t, corpus)
	if len(files) != 1016 {
		t.Fatalf("corpus has %d files", len(files))
	}
	checkSite(t, out, files, "")
}

func TestInitScaffoldSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	// The scaffold is what `ladder init` writes; build it as a user would.
	cmd := []string{"init", dir}
	if code := runCLI(t, cmd...); code != 0 {
		t.Fatalf("ladder init exited %d", code)
	}
	out := buildInto(t, dir)
	checkSite(t, out, frameworkFiles(t, filepath.Join(dir, "content", "frameworks")), seedCredit)
	if !strings.Contains(text(t, filepath.Join(out, "index.html")), "Our organisation has modified all or some of this information.") {
		t.Error("the publisher from ladder.toml is not named in the modification notice")
	}
}

// checkSite runs every whole-site assertion on out.
func checkSite(t *testing.T, out string, frameworks []string, credit string) {
	t.Helper()
	qa.AssertNone(t, "broken links and asset references", qa.CheckLinksStatic(out))

	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		body := text(t, p)
		for _, want := range []string{onetNotice, onetLicence, credit} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks the attribution %q", rel(out, p), want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, f := range frameworks {
		code, keys := codeAndLevelKeys(t, f)
		occPage := filepath.Join(out, "occupations", code, "index.html")
		links := levelLinks(t, occPage)
		if len(links) != len(keys) {
			t.Errorf("%s: %d level links, JSON has %d levels", code, len(links), len(keys))
			continue
		}
		for i, l := range links {
			if _, err := os.Stat(filepath.Join(filepath.Dir(occPage), filepath.FromSlash(l))); err != nil {
				t.Errorf("%s: level page %s: %v", code, l, err)
			}
			// Level folders are slugs of the keys; order must match the JSON.
			if want := slugPrefix(keys[i]); want != "" && !strings.HasSuffix("/"+l, want) {
				t.Errorf("%s: level %d links %s, want the %q level", code, i+1, l, keys[i])
			}
		}
		if _, err := os.Stat(filepath.Join(out, "occupations", code, code+".json")); err != nil {
			t.Errorf("%s: no JSON download", code)
		}
	}
	t.Logf("checked %d pages of %d frameworks", pages, len(frameworks))
}

func frameworkFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no frameworks in %s: %v", dir, err)
	}
	return m
}

// codeAndLevelKeys reads a framework's code and its level keys in file
// order with the standard library's token reader, independently of ladder.
func codeAndLevelKeys(t *testing.T, file string) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Occupation struct{ SOC string }
		Framework  struct{ Levels json.RawMessage }
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(doc.Framework.Levels))
	dec.Token() // {
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return doc.Occupation.SOC, keys
}

func slugPrefix(key string) string {
	k := strings.ToLower(key)
	for _, r := range k {
		if !(r >= 'a' && r <= 'z') {
			return ""
		}
	}
	return "/" + k + "/index.html"
}

// levelLinks returns the hrefs of an occupation page's level headings.
func levelLinks(t *testing.T, page string) []string {
	t.Helper()
	doc := parse(t, page)
	var links []string
	// The level links are the column headings of the skill-by-level
	// matrix.
	var walk func(n *html.Node, inMatrix, inHead bool)
	walk = func(n *html.Node, inMatrix, inHead bool) {
		if n.Type == html.ElementNode {
			if n.Data == "table" && hasClass(n, "matrix") {
				inMatrix = true
			}
			if n.Data == "thead" {
				inHead = true
			}
			if n.Data == "a" && inMatrix && inHead {
				links = append(links, attr(n, "href"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMatrix, inHead)
		}
	}
	walk(doc, false, false)
	return links
}

func parse(t *testing.T, p string) *html.Node {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// text returns the visible text of a page, white space folded.
func text(t *testing.T, p string) string {
	return strings.Join(strings.Fields(qa.Text(parse(t, p))), " ")
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return fmt.Sprint(filepath.ToSlash(r))
}

type htmlNode = html.Node

const elementNode = html.ElementNode
