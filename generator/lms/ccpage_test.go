package lms

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCCPage runs ccPage over small pages at a/b/page.html, in a
// cartridge whose pages are a/b/page.html, a/b/other.html (published) and
// a/c/plain.html (not published), with the asset a/img.png.
func TestCCPage(t *testing.T) {
	links := ccLinks{
		pages:  map[string]string{"a/b/page.html": "", "a/b/other.html": "https://example.org/other/", "a/c/plain.html": ""},
		assets: map[string]bool{"a/img.png": true},
	}
	styles := map[string]string{"h1": "font-size:2em", ".topic": "font-weight:bold", ".muted": "color:#555"}
	cases := []struct {
		name, body string
		want       []string // in the output
		not        []string // not in the output
	}{
		{"scripts and style sheets go",
			`<script>x()</script><style>p{}</style><link rel="stylesheet" href="s.css"><noscript>n</noscript><!-- c --><p>kept</p>`,
			[]string{"<p>kept</p>"}, []string{"script", "<style", "<link", "noscript", "<!--"}},
		{"tag and class styles inline, before the element's own",
			`<h1 class="topic muted" style="margin:0">T</h1>`,
			[]string{`style="font-size:2em;font-weight:bold;color:#555;margin:0"`}, nil},
		{"a published page is linked on the web, fragment kept",
			`<a href="other.html#x">o</a>`,
			[]string{`<a href="https://example.org/other/#x" target="_blank" rel="noopener">o</a>`}, nil},
		{"an unpublished page becomes text",
			`<p><a href="../c/plain.html"><b>plain</b> text</a></p>`,
			[]string{"<p><b>plain</b> text</p>"}, []string{"<a"}},
		{"a link to the page itself becomes its fragment",
			`<a href="page.html#y">me</a><a href="./page.html">top</a>`,
			[]string{`<a href="#y">me</a>`, `<a href="#">top</a>`}, nil},
		{"assets, fragments and absolute links stay",
			`<img src="../img.png" alt=""><a href="../img.png">i</a><a href="#z">z</a><a href="https://x.org/">x</a><a href="mailto:a@b.org">m</a>`,
			[]string{`<a href="../img.png">i</a>`, `<a href="#z">z</a>`, `<a href="https://x.org/">x</a>`, `<a href="mailto:a@b.org">m</a>`}, nil},
		{"a link to a file outside the cartridge becomes text",
			`<a href="../../search/index.html">s</a>`,
			[]string{"s"}, []string{"<a"}},
		{"templates go, with the templates inside them",
			`<template><p>in<template>deep</template>still</template><p>after</p>`,
			[]string{"<p>after</p>"}, []string{"in", "deep", "still", "template"}},
		{"void elements are written closed, end tags kept",
			`<p>a<br>b<img src="../img.png" alt=""></p><ul><li>x</li></ul>`,
			[]string{"<p>a<br/>b<img src=\"../img.png\" alt=\"\"/></p><ul><li>x</li></ul>"}, nil},
		{"text and attributes are escaped once",
			`<p title="a &amp; &quot;b&quot;">1 &lt; 2 &amp; 'three'</p>`,
			[]string{`<p title="a &amp; &#34;b&#34;">1 &lt; 2 &amp; &#39;three&#39;</p>`}, nil},
		{"a link inside a link closes it, as in a browser",
			`<a href="other.html">o<a href="#q">q</a>`,
			[]string{`<a href="https://example.org/other/" target="_blank" rel="noopener">o</a><a href="#q">q</a>`}, nil},
		{"a text link inside an unpublished one stays",
			`<a href="../c/plain.html">p<a href="#q">q</a>r</a>`,
			[]string{`p<a href="#q">q</a>r</body>`}, []string{"plain"}},
		{"raw text is escaped, so that no markup hides in it",
			`<svg><xmp><a href="../c/plain.html">x</a></xmp></svg>`,
			[]string{`<xmp>&lt;a href=&#34;../c/plain.html&#34;&gt;x&lt;/a&gt;</xmp>`}, nil},
		{"self-closing tags close only foreign elements",
			`<svg viewBox="0 0 1 1"><path d="M0"/></svg><div/>in`,
			[]string{`<path d="M0"></path></svg><div>in</body>`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := `<!doctype html><html lang="fr"><head><title>Page  one</title><link rel="stylesheet" href="x.css"></head><body>` + c.body + `</body></html>`
			out, err := ccPage([]byte(in), "a/b/page.html", links, styles)
			if err != nil {
				t.Fatal(err)
			}
			got := string(out)
			if !strings.HasPrefix(got, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>Page one</title>\n</head>\n<body>") {
				t.Errorf("head:\n%s", got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, got)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("%s still in\n%s", n, got)
				}
			}
		})
	}
}

