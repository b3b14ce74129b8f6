// Package stored is test-only: it holds a folder of files a package keeps
// ahead of its builds (the minified default assets, the highlighted code
// blocks of the default content) to what the package makes of their
// inputs today, or rewrites the folder with -update.
package stored

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Folder is a folder of stored files: Dir in the embedded FS (as the
// package reads it) and on disk (relative to the package's test), the
// README it keeps beside the files, and the command that rewrites it.
type Folder struct {
	FS     fs.FS
	Dir    string
	Readme string
	Update string
}

// Hold reports an error for each file of f that want (name → bytes) does
// not hold, and for each wanted file f lacks or holds other bytes of;
// with update it rewrites f's folder on disk to hold want instead.
func (f Folder) Hold(t *testing.T, want map[string][]byte, update bool) {
	t.Helper()
	if update {
		f.rewrite(t, want)
		return
	}
	entries, err := fs.ReadDir(f.FS, f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; !ok && e.Name() != f.Readme {
			t.Errorf("%s/%s is made from no input today: %s", f.Dir, e.Name(), f.Update)
		}
	}
	for name, data := range want {
		got, err := fs.ReadFile(f.FS, f.Dir+"/"+name)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s/%s is missing or not what its input makes today: %s", f.Dir, name, f.Update)
		}
	}
}

// rewrite replaces every file of f's folder on disk, but its README, by
// want.
func (f Folder) rewrite(t *testing.T, want map[string][]byte) {
	t.Helper()
	old, err := os.ReadDir(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range old {
		if e.Name() != f.Readme {
			if err := os.Remove(filepath.Join(f.Dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, data := range want {
		if err := os.WriteFile(filepath.Join(f.Dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
