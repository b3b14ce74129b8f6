package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// treeHash hashes every name, type, permission and byte under dir, so two
// equal hashes mean the trees are identical.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), info.Mode())
		switch {
		case info.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%x\n", sha256.Sum256(b))
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\n", target)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("hash %s: %v", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readTree returns the regular files under dir by slash-separated path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return files
}

// names lists the entries of dir.
func names(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// build publishes files to out in one Open, WriteFile…, Commit.
func build(t testing.TB, out string, files map[string]string) {
	t.Helper()
	s, err := Open(out)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	for rel, data := range files {
		if err := s.WriteFile(rel, []byte(data)); err != nil {
			t.Fatalf("WriteFile: %v", err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
}

// withMarker returns files plus the marker file Commit adds.
func withMarker(files map[string]string) map[string]string {
	out := map[string]string{MarkerName: markerContent}
	for k, v := range files {
		out[k] = v
	}
	return out
}

func assertTree(t testing.TB, dir string, want map[string]string) {
	t.Helper()
	got := readTree(t, dir)
	for rel, data := range want {
		if g, ok := got[rel]; !ok {
			t.Errorf("%s: missing", rel)
		} else if g != data {
			t.Errorf("%s: got %q, want %q", rel, g, data)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("%s: unexpected file", rel)
		}
	}
}

var siteV1 = map[string]string{
	"index.html":                          "<h1>v1</h1>",
	"css/site.css":                        "body{}",
	"occupations/engineer/index.html":     "engineer v1",
	"occupations/engineer/l1/index.html":  "level 1",
	"occupations/old-role/index.html":     "soon gone",
	"downloads/framework.csv":             "a,b\n",
	".well-known/security.txt":            "Contact: x",
	"occupations/engineer/skills/a/b.txt": "deep",
}

var siteV2 = map[string]string{
	"index.html":                      "<h1>v2</h1>",
	"css/site.css":                    "body{margin:0}",
	"occupations/engineer/index.html": "engineer v2",
}

func TestCommitFreshBuild(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  func(root string) string
	}{
		{"parent exists", func(root string) string { return filepath.Join(root, "site") }},
		{"parent missing", func(root string) string { return filepath.Join(root, "a", "b", "site") }},
		{"relative path", func(root string) string {
			t.Chdir(root)
			return "site"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			out := tc.out(root)
			s, err := Open(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(filepath.Base(s.Dir()), ".site.ladder-staging-") {
				t.Errorf("staging folder %s is not named after the output", s.Dir())
			}
			var size int64
			for rel, data := range siteV1 {
				if err := s.WriteFile(rel, []byte(data)); err != nil {
					t.Fatal(err)
				}
				size += int64(len(data))
			}
			if files, bytes := s.Stats(); files != len(siteV1) || bytes != size {
				t.Errorf("Stats() = %d, %d; want %d, %d", files, bytes, len(siteV1), size)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			assertTree(t, out, withMarker(siteV1))
			if got := names(t, filepath.Dir(out)); !slices.Equal(got, []string{"site"}) {
				t.Errorf("beside the output: %v, want only site", got)
			}
			if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
				t.Errorf("output folder mode = %v, %v; want 0755", fi.Mode(), err)
			}
		})
	}
}

func TestRebuildRemovesStaleFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	build(t, out, siteV1)
	build(t, out, siteV2)
	assertTree(t, out, withMarker(siteV2))
	if _, err := os.Stat(filepath.Join(out, "occupations", "old-role")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale folder survived: %v", err)
	}
	if got := names(t, filepath.Dir(out)); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output: %v, want only site", got)
	}
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(t *testing.T, out string) // prepares out
		unmarked  bool                           // error wraps ErrUnmarked
		wantInErr []string
	}{
		{"unmarked folder with files", func(t *testing.T, out string) {
			mkfile(t, filepath.Join(out, "thesis.tex"), "precious")
			mkfile(t, filepath.Join(out, "chapters", "one.tex"), "also precious")
		}, true, []string{"refusing to replace folder", "site", "delete it or choose another --out"}},
		{"only a hidden file", func(t *testing.T, out string) {
			mkfile(t, filepath.Join(out, ".git", "HEAD"), "ref: main")
		}, true, []string{MarkerName}},
		{"marker is a folder", func(t *testing.T, out string) {
			mkfile(t, filepath.Join(out, MarkerName, "x"), "")
		}, true, nil},
		{"out is a file", func(t *testing.T, out string) {
			mkfile(t, out, "not a folder")
		}, false, []string{"exists and is not a folder", "--out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "site")
			tc.setup(t, out)
			before := treeHash(t, root)
			s, err := Open(out)
			if err == nil {
				s.Abort()
				t.Fatal("Open succeeded")
			}
			if got := errors.Is(err, ErrUnmarked); got != tc.unmarked {
				t.Errorf("errors.Is(err, ErrUnmarked) = %v, want %v (err: %v)", got, tc.unmarked, err)
			}
			for _, want := range append(tc.wantInErr, out) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if after := treeHash(t, root); after != before {
				t.Error("Open changed the folder it refused")
			}
		})
	}
}

func TestOpenRejectsBadOutDir(t *testing.T) {
	for _, out := range []string{"", "/", filepath.VolumeName(os.TempDir()) + string(filepath.Separator)} {
		if s, err := Open(out); err == nil {
			s.Abort()
			t.Errorf("Open(%q) succeeded", out)
		}
	}
}

func mkfile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAcceptsEmptyFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := os.Mkdir(out, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}
	build(t, out, siteV2)
	assertTree(t, out, withMarker(siteV2))
	if fi, err := os.Stat(out); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o750) {
		t.Errorf("output folder mode = %v, %v; want the previous 0750 kept", fi.Mode(), err)
	}
}

