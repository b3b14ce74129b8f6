package host

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// someFiles makes n files of size bytes each, spread over folders of 100.
func someFiles(n int, size int64) map[string]int64 {
	m := make(map[string]int64, n)
	for i := range n {
		m[fmt.Sprintf("occupations/o%d/p%d.html", i/100, i)] = size
	}
	return m
}

func TestMeasure(t *testing.T) {
	u := Measure(map[string]int64{
		"index.html":             10,
		"a/index.html":           20,
		"a/b/index.html":         300,
		"a/b/x.json":             5,
		"a/b/y.json":             5,
		"compare/p/q/index.html": 7,
	})
	want := Usage{Files: 6, Folders: 5, Bytes: 347, Largest: "a/b/index.html", LargestBytes: 300, Fullest: "a/b", FullestFiles: 3,
		Parts: []Part{{"a/", 4, 330}, {"/", 1, 10}, {"compare/", 1, 7}}}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("Measure = %+v, want %+v", u, want)
	}
}

func TestCheck(t *testing.T) {
	cloudflare, _ := Lookup("cloudflare-pages")
	github, _ := Lookup("github-pages")
	gitlab, _ := Lookup("gitlab-pages")
	netlify, _ := Lookup("netlify")
	big := someFiles(10, 1)
	big["downloads/all.zip"] = 30 << 20
	folder := someFiles(1, 1)
	for i := range 54_001 {
		folder[fmt.Sprintf("embed/%d.html", i)] = 1
	}
	tests := []struct {
		name   string
		host   Limits
		sizes  map[string]int64
		over   []string // substrings of the message, in order
		totals bool     // over a limit on files or bytes in all
	}{
		{"fits exactly", cloudflare, someFiles(20_000, 1000), nil, false},
		{"one file over", cloudflare, someFiles(20_001, 1000), []string{"20,001 files, the limit is 20,000", "largest parts: occupations/ (20,001 files, 20.0 MB)"}, true},
		{"a file too big", cloudflare, big, []string{"downloads/all.zip is 30 MiB, the limit for a file is 25 MiB"}, false},
		{"bytes over", github, someFiles(10_000, 120_000), []string{"1.20 GB in all, the limit is 1 GB"}, true},
		{"entries", gitlab, someFiles(199_000, 1), []string{"200,991 files and folders, the limit is 200,000"}, true},
		{"folder", netlify, folder, []string{`folder "/embed" holds 54,001 files, the limit for a folder is 54,000`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := Measure(tt.sizes)
			err := tt.host.Check(u)
			if tt.over == nil {
				if err != nil {
					t.Fatalf("Check: %v, want nil", err)
				}
				return
			}
			var tooBig *TooBig
			if !errors.As(err, &tooBig) {
				t.Fatalf("Check = %v, want *TooBig", err)
			}
			msg := err.Error()
			for _, s := range append(tt.over, tt.host.Sources...) {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q lacks %q", msg, s)
				}
			}
			if !strings.HasSuffix(msg, ". No output that ladder.toml can switch off would make it fit") {
				t.Errorf("message %q does not say nothing would fit", msg)
			}
			if got := tt.host.OverTotals(u); got != tt.totals {
				t.Errorf("OverTotals = %v, want %v", got, tt.totals)
			}
			tooBig.Fix = []string{"bundle", "csv"}
			if msg := tooBig.Error(); !strings.HasSuffix(msg, ". It would fit with bundle = false, csv = false in ladder.toml's [outputs]") {
				t.Errorf("with Fix: %q", msg)
			}
		})
	}
}

func TestTotals(t *testing.T) {
	gitlab, _ := Lookup("gitlab-pages")
	if files, bytes := gitlab.Totals(Usage{Folders: 1_000}); files != 199_000 || bytes != 1_000_000_000 {
		t.Errorf("GitLab's totals for 1,000 folders = %d files, %d bytes; want 199,000 and 1 GB", files, bytes)
	}
}

func TestLookup(t *testing.T) {
	for _, name := range Names() {
		l, err := Lookup(name)
		if err != nil || l.Name != name || len(l.Sources) == 0 {
			t.Errorf("Lookup(%q) = %+v, %v", name, l, err)
		}
	}
	if _, err := Lookup("geocities"); err == nil || !strings.Contains(err.Error(), "cloudflare-pages, github-pages") {
		t.Errorf("Lookup(geocities) error = %v", err)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{
		999: "999 B", 1_500: "1.5 kB", 25 << 20: "25 MiB", 1_000_000_000: "1 GB",
		1_234_000_000: "1.23 GB", 5 << 40: "5 TiB", 31_457_280 + 1: "31.5 MB",
	} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
