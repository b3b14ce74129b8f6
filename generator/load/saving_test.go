package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladder-ssg/ladder/generator/diag"
)

func TestPartialJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", true},
		{"white space and BOM", "\xEF\xBB\xBF \n", true},
		{"cut in an object", `{"occupation": {"soc": "x"`, true},
		{"cut in a string", `{"occupation": {"soc": "x`, true},
		{"cut in a UTF-8 sequence", "{\"a\": \"caf\xc3", true},
		{"whole", valid, false},
		{"whole but wrong type", `{"occupation": 3}`, false},
		{"syntax error before the end", `{"a",, "b"`, false},
		{"invalid UTF-8 inside", "{\"a\": \"\xff\"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := partialJSON([]byte(tt.in)); got != tt.want {
				t.Errorf("partialJSON(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestSettle checks which files a load with Settle takes to be mid-save:
// empty or cut-short files, until they have been seen unchanged for
// Settle; and nothing else.
func TestSettle(t *testing.T) {
	const cut = `{"occupation": {"soc": "29-2012.00", "title": "T"}, "framework": {"levels": {`
	const settle = 100 * time.Millisecond
	tests := []struct {
		name    string
		file    string // below content/
		data    string
		saving  bool // whether the first load takes it to be mid-save
		settle  time.Duration
		noCache bool
		errWant string // the diagnostic once settled, if any
	}{
		{"emptied", "frameworks/b.json", "", true, settle, false, "empty file"},
		{"half-written", "frameworks/b.json", cut, true, settle, false, "truncated"},
		{"empty page", "about.md", "", true, settle, false, ""},
		{"broken", "frameworks/b.json", `{"occupation": 3}`, false, settle, false, "expected an object"},
		{"emptied, settle off", "frameworks/b.json", "", false, 0, false, "empty file"},
		{"emptied, no cache", "frameworks/b.json", "", false, settle, true, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "content/frameworks/a.json"), valid, time.Now().Add(-time.Hour))
			writeFile(t, filepath.Join(dir, "content", tt.file), tt.data, time.Now().Add(-time.Hour))
			// The test's own clock: a load under -race on a busy machine
			// may take longer than settle by the wall clock.
			clock := time.Now()
			opts := Options{Settle: tt.settle, Cache: NewCache()}
			opts.Cache.now = func() time.Time { return clock }
			if tt.noCache {
				opts.Cache = nil
			}
			load := func() (*Input, diag.List) {
				return Site(dir, Defaults{Templates: fstest.MapFS{}, Assets: fstest.MapFS{}}, opts)
			}
			in, diags := load()
			if got := in.Saving != nil; got != tt.saving {
				t.Fatalf("Saving = %v, want saving %v (diagnostics %v)", in.Saving, tt.saving, diags)
			}
			if tt.saving {
				var err error = in.Saving
				if !strings.HasSuffix(in.Saving.Files[0], tt.file) || !in.Saving.Until.After(clock) || len(diags.Errors()) > 0 ||
					!errors.As(err, new(*Saving)) || !strings.Contains(err.Error(), "being saved") {
					t.Fatalf("Saving = %+v (%v), diagnostics %v", in.Saving, err, diags)
				}
				if in, _ = load(); in.Saving == nil {
					t.Fatal("the second look, before it settled, did not wait")
				}
				clock = in.Saving.Until
				if in, diags = load(); in.Saving != nil {
					t.Fatalf("still saving after it settled: %+v", in.Saving)
				}
			}
			if got := diags.Error(); tt.errWant != "" && !strings.Contains(got, tt.errWant) || tt.errWant == "" && len(diags.Errors()) > 0 {
				t.Errorf("diagnostics %q, want %q", got, tt.errWant)
			}
		})
	}
}

// TestCacheSeesSameSizeEdits checks that a file saved again within the
// clock's granularity, with the same size and modification time, is not
// taken from the cache.
func TestCacheSeesSameSizeEdits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "content/frameworks/a.json")
	stamp := time.Now().Truncate(time.Second)
	writeFile(t, p, valid, stamp)
	opts := Options{Cache: NewCache()}
	defaults := Defaults{Templates: fstest.MapFS{}, Assets: fstest.MapFS{}}
	if in, diags := Site(dir, defaults, opts); len(in.Frameworks) != 1 || diags.Err() != nil {
		t.Fatalf("first load: %v", diags)
	}
	writeFile(t, p, strings.Replace(valid, "Technicians", "Technicianz", 1), stamp)
	in, _ := Site(dir, defaults, opts)
	if got := in.Frameworks[0].Occupation.Title; got != "Technicianz" {
		t.Errorf("title %q: the cache served the earlier version", got)
	}
}

// writeFile writes data at p, and dates it changed.
func writeFile(t *testing.T, p, data string, changed time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, changed, changed); err != nil {
		t.Fatal(err)
	}
}
