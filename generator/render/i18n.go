package render

import (
	"html"
	"html/template"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
)

// T is the one template function for the words of the interface: the
// message of key in the page's language (see i18n.Catalogue.T), its
// placeholders filled from args in the order of the English message. When
// an argument is HTML (a link made by the link function, a code span made
// by code), the message is escaped and the HTML set in as it is, so that
// a translation may move a link within its sentence.
func (v *View) T(key string, args ...any) any { return translate(v.Site.Text, key, args) }

// T is View.T for the templates of FragmentCached, which see only their
// Fragment.
func (f Fragment) T(key string, args ...any) any { return translate(f.text, key, args) }

// translate fills a message, as HTML when an argument is HTML.
func translate(c *i18n.Catalogue, key string, args []any) any {
	markup := false
	for _, a := range args {
		if _, ok := a.(template.HTML); ok {
			markup = true
		}
	}
	if !markup {
		return c.T(key, args...)
	}
	// Each argument becomes a marker that escaping leaves alone, then
	// its HTML, so that no argument's text is read as a placeholder.
	marks := make([]any, len(args))
	values := make([]string, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case template.HTML:
			marks[i], values[i] = mark(i), string(a)
		case string:
			marks[i], values[i] = mark(i), html.EscapeString(a)
		default:
			marks[i] = a
		}
	}
	return template.HTML(unmark(html.EscapeString(c.T(key, marks...)), values))
}

// mark is the marker of argument i: NUL, a letter, NUL.
func mark(i int) string { return "\x00" + string(rune('A'+i)) + "\x00" }

// unmark replaces each marker of s by its argument's HTML in one pass, so
// that an argument's HTML is never read for markers.
func unmark(s string, values []string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 || i+2 >= len(s) || s[i+2] != 0 {
			break
		}
		n := int(s[i+1] - 'A')
		if n < 0 || n >= len(values) {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(values[n])
		s = s[i+3:]
	}
	b.WriteString(s)
	return b.String()
}

// dir is the page's writing direction for the html element (View.Dir).
func (v *View) dir() string {
	if d := v.Site.Text.Dir(); d == "rtl" {
		return d
	}
	return ""
}

// JobZoneName names an O*NET job zone in the page's language.
func (v *View) JobZoneName(zone int) string {
	if !framework.ValidJobZone(zone) {
		return ""
	}
	return v.Site.Text.T("jobzone." + string(rune('0'+zone)))
}

// Date writes a date in the page's language ("2 janvier 2006").
func (v *View) Date(t time.Time) string { return v.Site.Text.Date(t) }

// link is the template function that makes a link to give T: <a href>
// with the text and, when given, rel, all escaped.
func link(href, text string, rel ...string) template.HTML {
	attrs := `<a href="` + html.EscapeString(href) + `"`
	if len(rel) > 0 {
		attrs += ` rel="` + html.EscapeString(strings.Join(rel, " ")) + `"`
	}
	return template.HTML(attrs + ">" + html.EscapeString(text) + "</a>")
}

// code is the template function that makes a code span to give T.
func code(text string) template.HTML {
	return template.HTML("<code>" + html.EscapeString(text) + "</code>")
}
