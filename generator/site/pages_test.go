package site_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestPages holds the page list of the three-occupation fixture with a
// content page to testdata/pages.txt: every page's kind, path, title and
// crumb trail, in the order of the list. Paths are unique.
func TestPages(t *testing.T) {
	s := model(t, input([]occ{labTech, phlebotomist, programmer}, map[string]string{"about.md": "# About"}))
	var b strings.Builder
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if seen[p.Path] {
			t.Errorf("two pages at %s", p.Path)
		}
		seen[p.Path] = true
		crumbs := paths(p.Crumbs, func(c site.Crumb) string { return c.Path })
		fmt.Fprintf(&b, "%-11s %s %q [%s]\n", p.Kind, p.Path, p.Title, crumbs)
	}
	const golden = "testdata/pages.txt"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("the page list differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}
