package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// hostileFramework writes a framework with the given occupation fields and
// levels (an ordered list of key, label, statements) as JSON text.
func hostileFramework(occ map[string]any, levels ...hostileLevel) string {
	fields := map[string]any{}
	for k, v := range occ {
		if k != "description" && k != "source" && k != "attribution" {
			fields[k] = v
		}
	}
	o, _ := json.Marshal(fields)
	var b strings.Builder
	fmt.Fprintf(&b, `{"occupation": %s, "framework": {"description": %s, "levels": {`, o, jsonString(occ["description"]))
	for i, lv := range levels {
		if i > 0 {
			b.WriteString(",")
		}
		k, _ := json.Marshal(lv.key)
		st, _ := json.Marshal(lv.statements)
		fmt.Fprintf(&b, `%s: {"label": %s, "statements": %s}`, k, jsonString(lv.label), st)
	}
	fmt.Fprintf(&b, `}}, "sources": {"crosswalk": %s, "onet": "v30.2 (CC BY 4.0)"}, "attribution": %s}`, jsonString(occ["source"]), jsonString(occ["attribution"]))
	return b.String()
}

// jsonString encodes v as a JSON string; nil becomes "".
func jsonString(v any) string {
	s, _ := v.(string)
	b, _ := json.Marshal(s)
	return string(b)
}

type hostileLevel struct {
	key, label string
	statements []string
}

