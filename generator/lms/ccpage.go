package lms

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	xhtml "golang.org/x/net/html"
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
//     <template> removed, and every comment;
//   - every element whose tag or class has an entry in styles gets that
//     CSS as an inline style attribute (tag entries first, then classes in
//     the order of the class attribute), since inline styles are the only
//     ones the importers keep;
//   - a relative link to another page of the cartridge becomes a link to
//     that page's published address with the same fragment, opening in a
//     new tab, or, when it has none, plain text (its children stay); a
//     link to the page itself becomes its fragment; a link to an asset
//     stays as it is; a link to anything else becomes plain text. Absolute
//     links stay.
//
// The page is rewritten token by token, as a browser would read it, never
// parsed into a tree: a cartridge holds every embed view of the site, and
// a tree of each made it the slowest package of a large site.
func ccPage(data []byte, self string, links ccLinks, styles map[string]string) ([]byte, error) {
	r := ccRewriter{self: self, links: links, styles: styles, z: xhtml.NewTokenizer(bytes.NewReader(data))}
	r.out.Grow(len(data)) // about its size: the styles inlined make up for what is dropped
	for r.next() {
	}
	if err := r.z.Err(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("common cartridge: %s: %w", self, err)
	}
	if !r.inBody {
		r.startBody(nil)
	}
	r.out.WriteString("</body>\n</html>\n")
	return r.out.Bytes(), nil
}

// ccRewriter is ccPage's state as it reads a page's tokens.
type ccRewriter struct {
	self   string
	links  ccLinks
	styles map[string]string
	z      *xhtml.Tokenizer

	lang, title string
	inBody      bool
	out         bytes.Buffer
	// skipping names the removed element being read through; skipDepth
	// counts its open elements of that name.
	skipping  string
	skipDepth int
	// unwrapped holds, for each open <a>, whether its tags are dropped.
	unwrapped []bool
	// foreign counts the open <svg> and <math> elements, in which a
	// self-closing tag closes its element.
	foreign int
	attrs   []ccAttr
}

// ccAttr is a tag's attribute, its value unescaped.
type ccAttr struct{ key, val []byte }

// next handles the page's next token; it reports false at the end.
func (r *ccRewriter) next() bool {
	tt := r.z.Next()
	switch tt {
	case xhtml.ErrorToken:
		return false
	case xhtml.TextToken:
		if r.skipping == "" {
			r.text(r.z.Text())
		}
	case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
		name, hasAttr := r.tagName()
		if r.skipping != "" {
			if name == r.skipping {
				r.skipDepth++
			}
			return true
		}
		r.readAttrs(hasAttr)
		r.start(name, tt == xhtml.SelfClosingTagToken)
	case xhtml.EndTagToken:
		name, _ := r.tagName()
		if r.skipping != "" {
			if name == r.skipping {
				if r.skipDepth--; r.skipDepth == 0 {
					r.skipping = ""
				}
			}
			return true
		}
		r.end(name)
	}
	return true
}

// tagName returns the tag's name, lower-case, and whether it has
// attributes.
func (r *ccRewriter) tagName() (string, bool) {
	b, hasAttr := r.z.TagName()
	if a := atom.Lookup(b); a != 0 {
		return a.String(), hasAttr // no copy of a known name
	}
	return string(b), hasAttr
}

// readAttrs keeps the tag's attributes in r.attrs, until the next token.
func (r *ccRewriter) readAttrs(more bool) {
	r.attrs = r.attrs[:0]
	for more {
		var key, val []byte
		key, val, more = r.z.TagAttr()
		r.attrs = append(r.attrs, ccAttr{key, val})
	}
}

// text handles text: before the body, only text that is not white space
// opens it. Text is always escaped, even an obsolete element's raw text
// (<xmp>, <iframe>'s fallback…): a browser that does not read it as raw
// there (inside <svg>) would otherwise find markup in it, and links the
// rules never saw.
func (r *ccRewriter) text(t []byte) {
	if !r.inBody {
		if len(bytes.TrimSpace(t)) == 0 {
			return
		}
		r.startBody(nil)
	}
	writeEscaped(&r.out, t)
}

// start handles a start tag.
func (r *ccRewriter) start(name string, selfClosing bool) {
	switch name {
	case "script", "style", "noscript", "template":
		r.skipping, r.skipDepth = name, 1
		return
	case "html":
		if !r.inBody && r.lang == "" {
			r.lang = string(attrValue(r.attrs, "lang"))
		}
		return
	case "head", "link":
		return
	case "body":
		if !r.inBody {
			r.startBody(r.attrs)
		}
		return
	}
	if !r.inBody {
		switch name {
		case "meta", "base":
			return
		case "title":
			if r.z.Next() == xhtml.TextToken && r.title == "" {
				r.title = string(r.z.Text())
			}
			return
		}
		r.startBody(nil)
	}
	r.element(name, selfClosing)
}

