package render

import (
	"errors"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/site"
)

// A translation without arguments, {{.T "key"}}, is the same on every page
// of a site, yet each page paid for it with two reflective calls (T, then
// html/template's escaper), a sixth of all a build made. So each page
// kind's templates are folded for the site's catalogue: once escaped,
// every such action whose escaper is one for text, a quoted attribute or
// a title becomes the text it would write. An action in any other
// context (a script, a URL) is left as it is, and so is every template
// html/template escapes only when a page first runs it (PartialCached's
// and FragmentCached's, which are cached anyway).

// foldKey is what folded templates depend on: the message of each key the
// templates translate without arguments, in the order of Templates.keys.
func (t *Templates) foldKey(c *i18n.Catalogue) string {
	var b strings.Builder
	for _, k := range t.keys {
		b.WriteString(c.T(k))
		b.WriteByte(0)
	}
	return b.String()
}

// folded returns the page kinds' templates folded for c, shared by
// every catalogue with the same messages: a watch session's rebuilds
// make their catalogues anew, but they say the same.
func (t *Templates) folded(c *i18n.Catalogue) (*foldedKinds, error) {
	key := t.foldKey(c)
	t.mu.Lock()
	defer t.mu.Unlock()
	if f, ok := t.folds[key]; ok {
		return f, nil
	}
	if len(t.folds) >= maxFolds {
		clear(t.folds) // a site has a few languages; more are old catalogues
	}
	// The first fold takes the parsed kinds; a copy of them would cost
	// a small site more than parsing does.
	kinds := t.kinds
	t.kinds = nil
	if kinds == nil {
		var err error
		if kinds, err = parseKinds(t.src); err != nil {
			return nil, err
		}
	}
	f := &foldedKinds{c: c, kinds: make(map[site.PageKind]*foldedKind, len(kinds))}
	for k, unfolded := range kinds {
		f.kinds[k] = &foldedKind{unfolded: unfolded}
	}
	t.folds[key] = f
	return f, nil
}

// maxFolds bounds Templates.folds: a site's languages, with room.
const maxFolds = 16

// foldedKinds are the page kinds' templates folded for a catalogue, each
// when a page of its kind is first rendered, so that the kinds are
// escaped on every core, and a build escapes only the kinds it renders.
type foldedKinds struct {
	c     *i18n.Catalogue
	kinds map[site.PageKind]*foldedKind // read-only once made
}

type foldedKind struct {
	unfolded *template.Template
	once     sync.Once
	folded   *template.Template
}

// get returns the templates of kind k, or nil for a kind without any.
func (f *foldedKinds) get(k site.PageKind) *template.Template {
	fk := f.kinds[k]
	if fk == nil {
		return nil
	}
	fk.once.Do(func() {
		fk.folded = foldKind(fk.unfolded, layoutOf(k), f.c)
		fk.unfolded = nil
	})
	return fk.folded
}

// foldKind escapes the kind's templates from layout and folds their
// translations for c, in place; it returns kt. When escaping fails they
// stay unfolded, so that rendering reports the error with the page.
func foldKind(kt *template.Template, layout string, c *i18n.Catalogue) *template.Template {
	// html/template escapes a template when it first runs; running it on
	// no data escapes everything the layout calls and writes nothing of
	// use. Only an escaping error (*template.Error) matters here.
	var escErr *template.Error
	if err := kt.ExecuteTemplate(io.Discard, layout, nil); errors.As(err, &escErr) {
		return kt
	}
	for _, x := range kt.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			foldList(x.Tree.Root, c)
		}
	}
	return kt
}

// foldList replaces, under list, each escaped no-argument translation
// whose escaper writes HTML text by that text.
func foldList(list *parse.ListNode, c *i18n.Catalogue) {
	walkActions(list, func(in *parse.ListNode, i int, a *parse.ActionNode) {
		if text, ok := foldedText(a, c); ok {
			in.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
		}
	})
}

// walkActions calls f for each action under list, with the list that
// holds it and its index there.
func walkActions(list *parse.ListNode, f func(in *parse.ListNode, i int, a *parse.ActionNode)) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			f(list, i, n)
		case *parse.IfNode:
			walkActions(n.List, f)
			walkActions(n.ElseList, f)
		case *parse.RangeNode:
			walkActions(n.List, f)
			walkActions(n.ElseList, f)
		case *parse.WithNode:
			walkActions(n.List, f)
			walkActions(n.ElseList, f)
		case *parse.ListNode:
			walkActions(n, f)
		}
	}
}

// foldedText returns what the action writes when it is {{.T "key"}} or
// {{$.T "key"}} escaped as HTML text, a quoted attribute's value or
// RCDATA: the message escaped as those escapers escape a string.
func foldedText(a *parse.ActionNode, c *i18n.Catalogue) (string, bool) {
	if len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 2 {
		return "", false
	}
	key, ok := translationKey(a.Pipe.Cmds[0])
	if !ok {
		return "", false
	}
	esc := a.Pipe.Cmds[1].Args
	if len(esc) != 1 {
		return "", false
	}
	id, ok := esc[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	switch id.Ident {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
	default:
		return "", false
	}
	// The three escape a string as HTMLEscapeString does, and '+' too.
	return strings.ReplaceAll(template.HTMLEscapeString(c.T(key)), "+", "&#43;"), true
}

// translationKey returns key when cmd is .T "key" or $.T "key".
func translationKey(cmd *parse.CommandNode) (string, bool) {
	if len(cmd.Args) != 2 {
		return "", false
	}
	key, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	switch f := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return key.Text, len(f.Ident) == 1 && f.Ident[0] == "T"
	case *parse.VariableNode:
		return key.Text, len(f.Ident) == 2 && f.Ident[0] == "$" && f.Ident[1] == "T"
	}
	return "", false
}

// translationKeys adds to keys, each once, the keys that set's templates
// translate without arguments.
func translationKeys(keys []string, set *template.Template) []string {
	for _, x := range set.Templates() {
		if x.Tree == nil {
			continue
		}
		walkActions(x.Tree.Root, func(_ *parse.ListNode, _ int, a *parse.ActionNode) {
			if len(a.Pipe.Cmds) != 1 {
				return
			}
			if k, ok := translationKey(a.Pipe.Cmds[0]); ok && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		})
	}
	return keys
}

// layoutOf is the template a page of kind k is rendered from.
func layoutOf(k site.PageKind) string {
	if k.IsEmbed() {
		return EmbedLayoutFile
	}
	return LayoutFile
}
