package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-ssg/ladder/tests/corpus"
)

// corpusSite makes a site folder whose content/frameworks is the shared
// 1,016-framework corpus.
func corpusSite(tb testing.TB) string { return corpus.Site(tb) }

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

// BenchmarkIncrementalCorpus times a quick rebuild after one framework of
// the 1,016-framework corpus changed: the serve loop's work between a save
// and the reload event. The full build that follows it runs untimed.
func BenchmarkIncrementalCorpus(b *testing.B) { benchmarkIncremental(b, false, true) }

// BenchmarkIncrementalSettleCorpus times the quick rebuild and the full
// build after it: from a save until the search index, downloads and
// related pages are up to date too.
func BenchmarkIncrementalSettleCorpus(b *testing.B) { benchmarkIncremental(b, true, true) }

// BenchmarkIncrementalWatchCorpus is IncrementalSettleCorpus for `ladder
// build --watch`, whose full builds remake the site-wide packages and the
// bulk download too.
func BenchmarkIncrementalWatchCorpus(b *testing.B) { benchmarkIncremental(b, true, false) }

func benchmarkIncremental(b *testing.B, settle, preview bool) {
	corpus := corpusSite(b)
	// Copy the corpus so one file can be edited.
	src := b.TempDir()
	files, _ := filepath.Glob(filepath.Join(corpus, "content", "frameworks", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		dst := filepath.Join(src, "content", "frameworks", filepath.Base(f))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	target := filepath.Join(src, "content", "frameworks", "29-2011.00.json")
	orig, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	sess := NewSession(Options{Source: src, Out: filepath.Join(b.TempDir(), "public"), Defaults: testDefaults(), Preview: preview})
	if _, err := sess.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	var quick, full Result
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		i++
		edited := bytes.Replace(orig, []byte(" — "), []byte(fmt.Sprintf(" — (edit %d) ", i)), 1)
		if err := os.WriteFile(target, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if quick, err = sess.Quick(context.Background()); err != nil {
			b.Fatal(err)
		}
		if !settle {
			b.StopTimer()
		}
		if full, err = sess.Build(context.Background()); err != nil {
			b.Fatal(err)
		}
		if !settle {
			b.StartTimer()
		}
	}
	r := quick
	if settle {
		r.Rendered += full.Rendered
		r.Written += full.Written
		r.BytesWritten += full.BytesWritten
	}
	b.ReportMetric(float64(r.Rendered), "pages-rendered")
	b.ReportMetric(float64(r.Written), "files-written")
	b.ReportMetric(float64(r.BytesWritten), "bytes-written")
}
