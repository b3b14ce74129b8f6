package diff_test

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases are the crafted version pairs in testdata/NAME/{old,new}.json,
// each with the summary its diff must have; want.txt and want.md hold the
// whole Text and Markdown.
var goldenCases = []struct{ name, summary string }{
	{"no-change", "no changes"},
	{"add", "1 added"},
	{"remove", "1 removed"},
	{"move", "2 moved"},
	{"reword", "2 reworded"},
	{"relabel", "1 level relabelled"},
	{"level-added", "2 added; 1 level added"},
	{"level-removed", "3 removed; 1 level removed"},
	{"level-renamed", "1 level renamed, 1 level relabelled"},
	{"level-order", "1 level with statements reordered, level order changed"},
	{"metadata", "10 metadata changes"},
	{"escape", "3 added"},
	{"seed-edits", "1 added, 1 removed, 1 moved, 1 reworded; 1 level relabelled; 2 metadata changes"},
}

func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*/old.json")
	if len(dirs) != len(goldenCases) {
		t.Errorf("testdata has %d cases, the table %d", len(dirs), len(goldenCases))
	}
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join("testdata", tt.name)
			d := diff.Frameworks(decode(t, filepath.Join(dir, "old.json")), decode(t, filepath.Join(dir, "new.json")))
			if got := d.Counts().String(); got != tt.summary {
				t.Errorf("summary %q, want %q", got, tt.summary)
			}
			if d.Empty() != (tt.name == "no-change") {
				t.Errorf("Empty() = %v", d.Empty())
			}
			golden(t, filepath.Join(dir, "want.txt"), d.Text())
			golden(t, filepath.Join(dir, "want.md"), d.Markdown())
		})
	}
}

func decode(t testing.TB, name string) *framework.Framework {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := load.DecodeFramework(name, data, true)
	if f == nil {
		t.Fatalf("%s: %v", name, diags)
	}
	return f
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// TestPlaces holds every change of the golden cases to the statements it
// names: OldAt is where Old is in the old version and NewAt where New is
// in the new, each set exactly when the change has that side.
func TestPlaces(t *testing.T) {
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join("testdata", tt.name)
			old, new := decode(t, filepath.Join(dir, "old.json")), decode(t, filepath.Join(dir, "new.json"))
			for _, l := range diff.Frameworks(old, new).Levels {
				for _, c := range l.Changes {
					hasOld := c.Kind != diff.Added
					hasNew := c.Kind != diff.Removed
					checkPlace(t, c, "old", old, c.OldAt, c.Old, hasOld)
					checkPlace(t, c, "new", new, c.NewAt, c.New, hasNew)
				}
			}
		})
	}
}

func checkPlace(t *testing.T, c diff.Change, side string, f *framework.Framework, at *diff.Place, text string, want bool) {
	t.Helper()
	switch {
	case at == nil && want:
		t.Errorf("%s %q: no %s place", c.Kind, text, side)
	case at != nil && !want:
		t.Errorf("%s: a %s place %+v", c.Kind, side, *at)
	case at != nil:
		if got := f.Levels[at.Level].Statements[at.Index].Text; got != text {
			t.Errorf("%s: the %s place %+v holds %q, want %q", c.Kind, side, *at, got, text)
		}
	}
}

// TestLines holds how a level's changes are shown: runs of three or more
// unchanged statements collapse into one line, shorter runs are listed.
func TestLines(t *testing.T) {
	u, a := diff.Change{Kind: diff.Unchanged}, diff.Change{Kind: diff.Added}
	tests := []struct {
		changes []diff.Change
		want    string // a change per letter: u, a; a digit for a collapsed run
	}{
		{nil, ""},
		{[]diff.Change{u, u}, "uu"},
		{[]diff.Change{u, u, u}, "3"},
		{[]diff.Change{a, u, u, u, u, a, u, u, a}, "a4auua"},
		{[]diff.Change{u, u, u, a, u, u, u}, "3a3"},
	}
	for _, tt := range tests {
		var got string
		for _, line := range (diff.LevelDiff{Changes: tt.changes}).Lines() {
			switch {
			case line.Change == nil:
				got += strconv.Itoa(line.Collapsed)
			case line.Change.Kind == diff.Unchanged:
				got += "u"
			default:
				got += "a"
			}
		}
		if got != tt.want {
			t.Errorf("lines %q, want %q", got, tt.want)
		}
	}
}
