package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/ladder-ssg/ladder/generator/site"
)

// The long lists of the default templates (a level page's statements,
// the progression table's rows, a skill page's uses, an embed view's
// statements, and every page's breadcrumbs and a level page's steps)
// are written here in Go, each by a View method the template prints
// once (StatementList, MatrixBody, SkillList, EmbedStatements,
// Breadcrumbs, LevelSteps). html/template calls an escaper by reflection for
// every value it prints, and ranging over these lists was most of a
// build's template time. Each writes what the template's loop wrote,
// byte for byte, from the same row views; a site's own template may
// still range over the rows (StatementRows, Matrix, SkillRows,
// .Page.Crumbs) with markup of its own.

// listWriter builds a list's markup, escaping values as html/template
// escapes them in the same places. It appends to the bytes its page's
// lists share (View.lists), or, made as a zero value, to its own.
type listWriter struct {
	buf   []byte
	start int   // where this list begins in buf
	v     *View // whose lists buf is, which done hands it back to
}

// listWriter returns a writer of v's lists, appending to the bytes of the
// lists v printed before; one of its own while another list is being
// written (a list that renders a template which prints a list).
func (v *View) listWriter() listWriter {
	if v.lists == nil || v.listing {
		return listWriter{}
	}
	v.listing = true
	return listWriter{buf: *v.lists, start: len(*v.lists), v: v}
}

// done returns what w wrote. A list of a page's shared bytes is a string
// over them, not a copy: they are only appended to until the page is
// rendered, so the string stays what it is while html/template prints
// it; the next page writes over them when nothing holds it any more.
func (w *listWriter) done() template.HTML {
	list := w.buf[w.start:]
	if w.v == nil {
		return template.HTML(list)
	}
	*w.v.lists, w.v.listing = w.buf, false
	if len(list) == 0 {
		return ""
	}
	return template.HTML(unsafe.String(&list[0], len(list)))
}

// add appends s.
func (w *listWriter) add(s string) { w.buf = append(w.buf, s...) }

// addByte appends c.
func (w *listWriter) addByte(c byte) { w.buf = append(w.buf, c) }

// grow makes room for n more bytes.
func (w *listWriter) grow(n int) { w.buf = slices.Grow(w.buf, n) }

// raw writes markup as it is.
func (w *listWriter) raw(parts ...string) {
	for _, s := range parts {
		w.add(s)
	}
}

// html writes markup made by a template (a cached fragment).
func (w *listWriter) html(h template.HTML) { w.add(string(h)) }

// text writes s as html/template writes a string in text or in a quoted
// attribute: the five characters of markup, '+' and NUL replaced.
func (w *listWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		w.add(s[last:i])
		w.add(esc)
		last = i + 1
	}
	w.add(s[last:])
}

// url writes s as html/template writes a string at the start of a
// quoted URL attribute: a URL of a scheme other than http, https or
// mailto replaced by "#ZgotmplZ", then percent-encoded where it is not
// a URL's own character, then escaped as an attribute.
func (w *listWriter) url(s string) {
	if !safeScheme(s) {
		s = "#ZgotmplZ"
	}
	w.percentEncoded(s, true)
}

// fragment writes s as html/template writes a string after a URL's '#'
// or '?': every character but the unreserved ones percent-encoded.
func (w *listWriter) fragment(s string) { w.percentEncoded(s, false) }

// percentEncoded is html/template's URL escaping: normalizing (url)
// keeps the reserved characters and valid escapes, which the attribute
// escaping then finishes.
func (w *listWriter) percentEncoded(s string, normalize bool) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			w.addByte(c)
		case normalize && strings.IndexByte("!#$*,/:;=?@[]", c) >= 0:
			w.addByte(c)
		case normalize && (c == '&' || c == '+'):
			w.text(s[i : i+1])
		case normalize && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			w.addByte(c)
		default:
			w.raw("%", hex[c>>4:c>>4+1], hex[c&15:c&15+1])
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeScheme reports whether s has no scheme or one html/template lets
// through.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// StatementList is the level page's statements as the default template
// lists them: each row of StatementRows an <li>.
func (v *View) StatementList() (template.HTML, error) {
	rows, err := v.StatementRows()
	if err != nil {
		return "", err
	}
	permalink := v.Site.Text.T("level.permalink") // introduces a row's code to a screen reader
	w := v.listWriter()
	w.grow(len(rows) * 1000)
	for i := range rows {
		w.statementRow(&rows[i], permalink)
	}
	return w.done(), nil
}

