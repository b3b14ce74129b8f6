package publish

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// swap puts the folder staging in place of out and returns where the
// previous output now is ("" if there was none). Where the file system
// supports it, the two folders are exchanged atomically, so out always
// holds a complete site.
func swap(staging, out string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		// The previous output now lives at the staging path.
		return staging, syncDir(filepath.Dir(out))
	case errors.Is(err, unix.ENOENT):
		if _, serr := os.Lstat(out); !errors.Is(serr, os.ErrNotExist) {
			return "", &os.LinkError{Op: "renameat2", Old: staging, New: out, Err: err}
		}
		if err := os.Rename(staging, out); err != nil {
			return "", err
		}
		return "", syncDir(filepath.Dir(out))
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		// RENAME_EXCHANGE is not supported by this kernel or file system.
		return swapByRenames(staging, out)
	default:
		return "", &os.LinkError{Op: "renameat2", Old: staging, New: out, Err: err}
	}
}

// syncTree flushes the file system holding dir to disk, so that after a
// power loss the swapped-in site is not missing data. One syncfs costs far
// less than an fsync per file.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