// startBody writes the document's head, which has only its language and
// title, and the body's start tag, with its attributes when the page has
// one.
func (r *ccRewriter) startBody(attrs []ccAttr) {
	r.inBody = true
	r.out.WriteString("<!DOCTYPE html>\n<html")
	if r.lang != "" {
		r.out.WriteString(` lang="` + xhtml.EscapeString(r.lang) + `"`)
	}
	r.out.WriteString(">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	r.out.WriteString(xhtml.EscapeString(strings.Join(strings.Fields(r.title), " ")))
	r.out.WriteString("</title>\n</head>\n<body")
	r.writeAttrs(r.withStyle("body", attrs))
	r.out.WriteByte('>')
}

// element writes an element's start tag (none for a link that becomes
// text).
func (r *ccRewriter) element(name string, selfClosing bool) {
	attrs := r.withStyle(name, r.attrs)
	if name == "a" {
		if len(r.unwrapped) > 0 {
			// An <a> inside another closes it, as in a browser.
			r.end("a")
		}
		var keep bool
		attrs, keep = r.relink(attrs)
		r.unwrapped = append(r.unwrapped, !keep)
		if !keep {
			return
		}
	}
	r.out.WriteByte('<')
	r.out.WriteString(name)
	r.writeAttrs(attrs)
	closes := selfClosing && (r.foreign > 0 || name == "svg" || name == "math")
	switch {
	case isVoid(name):
		r.out.WriteString("/>")
	case closes:
		r.out.WriteString("></" + name + ">")
	default:
		r.out.WriteByte('>')
		if name == "svg" || name == "math" {
			r.foreign++
		}
	}
}

// end handles an end tag.
func (r *ccRewriter) end(name string) {
	if !r.inBody || isVoid(name) {
		return
	}
	switch name {
	case "html", "head", "body":
		return
	case "a":
		n := len(r.unwrapped)
		if n == 0 {
			return
		}
		unwrapped := r.unwrapped[n-1]
		r.unwrapped = r.unwrapped[:n-1]
		if unwrapped {
			return
		}
	case "svg", "math":
		if r.foreign > 0 {
			r.foreign--
		}
	}
	r.out.WriteString("</" + name + ">")
}

// withStyle returns attrs with the styles of the element's tag and
// classes set first in its style attribute.
func (r *ccRewriter) withStyle(name string, attrs []ccAttr) []ccAttr {
	var css []string
	if s := r.styles[name]; s != "" {
		css = append(css, s)
	}
	for _, class := range strings.Fields(string(attrValue(attrs, "class"))) {
		if s := r.styles["."+class]; s != "" {
			css = append(css, s)
		}
	}
	if len(css) == 0 {
		return attrs
	}
	if old := attrValue(attrs, "style"); len(old) > 0 {
		css = append(css, string(old))
	}
	return setAttr(attrs, "style", strings.Join(css, ";"))
}

// relink rewrites a link's attributes (see ccPage); keep is false when the
// link becomes text.
func (r *ccRewriter) relink(attrs []ccAttr) (_ []ccAttr, keep bool) {
	href := strings.TrimSpace(string(attrValue(attrs, "href")))
	if href == "" || strings.HasPrefix(href, "#") {
		return attrs, true
	}
	u, err := url.Parse(href)
	if err != nil {
		return attrs, false
	}
	if u.Scheme != "" || u.Host != "" {
		return attrs, true
	}
	target := path.Clean(path.Join(path.Dir(r.self), u.Path))
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.EscapedFragment()
	}
	switch published, isPage := r.links.pages[target]; {
	case target == r.self:
		return setAttr(attrs, "href", cmpOr(frag, "#")), true
	case isPage && published != "":
		// A published page leaves the LMS: a new tab, since sites often
		// refuse to be framed.
		attrs = setAttr(attrs, "href", published+frag)
		attrs = setAttr(attrs, "target", "_blank")
		return setAttr(attrs, "rel", "noopener"), true
	case r.links.assets[target]:
		return attrs, true // the importers copy assets beside the page
	}
	return attrs, false
}

// writeAttrs writes attributes as html.Render does: each value quoted and
// escaped.
func (r *ccRewriter) writeAttrs(attrs []ccAttr) {
	for _, a := range attrs {
		r.out.WriteByte(' ')
		r.out.Write(a.key)
		r.out.WriteString(`="`)
		writeEscaped(&r.out, a.val)
		r.out.WriteByte('"')
	}
}

// attrValue returns the value of attrs' attribute key, or nil.
func attrValue(attrs []ccAttr, key string) []byte {
	for _, a := range attrs {
		if string(a.key) == key {
			return a.val
		}
	}
	return nil
}

// setAttr sets attrs' attribute key to val, in its place or last.
func setAttr(attrs []ccAttr, key, val string) []ccAttr {
	for i, a := range attrs {
		if string(a.key) == key {
			attrs[i].val = []byte(val)
			return attrs
		}
	}
	return append(attrs, ccAttr{[]byte(key), []byte(val)})
}

// writeEscaped writes text escaped as html.Render escapes it, with its
// escaper; text with nothing to escape, most of a page, is written as it
// is, without a string made of it.
func writeEscaped(b *bytes.Buffer, text []byte) {
	if !bytes.ContainsAny(text, "&'<>\"\r") {
		b.Write(text)
		return
	}
	b.WriteString(xhtml.EscapeString(string(text)))
}

// isVoid reports whether the element name has no content or end tag.
func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}
