package markup

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func render(t testing.TB, r *Renderer, src string, opts ...RenderOption) (string, Doc) {
	t.Helper()
	var buf bytes.Buffer
	doc, err := r.Render(&buf, []byte(src), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), doc
}

func TestRenderDoc(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Doc
	}{
		{
			name: "no headings",
			src:  "Just text.\n",
		},
		{
			name: "title is the first h1, headings in order",
			src:  "## Before\n\n# Registered Nurse\n\n## Duties\n\n### Daily\n\n# Second h1\n",
			want: Doc{
				Title: "Registered Nurse",
				Headings: []Heading{
					{Level: 2, ID: "before", Text: "Before"},
					{Level: 1, ID: "registered-nurse", Text: "Registered Nurse"},
					{Level: 2, ID: "duties", Text: "Duties"},
					{Level: 3, ID: "daily", Text: "Daily"},
					{Level: 1, ID: "second-h1", Text: "Second h1"},
				},
			},
		},
		{
			name: "text is plain: markup, escapes and entities resolved",
			src:  "# \"Care\" -- *for* `a<b` \\*not em\\* &amp; [link](x.md) ![alt *img*](i.png) <b>raw</b>\n",
			want: Doc{
				Title: "“Care” – for a<b *not em* & link alt img raw",
				Headings: []Heading{{Level: 1, ID: "care-for-ab-not-em-link-alt-img-brawb",
					Text: "“Care” – for a<b *not em* & link alt img raw"}},
			},
		},
		{
			name: "non-ASCII and duplicate ids",
			src:  "## Überblick\n## Überblick\n## 日本語\n",
			want: Doc{Headings: []Heading{
				{Level: 2, ID: "überblick", Text: "Überblick"},
				{Level: 2, ID: "überblick-1", Text: "Überblick"},
				{Level: 2, ID: "日本語", Text: "日本語"},
			}},
		},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, doc := render(t, r, tt.src)
			if !reflect.DeepEqual(doc, tt.want) {
				t.Errorf("doc\n got %#v\nwant %#v", doc, tt.want)
			}
		})
	}
}

// TestHeadingIDsPerRender checks that heading ids do not leak from one
// Render call into the next.
func TestHeadingIDsPerRender(t *testing.T) {
	r := New()
	for i := range 3 {
		out, _ := render(t, r, "## Overview\n")
		if !strings.Contains(out, `id="overview"`) {
			t.Fatalf("render %d: %s", i, out)
		}
	}
}

func TestRenderCRLF(t *testing.T) {
	r := New()
	src := "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nx := 1\n```\n\nText\nmore.\n"
	lf, _ := render(t, r, src)
	crlf, _ := render(t, r, strings.ReplaceAll(src, "\n", "\r\n"))
	if strings.ReplaceAll(crlf, "\r", "") != lf {
		t.Errorf("CRLF input renders differently:\n%q\nvs\n%q", crlf, lf)
	}
}

// TestRenderNoActiveContent feeds hostile markdown and checks that no raw
// HTML, event handler or script URL reaches the output.
func TestRenderNoActiveContent(t *testing.T) {
	inputs := []string{
		"<script>alert(1)</script>",
		"text <script>alert(1)</script> text",
		"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
		"<img src=x onerror=alert(1)>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<style>body{display:none}</style>",
		"[x](javascript:alert(1))",
		"[x](  javascript:alert(1)  )",
		"[x](JaVaScRiPt:alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"![x](javascript:alert(1))",
		"![x](vbscript:msgbox(1))",
		"[x](data:text/html,<script>alert(1)</script>)",
		"```\n<script>alert(1)</script>\n```",
		"```html\n<script>alert(1)</script>\n```",
		"`<script>`",
		"| <script>alert(1)</script> |\n|---|\n| x |",
		"Term\n: <script>alert(1)</script>",
		"x[^1]\n\n[^1]: <script>alert(1)</script>",
	}
	bad := regexp.MustCompile(`(?i)<script|<iframe|<style|\son\w+\s*=|(href|src)="\s*(javascript|vbscript|data:text)`)
	r := New()
	for _, in := range inputs {
		out, _ := render(t, r, in)
		if m := bad.FindString(out); m != "" {
			t.Errorf("input %q: output contains %q:\n%s", in, m, out)
		}
	}
}

