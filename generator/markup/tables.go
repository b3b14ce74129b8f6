package markup

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindTableWrap is the node kind of tableWrap. Node kinds are registered
// once with goldmark and never change.
var kindTableWrap = ast.NewNodeKind("TableWrap")

// tableWrap is a block around one GFM table that renders as a focusable,
// labelled scroll region, so a wide table scrolls on a small screen and
// keyboard users can reach it:
//
//	<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1">
type tableWrap struct {
	ast.BaseBlock
	label string
}

// Kind implements ast.Node.
func (n *tableWrap) Kind() ast.NodeKind { return kindTableWrap }

// Dump implements ast.Node.
func (n *tableWrap) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

// tableWrapper is a parser.ASTTransformer that puts every table of a
// document inside a tableWrap, labelled by label(1), label(2), … in
// document order; region labels must differ within a page.
type tableWrapper struct {
	label func(n int) string
}

// Transform implements parser.ASTTransformer.
func (t tableWrapper) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == extast.KindTable {
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for i, table := range tables {
		parent := table.Parent()
		wrap := &tableWrap{label: t.label(i + 1)}
		parent.ReplaceChild(parent, table, wrap)
		wrap.AppendChild(wrap, table)
	}
}

func defaultTableLabel(n int) string { return "Table " + strconv.Itoa(n) }

// tableWrapRenderer renders tableWrap nodes.
type tableWrapRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableWrap, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, err := w.WriteString("</div>\n")
			return ast.WalkContinue, err
		}
		_, _ = w.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(node.(*tableWrap).label)))
		_, err := w.WriteString("\">\n")
		return ast.WalkContinue, err
	})
}
