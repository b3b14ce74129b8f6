package publish

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder staging in place of out and returns where the
// previous output now is ("" if there was none). Where the file system
// supports it, the two folders are exchanged in one step, so out always
// holds a complete site.
func swap(staging, out string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return staging, nil // the previous output now lives at the staging path
	case errors.Is(err, unix.ENOENT):
		if _, serr := os.Lstat(out); !errors.Is(serr, os.ErrNotExist) {
			break
		}
		return "", os.Rename(staging, out)
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		// This kernel or file system cannot exchange.
		return swapByRenames(staging, out)
	case errors.Is(err, unix.EXDEV), errors.Is(err, unix.EBUSY):
		return "", fmt.Errorf("%w (is the output folder a mount point? It must be renamed, so point --out at a folder inside the mount)",
			&os.LinkError{Op: "renameat2", Old: staging, New: out, Err: err})
	}
	return "", &os.LinkError{Op: "renameat2", Old: staging, New: out, Err: err}
}
