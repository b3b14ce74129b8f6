package live

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/serve"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

// BenchmarkSaveToReload measures, on a copy of the 1,016-framework corpus
// served by the live loop, the time from saving one framework to the
// reload event reaching a connected client, with the watcher's default
// timing (a 5ms save window, see watch.WithDebounce): the save window,
// the quick rebuild and the event. The full build that follows each quick
// one finishes, untimed, before the next save.
func BenchmarkSaveToReload(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpus.Dir(b), "*.json"))
	benchmarkSaveToReload(b, files, "29-2011.00.json", performanceEdit)
}

// BenchmarkSaveToReloadTopic is BenchmarkSaveToReload with the edit in a
// statement's topic, which moves what relations are made of: the quick
// rebuild relates the occupations afresh.
func BenchmarkSaveToReloadTopic(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpus.Dir(b), "*.json"))
	benchmarkSaveToReload(b, files, "29-2011.00.json", topicEdit)
}

// An edit is the i-th change made to a framework file's text.
type edit func(orig string, i int) string

// performanceEdit changes a statement's performance text, which leaves
// the relations in place (see relate.Relations.Fits).
func performanceEdit(orig string, i int) string {
	return strings.Replace(orig, " — ", fmt.Sprintf(" — (edit %d) ", i), 1)
}

// topicEdit changes the topic of the first statement.
func topicEdit(orig string, i int) string {
	return strings.Replace(orig, `"statements": ["`, fmt.Sprintf(`"statements": ["Edit %d `, i), 1)
}

// BenchmarkSaveToReloadSeeds is BenchmarkSaveToReload on the default
// site: the two real frameworks of content/frameworks.
func BenchmarkSaveToReloadSeeds(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "frameworks", "*.json"))
	benchmarkSaveToReload(b, files, "29-2012.00.json", performanceEdit)
}

// benchmarkSaveToReload serves a site of the framework files and saves
// the one named target, edited, again and again.
func benchmarkSaveToReload(b *testing.B, files []string, target string, change edit) {
	if len(files) == 0 {
		b.Fatal("no framework files")
	}
	src := b.TempDir()
	dir := filepath.Join(src, "content", "frameworks")
	os.MkdirAll(dir, 0o755)
	for _, f := range files {
		data, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	target = filepath.Join(dir, target)
	orig, _ := os.ReadFile(target)
	if change(string(orig), 0) == string(orig) {
		b.Fatalf("%s has nothing to edit", target)
	}

	ready := make(chan string, 1)
	built := make(chan pipeline.Result, 10)
	settled := make(chan pipeline.Result, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go Run(ctx, Options{
		Build:   pipeline.Options{Source: src, Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}, Preview: true},
		Serve:   true,
		Addr:    "127.0.0.1:0",
		Ready:   func(url string) { ready <- url },
		Built:   func(r pipeline.Result, _ error) { built <- r },
		Settled: func(r pipeline.Result, _ error) { settled <- r },
	})
	url := <-ready
	<-built
	resp, err := http.Get(strings.TrimSuffix(url, "/") + serve.EventsPath)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if l := sc.Text(); strings.HasPrefix(l, "event: ") {
				events <- strings.TrimPrefix(l, "event: ")
			}
		}
	}()
	for ev := range events {
		if ev == "hello" {
			break
		}
	}
	var last pipeline.Result
	var latencies, rebuilds []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		edited := change(string(orig), i)
		saved := time.Now()
		if err := os.WriteFile(target, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		for ev := range events {
			if ev == "reload" {
				break
			}
		}
		latencies = append(latencies, time.Since(saved))
		last = <-built
		rebuilds = append(rebuilds, last.Duration)
		if os.Getenv("LADDER_BENCH_STEPS") != "" {
			b.Log(last.Duration, last.Steps)
		}
		b.StopTimer()
		<-settled
		// The full build may reload the comparisons it rendered.
		for drained := false; !drained; {
			select {
			case <-events:
			case <-time.After(20 * time.Millisecond):
				drained = true
			}
		}
		b.StartTimer()
	}
	// Medians and the 90th percentile, as one slow iteration (a garbage
	// collection, a busy neighbour) moves the mean.
	b.ReportMetric(ms(percentile(latencies, 50)), "ms-p50")
	b.ReportMetric(ms(percentile(latencies, 90)), "ms-p90")
	b.ReportMetric(ms(percentile(rebuilds, 50)), "ms-rebuild-p50")
	b.ReportMetric(float64(last.BytesWritten), "bytes-written")
	b.ReportMetric(float64(last.Rendered), "pages-rendered")
}

// percentile returns the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)*p+99)/100-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
