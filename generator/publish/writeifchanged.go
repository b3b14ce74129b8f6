package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteIfChanged makes the file at path hold data and reports whether it had
// to write. A file that already holds exactly data is left alone, keeping its
// modification time. Otherwise data goes to a temporary file in the same
// folder that is then renamed over path, so readers see the old or the new
// content, never a mix; missing parent folders are created. The file keeps
// its permissions, and a new one gets 0644. Nothing is fsynced.
func WriteIfChanged(path string, data []byte) (changed bool, err error) {
	perm := fs.FileMode(0o644)
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return false, fmt.Errorf("publish: write %s: is a folder", path)
	case err == nil && fi.Mode().IsRegular():
		perm = fi.Mode().Perm()
		if fi.Size() == int64(len(data)) {
			same, err := sameBytes(path, data)
			if err != nil {
				return false, fmt.Errorf("publish: %w", err)
			}
			if same {
				return false, nil
			}
		}
	case err == nil: // a symbolic link or other special file: replace it
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return false, fmt.Errorf("publish: %w", err)
		}
	default:
		return false, fmt.Errorf("publish: %w", err)
	}
	if err := replaceFile(path, data, perm); err != nil {
		return false, fmt.Errorf("publish: write %s: %w", path, err)
	}
	return true, nil
}

// replaceFile writes data to a temporary file beside path and renames it
// over path.
func replaceFile(path string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
