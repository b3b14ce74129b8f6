package transform

import (
	"bytes"
	"flag"
	"io/fs"
	"path"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/stored"
)

var update = flag.Bool("update", false, "rewrite stored/, the minified forms of the default assets and templates")

// defaultInputs returns ladder's embedded defaults that a build minifies,
// by stored name: each asset of a minified type as its own type, each
// template as a template.
func defaultInputs(t *testing.T) map[string]storedInput {
	t.Helper()
	out := map[string]storedInput{}
	add := func(fsys fs.FS, asTemplate bool) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			mt, ok := mediaType(p)
			if asTemplate {
				mt, ok = templateType, path.Ext(p) == ".html"
			}
			if !ok {
				return nil
			}
			src, err := fs.ReadFile(fsys, p)
			out[storedName(mt, src)] = storedInput{p, mt, src}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	add(assets.FS, false)
	add(templates.FS, true)
	return out
}

// storedReadme says what stored/ holds; it is no minified form.
const storedReadme = "README"

type storedInput struct {
	path, mt string
	src      []byte
}

// TestStoredMinified holds stored/ to the minifier: it holds exactly the
// minified form of every default asset and template, byte for byte, as
// the minifier makes it today (an upgrade of tdewolff/minify, a changed
// option or a changed default shows here); -update writes it.
func TestStoredMinified(t *testing.T) {
	m := NewMinifier()
	want := map[string][]byte{}
	for name, in := range defaultInputs(t) {
		var out bytes.Buffer
		if err := m.m.Minify(in.mt, &out, bytes.NewBuffer(in.src[:len(in.src):len(in.src)])); err != nil {
			t.Fatalf("%s: %v", in.path, err)
		}
		want[name] = out.Bytes()
	}
	stored.Folder{FS: storedData, Dir: storedDir, Readme: storedReadme,
		Update: "go test ./generator/transform -run TestStoredMinified -update"}.Hold(t, want, *update)
}

// TestStoredUsed checks that Minify and Templates give an input stored
// its stored form, and minify anything else: the stored forms here are
// made to differ from the minifier's, to show which one a call used.
func TestStoredUsed(t *testing.T) {
	const script, tmpl = "var  answer = 42 ;\n", "<p>  {{.X}}  </p>\n"
	m := NewMinifier()
	m.stored = &storedSet{fsys: fstest.MapFS{
		storedDir + "/" + storedName("application/javascript", []byte(script)): {Data: []byte("STORED SCRIPT")},
		storedDir + "/" + storedName(templateType, []byte(tmpl)):               {Data: []byte("STORED TEMPLATE")},
	}}
	for _, c := range []struct{ src, want string }{
		{script, "kept:STORED SCRIPT"},
		{"var  answer = 43 ;\n", "kept:var answer=43"}, // the same length, other bytes
		{"var  answer = 42 ;\n\n", "kept:var answer=42"},
		{"", "kept:"},
	} {
		var got bytes.Buffer
		got.WriteString("kept:")
		if ok, err := m.Minify("a.js", &got, []byte(c.src)); !ok || err != nil {
			t.Fatalf("Minify(%q) = %v, %v", c.src, ok, err)
		}
		if got.String() != c.want {
			t.Errorf("Minify(%q) = %q, want %q", c.src, got.String(), c.want)
		}
	}
	fsys := m.Templates(fstest.MapFS{"stored.html": {Data: []byte(tmpl)}, "other.html": {Data: []byte("<p>  {{.Y}}  </p>\n")}})
	for name, want := range map[string]string{"stored.html": "STORED TEMPLATE", "other.html": "<p>{{.Y}}</p>"} {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || string(got) != want {
			t.Errorf("Templates: %s = %q, %v; want %q", name, got, err, want)
		}
	}
}
