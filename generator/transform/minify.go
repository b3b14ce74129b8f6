package transform

import (
	"bytes"
	"fmt"
	pathpkg "path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier shrinks HTML, CSS, JavaScript, JSON, SVG and XML files. It is
// safe for concurrent use by many goroutines.
type Minifier struct {
	m      *minify.M
	stored *storedSet // the minified forms of ladder's defaults (stored.go)
}

// mediaTypes maps the file extensions Minify handles to their media type.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".htm":         "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".xml":         "application/xml",
	".atom":        "application/atom+xml",
	".rss":         "application/rss+xml",
}

// NewMinifier returns a Minifier set up for ladder's output.
//
// HTML keeps the document tags (<html lang>, <head>, <body>), end tags,
// attribute quotes and default attribute values, so the output stays valid,
// readable HTML5 and CSS attribute selectors keep matching. Inline <style>
// and <script> are minified as CSS and JavaScript; JSON-LD and other
// <script type="application/...+json"> blocks are minified as JSON, never as
// JavaScript.
func NewMinifier() *Minifier {
	m := minify.New()
	jsMin, jsonMin, xmlMin := &js.Minifier{}, &json.Minifier{}, &xml.Minifier{}
	for t, f := range map[string]minify.Minifier{
		"text/html":                 htmlMinifier([2]string{}),
		templateType:                htmlMinifier(html.GoTemplateDelims),
		"text/css":                  &css.Minifier{},
		"application/javascript":    jsMin,
		"text/javascript":           jsMin,
		"application/json":          jsonMin,
		"application/ld+json":       jsonMin,
		"application/manifest+json": jsonMin,
		"image/svg+xml":             &svg.Minifier{},
		"application/xml":           xmlMin,
		"text/xml":                  xmlMin,
		"application/atom+xml":      xmlMin,
		"application/rss+xml":       xmlMin,
	} {
		m.Add(t, f)
	}
	return &Minifier{m: m, stored: &storedSet{fsys: storedData}}
}

// htmlMinifier keeps what NewMinifier says; delims, when set, are the
// template actions' delimiters, left as they are.
func htmlMinifier(delims [2]string) *html.Minifier {
	return &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
		TemplateDelims:      delims,
	}
}

// mediaType returns the media type Minify uses for the file p, chosen by its
// extension (case-insensitively), and whether the type is minified at all.
func mediaType(p string) (string, bool) {
	t, ok := mediaTypes[strings.ToLower(pathpkg.Ext(p))]
	return t, ok
}

// Minify appends the minified form of src to dst and reports true, choosing
// the format from the extension of path (.html .htm .css .js .mjs .json .svg
// .xml .webmanifest .atom .rss). For any other extension it reports false
// and leaves dst untouched. On error dst is restored to its length on entry
// and the error names path.
func (m *Minifier) Minify(path string, dst *bytes.Buffer, src []byte) (bool, error) {
	mt, ok := mediaType(path)
	if !ok {
		return false, nil
	}
	// The parser writes a NUL into its input's spare capacity while it
	// runs; capping the capacity makes it copy src instead of touching the
	// caller's memory.
	if m.stored.lookup(mt, dst, src) {
		return true, nil
	}
	n := dst.Len()
	if err := m.m.Minify(mt, dst, bytes.NewBuffer(src[:len(src):len(src)])); err != nil {
		dst.Truncate(n)
		return false, fmt.Errorf("minify %s: %w", path, err)
	}
	return true, nil
}

// MinifyTransformer returns a Transformer that minifies its input as the
// file at path; input of a type Minify does not handle is copied unchanged.
func MinifyTransformer(m *Minifier, path string) Transformer {
	mt, ok := mediaType(path)
	return func(ft FromTo) error {
		from := ft.From() // owned by the chain, so the parser may use it in place
		if !ok {
			_, err := ft.To().Write(from.Bytes())
			return err
		}
		if err := m.m.Minify(mt, ft.To(), from); err != nil {
			return fmt.Errorf("minify %s: %w", path, err)
		}
		return nil
	}
}
