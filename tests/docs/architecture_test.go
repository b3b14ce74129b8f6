package docs_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/ladder-ssg/ladder/generator/"

// TestImportGraph holds the data flow of ARCHITECTURE.md: leaves import
// no stage, the model and render are built from decoded input and never
// import load, render never imports publish, no stage imports the recipe
// or the faces above it.
func TestImportGraph(t *testing.T) {
	rules := []struct {
		pkg       string
		forbidden []string
	}{
		{"diag", []string{"framework", "load", "site", "render", "build"}},
		{"ids", []string{"diag", "framework", "load", "site", "render", "build"}},
		{"framework", []string{"diag", "load", "site", "render", "build"}},
		{"config", []string{"load", "site", "render", "build"}},
		{"markup", []string{"load", "site", "render", "build", "publish"}},
		{"transform", []string{"load", "site", "render", "build", "publish"}},
		{"publish", []string{"load", "site", "render", "build", "transform"}},
		{"watch", []string{"load", "site", "render", "build", "serve"}},
		{"lms", []string{"load", "site", "render", "build", "export"}},
		{"relate", []string{"load", "site", "render", "build"}},
		{"diff", []string{"load", "site", "render", "build"}},
		{"load", []string{"site", "render", "build", "publish"}},
		{"site", []string{"load", "render", "build", "publish", "export", "search"}},
		{"render", []string{"load", "publish", "build", "cli", "live", "serve"}},
		{"export", []string{"render", "publish", "build"}},
		{"preflight", []string{"render", "publish", "build", "lms", "cli"}},
		{"search", []string{"render", "publish", "build"}},
		{"serve", []string{"build", "load", "site", "render"}},
		{"build", []string{"cli", "live", "serve", "watch"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", module+r.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", r.pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, f := range r.forbidden {
			if deps[module+f] {
				t.Errorf("%s imports %s, against the data flow of ARCHITECTURE.md", r.pkg, f)
			}
		}
	}
}
