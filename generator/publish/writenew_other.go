//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package publish

import "os"

// writeNew writes data to the file name, which must not exist.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
