package markup

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected HTML in testdata/*.txt from the current output")

// The golden files follow goldmark's extension/_test/*.txt layout: a case
// is a header line "N: description", the markdown between two
// caseMarkdown separators, then the expected HTML up to caseEnd.
const (
	caseMarkdown = "//- - - - - - - - -//"
	caseEnd      = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type goldenCase struct {
	no          int
	description string
	markdown    string
	expected    string
}

func readGolden(t *testing.T, path string) []goldenCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	for {
		header, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(header) == "" {
			continue
		}
		num, desc, _ := strings.Cut(header, ":")
		no, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			t.Fatalf("%s:%d: want a case header \"N: description\", found %q", path, line, header)
		}
		if sep, _ := next(); sep != caseMarkdown {
			t.Fatalf("%s:%d: want %q after the case header", path, line, caseMarkdown)
		}
		c := goldenCase{no: no, description: strings.TrimSpace(desc)}
		var md, html []string
		for {
			l, ok := next()
			if !ok {
				t.Fatalf("%s:%d: case %d: markdown not closed by %q", path, line, no, caseMarkdown)
			}
			if l == caseMarkdown {
				break
			}
			md = append(md, l)
		}
		for {
			l, ok := next()
			if !ok {
				t.Fatalf("%s:%d: case %d: not closed by %q", path, line, no, caseEnd)
			}
			if l == caseEnd {
				break
			}
			html = append(html, l)
		}
		c.markdown = strings.Join(md, "\n") + "\n"
		c.expected = strings.Join(html, "\n")
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func writeGolden(t *testing.T, path string, cases []goldenCase) {
	t.Helper()
	var b bytes.Buffer
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d: %s\n%s\n%s%s\n", c.no, c.description, caseMarkdown, c.markdown, caseMarkdown)
		if c.expected != "" {
			b.WriteString(c.expected + "\n")
		}
		b.WriteString(caseEnd + "\n")
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runGolden renders every case of the golden file at path with a new
// Renderer and opts, and compares the HTML with the expected text. With
// -update it rewrites the file's expected HTML instead.
func runGolden(t *testing.T, path string, opts ...RenderOption) {
	t.Helper()
	cases := readGolden(t, path)
	r := New()
	for i, c := range cases {
		var out bytes.Buffer
		if _, err := r.Render(&out, []byte(c.markdown), opts...); err != nil {
			t.Fatalf("case %d: %v", c.no, err)
		}
		got := strings.TrimRight(out.String(), "\n")
		if *update {
			cases[i].expected = got
			continue
		}
		t.Run(fmt.Sprintf("%d_%s", c.no, strings.ReplaceAll(c.description, " ", "_")), func(t *testing.T) {
			if got != c.expected {
				t.Errorf("%s case %d (%s)\nmarkdown:\n%s\nwant:\n%s\n\ngot:\n%s", path, c.no, c.description, c.markdown, c.expected, got)
			}
		})
	}
	if *update {
		writeGolden(t, path, cases)
	}
}

func TestGoldenGFM(t *testing.T)        { runGolden(t, "testdata/gfm.txt") }
func TestGoldenExtensions(t *testing.T) { runGolden(t, "testdata/extensions.txt") }
func TestGoldenHeadings(t *testing.T)   { runGolden(t, "testdata/headings.txt") }
func TestGoldenCode(t *testing.T)       { runGolden(t, "testdata/code.txt") }
func TestGoldenSafety(t *testing.T)     { runGolden(t, "testdata/safety.txt") }

// TestGoldenLinks renders with a resolver that maps "x.md" to "../x/" and
// leaves every other destination alone.
func TestGoldenLinks(t *testing.T) {
	runGolden(t, "testdata/links.txt", WithLinkResolver(func(dest string) (string, bool) {
		path, frag, _ := strings.Cut(dest, "#")
		name, ok := strings.CutSuffix(path, ".md")
		if !ok {
			return "", false
		}
		if frag != "" {
			frag = "#" + frag
		}
		return "../" + name + "/" + frag, true
	}))
}
