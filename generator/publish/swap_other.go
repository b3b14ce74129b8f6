//go:build !linux

package publish

// swap puts the folder staging in place of out and returns where the
// previous output now is ("" if there was none).
func swap(staging, out string) (string, error) {
	return swapByRenames(staging, out)
}

// syncTree does nothing: without Linux's syncfs, flushing a whole tree
// would take an fsync per file.
func syncTree(string) error { return nil }

// syncDir does nothing: not every system can fsync a folder.
func syncDir(string) error { return nil }
