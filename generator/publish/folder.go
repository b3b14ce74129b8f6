package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Output is where a build puts its files: a Staging for a complete build
// swapped in at the end, or a Folder for a rebuild that updates the
// published site file by file.
type Output interface {
	// Dir is the folder the files are being written to.
	Dir() string
	// Put makes the file rel hold data and reports whether it wrote.
	Put(rel string, data []byte) (wrote bool, err error)
	// Create opens the file rel for streaming; it appears whole on Close
	// and not at all after Abort.
	Create(rel string) (Stream, error)
	// Finish completes the build: it swaps a staging folder in, or
	// removes the files gone lists from a folder updated in place.
	Finish(gone []string) error
	// Removed lists the files Finish or Remove deleted.
	Removed() []string
}

// Stream is a file being written by Create.
type Stream interface {
	io.WriteCloser
	// Abort drops what was written: the file is left as it was before
	// Create. It does nothing after Close.
	Abort()
}

// Put writes data to rel in the staging folder; every file of a staging
// folder is new, so it always writes.
func (s *Staging) Put(rel string, data []byte) (bool, error) {
	return true, s.WriteFile(rel, data)
}

// Finish commits the staging folder; a fresh folder has nothing to remove.
func (s *Staging) Finish([]string) error { return s.Commit() }

// Removed is empty: Commit replaces the whole output folder.
func (s *Staging) Removed() []string { return nil }

// Folder is a published output folder updated in place: each file that
// changes is written to a temporary file and renamed over the old one, so
// a server never reads half a file, and unchanged files keep their
// modification times. Safe for concurrent use.
type Folder struct {
	dir string

	mu   sync.Mutex
	gone []string
}

// InPlace returns the output folder dir, to be updated in place.
func InPlace(dir string) *Folder { return &Folder{dir: dir} }

// Dir returns the output folder.
func (f *Folder) Dir() string { return f.dir }

// Put makes the file rel hold data (see WriteIfChanged).
func (f *Folder) Put(rel string, data []byte) (bool, error) {
	name, err := f.path(rel)
	if err != nil {
		return false, err
	}
	return WriteIfChanged(name, data)
}

// Create opens rel for streaming through a temporary file beside it,
// renamed over it on Close.
func (f *Folder) Create(rel string) (Stream, error) {
	name, err := f.path(rel)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, fmt.Errorf("publish: create %s: %w", rel, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("publish: create %s: %w", rel, err)
	}
	return &atomicFile{partFile: partFile{f: tmp}, path: name}, nil
}

// Finish removes the files gone lists.
func (f *Folder) Finish(gone []string) error { return f.Remove(gone) }

// Remove deletes the files rels (slash-separated, relative) and the
// folders that leaves empty.
func (f *Folder) Remove(rels []string) error {
	var errs []error
	dirs := map[string]bool{}
	for _, rel := range rels {
		p, err := f.path(rel)
		if err == nil {
			err = os.Remove(p)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		f.mu.Lock()
		f.gone = append(f.gone, rel)
		f.mu.Unlock()
		for d := filepath.Dir(p); d != f.dir && strings.HasPrefix(d, f.dir); d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first, so a folder is empty once its subfolders are gone.
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool {
		return len(list[i]) > len(list[j]) || len(list[i]) == len(list[j]) && list[i] < list[j]
	})
	for _, d := range list {
		os.Remove(d) // fails, as it should, when the folder is not empty
	}
	return errors.Join(errs...)
}

// Removed lists the files Remove deleted.
func (f *Folder) Removed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.gone...)
}

// path returns the file rel inside the folder, refusing one outside it.
func (f *Folder) path(rel string) (string, error) {
	if !isCleanLocal(rel) || rel == MarkerName {
		return "", fmt.Errorf("publish: refusing to write %q outside the output folder: %w", rel, fs.ErrInvalid)
	}
	return filepath.Join(f.dir, filepath.FromSlash(rel)), nil
}

// atomicFile is a file written under a temporary name and renamed into
// place on Close, so readers never see it half written.
type atomicFile struct {
	partFile
	path string
}

func (a *atomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

func (a *atomicFile) Close() error {
	if !a.finish() {
		return nil
	}
	err := a.f.Close()
	if err == nil {
		err = os.Chmod(a.f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}
