package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/templates"
)

// foldData is the least a template needs to translate: T, as View's.
type foldData struct{ c *i18n.Catalogue }

func (d foldData) T(key string, args ...any) any { return translate(d.c, key, args) }

// TestFoldKind folds a layout whose message needs every escape, and checks
// that only the translations in text, quoted attributes and a title are
// folded, and that the page reads exactly as it did unfolded.
func TestFoldKind(t *testing.T) {
	site := fstest.MapFS{"en.toml": {Data: []byte(`skip = "A & B <c> \"d\" 'e' 1+1"` + "\n")}}
	c, diags := i18n.Load("en", i18n.Sources{Site: site})
	if diags.Err() != nil {
		t.Fatal(diags.Err())
	}
	cases := []struct {
		name, src string
		folded    bool
	}{
		{"text", `<p>{{.T "skip"}}</p>`, true},
		{"trimmed text", "<p>\n{{- .T \"skip\" -}}\n</p>", true},
		{"quoted attribute", `<p title="{{.T "skip"}}">x</p>`, true},
		{"title", `<title>{{.T "skip"}}</title>`, true},
		{"from the root, in a with", `{{with .}}<p>{{$.T "skip"}}</p>{{end}}`, true},
		{"in an else", `{{if false}}{{else}}<b>{{.T "skip"}}</b>{{end}}`, true},
		{"a URL", `<a href="{{.T "skip"}}">x</a>`, false},
		{"a script", `<script>var s = {{.T "skip"}};</script>`, false},
		{"an event handler", `<button onclick="f({{.T "skip"}})">x</button>`, false},
		{"a style", `<p style="content: {{.T "skip"}}">x</p>`, false},
		{"with arguments", `<p>{{.T "count.statements" 3}}</p>`, false},
		{"in a pipeline", `<p>{{.T "skip" | print}}</p>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			master := template.Must(template.New(LayoutFile).Parse(tc.src))
			plain, err := master.Clone()
			if err != nil {
				t.Fatal(err)
			}
			folded := foldKind(master, LayoutFile, c)
			if got := countT(folded); got == 0 != tc.folded {
				t.Errorf("%d calls of T left after folding; folded: %v", got, tc.folded)
			}
			data := foldData{c}
			var want, got bytes.Buffer
			if err := plain.ExecuteTemplate(&want, LayoutFile, data); err != nil {
				t.Fatal(err)
			}
			if err := folded.ExecuteTemplate(&got, LayoutFile, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("folded page:\n%s\nunfolded:\n%s", got.String(), want.String())
			}
		})
	}
}

// TestFoldKindLeavesBadTemplates shows that a template html/template
// cannot escape is left unfolded, for its page to report the error.
func TestFoldKindLeavesBadTemplates(t *testing.T) {
	c := i18n.Shipped("en")
	master := template.Must(template.New(LayoutFile).Parse(`<a href="{{.T "skip"}}`))
	folded := foldKind(master, LayoutFile, c)
	err := folded.ExecuteTemplate(&bytes.Buffer{}, LayoutFile, foldData{c})
	if err == nil || !strings.Contains(err.Error(), "html/template") {
		t.Fatalf("err = %v, want html/template's escaping error", err)
	}
}

// TestFoldedShared shows that catalogues that say the same share one fold
// and that one that differs gets its own.
func TestFoldedShared(t *testing.T) {
	tmpl, err := Parse(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	en1, en2 := i18n.Shipped("en"), i18n.Shipped("en")
	fr := i18n.Shipped("fr")
	a, b, f := mustFold(t, tmpl, en1), mustFold(t, tmpl, en2), mustFold(t, tmpl, fr)
	if a != b {
		t.Error("two English catalogues got two folds")
	}
	for _, k := range pageKinds() {
		if a.get(k) == nil || a.get(k) != b.get(k) {
			t.Errorf("%s: the English folds differ", k)
		}
		if a.get(k) == f.get(k) {
			t.Errorf("%s: French shares the English fold", k)
		}
	}
	if len(tmpl.keys) < 50 {
		t.Errorf("only %d keys translated without arguments: %q", len(tmpl.keys), tmpl.keys)
	}
}

func mustFold(t *testing.T, tmpl *Templates, c *i18n.Catalogue) *foldedKinds {
	t.Helper()
	f, err := tmpl.folded(c)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// countT counts the actions of set's templates that still call T.
func countT(set *template.Template) int {
	n := 0
	for _, x := range set.Templates() {
		if x.Tree == nil {
			continue
		}
		walkActions(x.Tree.Root, func(_ *parse.ListNode, _ int, a *parse.ActionNode) {
			for _, cmd := range a.Pipe.Cmds {
				if strings.HasSuffix(cmd.Args[0].String(), ".T") {
					n++
				}
			}
		})
	}
	return n
}
