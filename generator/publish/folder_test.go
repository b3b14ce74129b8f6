package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestFolderPutAndRemove(t *testing.T) {
	dir := t.TempDir()
	f := InPlace(dir)
	for _, rel := range []string{"a/b/page.html", "a/other.html", "top.txt"} {
		if wrote, err := f.Put(rel, []byte(rel)); err != nil || !wrote {
			t.Fatalf("Put(%s) = %v, %v; want a write", rel, wrote, err)
		}
	}
	if wrote, err := f.Put("top.txt", []byte("top.txt")); err != nil || wrote {
		t.Errorf("Put of the same bytes = %v, %v; want no write", wrote, err)
	}
	if err := f.Finish([]string{"a/b/page.html", "missing.html"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "b")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder its last file left is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "other.html")); err != nil {
		t.Errorf("a file not removed is gone: %v", err)
	}
	got := f.Removed()
	slices.Sort(got)
	if want := []string{"a/b/page.html", "missing.html"}; !slices.Equal(got, want) {
		t.Errorf("Removed = %v, want %v", got, want)
	}
}

func TestFolderRefusesPathsOutside(t *testing.T) {
	f := InPlace(t.TempDir())
	for _, rel := range []string{"../x", "/etc/x", "a/../../x", "", MarkerName} {
		if _, err := f.Put(rel, nil); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Put(%q) = %v, want fs.ErrInvalid", rel, err)
		}
		if _, err := f.Create(rel); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Create(%q) = %v, want fs.ErrInvalid", rel, err)
		}
	}
}

// A stream that fails half-way must leave the good file it was to replace.
func TestFolderCreateAbortKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	f := InPlace(dir)
	if _, err := f.Put("d/bundle.zip", []byte("good")); err != nil {
		t.Fatal(err)
	}
	s, err := f.Create("d/bundle.zip")
	if err != nil {
		t.Fatal(err)
	}
	s.Write([]byte("half"))
	s.Abort()
	if err := s.Close(); err != nil {
		t.Errorf("Close after Abort: %v", err)
	}
	assertFolder(t, dir, map[string]string{"d/bundle.zip": "good"})

	s, err = f.Create("d/bundle.zip")
	if err != nil {
		t.Fatal(err)
	}
	s.Write([]byte("new"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertFolder(t, dir, map[string]string{"d/bundle.zip": "new"})
}

// assertFolder checks that dir holds exactly the files of want, no
// temporary files beside them.
func assertFolder(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			data, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(data)
		}
		return err
	})
	if len(got) != len(want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s holds %q, want %q", k, got[k], v)
		}
	}
}
