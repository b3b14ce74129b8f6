package publish

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// A rebuild mostly writes what the previous build wrote. A file whose bytes
// are unchanged is hard-linked from the previous output instead: the
// previous output stays intact until the swap, the file keeps its
// modification time (so rsync and bucket sync tools skip it), and no inode
// is allocated or freed. That last part matters on ext4 without a journal,
// where creating a file shortly after thousands were deleted scans past
// every recently freed inode: a full rebuild took twice the time of a
// build into a fresh folder.

// compareBuffers holds the buffers sameBytes reads old files into.
var compareBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// linkUnchanged hard-links the previous output's rel to name, in the
// staging folder, when it is a regular file holding exactly data, and
// reports whether it did. Any failure means "write it instead"; a link
// the file system refuses stops further attempts.
func (s *Staging) linkUnchanged(rel, name string, data []byte) bool {
	if s.prev == "" || s.noLinks.Load() {
		return false
	}
	old := filepath.Join(s.prev, filepath.FromSlash(rel))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	if same, err := sameBytes(old, data); err != nil || !same {
		return false
	}
	if err := os.Link(old, name); err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrExist) {
			s.noLinks.Store(true) // no hard links here (FAT, some network shares)
		}
		return false
	}
	return true
}

// sameBytes reports whether the file at path holds exactly data.
func sameBytes(path string, data []byte) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	bufp := compareBuffers.Get().(*[]byte)
	defer compareBuffers.Put(bufp)
	buf := *bufp
	for {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data)+1)])
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false, nil
		}
		data = data[n:]
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return len(data) == 0, nil
		case err != nil:
			return false, err
		}
	}
}
