package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
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
// empty or cut-short files that changed within Settle, and nothing else.
func TestSettle(t *testing.T) {
	const cut = `{"occupation": {"soc": "29-2012.00", "title": "T"}, "framework": {"levels": {`
	tests := []struct {
		name    string
		file    string // below content/
		data    string
		age     time.Duration // how long ago the file changed
		settle  time.Duration
		saving  bool   // whether the load reports it mid-save
		errWant string // otherwise, a diagnostic containing this, if any
	}{
		{"emptied just now", "frameworks/b.json", "", 0, time.Second, true, ""},
		{"half-written just now", "frameworks/b.json", cut, 0, time.Second, true, ""},
		{"empty page just now", "about.md", "", 0, time.Second, true, ""},
		{"emptied long ago", "frameworks/b.json", "", time.Hour, time.Second, false, "empty file"},
		{"half-written long ago", "frameworks/b.json", cut, time.Hour, time.Second, false, "truncated"},
		{"empty page long ago", "about.md", "", time.Hour, time.Second, false, ""},
		{"broken just now", "frameworks/b.json", `{"occupation": 3}`, 0, time.Second, false, "expected an object"},
		{"emptied just now, settle off", "frameworks/b.json", "", 0, 0, false, "empty file"},
		{"changed in the future", "frameworks/b.json", "", -time.Hour, time.Second, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "content/frameworks/a.json"), valid, time.Now().Add(-time.Hour))
			p := filepath.Join(dir, "content", tt.file)
			writeFile(t, p, tt.data, time.Now().Add(-tt.age))
			in, diags := Site(dir, Defaults{Templates: fstest.MapFS{}, Assets: fstest.MapFS{}}, Options{Settle: tt.settle})
			if got := in.Saving != nil; got != tt.saving {
				t.Fatalf("Saving = %v, want saving %v (diagnostics %v)", in.Saving, tt.saving, diags)
			}
			if tt.saving {
				if !strings.HasSuffix(in.Saving.Files[0], tt.file) || in.Saving.Until.Before(time.Now()) {
					t.Errorf("Saving = %+v", in.Saving)
				}
				var err error = in.Saving
				if !errors.As(err, new(*Saving)) || !strings.Contains(err.Error(), "being saved") {
					t.Errorf("error %v", err)
				}
			}
			if got := diags.Error(); tt.errWant != "" && !strings.Contains(got, tt.errWant) || tt.errWant == "" && len(diags.Errors()) > 0 {
				t.Errorf("diagnostics %q, want %q", got, tt.errWant)
			}
		})
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
