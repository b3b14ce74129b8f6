package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// corpusSite makes a site folder whose content/frameworks is the shared
// 1,016-framework corpus, skipping when the corpus is not beside the repo.
func corpusSite(tb testing.TB) string {
	tb.Helper()
	corpus, err := filepath.Abs("../../../shared/corpus/onet-29.3")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("corpus missing: %v", err)
		}
		tb.Skipf("corpus missing: %v", err)
	}
	dir := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(corpus, filepath.Join(dir, "content", "frameworks")); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func benchmarkBuild(b *testing.B, source string, minify bool) {
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		res, err := Build(context.Background(), Options{Source: source, Out: out, NoMinify: !minify, Defaults: testDefaults()})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
}

func BenchmarkBuildSeeds(b *testing.B)          { benchmarkBuild(b, b.TempDir(), true) }
func BenchmarkBuildCorpus(b *testing.B)         { benchmarkBuild(b, corpusSite(b), true) }
func BenchmarkBuildCorpusNoMinify(b *testing.B) { benchmarkBuild(b, corpusSite(b), false) }
