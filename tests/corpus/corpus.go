// Package corpus gives tests and benchmarks the shared 1,016-framework
// O*NET corpus, ../shared/corpus/onet-29.3 beside the repository.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the corpus folder. When it is missing the test fails under
// CI=true, where ../shared is always present, and is skipped elsewhere.
func Dir(tb testing.TB) string {
	tb.Helper()
	return Shared(tb, "corpus", "onet-29.3")
}

// Shared returns the folder ../shared/<parts…> beside the repository.
// When it is missing the test fails under CI=true, where ../shared is
// always present, and is skipped elsewhere.
func Shared(tb testing.TB, parts ...string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(append([]string{filepath.Dir(file), "..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s missing: %v", filepath.Join(parts...), err)
		}
		tb.Skipf("%s missing: %v", filepath.Join(parts...), err)
	}
	return dir
}

// Site returns a new site folder whose content/frameworks is a link to
// the corpus.
func Site(tb testing.TB) string {
	tb.Helper()
	corpus := Dir(tb)
	site := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(corpus, filepath.Join(site, "content", "frameworks")); err != nil {
		tb.Fatal(err)
	}
	return site
}
