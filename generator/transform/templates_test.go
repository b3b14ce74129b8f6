package transform

import (
	"bytes"
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

const pageTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
  <head>
    <title>{{.Title}}</title>
    <script>var x = {{.X}};   var  y = 1;</script>
    <script>  var   z = 2 ;  </script>
    <style>  p  { color : red }  </style>
  </head>
  <body>
    {{- /* a comment */ -}}
    <p class="a {{if .B}}b{{end}}">   Hello,   {{.Name}} !  </p>
    <pre>  kept
   as is  </pre>
    <ul>
      {{range .Items}}<li>  {{.}}  </li>
      {{end}}
    </ul>
  </body>
</html>
`

// TestTemplatesMinified minifies a template once and checks it against
// minifying each page: the pages made from the minified template, once
// minified, are the pages made from the original, once minified; actions
// are as written, and the scripts holding one only have their runs of
// whitespace collapsed; the rest is minified.
func TestTemplatesMinified(t *testing.T) {
	m := NewMinifier()
	fsys := m.Templates(fstest.MapFS{"page.html": {Data: []byte(pageTemplate)}, "notes.txt": {Data: []byte("  as is  ")}})
	minified, err := fs.ReadFile(fsys, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	got := string(minified)
	for _, want := range []string{`{{.Title}}`, `<script>var x = {{.X}}; var y = 1;</script>`, `<script>var z=2</script>`, `<style>p{color:red}</style>`, "<pre>  kept\n   as is  </pre>", `class="a {{if .B}}b{{end}}"`} {
		if !strings.Contains(got, want) {
			t.Errorf("minified template lacks %q:\n%s", want, got)
		}
	}
	if len(minified) >= len(pageTemplate) {
		t.Errorf("minified %d bytes, the template %d", len(minified), len(pageTemplate))
	}
	if info, err := fs.Stat(fsys, "page.html"); err != nil || info.Size() != int64(len(minified)) {
		t.Errorf("Stat = %v, %v; want the minified size %d", info, err, len(minified))
	}
	if data, _ := fs.ReadFile(fsys, "notes.txt"); string(data) != "  as is  " {
		t.Errorf("a file other than a template changed: %q", data)
	}
	for _, data := range []map[string]any{
		{"Lang": "fr", "Title": "A <b>", "X": map[string]int{"a": 1}, "B": true, "Name": "Zoë", "Items": []string{"one", "two"}},
		{"Lang": "en", "Title": "", "X": "</script>", "B": false, "Name": "", "Items": nil},
	} {
		if a, b := page(t, m, pageTemplate, data), page(t, m, got, data); a != b {
			t.Errorf("pages differ:\nfrom the template: %s\nfrom the minified: %s", a, b)
		}
	}
}

// page renders src with data and minifies the result as a page.
func page(t *testing.T, m *Minifier, src string, data any) string {
	t.Helper()
	var out, min bytes.Buffer
	if err := template.Must(template.New("p").Parse(src)).Execute(&out, data); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Minify("p.html", &min, out.Bytes()); err != nil {
		t.Fatal(err)
	}
	return min.String()
}
