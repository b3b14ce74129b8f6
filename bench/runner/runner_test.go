package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-ssg/ladder/generator/load"
)

func seedFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../content/frameworks/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed frameworks: %v", err)
	}
	return files
}

// A replica decodes with ladder's own decoder, has the new code and title,
// and is otherwise the same framework, byte for byte outside the two values.
func TestReplicate(t *testing.T) {
	for _, file := range seedFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		orig, diags := load.DecodeFramework(file, data, true)
		if diags.Err() != nil {
			t.Fatal(diags.Err())
		}
		out, code, err := replicate(data, 7)
		if err != nil {
			t.Fatal(err)
		}
		rep, diags := load.DecodeFramework(file, out, true)
		if diags.Err() != nil {
			t.Fatalf("replica does not decode: %v", diags.Err())
		}
		if want := orig.Occupation.SOC + "-r7"; code != want || rep.Occupation.SOC != want {
			t.Errorf("code %q / %q, want %q", code, rep.Occupation.SOC, want)
		}
		if want := orig.Occupation.Title + " (set 7)"; rep.Occupation.Title != want {
			t.Errorf("title %q, want %q", rep.Occupation.Title, want)
		}
		rep.Occupation.SOC, rep.Occupation.Title = orig.Occupation.SOC, orig.Occupation.Title
		a, _ := json.Marshal(orig)
		b, _ := json.Marshal(rep)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: replica differs beyond code and title", file)
		}
		if got, want := len(out), len(data)+len("-r7")+len(" (set 7)"); got != want {
			t.Errorf("%s: replica is %d bytes, want %d", file, got, want)
		}
	}
}

func TestStringValueNested(t *testing.T) {
	data := []byte(`{"a": {"soc": 1, "x": [{"soc": "no"}], "title": "no"}, "occupation": {"levels": {"soc": "no"}, "soc":  "11-1011.00", "title": "T \u00e9"}}`)
	start, end, v, err := stringValue(data, "occupation", "soc")
	if err != nil || v != "11-1011.00" || string(data[start:end]) != `"11-1011.00"` {
		t.Errorf("soc: %q %q %v", v, data[start:end], err)
	}
	start, end, v, err = stringValue(data, "occupation", "title")
	if err != nil || v != "T é" || string(data[start:end]) != `"T \u00e9"` {
		t.Errorf("title: %q %q %v", v, data[start:end], err)
	}
	if _, _, _, err := stringValue(data, "occupation", "group"); err == nil {
		t.Error("missing key: no error")
	}
}

func TestSubset(t *testing.T) {
	var files []string
	for i := range 1016 {
		files = append(files, string(rune('a'+i%26))+string(rune(i)))
	}
	got := subset(files, 100)
	if len(got) != 100 || got[0] != files[0] || got[99] != files[99*1016/100] {
		t.Errorf("subset: %d files", len(got))
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []int64
		want int64
	}{{nil, 0}, {[]int64{3}, 3}, {[]int64{5, 1, 3}, 3}, {[]int64{4, 1, 3, 2}, 2}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

// The Hugo content has one occupation page and one page per level for
// each framework, with JSON front matter.
func TestHugoContent(t *testing.T) {
	dir := t.TempDir()
	if err := writeHugoContent(dir, seedFiles(t)); err != nil {
		t.Fatal(err)
	}
	var fm levelFM
	data, err := os.ReadFile(filepath.Join(dir, "occupations", "29-2012.00", "emerging.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &fm); err != nil || fm.Weight != 1 || len(fm.Statements) == 0 || fm.Statements[0].Performance == "" {
		t.Errorf("level front matter: %+v %v", fm, err)
	}
	for _, f := range []string{"_index.md", "occupations/_index.md", "occupations/29-2012.00/_index.md", "occupations/29-2012.00/29-2012.00.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// The trash moves folders out of the way without freeing anything, frees
// them all at once when emptied, and says when that was.
func TestTrash(t *testing.T) {
	work := t.TempDir()
	bin, err := newTrash(work)
	if err != nil {
		t.Fatal(err)
	}
	if !bin.emptied.IsZero() {
		t.Error("a fresh trash was emptied: the first run would wait for nothing")
	}
	out := filepath.Join(work, "out")
	for i := range 2 {
		if err := os.MkdirAll(filepath.Join(out, "a"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "a", "page.html"), []byte{byte(i)}, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := bin.discard(out, filepath.Join(work, "missing")); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("discard left %s: %v", out, err)
		}
	}
	held, _ := os.ReadDir(bin.dir)
	if len(held) != 2 || !bin.emptied.IsZero() {
		t.Fatalf("the trash holds %d folders, emptied %v; want 2, never", len(held), bin.emptied)
	}
	if err := bin.empty(); err != nil {
		t.Fatal(err)
	}
	held, _ = os.ReadDir(bin.dir)
	if len(held) != 0 || bin.emptied.IsZero() {
		t.Errorf("after empty the trash holds %d, emptied %v", len(held), bin.emptied)
	}
	// A trash an interrupted benchmark left is emptied at the start.
	if err := os.MkdirAll(filepath.Join(bin.dir, "9"), 0o755); err != nil {
		t.Fatal(err)
	}
	again, err := newTrash(work)
	if err != nil {
		t.Fatal(err)
	}
	if held, _ = os.ReadDir(again.dir); len(held) != 0 || again.emptied.IsZero() {
		t.Errorf("a left-over trash: %d entries after newTrash, emptied %v", len(held), again.emptied)
	}
	if err := again.roomFor(1); err != nil {
		t.Errorf("roomFor(1 byte): %v", err)
	}
}
