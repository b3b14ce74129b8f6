package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestListWriterEscapes holds the list writer's escaping to
// html/template's in the places the lists print values: text, a quoted
// attribute, the start of a URL and a URL's fragment.
func TestListWriterEscapes(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p id="{{.}}">{{.}}</p><a href="{{.}}#{{.}}">x</a>`))
	for _, s := range []string{
		"", "plain words", "C++ & <b>bold</b>", `"quoted" 'single'`, "nul\x00byte", "bad utf-8 \xff\xfe",
		"café – naïve", "../../skills/a-b/index.html", "index.html?q=1&r=2", "a b/c%20d%zz%4", "50%",
		"javascript:alert(1)", "JavaScript:x", "mailto:a@b.org", "HTTPS://example.org/x?y#z", "data:text/html,x",
		"/a:b", "!#$*,/:;=?@[]()'", "tab\there\nnewline", "~._-",
	} {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var w listWriter
		w.raw(`<p id="`)
		w.text(s)
		w.raw(`">`)
		w.text(s)
		w.raw(`</p><a href="`)
		w.url(s)
		w.raw("#")
		w.fragment(s)
		w.raw(`">x</a>`)
		if got := string(w.done()); got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	}
}
