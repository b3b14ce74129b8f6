package gates_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// payload tries every way of running script from framework text.
const payload = `<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>" onmouseover="alert(4)" x="</textarea><script>alert(5)</script>{{ "\u003cscript\u003ealert(6)\u003c/script\u003e" }}`

// TestHostileTextRunsNoScript builds a framework whose every text field
// carries script injections, opens every page in Chromium and asserts that
// no dialog opened, nothing was logged as an error and no request left.
func TestHostileTextRunsNoScript(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fw := `{"occupation": {"soc": "11-1111.11", "title": ` + q(payload) + `, "group": ` + q(payload) + `, "sector": ` + q(payload) + `, "jobZone": 2},
"framework": {"version": ` + q(payload) + `, "description": ` + q(payload) + `, "contextCovered": "javascript:alert(7)",
  "levels": {` + q("x"+payload) + `: {"label": ` + q(payload) + `, "statements": [` + q(payload+" — "+payload) + `, "javascript:alert(8)"]}}},
"sources": {"onet": "v30.2 (CC BY 4.0)", "crosswalk": "javascript:alert(9)", ` + q(payload) + `: ` + q(payload) + `},
"attribution": ` + q(payload) + `}`
	if err := os.WriteFile(filepath.Join(dir, "x.json"), []byte(fw), 0o644); err != nil {
		t.Fatal(err)
	}
	site := buildSite(t, src)
	pages := filesWithExt(t, site, ".html")
	b := qa.NewBrowser(t)
	for _, p := range pages {
		b.Reset()
		if err := b.Open(p); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		qa.AssertNone(t, p+": console errors, dialogs and requests", b.Events().Findings())
	}
	if len(pages) < 10 {
		t.Fatalf("only %d pages", len(pages))
	}
	t.Logf("%d hostile pages opened, no script ran", len(pages))
}

func q(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch r {
		case '"', '\\':
			b = append(b, '\\', byte(r))
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}
