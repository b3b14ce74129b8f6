package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/paths"
)

// TestBundleHoldsEveryFramework builds the seeds and reads the bulk
// download: it holds each framework's file as the site publishes it,
// byte for byte, and no other format of it, and the site-wide Moodle and
// Canvas imports, which the site itself does not publish, each a CSV
// with a row for every framework's level.
func TestBundleHoldsEveryFramework(t *testing.T) {
	out, _ := buildSite(t, t.TempDir(), Options{})
	entries := readZip(t, filepath.Join(out, paths.Bundle))
	files, err := filepath.Glob(filepath.Join(out, "occupations", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(out, f)
		if name := filepath.ToSlash(rel); !strings.HasSuffix(name, ".case.json") && entries[name] == nil {
			t.Errorf("the bundle lacks %s", name)
		}
	}
	occupations := 0
	for name, data := range entries {
		if !strings.HasPrefix(name, "occupations/") {
			continue
		}
		occupations++
		if !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".case.json") {
			t.Errorf("the bundle holds %s, not a framework's file", name)
		}
		published, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("the bundle holds %s, which the site does not publish: %v", name, err)
		} else if !bytes.Equal(published, data) {
			t.Errorf("the bundle's %s differs from the published file", name)
		}
	}
	if occupations == 0 {
		t.Fatal("the bundle holds no framework's files")
	}
	for _, name := range []string{paths.BundleMoodle, paths.BundleCanvas} {
		data, ok := entries[name]
		if !ok {
			t.Errorf("the bundle lacks %s", name)
			continue
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil || len(rows) < 10 {
			t.Errorf("%s: %d rows, %v", name, len(rows), err)
		}
		if _, err := os.Stat(filepath.Join(out, "downloads", name)); err == nil {
			t.Errorf("the site publishes %s beside the bundle", name)
		}
	}
}

// readZip reads every entry of the zip file at name.
func readZip(t *testing.T, name string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries[f.Name] = data
	}
	return entries
}

// TestDataScriptsByGroup builds two occupations of one group and one of
// another: the site publishes a data script per group, holding its
// members; the site-wide SCORM course holds the group's script, and an
// occupation's own package, at the same path, its record alone.
func TestDataScriptsByGroup(t *testing.T) {
	src := t.TempDir()
	codes := []string{"11-1011.00", "11-1021.00", "13-1011.00"}
	for i, code := range codes {
		writeFile(t, filepath.Join(src, "content/frameworks", code+".json"), plainFramework(code, "Greeters "+strconv.Itoa(i), "Front of House", 2))
	}
	out, _ := buildSite(t, src, Options{})
	group := paths.AssessData(codes[0])
	if group != paths.AssessData(codes[1]) || group == paths.AssessData(codes[2]) {
		t.Fatalf("groups %s, %s, %s", group, paths.AssessData(codes[1]), paths.AssessData(codes[2]))
	}
	scripts, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(paths.AssessFolder), "*.js"))
	if err != nil || len(scripts) != 2 {
		t.Errorf("data scripts %v, want one a group (%v)", scripts, err)
	}
	// A record is the code, then the object (the related occupations
	// name other codes).
	holds := func(where string, script []byte, want ...string) {
		for _, code := range codes {
			if got := bytes.Contains(script, []byte(`"`+code+`",{`)); got != slices.Contains(want, code) {
				t.Errorf("%s holds %s: %v", where, code, got)
			}
		}
	}
	holds("the published "+group, []byte(readOut(t, out, group)), codes[0], codes[1])
	holds("the site course's "+group, readZip(t, filepath.Join(out, paths.SiteSCORM))[group], codes[0], codes[1])
	holds(codes[1]+"'s package's "+group, readZip(t, filepath.Join(out, paths.SCORM(codes[1])))[group], codes[1])
}
