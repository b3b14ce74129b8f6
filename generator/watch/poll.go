package watch

import (
	"io/fs"
	"path/filepath"
	"time"
)

// fileVersion is what polling compares: a file whose size or modification
// time differs from the last snapshot has changed.
type fileVersion struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
}

func (v fileVersion) same(o fileVersion) bool {
	return v.size == o.size && v.mode == o.mode && v.mtime.Equal(o.mtime)
}

// scan takes a snapshot of every wanted file below the roots.
func (w *Watcher) scan() map[string]fileVersion {
	snap := make(map[string]fileVersion)
	for _, root := range w.roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone, or unreadable: absent from the snapshot
			}
			if path != root && !w.wanted(path) || w.excluded(path) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			snap[path] = fileVersion{size: fi.Size(), mtime: fi.ModTime(), mode: fi.Mode()}
			return nil
		})
	}
	return snap
}

// poll adds to p every file created, changed or removed since the last
// snapshot.
func (w *Watcher) poll(p *pending) {
	snap := w.scan()
	for path, v := range snap {
		if old, ok := w.snap[path]; !ok || !old.same(v) {
			p.add(path)
		}
	}
	for path := range w.snap {
		if _, ok := snap[path]; !ok {
			p.add(path)
		}
	}
	w.snap = snap
}
