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
		{"diag", []string{"framework", "load", "site", "render", "pipeline"}},
		{"ids", []string{"diag", "framework", "load", "site", "render", "pipeline"}},
		{"paths", []string{"diag", "ids", "framework", "load", "site", "render", "pipeline"}},
		{"framework", []string{"diag", "load", "site", "render", "pipeline"}},
		{"config", []string{"load", "site", "render", "pipeline"}},
		{"markup", []string{"load", "site", "render", "pipeline", "publish"}},
		{"transform", []string{"load", "site", "render", "pipeline", "publish"}},
		{"publish", []string{"load", "site", "render", "pipeline", "transform"}},
		{"watch", []string{"load", "site", "render", "pipeline", "serve"}},
		{"lms", []string{"load", "site", "render", "pipeline", "export"}},
		{"relate", []string{"load", "site", "render", "pipeline"}},
		{"diff", []string{"load", "site", "render", "pipeline"}},
		{"load", []string{"site", "render", "pipeline", "publish"}},
		{"site", []string{"load", "render", "pipeline", "publish", "export", "search"}},
		{"render", []string{"load", "publish", "pipeline", "cli", "live", "serve"}},
		{"export", []string{"render", "publish", "pipeline"}},
		{"preflight", []string{"render", "publish", "pipeline", "lms", "cli"}},
		{"search", []string{"render", "publish", "pipeline"}},
		{"serve", []string{"pipeline", "load", "site", "render"}},
		{"pipeline", []string{"cli", "live", "serve", "watch"}},
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