const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)`

// TestHostileInputIsEscaped builds frameworks full of markup, script URLs,
// template syntax, bidirectional text and huge levels, and checks that the
// pages show it all as text and contain no element, attribute or URL that
// the input injected.
func TestHostileInputIsEscaped(t *testing.T) {
	many := make([]string, 20000)
	for i := range many {
		many[i] = fmt.Sprintf("Topic %d — performance %d", i, i)
	}
	files := map[string]string{
		"xss.json": hostileFramework(map[string]any{
			"soc": "11-0000.00", "title": "Chief " + xss, "group": "Group " + xss, "sector": xss,
			"description": "Desc {{ .Site }} {{template \"x\"}} javascript:alert(4) " + xss,
			"source":      "javascript:alert(5)", "attribution": "© " + xss,
		},
			hostileLevel{"emerging", "Emerging " + xss, []string{xss + " — " + xss, "{{ printf \"%s\" 1 }} — <b>bold</b>"}},
			hostileLevel{"weird \"key\" <x>", "Odd", []string{"javascript:alert(6) — x"}},
		),
		"rtl.json": hostileFramework(map[string]any{
			"soc": "29-1141.00", "title": "ممرض مسجل \u202e👩‍🔬 Registered Nurse", "group": "الرعاية الصحية",
			"description": "עברית \u200fmixed\u200e text 🚑", "source": "https://example.org/?q=<x>&a=\"b\"", "attribution": "© 🩺",
		},
			hostileLevel{"🚀", "Rocket 🚀", []string{"قياس العلامات الحيوية — أداء تحت الإشراف"}},
			hostileLevel{"zeta", "Zeta", []string{"First"}},
			hostileLevel{"emerging", "Emerging", []string{"Second"}},
			hostileLevel{"index", "Index", []string{"Third"}},
		),
		"many.json": hostileFramework(map[string]any{"soc": "99-9999.99", "title": "Huge", "source": "x", "attribution": "a"},
			hostileLevel{"proficient", "Proficient", many}),
	}
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Build(context.Background(), Options{Source: src, Out: out, Defaults: testDefaults()}); err != nil {
		t.Fatal(err)
	}
	assertOnlyOutput(t, parent)

	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		checkNoInjection(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}

	// The text is shown literally.
	page := textContent(t, filepath.Join(out, "occupations", "11-0000.00", "emerging", "index.html"))
	for _, want := range []string{"<script>alert(1)</script>", `{{ printf "%s" 1 }}`, "<b>bold</b>", "Chief <script>"} {
		if !strings.Contains(page, want) {
			t.Errorf("level page does not show %q as text", want)
		}
	}
	// Levels keep the JSON order, odd keys get safe folders.
	occ := readFile(t, filepath.Join(out, "occupations", "29-1141.00", "index.html"))
	order := []string{"level-1/index.html", "zeta/index.html", "emerging/index.html", "index-2/index.html"}
	last := -1
	for _, o := range order {
		i := strings.Index(occ, o)
		if i < 0 || i < last {
			t.Fatalf("level %s missing or out of order on the occupation page", o)
		}
		last = i
	}
	if _, err := os.Stat(filepath.Join(out, "occupations", "11-0000.00", "weird-key-x", "index.html")); err != nil {
		t.Errorf("odd level key: %v", err)
	}
	huge := readFile(t, filepath.Join(out, "occupations", "99-9999.99", "proficient", "index.html"))
	if n := strings.Count(huge, `class="statement"`); n != 20000 {
		t.Errorf("huge level shows %d statements, want 20000", n)
	}
}

// checkNoInjection parses a page and fails on any script element, event
// handler attribute or script URL: ladder's own pages have none of these
// at this stage, so any found came from the input.
func checkNoInjection(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" && scriptIsInjected(n) {
				t.Errorf("%s: injected <script>", path)
			}
			if n.Data == "img" || n.Data == "b" {
				t.Errorf("%s: injected <%s>", path, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: event handler attribute %s=%q", path, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("%s: script URL %s=%q", path, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// scriptIsInjected reports whether a script element carries input text
// as code; ladder's own scripts never mention alert. JSON-LD may carry it
// as data, but then it must be valid JSON with every "<" escaped.
func scriptIsInjected(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && a.Val == "application/ld+json" {
			var text string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				text += c.Data
			}
			return !json.Valid([]byte(text)) || strings.Contains(text, "<")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if strings.Contains(c.Data, "alert(") {
			return true
		}
	}
	for _, a := range n.Attr {
		if a.Key == "src" && strings.Contains(a.Val, "alert") {
			return true
		}
	}
	return false
}

// TestHostileInputFails checks that malformed frameworks fail with the
// located error and that nothing is written anywhere.
func TestHostileInputFails(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"path escape", `{"occupation": {"soc": "../../evil", "title": "T"}, "framework": {"levels": {"a": {"label": "A", "statements": ["x"]}}}}`,
			`bad.json:1:24: occupation.soc: unsafe occupation code "../../evil": it must start with a letter, digit or underscore`},
		{"dot dot", `{"occupation": {"soc": "..", "title": "T"}, "framework": {"levels": {"a": {"label": "A", "statements": ["x"]}}}}`,
			`bad.json:1:24: occupation.soc: unsafe occupation code "..": it must start with a letter, digit or underscore`},
		{"backslash", `{"occupation": {"soc": "a\\b", "title": "T"}, "framework": {"levels": {"a": {"label": "A", "statements": ["x"]}}}}`,
			`bad.json:1:24: occupation.soc: unsafe occupation code "a\\b": only letters, digits, '.', '-' and '_' are allowed`},
		{"encoded dots", `{"occupation": {"soc": "%2e%2e", "title": "T"}, "framework": {"levels": {"a": {"label": "A", "statements": ["x"]}}}}`,
			`bad.json:1:24: occupation.soc: unsafe occupation code "%2e%2e": only letters, digits, '.', '-' and '_' are allowed`},
		{"wrong types", `{"occupation": {"soc": "x", "title": "T", "jobZone": "3"}, "framework": {"levels": {"a": {"label": "A", "statements": [null]}}}}`,
			`bad.json:1:54: occupation.jobZone: expected an integer, found string "3"`},
		{"truncated", `{"occupation": {"soc": "x", "title": "T"}, "framework": {"lev`, `bad.json:1:62: framework: unexpected end of file: the JSON is truncated`},
		{"empty", ``, `bad.json:1:1: empty file: expected a JSON object with "occupation" and "framework"`},
		{"null", `null`, `bad.json:1:1: expected a JSON object with "occupation" and "framework", found null`},
		{"array", `[]`, `bad.json:1:1: expected a JSON object with "occupation" and "framework", found an array`},
		{"invalid UTF-8", "{\"occupation\": {\"soc\": \"x\", \"title\": \"\xc3\x28\"}}", `bad.json:1:39: invalid UTF-8: the file must be saved as UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			dir := filepath.Join(src, "content", "frameworks")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			parent := t.TempDir()
			_, err := Build(context.Background(), Options{Source: src, Out: filepath.Join(parent, "public"), Defaults: testDefaults()})
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("want diagnostics, got %v", err)
			}
			if got := list[0].Error(); !strings.HasSuffix(got, tt.want) {
				t.Errorf("got  %s\nwant …%s", got, tt.want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 0 {
				t.Errorf("a failed build wrote %v", entries)
			}
			if _, err := os.Stat(filepath.Join(src, "..", "evil")); err == nil {
				t.Error("a file was written outside the output folder")
			}
		})
	}
}

// assertOnlyOutput checks that parent holds the output folder and nothing else.
func assertOnlyOutput(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "public" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output: %v", names)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// textContent returns the text of a page as a reader sees it.
func textContent(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return qa.Text(doc)
}
