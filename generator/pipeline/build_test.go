package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// buildSite builds source into a fresh output folder and returns it.
func buildSite(t *testing.T, source string, opts Options) (string, Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	opts.Source, opts.Out, opts.Defaults = source, out, testDefaults()
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return out, res
}

// buildOver makes a fresh build of source, as `ladder build` does, over a
// copy of the output folder out: it reads the same list of earlier pages
// (redirect.ManifestName), so makes the same redirects. It returns the
// copy.
func buildOver(t *testing.T, source, out string) string {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "public")
	if err := os.CopyFS(fresh, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Source: source, Out: fresh, Defaults: testDefaults()}); err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return fresh
}

func TestGoldenPages(t *testing.T) {
	// An empty site folder builds the embedded default content: the seeds.
	out, _ := buildSite(t, t.TempDir(), Options{NoMinify: true, BaseURL: "https://example.org/frameworks/"})
	for golden, page := range map[string]string{
		"occupation.html": "occupations/29-2012.00/index.html",
		"level.html":      "occupations/29-2012.00/proficient/index.html",
	} {
		got, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "golden", golden)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run `go test ./generator/pipeline -update` and review the diff if the change is intended\n%s", page, path, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, wl, gl)
		}
	}
	return ""
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildSite(t, t.TempDir(), Options{})
	b, _ := buildSite(t, t.TempDir(), Options{})
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Fatalf("two builds of the same input differ")
	}
}

func TestFailedBuildLeavesPreviousSiteUnchanged(t *testing.T) {
	src := t.TempDir()
	fwDir := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(fwDir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := fs.ReadFile(testDefaults().Content, "frameworks/19-4021.00.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fwDir, "19-4021.00.json"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: src, Out: out, Defaults: testDefaults()}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, out)

	// Break the input two ways at once: both errors are reported, nothing is written.
	if err := os.WriteFile(filepath.Join(fwDir, "broken.json"), []byte(`{"occupation": {"soc": "x"`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fwDir, "dup.json"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), opts)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want 2 diagnostics, got %v", err)
	}
	if !strings.Contains(list[0].Error(), "broken.json:1:27: occupation: unexpected end of file") ||
		!strings.Contains(list[1].Error(), `dup.json:1:84: occupation.soc: duplicate occupation code "19-4021.00": `) {
		t.Errorf("diagnostics:\n%v", list)
	}
	if after := treeHash(t, out); after != before {
		t.Fatal("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("a failed build left %d entries beside the output: %v", len(entries), entries)
	}
}

func TestBuildRemovesStaleFiles(t *testing.T) {
	out, _ := buildSite(t, t.TempDir(), Options{})
	stale := filepath.Join(out, "occupations", "gone", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Source: t.TempDir(), Out: out, Defaults: testDefaults()}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale file survived a rebuild: %v", err)
	}
}

// treeHash hashes every file's path and content below dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, n)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
		h.Write(data)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
