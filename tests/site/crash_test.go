package site_test

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildLeavesPreviousSite builds the real ladder binary, publishes
// the default site, then starts a large build into the same folder and
// kills it with SIGKILL half-way. The previous site must be intact byte for
// byte, and the next build must succeed and clean up after the killed one.
func TestKilledBuildLeavesPreviousSite(t *testing.T) {
	corpus, err := filepath.Abs(corpusSource)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "ladder")
	if out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(tmp, "site", "public")
	empty := filepath.Join(tmp, "empty") // no content/: the default site
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(bin, "build", "--source", empty, "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := hashTree(t, out)

	big := filepath.Join(tmp, "big")
	if err := os.MkdirAll(filepath.Join(big, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(corpus, filepath.Join(big, "content", "frameworks")); err != nil {
		t.Fatal(err)
	}
	for attempt := 0; attempt < 3; attempt++ {
		cmd := exec.Command(bin, "build", "--source", big, "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once the staging folder holds some pages but not all.
		written := waitForStagedFiles(t, filepath.Dir(out), 200, 20*time.Second)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if after := hashTree(t, out); after != before {
			t.Fatalf("attempt %d: the killed build (after %d staged files) changed the published site", attempt, written)
		}
	}
	if b, err := exec.Command(bin, "build", "--source", empty, "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("build after the kill: %v\n%s", err, b)
	}
	if after := hashTree(t, out); after != before {
		t.Error("rebuilding the same input gave a different site")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("leftovers beside the output after the next build: %v", names)
	}
}

// waitForStagedFiles polls the staging folders beside the output until
// they hold at least n files, and returns how many they hold.
func waitForStagedFiles(t *testing.T, parent string, n int, timeout time.Duration) int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		count := 0
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if strings.Contains(e.Name(), "ladder-staging") {
				filepath.WalkDir(filepath.Join(parent, e.Name()), func(_ string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						count++
					}
					return nil
				})
			}
		}
		if count >= n {
			return count
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the build staged fewer than %d files within %s", n, timeout)
	return 0
}

// hashTree hashes every path and file below dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	var files []string
	if err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(f, dir), len(data))
		h.Write(data)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
