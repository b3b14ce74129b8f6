package markup

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// LinkResolver rewrites the destination of a link or image in the page
// being rendered, for example "about.md" to "../about/". It returns false
// to keep the destination as written.
//
// It is called only for destinations without a URL scheme that are not
// protocol-relative ("//host/…") nor a bare fragment ("#id"): relative
// paths and site-absolute paths, with any "?query" or "#fragment" still
// attached.
type LinkResolver func(dest string) (string, bool)

// linkRewriter is a parser.ASTTransformer that applies a LinkResolver to
// every ast.Link and ast.Image. Render applies one per call, since
// resolution depends on the page.
type linkRewriter struct {
	resolve LinkResolver
}

// Transform implements parser.ASTTransformer.
func (l linkRewriter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	if l.resolve == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = l.rewrite(n.Destination)
		case *ast.Image:
			n.Destination = l.rewrite(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (l linkRewriter) rewrite(dest []byte) []byte {
	if !isLocalRef(dest) {
		return dest
	}
	if to, ok := l.resolve(string(dest)); ok {
		return []byte(to)
	}
	return dest
}

// isLocalRef reports whether dest points into the site: not empty, not a
// bare fragment, not protocol-relative, and without a URL scheme.
func isLocalRef(dest []byte) bool {
	if len(dest) == 0 || dest[0] == '#' {
		return false
	}
	if len(dest) >= 2 && dest[0] == '/' && dest[1] == '/' {
		return false
	}
	return !hasScheme(dest)
}

// hasScheme reports whether dest starts with a URL scheme (RFC 3986:
// a letter, then letters, digits, "+", "-" or ".", then ":") before any
// "/", "?" or "#".
func hasScheme(dest []byte) bool {
	for i, c := range dest {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// dropUnusableImages replaces each image whose destination is empty or
// unsafe (javascript:, data: other than common image types, …) with its
// alt text. goldmark would render such an image as <img src="">, which is
// not valid HTML.
func dropUnusableImages(doc ast.Node) {
	var bad []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			if len(img.Destination) == 0 || gmhtml.IsDangerousURL(util.URLEscape(img.Destination, true)) {
				bad = append(bad, img)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range bad {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
}
