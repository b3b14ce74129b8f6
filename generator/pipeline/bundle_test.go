package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/paths"
)

// TestBundleHoldsEveryExport builds the seeds and reads the bulk
// download: it holds each framework's files as the site publishes them,
// byte for byte, and the site-wide Moodle and Canvas imports, which the
// site itself no longer publishes, each a CSV with a row for every
// framework's level.
func TestBundleHoldsEveryExport(t *testing.T) {
	out, _ := buildSite(t, t.TempDir(), Options{})
	zr, err := zip.OpenReader(filepath.Join(out, paths.Bundle))
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
	occupations := 0
	for name, data := range entries {
		if !strings.HasPrefix(name, "occupations/") {
			continue
		}
		occupations++
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
