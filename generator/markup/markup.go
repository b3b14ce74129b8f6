// Package markup turns ladder's content pages into HTML: it splits off and
// decodes front matter (SplitFrontMatter) and renders the markdown body
// (Renderer) with goldmark and chroma.
//
// The markdown dialect is CommonMark with GitHub's extensions (tables,
// strikethrough, autolinks, task lists), footnotes, definition lists,
// typographic quotes and dashes, and automatic heading ids that keep
// letters of every script. Raw HTML is never passed through, and
// javascript: and similar URLs are dropped. Fenced code is highlighted with
// CSS classes; StyleCSS produces the matching stylesheet.
//
// The package imports nothing else from ladder.
package markup

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// DefaultCodeCacheLimit is the number of highlighted code blocks a
// Renderer keeps unless WithCodeCache says otherwise.
const DefaultCodeCacheLimit = 2000

// Renderer converts markdown bodies to HTML. It is safe for concurrent use;
// each Render call keeps its own per-document state (heading ids, link
// resolution), and the only shared state is the Renderer's own cache of
// highlighted code blocks.
type Renderer struct {
	md   goldmark.Markdown
	code *codeBlockRenderer
}

// Option configures a Renderer.
type Option func(*config)

type config struct {
	cacheLimit int
	tableLabel func(n int) string
}

// WithCodeCache sets how many highlighted code blocks the Renderer keeps
// (default DefaultCodeCacheLimit); when full the cache is emptied. A limit
// of zero or less turns caching off.
func WithCodeCache(limit int) Option {
	return func(c *config) { c.cacheLimit = limit }
}

// WithTableLabel sets the accessible name of the n-th table's scroll
// region in a page (n counts from 1); the default is "Table n". Names
// must differ within a page.
func WithTableLabel(label func(n int) string) Option {
	return func(c *config) {
		if label != nil {
			c.tableLabel = label
		}
	}
}

// New returns a Renderer configured by opts.
func New(opts ...Option) *Renderer {
	cfg := config{cacheLimit: DefaultCodeCacheLimit, tableLabel: defaultTableLabel}
	for _, opt := range opts {
		opt(&cfg)
	}
	code := newCodeBlockRenderer(cfg.cacheLimit)
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(tableWrapper{label: cfg.tableLabel}, 1000)),
		),
		// gmhtml.WithUnsafe is deliberately absent: raw HTML stays off.
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(
				util.Prioritized(code, 100),
				util.Prioritized(tableWrapRenderer{}, 100),
			),
		),
	)
	return &Renderer{md: md, code: code}
}

// RenderOption configures one Render call.
type RenderOption func(*renderConfig)

type renderConfig struct {
	resolve LinkResolver
}

// WithLinkResolver rewrites the page's local link and image destinations
// with resolve; see LinkResolver for which destinations it sees.
func WithLinkResolver(resolve LinkResolver) RenderOption {
	return func(c *renderConfig) { c.resolve = resolve }
}

// Doc describes a rendered markdown body.
type Doc struct {
	// Title is the plain text of the first level-1 heading, or "" if
	// there is none; use it when the front matter has no title.
	Title string
	// Headings lists every heading in document order.
	Headings []Heading
}

// Heading is one heading of a document, for a table of contents.
type Heading struct {
	// Level is 1 to 6.
	Level int
	// ID is the heading's id attribute: link to it as "#" + ID.
	ID string
	// Text is the heading's plain text (not HTML-escaped).
	Text string
}

// Render writes the HTML for the markdown body to dst and describes it.
// The error is a write error from dst.
func (r *Renderer) Render(dst io.Writer, body []byte, opts ...RenderOption) (Doc, error) {
	var rc renderConfig
	for _, opt := range opts {
		opt(&rc)
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	reader := text.NewReader(body)
	root := r.md.Parser().Parse(reader, parser.WithContext(pc))
	linkRewriter(rc).Transform(root.(*ast.Document), reader, pc)
	dropUnusableImages(root)
	doc := describe(root, body)
	if err := r.md.Renderer().Render(dst, body, root); err != nil {
		return Doc{}, fmt.Errorf("markup: render: %w", err)
	}
	return doc, nil
}

// describe collects the title and headings of a parsed document.
func describe(root ast.Node, source []byte) Doc {
	var doc Doc
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var id string
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		var b strings.Builder
		plainText(&b, h, source)
		t := strings.TrimSpace(b.String())
		doc.Headings = append(doc.Headings, Heading{Level: h.Level, ID: id, Text: t})
		if h.Level == 1 && doc.Title == "" {
			doc.Title = t
		}
		return ast.WalkSkipChildren, nil
	})
	return doc
}

// plainText writes the text a reader sees in n's inline content: entities
// and backslash escapes resolved, typographic substitutions applied, markup
// and raw HTML left out.
func plainText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if c.IsRaw() {
				b.Write(v)
			} else {
				b.WriteString(unescapeMarkdown(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.WriteString(strings.ReplaceAll(string(t.Segment.Value(source)), "\n", " "))
				}
			}
		case *ast.RawHTML:
			// dropped, as the renderer drops it
		default:
			plainText(b, c, source)
		}
	}
}

// unescapeMarkdown resolves backslash escapes and character references the
// way goldmark's HTML writer does, then undoes the HTML escaping.
func unescapeMarkdown(v []byte) string {
	if !bytes.ContainsAny(v, `\&`) {
		return string(v)
	}
	var sb strings.Builder
	w := bufio.NewWriterSize(&sb, len(v)+16)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(sb.String())
}
