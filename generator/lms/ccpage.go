package lms

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ccLinks tells ccPage where a link to another file of the cartridge
// goes: pages maps the path of every page that is a resource of its own to
// its published address ("" when it has none), assets holds the other files
// (style sheets, images) the cartridge carries.
type ccLinks struct {
	pages  map[string]string
	assets map[string]bool
}

// ccPage rewrites the HTML page at path self so that it survives the
// Common Cartridge importers, which keep only the body of a resource's
// main page (Moodle's CC 1.1 converter stores it as a Page and drops every
// other HTML file, every <head>, <script> and <style>):
//
//   - the document keeps its language and title, and a body holding the
//     original body with every <script>, <style>, <link>, <noscript> and
//     <template> removed;
//   - every element whose tag or class has an entry in styles gets that
//     CSS as an inline style attribute (tag entries first, then classes in
//     the order of the class attribute), since inline styles are the only
//     ones the importers keep;
//   - a relative link to another page of the cartridge becomes a link to
//     that page's published address with the same fragment, opening in a
//     new tab, or, when it
//     has none, plain text (its children stay); a link to the page itself
//     becomes its fragment; a link to an asset stays as it is; a link to
//     anything else becomes plain text. Absolute links stay.
func ccPage(data []byte, self string, links ccLinks, styles map[string]string) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("common cartridge: %s: %w", self, err)
	}
	var htmlEl, body, title *html.Node
	walkNodes(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Html:
			htmlEl = n
		case atom.Body:
			body = n
		case atom.Title:
			if title == nil {
				title = n
			}
		}
	})
	if htmlEl == nil || body == nil {
		return nil, fmt.Errorf("common cartridge: %s: not an HTML page", self)
	}
	cleanBody(body, self, links, styles)
	var out bytes.Buffer
	out.Grow(len(data)) // about its size: the styles inlined make up for what is dropped
	out.WriteString("<!DOCTYPE html>\n<html")
	if lang := attr(htmlEl, "lang"); lang != "" {
		out.WriteString(` lang="` + html.EscapeString(lang) + `"`)
	}
	out.WriteString(">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	if title != nil {
		out.WriteString(html.EscapeString(textOf(title)))
	}
	out.WriteString("</title>\n</head>\n")
	if err := html.Render(&out, body); err != nil {
		return nil, fmt.Errorf("common cartridge: %s: %w", self, err)
	}
	out.WriteString("\n</html>\n")
	return out.Bytes(), nil
}

// cleanBody applies ccPage's rules to the nodes under body.
func cleanBody(body *html.Node, self string, links ccLinks, styles map[string]string) {
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Link, atom.Noscript, atom.Template:
					n.RemoveChild(c)
					c = next
					continue
				}
				visit(c)
				inlineStyle(c, styles)
				if c.DataAtom == atom.A {
					relink(c, self, links)
				}
			} else if c.Type == html.CommentNode {
				n.RemoveChild(c)
			}
			c = next
		}
	}
	visit(body)
	inlineStyle(body, styles)
}

// inlineStyle adds the styles of n's tag and classes to its style
// attribute.
func inlineStyle(n *html.Node, styles map[string]string) {
	var css []string
	if s := styles[n.Data]; s != "" {
		css = append(css, s)
	}
	for _, class := range strings.Fields(attr(n, "class")) {
		if s := styles["."+class]; s != "" {
			css = append(css, s)
		}
	}
	if len(css) == 0 {
		return
	}
	if old := attr(n, "style"); old != "" {
		css = append(css, old)
	}
	setAttr(n, "style", strings.Join(css, ";"))
}

// relink rewrites the link a (see ccPage).
func relink(a *html.Node, self string, links ccLinks) {
	href := strings.TrimSpace(attr(a, "href"))
	if href == "" || strings.HasPrefix(href, "#") {
		return
	}
	u, err := url.Parse(href)
	if err != nil {
		unwrap(a)
		return
	}
	if u.Scheme != "" || u.Host != "" {
		return
	}
	target := path.Clean(path.Join(path.Dir(self), u.Path))
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.EscapedFragment()
	}
	switch published, isPage := links.pages[target]; {
	case target == self:
		setAttr(a, "href", cmpOr(frag, "#"))
	case isPage && published != "":
		// A published page leaves the LMS: a new tab, since sites often
		// refuse to be framed.
		setAttr(a, "href", published+frag)
		setAttr(a, "target", "_blank")
		setAttr(a, "rel", "noopener")
	case links.assets[target]:
		// kept: the importers copy assets beside the page
	default:
		unwrap(a)
	}
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	parent := n.Parent
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		parent.InsertBefore(c, n)
		c = next
	}
	parent.RemoveChild(n)
}

// walkNodes calls f for n and every node under it, in document order.
func walkNodes(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkNodes(c, f)
	}
}

// attr returns n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// setAttr sets n's attribute key to val.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// textOf returns the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	walkNodes(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