func TestWriteFilePaths(t *testing.T) {
	tests := []struct {
		rel string
		ok  bool
	}{
		{"index.html", true},
		{"a/b/c/index.html", true},
		{".well-known/security.txt", true},
		{"..hidden", true},
		{"a/..b", true},
		{"sub/" + MarkerName, true},
		{"", false},
		{".", false},
		{"..", false},
		{"../x", false},
		{"../../etc/passwd", false},
		{"/abs", false},
		{"/", false},
		{"a/../../b", false},
		{"a/../b", false},
		{"a/..", false},
		{"./a", false},
		{"a/./b", false},
		{"a/", false},
		{"a//b", false},
		{`a\b`, false},
		{`..\x`, false},
		{"a\x00b", false},
		{MarkerName, false},
	}
	root := t.TempDir()
	out := filepath.Join(root, "site")
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	s2, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Abort()
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.rel), func(t *testing.T) {
			err := s.WriteFile(tc.rel, []byte("x"))
			if tc.ok != (err == nil) {
				t.Fatalf("WriteFile(%q) = %v, want ok=%v", tc.rel, err, tc.ok)
			}
			if err != nil && !errors.Is(err, fs.ErrInvalid) {
				t.Errorf("error %v does not wrap fs.ErrInvalid", err)
			}
			w, err := s2.Create(tc.rel)
			if tc.ok != (err == nil) {
				t.Fatalf("Create(%q) = %v, want ok=%v", tc.rel, err, tc.ok)
			}
			if err == nil {
				w.Close()
			} else if !errors.Is(err, fs.ErrInvalid) {
				t.Errorf("error %v does not wrap fs.ErrInvalid", err)
			}
		})
	}
	// Nothing may appear beside the staging folders, nor above them.
	want := []string{filepath.Base(s.Dir()), filepath.Base(s2.Dir())}
	slices.Sort(want)
	if got := names(t, root); !slices.Equal(got, want) {
		t.Errorf("beside the output: %v, want only the staging folders", got)
	}
}

func TestWriteFileTwice(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/index.html", []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second write: %v, want fs.ErrExist", err)
	}
	if _, err := s.Create("a/index.html"); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a written file: %v, want fs.ErrExist", err)
	}
	if files, _ := s.Stats(); files != 1 {
		t.Errorf("Stats files = %d, want 1", files)
	}
}

