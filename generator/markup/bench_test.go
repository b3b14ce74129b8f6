package markup

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchDoc returns a content page of about 10 KB: headings, prose with
// emphasis, links and footnotes, lists, a table, a definition list and
// three fenced code blocks (Go, YAML, JSON).
func benchDoc() []byte {
	var b strings.Builder
	b.WriteString("# Registered Nurse: competency framework\n\n")
	para := "A registered nurse *assesses*, plans and evaluates care for patients, working with " +
		"[physicians](../physicians.md) and \"allied\" professionals -- see the guide[^g] for details. " +
		"Competence is shown at each level of the ladder, from supervised practice to leading a team.\n\n"
	for i := range 14 {
		fmt.Fprintf(&b, "## Level %d: Überblick für Pflegekräfte\n\n", i+1)
		b.WriteString(para)
		b.WriteString("- Follows **protocols** and escalates concerns\n- Documents care accurately\n- [x] Completed induction\n\n")
		if i == 2 {
			b.WriteString("| Level | Statement | Evidence |\n|:--|---|--:|\n")
			for j := range 6 {
				fmt.Fprintf(&b, "| %d | Applies `standard %d` in practice | %d |\n", j+1, j, j*10)
			}
			b.WriteString("\n")
		}
		if i == 4 {
			b.WriteString("Competency\n: A measurable pattern of knowledge, skills and behaviour.\n\n")
		}
	}
	b.WriteString("```go\n")
	for i := range 12 {
		fmt.Fprintf(&b, "// level%d returns the statement for level %d.\nfunc level%d(s []string) string {\n\tif len(s) > %d {\n\t\treturn s[%d]\n\t}\n\treturn \"\"\n}\n\n", i, i, i, i, i)
	}
	b.WriteString("```\n\n")
	b.WriteString("```yaml\n")
	for i := range 20 {
		fmt.Fprintf(&b, "- level: %d\n  title: \"Level %d\"  # comment\n  draft: false\n", i, i)
	}
	b.WriteString("```\n\n")
	b.WriteString("```json\n[\n")
	for i := range 20 {
		fmt.Fprintf(&b, "  {\"level\": %d, \"statements\": [\"a\", \"b\"], \"weight\": %d.5},\n", i, i)
	}
	b.WriteString("  {}\n]\n```\n\n")
	b.WriteString("[^g]: The framework guide, section 2.\n")
	return []byte(b.String())
}

func TestBenchDocSize(t *testing.T) {
	if n := len(benchDoc()); n < 9_000 || n > 12_000 {
		t.Errorf("benchmark document is %d bytes, want about 10 KB", n)
	}
	if n := strings.Count(string(benchDoc()), "```\n\n"); n != 3 {
		t.Errorf("benchmark document has %d code blocks, want 3", n)
	}
}

// BenchmarkRender renders the ~10 KB page. "warm" reuses one Renderer so
// its three code blocks come from the cache; "cold" disables the cache so
// chroma lexes every block every time; "nocode" is the page without its
// code blocks, for the cost of goldmark alone.
func BenchmarkRender(b *testing.B) {
	doc := benchDoc()
	noCode := doc[:strings.Index(string(doc), "```go")]
	cases := []struct {
		name string
		r    *Renderer
		src  []byte
	}{
		{"warm", New(), doc},
		{"cold", New(WithCodeCache(0)), doc},
		{"nocode", New(), noCode},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if _, err := c.r.Render(io.Discard, c.src); err != nil { // warms the cache
				b.Fatal(err)
			}
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.r.Render(io.Discard, c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