func (w *listWriter) statementRow(r *StatementRow, permalink string) {
	w.raw(`<li id="`)
	w.text(r.Anchor)
	w.raw(`" class="statement">`)
	if r.Topic != "" {
		w.raw(`<span class="topic">`)
		w.text(r.Topic)
		w.raw(`</span>`)
	}
	w.raw("\n", `<span class="performance">`)
	w.text(r.Performance)
	w.raw(`</span>`)
	if a := r.Aligned; a != nil {
		w.aligned(a)
	}
	if r.Skill != "" {
		w.raw("\n")
		w.html(r.Skill)
	}
	w.raw(`<p class="statement-uri"><span class="visually-hidden">`)
	w.text(permalink)
	w.raw(` </span><a class="uri" href="#`)
	w.fragment(r.Anchor)
	w.raw(`">`)
	w.text(r.Code)
	w.raw(`</a></p></li>`)
}

// aligned writes what a statement row says of its O*NET match.
func (w *listWriter) aligned(a *AlignedRow) {
	w.raw(`<p class="aligned"><span class="aligned-kind">`)
	w.text(a.Kind)
	w.raw(`</span> `)
	if a.Link != "" {
		w.html(a.Link)
	} else {
		w.raw(`<span class="aligned-title">`)
		w.text(a.Title)
		w.raw(`</span>`)
	}
	w.raw(` <span class="band band-`)
	w.text(a.Band)
	w.raw(`">`)
	w.text(a.BandLabel)
	w.raw(`</span>`)
	if a.Shared != "" {
		w.raw(` · <span class="aligned-shared">`)
		w.text(a.Shared)
		w.raw(`</span>`)
	}
	w.raw(`</p>`)
}

// MatrixBody is the rows of the progression table m as the default
// template lists them: each row a <tr> of its label and a cell a level.
func (v *View) MatrixBody(m MatrixTable) (template.HTML, error) {
	w := v.listWriter()
	w.grow(len(m.Rows) * 1200)
	for _, row := range m.Rows {
		w.raw("\n", `<tr><th scope="row">`)
		w.text(row.Label)
		w.raw(`</th>`)
		for _, c := range row.Cells {
			if err := v.matrixCell(&w, c); err != nil {
				return "", err
			}
		}
		w.raw(`</tr>`)
	}
	return w.done(), nil
}

// matrixCell writes one cell of the progression table, empty when its
// level has no statement in the row; a cell that takes its statement
// row's place (Row) adds the cell-row template's markup.
func (v *View) matrixCell(w *listWriter, c *MatrixCell) error {
	if c == nil {
		w.raw(`<td></td>`)
		return nil
	}
	w.raw(`<td`)
	if c.Row != nil {
		w.raw(` id="`)
		w.text(c.Anchor)
		w.raw(`"`)
	}
	w.raw(`>`)
	if c.Topic != "" {
		w.raw(`<strong class="topic">`)
		w.text(c.Topic)
		w.raw(`</strong> `)
	}
	w.text(c.Performance)
	code := `<a class="cell-code" href="`
	if c.Row != nil {
		row, err := v.r.execute(v.r.kinds.get(v.Page.Kind), "cell-row", c.Row)
		if err != nil {
			return err
		}
		w.html(row)
		code = `<a class="cell-code uri" href="`
	}
	w.raw(" ", code)
	w.url(c.LevelURL)
	w.raw("#")
	w.fragment(c.Anchor)
	w.raw(`">`)
	w.text(c.Code)
	w.raw(`</a></td>`)
	return nil
}

// SkillList is the rows of the skill page's table as the default
// template lists them: each row of SkillRows a <tr>.
func (v *View) SkillList() (template.HTML, error) {
	rows, err := v.SkillRows()
	if err != nil {
		return "", err
	}
	w := v.listWriter()
	w.grow(len(rows) * 400)
	for i := range rows {
		r := &rows[i]
		w.raw(`<tr>`)
		if r.Rowspan > 0 {
			w.raw(`<td`)
			if r.Rowspan > 1 {
				w.raw(` rowspan="`, strconv.Itoa(r.Rowspan), `"`)
			}
			w.raw(`>`)
			w.html(r.Occupation)
			w.raw(`</td>`)
		}
		w.raw(`<td><a href="`)
		w.url(r.LevelURL)
		w.raw("#")
		w.fragment(r.Anchor)
		w.raw(`">`)
		w.text(r.Level)
		w.raw(`</a></td><td>`)
		if r.Topic != "" {
			w.raw(`<span class="topic">`)
			w.text(r.Topic)
			w.raw(`</span> `)
		}
		w.text(r.Performance)
		w.raw(`</td></tr>`)
	}
	return w.done(), nil
}

