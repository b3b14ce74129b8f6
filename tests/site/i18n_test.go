package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/generator/i18n"
)

// TestNoEnglishLeft builds the default site in each shipped language and
// looks for the English catalogue's words in what a person sees: every
// text node and the title, aria-label, placeholder and alt attributes.
// Framework and markdown content (statements, titles, .prose) is the
// publisher's and exempt, as are the O*NET element names.
func TestNoEnglishLeft(t *testing.T) {
	en := i18n.Shipped("en")
	for _, lang := range i18n.Languages() {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			src := t.TempDir()
			if err := os.WriteFile(filepath.Join(src, "ladder.toml"), []byte("language = \""+lang+"\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			out := buildInto(t, src)
			phrases := englishPhrases(en, i18n.Shipped(lang))
			for _, page := range []string{"index.html", "occupations/29-2012.00/index.html", "occupations/29-2012.00/proficient/index.html",
				"levels/index.html", "job-zones/index.html", "sectors/index.html", "skills/index.html", "search/index.html", "404.html",
				"embed/occupations/29-2012.00/index.html", "occupations/index.html"} {
				for _, s := range visibleText(t, filepath.Join(out, page)) {
					if publishers(s) {
						continue
					}
					for _, p := range phrases {
						if strings.Contains(s, p) {
							t.Errorf("%s: English %q in %q", page, p, s)
						}
					}
				}
			}
		})
	}
}

// publishers reports whether s is the default site's own content: its
// title (in ladder.toml) and the titles of its markdown pages in the menu.
func publishers(s string) bool {
	for _, c := range []string{"Competency frameworks", "Laboratory competency frameworks", "Use in your LMS"} {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

var placeholder = regexp.MustCompile(`\{[A-Za-z0-9_]+\}`)

// englishPhrases are the pieces of English messages between placeholders
// that have two words or more and that the translation does not share.
func englishPhrases(en, tr *i18n.Catalogue) []string {
	shared := map[string]bool{}
	for _, k := range tr.Keys() {
		if m, _ := tr.Message(k); !m.Plural() {
			shared[m.Text] = true
		}
	}
	var out []string
	for _, k := range en.Keys() {
		m, _ := en.Message(k)
		texts := []string{m.Text}
		if m.Plural() {
			texts = []string{m.Forms["one"], m.Forms["other"]}
		}
		for _, text := range texts {
			for _, piece := range placeholder.Split(text, -1) {
				piece = strings.Trim(piece, " .,:;()“”")
				if strings.Count(piece, " ") >= 1 && len(piece) >= 8 && !shared[piece] && !strings.Contains(piece, "O*NET") {
					out = append(out, piece)
				}
			}
		}
	}
	return out
}

// exempt marks the classes whose text is the publisher's content
// (matrix-rows: the topics and statements of the skill-by-level matrix).
var exempt = regexp.MustCompile(`\b(prose|topic|performance|card-title|intro|lede|aligned-title|skill-list|hub-list|facts|code|matrix-rows)\b`)

// visibleText lists a page's text nodes and labelling attributes, outside
// scripts, styles and the publisher's content.
func visibleText(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "pre", "code", "h1", "title":
				return
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "title", "aria-label", "placeholder", "alt":
					out = append(out, a.Val)
				case "class":
					if exempt.MatchString(a.Val) {
						return
					}
				}
			}
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// assessKey finds the messages assets/assess.js asks for: t("name") and
// tNodes("name"), each the catalogue key "js.assess.name".
var assessKey = regexp.MustCompile(`\bt(?:Nodes)?\("([a-z0-9-]+)"`)

// TestAssessScriptKeys holds the scripts with their own messages (the
// self-assessment's and the comparison's) to the English catalogue:
// every message each asks for exists, and each asks for every one of its
// js.<part>.* messages, so that none is left unused or shows as its key.
func TestAssessScriptKeys(t *testing.T) {
	for script, prefix := range map[string]string{"assess.js": "js.assess.", "compare.js": "js.compare."} {
		src, err := fs.ReadFile(assets.FS, script)
		if err != nil {
			t.Fatal(err)
		}
		en := i18n.Shipped("en")
		used := map[string]bool{}
		for _, m := range assessKey.FindAllStringSubmatch(string(src), -1) {
			key := prefix + m[1]
			used[key] = true
			if !en.Has(key) {
				t.Errorf("%s asks for %q, which i18n/en.toml lacks", script, key)
			}
		}
		for _, key := range en.Keys() {
			if strings.HasPrefix(key, prefix) && !used[key] {
				t.Errorf("i18n/en.toml has %q, which %s never asks for", key, script)
			}
		}
	}
}