func TestCreateStreams(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Create("downloads/framework.zip")
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if _, err := io.WriteString(w, "0123456789"); err != nil {
			t.Fatal(err)
		}
	}
	if files, _ := s.Stats(); files != 0 {
		t.Errorf("Stats counted an open file")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if files, bytes := s.Stats(); files != 1 || bytes != 1000 {
		t.Errorf("Stats() = %d, %d; want 1, 1000", files, bytes)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, out, withMarker(map[string]string{"downloads/framework.zip": strings.Repeat("0123456789", 100)}))
}

// A stream that fails half-way leaves nothing in the staging folder, and
// is not counted.
func TestCreateAbort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Create("downloads/framework.zip")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "half")
	w.Abort()
	if err := w.Close(); err != nil {
		t.Errorf("Close after Abort: %v", err)
	}
	if files, _ := s.Stats(); files != 0 {
		t.Errorf("Stats counted an aborted file")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, out, withMarker(map[string]string{}))
}

func TestAbortLeavesPreviousSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "site")
	build(t, out, siteV1)
	before := treeHash(t, out)

	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	for rel := range siteV1 { // overwrite every name, and add more
		if err := s.WriteFile(rel, []byte("half-built")); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.WriteFile("new/page.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := treeHash(t, out); after != before {
		t.Error("Abort changed the previous site")
	}
	if got := names(t, root); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output: %v, want only site", got)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("second Abort: %v", err)
	}
	if err := s.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if err := s.WriteFile("late.html", nil); err == nil {
		t.Error("WriteFile after Abort succeeded")
	}
	if after := treeHash(t, out); after != before {
		t.Error("calls after Abort changed the previous site")
	}
}

func TestAbortAfterCommitDoesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("index.html", []byte("hi")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	assertTree(t, out, withMarker(map[string]string{"index.html": "hi"}))
}

func TestCommitRechecksOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "site")
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("index.html", []byte("hi")); err != nil {
		t.Fatal(err)
	}
	mkfile(t, filepath.Join(out, "mine.txt"), "someone else's") // appears mid-build
	if err := s.Commit(); !errors.Is(err, ErrUnmarked) {
		t.Fatalf("Commit: %v, want ErrUnmarked", err)
	}
	assertTree(t, out, map[string]string{"mine.txt": "someone else's"})
	if got := names(t, root); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output: %v, want only site", got)
	}
}

func TestOpenRemovesLeftovers(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "site")
	build(t, out, siteV1)
	before := treeHash(t, out)
	leftovers := []string{
		".site.ladder-staging-0123456789abcdef",
		".site.ladder-old-fedcba9876543210",
	}
	kept := []string{
		".site.ladder-staging-notrandom",                         // not one of ours
		".site2.ladder-staging-0123456789abcdef",                 // another output's
		".site.ladder-staging-x.ladder-staging-0123456789abcdef", // output "site.ladder-staging-x"
		"site-notes",
	}
	for _, name := range append(slices.Clone(leftovers), kept...) {
		mkfile(t, filepath.Join(root, name, "index.html"), "junk")
	}
	mkfile(t, filepath.Join(root, ".site.ladder-staging-aaaaaaaaaaaaaaaa"), "a file, not a folder")
	kept = append(kept, ".site.ladder-staging-aaaaaaaaaaaaaaaa")

	running, err := Open(out) // a build still in progress must keep its folder
	if err != nil {
		t.Fatal(err)
	}
	defer running.Abort()
	if err := running.WriteFile("index.html", []byte("running")); err != nil {
		t.Fatal(err)
	}
	if locks := lockDir(t.TempDir()) != nil; locks {
		kept = append(kept, filepath.Base(running.Dir()))
	}

	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	got := names(t, root)
	for _, name := range leftovers {
		if slices.Contains(got, name) {
			t.Errorf("leftover %s not removed", name)
		}
	}
	for _, name := range kept {
		if !slices.Contains(got, name) {
			t.Errorf("%s was removed", name)
		}
	}
	if after := treeHash(t, out); after != before {
		t.Error("Open changed the previous site")
	}
	if err := running.WriteFile("more.html", []byte("still running")); err != nil {
		t.Errorf("the running build lost its folder: %v", err)
	}
}

