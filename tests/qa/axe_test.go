package qa

import (
	"strings"
	"testing"
)

func TestAxeGoodFixtureHasNoViolations(t *testing.T) {
	t.Parallel()
	src := AxeSource(t)
	b := NewBrowser(t)
	for _, page := range []string{"index.html", "about/team.html"} {
		for _, scheme := range []string{"light", "dark"} {
			if err := b.ColorScheme(scheme); err != nil {
				t.Fatal(err)
			}
			if err := b.Open("testdata/good/" + page); err != nil {
				t.Fatal(err)
			}
			vs, err := Axe(b.Context(), src)
			if err != nil {
				t.Fatal(err)
			}
			AssertNone(t, page+" ("+scheme+")", AxeFindings(page, vs))
		}
	}
}

func TestAxeBrokenFixtureIsReported(t *testing.T) {
	t.Parallel()
	src := AxeSource(t)
	b := NewBrowser(t)
	if err := b.Open("testdata/broken/index.html"); err != nil {
		t.Fatal(err)
	}
	vs, err := Axe(b.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]Violation{}
	for _, v := range vs {
		ids[v.ID] = v
		t.Logf("%s", v)
	}
	for _, want := range []string{"image-alt", "color-contrast"} {
		if _, ok := ids[want]; !ok {
			t.Errorf("axe did not report %s", want)
		}
	}
	if v, ok := ids["color-contrast"]; ok && (len(v.Nodes) == 0 || !strings.Contains(v.Nodes[0].HTML, "faint")) {
		t.Errorf("color-contrast should point at the .faint paragraph, got %+v", v.Nodes)
	}
	// A second run on the same page reuses the injected axe-core.
	if again, err := Axe(b.Context(), src); err != nil || len(again) != len(vs) {
		t.Errorf("second run: %d violations, err %v; first run had %d", len(again), err, len(vs))
	}
}

// TestAxeDarkModeContrast proves that emulating a dark colour scheme changes
// what axe checks: the page is fine in light mode and fails in dark mode.
func TestAxeDarkModeContrast(t *testing.T) {
	t.Parallel()
	src := AxeSource(t)
	b := NewBrowser(t)
	page := writePage(t, `<!DOCTYPE html><html lang="en"><title>t</title><style>
body{background:#fff;color:#111} @media (prefers-color-scheme: dark){body{background:#111;color:#333}}
</style><main><h1>Title</h1><p>Text</p></main>`)
	count := map[string]int{}
	for _, scheme := range []string{"light", "dark"} {
		if err := b.ColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		if err := b.Open(page); err != nil {
			t.Fatal(err)
		}
		vs, err := Axe(b.Context(), src)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			count[scheme+" "+v.ID]++
		}
	}
	if count["light color-contrast"] != 0 || count["dark color-contrast"] != 1 {
		t.Errorf("want color-contrast only in dark mode, got %v", count)
	}
}
