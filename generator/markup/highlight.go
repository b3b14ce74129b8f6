package markup

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeBlockRenderer renders fenced and indented code blocks as
//
//	<pre class="chroma" tabindex="0"><code class="language-go">…</code></pre>
//
// with chroma's token classes inside when chroma knows the language, and
// plain escaped code otherwise (always for indented blocks). tabindex lets keyboard users scroll a
// wide block. Highlighted blocks are cached by language and code.
type codeBlockRenderer struct {
	formatter *chromahtml.Formatter
	// style is required by chroma's Format; with classes it only names
	// classes, so any style will do.
	style  *chroma.Style
	cache  *codeCache
	lexers lexerSet
	// stored holds blocks highlighted ahead (see highlightedData); nil
	// for none.
	stored fs.FS
}

func newCodeBlockRenderer(cacheLimit int) *codeBlockRenderer {
	return &codeBlockRenderer{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)),
		style:     chroma.MustNewStyle("classes", chroma.StyleEntries{}),
		cache:     newCodeCache(cacheLimit),
		stored:    highlightedData,
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (c *codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
	reg.Register(ast.KindCodeBlock, c.render)
}

func (c *codeBlockRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var code []byte
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code = append(code, seg.Value(source)...)
	}
	var lang []byte
	if n, ok := node.(*ast.FencedCodeBlock); ok && n.Info != nil {
		lang = n.Language(source)
	}
	_, err := w.Write(c.block(string(lang), code))
	return ast.WalkSkipChildren, err
}

// block returns the complete HTML of one code block.
func (c *codeBlockRenderer) block(lang string, code []byte) []byte {
	if lang == "" {
		return plainBlock(lang, code)
	}
	key := sha256.Sum256(append([]byte(lang+"\x00"), code...))
	if html, ok := c.cache.get(key); ok {
		return html
	}
	if html, ok := storedBlock(c.stored, key); ok {
		return html
	}
	lexer := c.lexers.get(lang)
	if lexer == nil {
		return plainBlock(lang, code)
	}
	return c.highlight(key, lexer, lang, code)
}

// highlight returns the HTML of a code block chroma's lexer tokenises,
// and caches it under key.
func (c *codeBlockRenderer) highlight(key [sha256.Size]byte, lexer chroma.Lexer, lang string, code []byte) []byte {
	tokens, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
	if err != nil {
		return plainBlock(lang, code)
	}
	var buf bytes.Buffer
	buf.Grow(len(code) * 3)
	writeOpen(&buf, lang)
	if err := c.formatter.Format(&buf, c.style, tokens); err != nil {
		return plainBlock(lang, code)
	}
	writeClose(&buf)
	html := buf.Bytes()
	c.cache.put(key, html)
	return html
}

func plainBlock(lang string, code []byte) []byte {
	var buf bytes.Buffer
	writeOpen(&buf, lang)
	buf.Write(util.EscapeHTML(code))
	writeClose(&buf)
	return buf.Bytes()
}

func writeOpen(buf *bytes.Buffer, lang string) {
	buf.WriteString(`<pre class="chroma" tabindex="0"><code`)
	if lang != "" {
		buf.WriteString(` class="language-`)
		buf.Write(util.EscapeHTML([]byte(lang)))
		buf.WriteByte('"')
	}
	buf.WriteByte('>')
}

func writeClose(buf *bytes.Buffer) {
	buf.WriteString("</code></pre>\n")
}

// codeCache maps sha256(lang + "\x00" + code) to highlighted HTML. It is
// safe for concurrent use. When it would grow past limit entries it is
// emptied: cheap, and a site build touches each block about once per
// rebuild, so recency tracking buys little. A limit of zero or less
// disables caching.
type codeCache struct {
	mu      sync.Mutex
	limit   int
	entries map[[sha256.Size]byte][]byte
}

func newCodeCache(limit int) *codeCache {
	return &codeCache{limit: limit, entries: map[[sha256.Size]byte][]byte{}}
}

func (c *codeCache) get(key [sha256.Size]byte) ([]byte, bool) {
	if c.limit <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.entries[key]
	return html, ok
}

func (c *codeCache) put(key [sha256.Size]byte, html []byte) {
	if c.limit <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.limit {
		clear(c.entries)
	}
	c.entries[key] = html
}

func (c *codeCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