// RelatedList is the occupation page's related occupations as the
// default template lists them: each card of RelatedCards an <li>.
func (v *View) RelatedList() template.HTML {
	cards := v.RelatedCards()
	compare := v.Site.Text.T("occ.compare")
	w := v.listWriter()
	w.grow(len(cards) * 700)
	for i := range cards {
		c := &cards[i]
		w.raw(`<li class="card"><a href="`)
		w.url(c.URL)
		w.raw(`"><span class="card-title">`)
		w.text(c.Title)
		w.raw(`</span> <span class="code">`)
		w.text(c.Code)
		w.raw(`</span></a><span class="card-meta">`)
		w.text(c.Why)
		w.raw(`</span><a class="compare-link" href="`)
		w.url(c.URL)
		w.raw(`" data-compare="`)
		w.text(c.CompareURL)
		w.raw(`">`)
		w.text(compare)
		w.raw(`<span class="visually-hidden"> `)
		w.text(c.CompareWith)
		w.raw(`</span></a></li>`)
	}
	return w.done()
}

// ElsewhereList is the level page's cards of the same level of the
// related occupations (the level's Elsewhere) as the default template
// lists them: each an <li class="card">.
func (v *View) ElsewhereList() template.HTML {
	l := v.Page.Level
	if l == nil {
		return ""
	}
	w := v.listWriter()
	w.grow(len(l.Elsewhere) * 300)
	for _, ol := range l.Elsewhere {
		w.raw(`<li class="card"><a href="`)
		w.url(v.URL(ol.Path))
		w.raw(`"><span class="card-title">`)
		w.text(ol.Occupation.Title())
		w.raw(`</span> <span class="code">`)
		w.text(ol.Occupation.Code)
		w.raw(`</span></a><span class="card-meta">`)
		w.text(v.Site.Text.T("count.statements", len(ol.Statements)))
		w.raw(`</span></li>`)
	}
	return w.done()
}

// EmbedStatements is the statements of the level ol as the embed view
// lists them: each an <li> of its topic, in bold, and performance.
func (v *View) EmbedStatements(ol *site.OccupationLevel) template.HTML {
	w := v.listWriter()
	w.grow(len(ol.Statements) * 240)
	for i := range ol.Statements {
		st := &ol.Statements[i]
		w.raw("\n", `<li>`)
		if st.Statement == nil {
			w.raw(`</li>`)
			continue
		}
		if st.Topic != "" {
			w.raw(`<strong>`)
			w.text(st.Topic)
			w.raw(`</strong> `)
		}
		w.text(st.Performance)
		w.raw(`</li>`)
	}
	return w.done()
}

// breadcrumbs writes the page's trail (View.Breadcrumbs).
func (v *View) breadcrumbs() template.HTML {
	if len(v.Page.Crumbs) == 0 {
		return ""
	}
	w := v.listWriter()
	w.raw(`<nav class="breadcrumbs wrap" aria-label="`)
	w.text(v.Site.Text.T("crumbs.label"))
	w.raw(`"><ol>`)
	for _, c := range v.Page.Crumbs {
		w.raw(`<li><a href="`)
		w.url(v.URL(c.Path))
		w.raw(`">`)
		w.text(c.Title)
		w.raw(`</a></li>`)
	}
	w.raw(`<li><span aria-current="page">`)
	w.text(v.Page.Title)
	w.raw(`</span></li></ol></nav>`)
	return w.done()
}

// LevelSteps is the numbered steps of o's levels, each linked to its
// page and current marking the page's own.
func (v *View) LevelSteps(o *site.Occupation, current *site.OccupationLevel) template.HTML {
	w := v.listWriter()
	w.raw(`<nav class="level-steps" aria-label="`)
	w.text(v.Site.Text.T("steps.label", o.Title()))
	w.raw(`"><ol>`)
	for _, ol := range o.Levels {
		w.raw(`<li><a href="`)
		w.url(v.URL(ol.Path))
		w.raw(`"`)
		if ol == current {
			w.raw(` aria-current="page"`)
		}
		w.raw(`><span class="step-number">`, strconv.Itoa(ol.Number), `</span> <span class="step-label">`)
		w.text(ol.Label)
		w.raw(`</span></a></li>`)
	}
	w.raw(`</ol></nav>`)
	return w.done()
}
