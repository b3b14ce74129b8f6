package transform

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
)

// testPage returns a realistic framework page of roughly size bytes: a head
// with inline CSS and JSON-LD, navigation, a table of levels, long lists of
// competency statements and a closing script.
func testPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Software Engineer — Engineering Ladder</title>
    <link rel="stylesheet" href="/css/site.css">
    <link rel="canonical" href="https://example.org/occupations/software-engineer/">
    <style>
      .level-grid  { display : grid;  grid-template-columns : repeat( 4, 1fr ); }
      .statement:target { background-color : #ffff00; }
    </style>
    <script type="application/ld+json">
    {
      "@context": "https://schema.org",
      "@type": "Occupation",
      "name": "Software Engineer",
      "description": "Designs, builds and \"maintains\" software systems.",
      "occupationalCategory": "15-1252.00",
      "qualifications": [ "Level 1", "Level 2", "Level 3" ],
      "estimatedSalary": { "@type": "MonetaryAmountDistribution", "median": 1.50e5 }
    }
    </script>
  </head>
  <body>
    <header class="site-header">
      <nav aria-label="Main">
        <ul>
          <li><a href="/">Home</a></li>
          <li><a href="/occupations/">Occupations</a></li>
          <li><a href="/search/">Search</a></li>
        </ul>
      </nav>
    </header>
    <main id="content">
      <h1>Software Engineer</h1>
      <p>
        Software engineers design, build and maintain the systems our users rely on.
      </p>
      <table class="levels">
        <thead><tr><th scope="col">Level</th><th scope="col">Title</th></tr></thead>
        <tbody>
          <tr><td>1</td><td>Associate</td></tr>
          <tr><td>2</td><td>Engineer</td></tr>
        </tbody>
      </table>
`)
	for i := 0; b.Len() < size-600; i++ {
		fmt.Fprintf(&b, `      <section class="competency" id="competency-%d">
        <h2>Competency %d: Delivery &amp; quality</h2>
        <ul class="statements">
          <li class="statement" id="s-%d-1">Breaks work into   small, reviewable changes.</li>
          <li class="statement" id="s-%d-2">Writes tests that describe behaviour, not implementation.</li>
          <li class="statement" id="s-%d-3">Reviews others' changes promptly and kindly.</li>
        </ul>
        <p>See also <a href="/occupations/tester/#competency-%d">Tester</a>.</p>
      </section>
`, i, i, i, i, i, i)
	}
	b.WriteString(`    </main>
    <footer><p>Published with ladder.</p></footer>
    <script>
      // Highlight the statement named in the URL.
      document.addEventListener( "DOMContentLoaded", function () {
        var target = document.getElementById( location.hash.slice( 1 ) );
        if ( target !== null ) { target.scrollIntoView(); }
      } );
    </script>
  </body>
</html>
`)
	return []byte(b.String())
}

func minifyString(t *testing.T, m *Minifier, path, src string) string {
	t.Helper()
	var dst bytes.Buffer
	ok, err := m.Minify(path, &dst, []byte(src))
	if err != nil {
		t.Fatalf("Minify(%s): %v", path, err)
	}
	if !ok {
		t.Fatalf("Minify(%s) = false, want true", path)
	}
	return dst.String()
}

func TestMinifyHTMLKeepsStructure(t *testing.T) {
	page := testPage(20 << 10)
	got := minifyString(t, NewMinifier(), "occupations/software-engineer/index.html", string(page))
	if len(got) >= len(page) {
		t.Errorf("minified page is %d bytes, input %d", len(got), len(page))
	}
	for _, tc := range []struct {
		name, want string
	}{
		{"doctype", "<!doctype html>"},
		{"html lang", `<html lang="en">`},
		{"head", "<head>"},
		{"body end", "</body></html>"},
		{"p end tag", "Published with ladder.</p>"},
		{"li end tag", "Search</a></li>"},
		{"quoted attribute", `class="competency"`},
		{"default attribute kept", `scope="col"`},
		{"whitespace collapsed", "Breaks work into small, reviewable changes.</li>"},
		{"inline css minified", ".level-grid{display:grid;"},
		{"colour shortened", "background-color:#ff0}"},
		{"inline js minified", `document.addEventListener("DOMContentLoaded",function(){`},
	} {
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: output lacks %q", tc.name, tc.want)
		}
	}
}

func TestMinifyHTMLJSONLDStaysJSON(t *testing.T) {
	const open, end = `<script type="application/ld+json">`, `</script>`
	for _, tc := range []struct {
		name, jsonld string
	}{
		{"object", `{ "@context": "https://schema.org", "@type": "Occupation", "name": "Software Engineer" }`},
		{"graph", `{"@context":"https://schema.org","@graph":[ {"@type":"DefinedTermSet","name":"Levels"}, {"@type":"DefinedTerm","name":"L1","termCode":"1"} ]}`},
		{"array", `[ {"@type":"Thing","name":"a"}, {"@type":"Thing","name":"b"} ]`},
		{"escapes and numbers", `{ "name": "a \"quoted\" \u003c/script\u003e name", "n": 1.50e5, "zero": 0.0, "t": true, "f": null }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "<!doctype html><html lang=\"en\"><head>" + open + "\n" + tc.jsonld + "\n" + end + "</head><body></body></html>"
			got := minifyString(t, NewMinifier(), "index.html", src)
			i, j := strings.Index(got, open), strings.LastIndex(got, end)
			if i < 0 || j < i {
				t.Fatalf("JSON-LD script lost: %s", got)
			}
			body := got[i+len(open) : j]
			if !json.Valid([]byte(body)) {
				t.Fatalf("JSON-LD is not valid JSON after minify: %s", body)
			}
			var want, have any
			if err := json.Unmarshal([]byte(tc.jsonld), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(body), &have); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(want) != fmt.Sprint(have) {
				t.Errorf("JSON-LD changed meaning:\n got %v\nwant %v", have, want)
			}
			if strings.Contains(body, "</script") {
				t.Errorf("JSON-LD now contains a raw </script: %s", body)
			}
		})
	}
}