const goCode = "```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n"

func TestCodeCache(t *testing.T) {
	r := New()
	first, _ := render(t, r, goCode)
	if n := r.code.cache.len(); n != 1 {
		t.Fatalf("cache holds %d blocks after one render, want 1", n)
	}
	second, _ := render(t, r, goCode)
	if first != second {
		t.Errorf("cached render differs:\n%s\nvs\n%s", first, second)
	}
	if n := r.code.cache.len(); n != 1 {
		t.Errorf("cache holds %d blocks after rendering the same block twice, want 1", n)
	}
	if !strings.Contains(first, `<span class="kd">func</span>`) {
		t.Errorf("not highlighted: %s", first)
	}

	uncached := New(WithCodeCache(0))
	if out, _ := render(t, uncached, goCode); out != first {
		t.Errorf("uncached output differs:\n%s\nvs\n%s", out, first)
	}
	if n := uncached.code.cache.len(); n != 0 {
		t.Errorf("disabled cache holds %d blocks", n)
	}

	// Plain blocks are cheap and not cached.
	render(t, r, "```nosuchlang\nx\n```\n\n```\ny\n```\n\n    z\n")
	if n := r.code.cache.len(); n != 1 {
		t.Errorf("cache holds %d blocks after plain blocks, want 1", n)
	}
}

func TestCodeCacheBound(t *testing.T) {
	r := New(WithCodeCache(3))
	for i := range 10 {
		render(t, r, fmt.Sprintf("```go\nvar x = %d\n```\n", i))
		if n := r.code.cache.len(); n > 3 {
			t.Fatalf("after %d blocks the cache holds %d, want at most 3", i+1, n)
		}
	}
}

// TestRenderConcurrent renders different pages with different resolvers
// from many goroutines on one Renderer; run with -race. Each output must
// equal the sequential render of the same page.
func TestRenderConcurrent(t *testing.T) {
	r := New(WithCodeCache(4)) // small, so the cache is also emptied concurrently
	page := func(i int) string {
		return fmt.Sprintf("# Page %d\n\n## Overview\n\n## Overview\n\n[next](p%d.md)\n\n| a |\n|---|\n| %d |\n\n```go\nvar n = %d\n```\n\n```go\nvar shared = 1\n```\n", i, i+1, i, i%6)
	}
	resolver := func(i int) RenderOption {
		return WithLinkResolver(func(dest string) (string, bool) {
			return fmt.Sprintf("/from-%d/%s", i, dest), true
		})
	}
	const pages = 24
	want := make([]string, pages)
	for i := range pages {
		want[i], _ = render(t, New(), page(i), resolver(i))
	}
	var wg sync.WaitGroup
	errs := make(chan error, pages*4)
	for range 4 {
		for i := range pages {
			wg.Go(func() {
				var buf bytes.Buffer
				doc, err := r.Render(&buf, []byte(page(i)), resolver(i))
				switch {
				case err != nil:
					errs <- err
				case buf.String() != want[i]:
					errs <- fmt.Errorf("page %d differs:\n%s\nwant:\n%s", i, buf.String(), want[i])
				case doc.Title != "Page "+strconv.Itoa(i) || len(doc.Headings) != 3 || doc.Headings[2].ID != "overview-1":
					errs <- fmt.Errorf("page %d: doc %#v", i, doc)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestWithTableLabel(t *testing.T) {
	r := New(WithTableLabel(func(n int) string { return "Tabelle " + strconv.Itoa(n) + ` "q"` }))
	out, _ := render(t, r, "| a |\n|---|\n| 1 |\n")
	if !strings.Contains(out, `aria-label="Tabelle 1 &quot;q&quot;"`) {
		t.Errorf("label not applied or not escaped: %s", out)
	}
}

// TestImportsNoLadder keeps the package a leaf: it imports nothing else
// from ladder.
func TestImportsNoLadder(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/ladder-ssg/ladder") {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}