func TestOpenRestoresOutputMovedAside(t *testing.T) {
	// A build killed between the two renames of swapByRenames leaves the
	// output missing and the previous site under an old name.
	root := t.TempDir()
	out := filepath.Join(root, "site")
	build(t, out, siteV1)
	before := treeHash(t, out)
	if err := os.Rename(out, filepath.Join(root, ".site.ladder-old-0123456789abcdef")); err != nil {
		t.Fatal(err)
	}
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := treeHash(t, out); after != before {
		t.Error("previous site not restored")
	}
	if got := names(t, root); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output: %v, want only site", got)
	}
}

func TestSwapByRenames(t *testing.T) {
	for _, exists := range []bool{true, false} {
		t.Run(fmt.Sprintf("out exists %v", exists), func(t *testing.T) {
			root := t.TempDir()
			out, staging := filepath.Join(root, "site"), filepath.Join(root, "staging")
			mkfile(t, filepath.Join(staging, "index.html"), "new")
			if exists {
				mkfile(t, filepath.Join(out, "index.html"), "old")
			}
			old, err := swapByRenames(staging, out)
			if err != nil {
				t.Fatal(err)
			}
			assertTree(t, out, map[string]string{"index.html": "new"})
			if !exists {
				if old != "" {
					t.Errorf("old = %q, want none", old)
				}
				return
			}
			if !hasSuffixOf(filepath.Base(old), ".site.ladder-old-") {
				t.Errorf("old = %q, not an old-folder name", old)
			}
			assertTree(t, old, map[string]string{"index.html": "old"})
		})
	}
}

func TestSymlinkedOutput(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "www", "site")
	link := filepath.Join(root, "public")
	build(t, real, siteV1)
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	build(t, link, siteV2)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", fi.Mode(), err)
	}
	assertTree(t, real, withMarker(siteV2))
}

func TestConcurrentWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	build(t, out, siteV1)
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 16, 100
	want := map[string]string{}
	for w := range workers {
		for i := range each {
			want[fmt.Sprintf("d%d/e%d/w%d-%d.html", i%5, i%3, w, i)] = fmt.Sprintf("%d-%d", w, i)
		}
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				rel := fmt.Sprintf("d%d/e%d/w%d-%d.html", i%5, i%3, w, i)
				data := fmt.Sprintf("%d-%d", w, i)
				if i%10 == 0 {
					f, err := s.Create(rel)
					if err == nil {
						_, err = io.WriteString(f, data)
						if cerr := f.Close(); err == nil {
							err = cerr
						}
					}
					if err != nil {
						t.Error(err)
					}
					continue
				}
				if err := s.WriteFile(rel, []byte(data)); err != nil {
					t.Error(err)
				}
				s.Stats()
			}
		})
	}
	wg.Wait()
	var size int64
	for _, v := range want {
		size += int64(len(v))
	}
	if files, bytes := s.Stats(); files != len(want) || bytes != size {
		t.Errorf("Stats() = %d, %d; want %d, %d", files, bytes, len(want), size)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, out, withMarker(want))
}

func BenchmarkWriteFiles(b *testing.B) {
	const files, size = 5000, 8 << 10
	data := make([]byte, size)
	for i := range data {
		data[i] = byte('a' + i%26)
	}
	rel := make([]string, files)
	for i := range rel {
		rel[i] = fmt.Sprintf("occupations/o%03d/level-%d/index.html", i/20, i%20)
	}
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "site")
			b.SetBytes(files * size)
			for b.Loop() {
				s, err := Open(out)
				if err != nil {
					b.Fatal(err)
				}
				var wg sync.WaitGroup
				for w := range workers {
					wg.Go(func() {
						for i := w; i < files; i += workers {
							if err := s.WriteFile(rel[i], data); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				if err := s.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
