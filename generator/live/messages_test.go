package live

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/watch"
	"github.com/ladder-ssg/ladder/templates"
)

// TestDescribe checks the words of the log line for a batch of saves.
func TestDescribe(t *testing.T) {
	src := filepath.FromSlash("/site")
	tests := []struct {
		batch watch.Batch
		want  string
	}{
		{watch.Batch{Paths: []string{filepath.FromSlash("/site/content/a.md")}}, "content/a.md"},
		{watch.Batch{Paths: []string{filepath.FromSlash("/site/a"), filepath.FromSlash("/site/b")}}, "2 files"},
		{watch.Batch{Rescan: true}, "many files"},
	}
	for _, tt := range tests {
		if got := describe(src, tt.batch); got != tt.want {
			t.Errorf("describe(%v) = %q, want %q", tt.batch, got, tt.want)
		}
	}
}

// syncBuffer is a log shared by the rebuild loop and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogNamesFilesAsTyped runs the loop on a site given as "." (as
// `ladder serve` does by default) and checks that an error names the file
// relative to it, as `ladder build` does, not by its absolute path.
func TestLogNamesFilesAsTyped(t *testing.T) {
	src := t.TempDir()
	bad := filepath.Join(src, "content", "frameworks", "bad.json")
	if err := os.MkdirAll(filepath.Dir(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`{"occupation": {"soc": 5}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(src)
	var log syncBuffer
	built := make(chan error, 10)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Build: pipeline.Options{Source: ".", Out: filepath.Join(t.TempDir(), "public"),
				Defaults: load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}},
			Log:   &log,
			Built: func(_ pipeline.Result, err error) { built <- err },
		})
	}()
	select {
	case <-built:
	case <-time.After(20 * time.Second):
		t.Fatal("no first build")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	out := log.String()
	if !strings.Contains(out, "\n  content/frameworks/bad.json:1:24: occupation.soc:") || strings.Contains(out, src) {
		t.Errorf("log names the file otherwise than as typed:\n%s", out)
	}
}