func TestMinifyShrinks(t *testing.T) {
	const xmlDoc = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ladder updates</title>
  <entry>
    <title>Software Engineer</title>
    <link href="https://example.org/occupations/software-engineer/" />
  </entry>
</feed>
`
	tests := []struct {
		path, src string
		valid     func([]byte) bool
	}{
		{"css/site.css", "/* site */\nbody {\n  margin : 0px;\n  color : #ff0000;\n}\n", nil},
		{"js/search.js", "function search ( query ) {\n  // find\n  return query . trim ( );\n}\n", nil},
		{"js/app.mjs", "export function add ( a , b ) {\n  return a + b ;\n}\n", nil},
		{"search/index.json", "{\n  \"pages\" : [ 1 , 2 , 3 ]\n}\n", json.Valid},
		{"site.webmanifest", "{\n  \"name\" : \"Ladder\",\n  \"icons\" : [ ]\n}\n", json.Valid},
		{"img/logo.svg", `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
  <!-- logo -->
  <rect x="0" y="0" width="100.000" height="100.000" fill="#ff0000" />
</svg>
`, wellFormedXML},
		{"sitemap.xml", xmlDoc, wellFormedXML},
		{"feed.atom", xmlDoc, wellFormedXML},
		{"feed.rss", xmlDoc, wellFormedXML},
		{"old/page.htm", "<!doctype html>\n<html lang=\"en\">\n  <body>\n    <p>  hi  </p>\n  </body>\n</html>\n", nil},
		{"UPPER/INDEX.HTML", "<!doctype html>\n<html lang=\"en\">\n  <body>\n    <p>  hi  </p>\n  </body>\n</html>\n", nil},
	}
	m := NewMinifier()
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			got := minifyString(t, m, tc.path, tc.src)
			if len(got) >= len(tc.src) {
				t.Errorf("did not shrink: %d -> %d bytes: %q", len(tc.src), len(got), got)
			}
			if tc.valid != nil && !tc.valid([]byte(got)) {
				t.Errorf("output is not valid: %q", got)
			}
		})
	}
}

func wellFormedXML(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

func TestMinifyPassthrough(t *testing.T) {
	m := NewMinifier()
	for _, path := range []string{"robots.txt", "downloads/framework.zip", "img/photo.png", "CNAME", "", "dir.html/file", "index.html.gz"} {
		t.Run(path, func(t *testing.T) {
			dst := bytes.NewBufferString("already here")
			ok, err := m.Minify(path, dst, []byte("  some   bytes  "))
			if ok || err != nil {
				t.Errorf("Minify(%q) = %v, %v; want false, nil", path, ok, err)
			}
			if dst.String() != "already here" {
				t.Errorf("dst changed to %q", dst.String())
			}
		})
	}
}

func TestMinifyAppendsAndRestoresOnError(t *testing.T) {
	m := NewMinifier()
	dst := bytes.NewBufferString("prefix;")
	if _, err := m.Minify("a.js", dst, []byte("var a = 1 ;")); err != nil {
		t.Fatal(err)
	}
	if got, want := dst.String(), "prefix;var a=1"; got != want {
		t.Errorf("after append: %q, want %q", got, want)
	}
	dst = bytes.NewBufferString("prefix;")
	ok, err := m.Minify("js/broken.js", dst, []byte("function ( {"))
	if err == nil || ok {
		t.Fatalf("Minify(broken) = %v, %v; want an error", ok, err)
	}
	if !strings.Contains(err.Error(), "js/broken.js") {
		t.Errorf("error %q does not name the file", err)
	}
	if dst.String() != "prefix;" {
		t.Errorf("dst after error = %q, want it restored", dst.String())
	}
}

func TestMinifyDoesNotWriteIntoSrc(t *testing.T) {
	// The parser NUL-terminates its input in spare capacity; Minify must not
	// let it touch the caller's memory.
	buf := make([]byte, 0, 64)
	buf = append(buf, "body { color : red }"...)
	full := buf[:cap(buf)]
	full[len(buf)] = 'X'
	var dst bytes.Buffer
	if _, err := NewMinifier().Minify("a.css", &dst, buf); err != nil {
		t.Fatal(err)
	}
	if full[len(buf)] != 'X' {
		t.Errorf("byte after src changed to %q", full[len(buf)])
	}
}

func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	inputs := map[string][]byte{
		"index.html":    testPage(8 << 10),
		"css/site.css":  []byte("a { color : red }\n@media print { b { margin : 0px } }\n"),
		"js/app.js":     []byte("function f ( a ) { return a + 1 ; }\n"),
		"data.json":     []byte(`{ "a" : [ 1 , 2 ] }`),
		"logo.svg":      []byte(`<svg xmlns="http://www.w3.org/2000/svg"> <rect width="10.00" /> </svg>`),
		"feed.xml":      []byte("<feed>\n  <title> x </title>\n</feed>\n"),
		"styled.html":   []byte(`<!doctype html><html lang="en"><body><p style="color : red">x</p></body></html>`),
		"notes/raw.txt": []byte("left   alone"),
	}
	want := map[string]string{}
	for path, src := range inputs {
		var dst bytes.Buffer
		ok, err := m.Minify(path, &dst, src)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			dst.Write(src)
		}
		want[path] = dst.String()
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 20 {
				for path, src := range inputs {
					var out bytes.Buffer
					chain := Chain{MinifyTransformer(m, path)}
					if g%2 == 0 {
						chain = append(chain, InjectBeforeBodyEnd(nil))
					}
					if err := chain.Apply(&out, bytes.NewReader(src)); err != nil {
						t.Errorf("goroutine %d round %d %s: %v", g, i, path, err)
						return
					}
					if out.String() != want[path] {
						t.Errorf("goroutine %d round %d %s: output differs from sequential run", g, i, path)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestMinifyTransformer(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, path, src, want string
	}{
		{"html minified then injected", "index.html",
			"<!doctype html>\n<html lang=\"en\">\n<body>\n  <p>Hi</p>\n</body>\n</html>\n",
			`<!doctype html><html lang="en"><body><p>Hi</p><script src="/reload.js"></script></body></html>`},
		{"unknown type copied", "notes.txt", "  keep   me  ", `  keep   me  <script src="/reload.js"></script>`},
		{"css", "a.css", "a { color : red }", `a{color:red}<script src="/reload.js"></script>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			chain := Chain{MinifyTransformer(m, tc.path), InjectBeforeBodyEnd([]byte(`<script src="/reload.js"></script>`))}
			if err := chain.Apply(&out, strings.NewReader(tc.src)); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got  %q\nwant %q", out.String(), tc.want)
			}
		})
	}
	err := Chain{MinifyTransformer(m, "js/broken.js")}.Apply(io.Discard, strings.NewReader("function ( {"))
	if err == nil || !strings.Contains(err.Error(), "js/broken.js") {
		t.Errorf("broken JS: error %v, want one naming the file", err)
	}
}

func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	page := testPage(20 << 10)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	var dst bytes.Buffer
	for b.Loop() {
		dst.Reset()
		if _, err := m.Minify("index.html", &dst, page); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(dst.Len())/float64(len(page)), "out/in")
}

func BenchmarkMinifyHTMLParallel(b *testing.B) {
	m := NewMinifier()
	page := testPage(20 << 10)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var dst bytes.Buffer
		for pb.Next() {
			dst.Reset()
			if _, err := m.Minify("index.html", &dst, page); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
