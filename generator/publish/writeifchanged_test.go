package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestWriteIfChanged(t *testing.T) {
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name        string
		existing    *string     // file content before, nil for none
		perm        os.FileMode // of the existing file
		data        string
		wantChanged bool
		wantPerm    os.FileMode
	}{
		{"new file", nil, 0, "hello", true, 0o644},
		{"same bytes", ptr("hello"), 0o644, "hello", false, 0o644},
		{"same size, other bytes", ptr("hellO"), 0o644, "hello", true, 0o644},
		{"longer", ptr("hi"), 0o644, "hello", true, 0o644},
		{"shorter", ptr("hello, world"), 0o644, "hello", true, 0o644},
		{"to empty", ptr("hello"), 0o644, "", true, 0o644},
		{"empty unchanged", ptr(""), 0o644, "", false, 0o644},
		{"keeps permissions", ptr("old"), 0o600, "new", true, 0o600},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "sub", "deeper", "index.html")
			if tc.existing != nil {
				mkfile(t, path, *tc.existing)
				if err := os.Chmod(path, tc.perm); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(path, old, old); err != nil {
					t.Fatal(err)
				}
			}
			changed, err := WriteIfChanged(path, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if changed != tc.wantChanged {
				t.Errorf("changed = %v, want %v", changed, tc.wantChanged)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tc.data {
				t.Fatalf("file holds %q, %v; want %q", got, err, tc.data)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != tc.wantPerm {
				t.Errorf("mode = %v, want %v", fi.Mode().Perm(), tc.wantPerm)
			}
			if !changed && !fi.ModTime().Equal(old) {
				t.Errorf("unchanged file was touched: mtime %v", fi.ModTime())
			}
			if names := names(t, filepath.Dir(path)); !slices.Equal(names, []string{"index.html"}) {
				t.Errorf("folder holds %v; want no temporary files left", names)
			}
		})
	}
}

func TestWriteIfChangedFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteIfChanged(dir, []byte("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("left %v behind", got)
	}
}

func TestWriteIfChangedReplacesSymlink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target"), filepath.Join(dir, "link")
	mkfile(t, target, "x")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if changed, err := WriteIfChanged(link, []byte("x")); err != nil || !changed {
		t.Fatalf("WriteIfChanged = %v, %v; want the link replaced", changed, err)
	}
	if fi, err := os.Lstat(link); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("link is now %v, %v; want a regular file", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "x" {
		t.Errorf("target changed to %q", b)
	}
}

func ptr(s string) *string { return &s }