// TestCCPageWithoutHeadOrBody reads a page as a browser would: the body
// starts at its first content, after the head's elements.
func TestCCPageWithoutHeadOrBody(t *testing.T) {
	in := "<title>Bare</title><meta charset=utf-8><script>x()</script>\n<h1>Hi</h1><p>there"
	out, err := ccPage([]byte(in), "p.html", ccLinks{}, map[string]string{"body": "margin:0"})
	if err != nil {
		t.Fatal(err)
	}
	want := "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Bare</title>\n</head>\n" +
		"<body style=\"margin:0\"><h1>Hi</h1><p>there</body>\n</html>\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// FuzzCCPage holds ccPage to what the importers rely on, for any page:
// the document it writes has no script, style sheet or template, and
// every link left relative goes to a file of the cartridge.
func FuzzCCPage(f *testing.F) {
	for _, seed := range []string{
		`<!doctype html><html lang="fr"><head><title>T</title><script>x()</script></head><body><p><a href="other.html#x">o</a></p></body></html>`,
		`<a href="../c/plain.html"><b>plain</b><a href="page.html#y">me</a></a><img src="../img.png">`,
		`<svg viewBox="0 0 1 1"><a href="../c/plain.html"><path d="M0"/></a><style>a{}</style></svg><template><p>t</template>`,
		`<noscript><a href="x.html">n</a></noscript><xmp><a href="y.html"></xmp><textarea><a></textarea>`,
	} {
		f.Add([]byte(seed))
	}
	links := ccLinks{
		pages:  map[string]string{"a/b/page.html": "", "a/b/other.html": "https://example.org/other/", "a/c/plain.html": ""},
		assets: map[string]bool{"a/img.png": true},
	}
	styles := map[string]string{"p": "margin:0", ".topic": "font-weight:bold"}
	f.Fuzz(func(t *testing.T, page []byte) {
		out, err := ccPage(page, "a/b/page.html", links, styles)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "script", "style", "link", "noscript", "template":
				t.Fatalf("a <%s> is left in\n%s", n.Data, out)
			case "a":
				if why := ccLinkProblem(n, links); why != "" {
					t.Fatalf("%s in\n%s", why, out)
				}
			}
		}
	})
}

// ccLinkProblem says what is wrong with the link a on a/b/page.html of
// FuzzCCPage's cartridge, or "".
func ccLinkProblem(a *html.Node, links ccLinks) string {
	for _, at := range a.Attr {
		if at.Key != "href" {
			continue
		}
		href := strings.TrimSpace(at.Val)
		if href == "" || strings.HasPrefix(href, "#") {
			return ""
		}
		u, err := url.Parse(href)
		if err != nil {
			return fmt.Sprintf("the link %q does not parse", at.Val)
		}
		if u.Scheme != "" || u.Host != "" {
			return ""
		}
		if target := path.Clean(path.Join("a/b", u.Path)); !links.assets[target] {
			return fmt.Sprintf("the link %q goes to %s, which is no asset", at.Val, target)
		}
	}
	return ""
}
