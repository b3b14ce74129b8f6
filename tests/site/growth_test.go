package site_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ladder-ssg/ladder/generator/pipeline"
)

// TestOutputGrowsLinearly builds evenly spread subsets of the corpus of n
// and 2n frameworks and checks that twice the frameworks make about twice
// the files and bytes, and that the files a framework stay within a
// bound that a page per related pair would cross: a comparison is one
// page the browser fills. The site-wide files (assets, indexes, the
// search shards) are a fixed part, so the ratios sit a little under 2;
// anything per pair of occupations would push them over.
func TestOutputGrowsLinearly(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusSource, "*.json"))
	if len(files) < 160 {
		if os.Getenv("CI") == "true" {
			t.Fatal("corpus missing")
		}
		t.Skip("corpus missing")
	}
	sort.Strings(files)
	const n = 80
	size := func(count int) pipeline.Result {
		src := t.TempDir()
		dir := filepath.Join(src, "content", "frameworks")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < count; i++ {
			f := files[i*len(files)/count]
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Out: filepath.Join(t.TempDir(), "public"), Defaults: defaults()})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	small, large := size(n), size(2*n)
	fileRatio := float64(large.Files) / float64(small.Files)
	byteRatio := float64(large.Bytes) / float64(small.Bytes)
	t.Logf("%d frameworks: %d files, %d bytes; %d: %d files, %d bytes; ratios %.3f and %.3f",
		n, small.Files, small.Bytes, 2*n, large.Files, large.Bytes, fileRatio, byteRatio)
	if fileRatio < 1.8 || fileRatio > 2.05 {
		t.Errorf("files grow by %.3f for twice the frameworks, want about 2 (1.8–2.05)", fileRatio)
	}
	if byteRatio < 1.8 || byteRatio > 2.05 {
		t.Errorf("bytes grow by %.3f for twice the frameworks, want about 2 (1.8–2.05)", byteRatio)
	}
	// Each framework has 6 pages, an embed view, 7 data files and
	// packages and its share of the shared-skill pages: 20 at 160
	// frameworks. A page per related pair (about 5 a framework, as
	// comparisons once were) would cross the line.
	if perFramework := float64(large.Files) / (2 * n); perFramework > 21 {
		t.Errorf("%.1f files a framework, want at most 21", perFramework)
	}
}
