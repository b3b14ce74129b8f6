package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// TestVersionHistory publishes two earlier versions of one framework
// beside the current one and follows the history links.
func TestVersionHistory(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(filepath.Join(dir, "archive"), 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../content/frameworks/29-2012.00.json")
	if err != nil {
		t.Fatal(err)
	}
	current := string(seed)
	v2 := strings.NewReplacer(
		`"version":"v.26.05"`, `"version":"v.26.04"`,
		`"exportedAt":"2026-05-15T12:38:05.819Z"`, `"exportedAt":"2026-04-01T09:00:00Z"`,
		`identify and handle under direct supervision`, `identify under direct supervision`,
		`"label":"Advanced"`, `"label":"Expert"`,
	).Replace(current)
	v1 := strings.NewReplacer(
		`"version":"v.26.04"`, `"version":"v.26.01"`,
		`"exportedAt":"2026-04-01T09:00:00Z"`, `"exportedAt":"2026-01-10T09:00:00Z"`,
	).Replace(v2)
	for name, body := range map[string]string{"29-2012.00.json": current, "archive/29-2012.00-v2.json": v2, "archive/29-2012.00-v1.json": v1} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := buildInto(t, src)
	qa.AssertNone(t, "links", qa.CheckLinksStatic(out))

	occ := text(t, filepath.Join(out, "occupations", "29-2012.00", "index.html"))
	for _, want := range []string{"Version history", "Current: v.26.05 (15 May 2026)", "v.26.04 (1 April 2026)", "v.26.01 (10 January 2026)", "What changed"} {
		if !strings.Contains(occ, want) {
			t.Errorf("occupation page lacks %q", want)
		}
	}
	changes := text(t, filepath.Join(out, "occupations", "29-2012.00", "changes", "v-26-05", "index.html"))
	for _, want := range []string{"What changed in v.26.05", "identify and handle under direct supervision", "Advanced"} {
		if !strings.Contains(changes, want) {
			t.Errorf("changes page lacks %q:\n%s", want, changes)
		}
	}
	// The reworded statement is struck where it stood in v.26.04 and
	// shown where it stands now; the static link check above holds the
	// anchors to ids on those pages.
	reworded := map[string]string{}
	walkElements(parse(t, filepath.Join(out, "occupations", "29-2012.00", "changes", "v-26-05", "index.html")), func(n *htmlNode) {
		if n.Data == "a" && (n.Parent.Data == "del" || n.Parent.Data == "ins") && n.Parent.Parent.Data == "li" && attr(n.Parent.Parent, "class") == "change-reworded" {
			reworded[n.Parent.Data] = attr(n, "href")
		}
	})
	if reworded["del"] != "../../versions/v-26-04/index.html#level-emerging-basic-laboratory-equipment-and-glassware" ||
		reworded["ins"] != "../../emerging/index.html#basic-laboratory-equipment-and-glassware" {
		t.Errorf("the reworded statement links %v", reworded)
	}
	var history []string
	for _, p := range []string{"changes/v-26-05", "changes/v-26-04", "versions/v-26-04", "versions/v-26-01"} {
		history = append(history, filepath.Join(out, "occupations", "29-2012.00", filepath.FromSlash(p), "index.html"))
	}
	qa.AssertNone(t, "Nu HTML Checker errors on the history pages", qa.ValidateHTML(t, history))
	archived := text(t, filepath.Join(out, "occupations", "29-2012.00", "versions", "v-26-04", "index.html"))
	if !strings.Contains(archived, "This is not the current framework") || !strings.Contains(archived, "Expert") {
		t.Errorf("archived version page: %s", archived)
	}
	if _, err := os.Stat(filepath.Join(out, "occupations", "29-2012.00", "versions", "v-26-01", "29-2012.00.json")); err != nil {
		t.Errorf("the earlier version's JSON is not published: %v", err)
	}
	// The modification notice links the list of changes.
	level := parse(t, filepath.Join(out, "occupations", "29-2012.00", "emerging", "index.html"))
	found := false
	walkElements(level, func(n *htmlNode) {
		if n.Data == "a" && attr(n, "href") == "../../../occupations/29-2012.00/changes/v-26-05/index.html" {
			found = true
		}
	})
	if !found {
		t.Error("the level page's modification notice does not link the list of changes")
	}
}

// walkElements calls f for every element below n.
func walkElements(n *htmlNode, f func(*htmlNode)) {
	if n.Type == elementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, f)
	}
}
