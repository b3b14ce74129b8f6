package lms

import (
	"os"
	"runtime"
	"sync"
)

// Spill keeps the files a Compressor compresses in a temporary file
// rather than in memory: a session of a large site holds hundreds of
// megabytes of them (every page, script and export its packages and
// bundle zip), read again only when a zip is written. Safe for
// concurrent use.
type Spill struct {
	mu  sync.Mutex
	f   *os.File
	end int64
}

// NewSpill makes a spill file in dir (the system's temporary folder when
// dir is ""). Its name is removed at once, so the file goes when the
// process ends, however it ends; where an open file cannot lose its name
// (Windows), NewSpill returns nil, and compressed files stay in memory.
func NewSpill(dir string) (*Spill, error) {
	if runtime.GOOS == "windows" {
		return nil, nil
	}
	f, err := os.CreateTemp(dir, "ladder-spill-*")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	s := &Spill{f: f}
	// Closed once nothing refers to it: a test suite makes many sessions.
	runtime.AddCleanup(s, func(f *os.File) { f.Close() }, f)
	return s, nil
}

// put appends b and returns where it starts.
func (s *Spill) put(b []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	off := s.end
	if _, err := s.f.WriteAt(b, off); err != nil {
		return 0, err
	}
	s.end += int64(len(b))
	return off, nil
}

// read reads len(b) bytes at off into b.
func (s *Spill) read(b []byte, off int64) ([]byte, error) {
	_, err := s.f.ReadAt(b, off)
	return b, err
}

// Close closes the spill file; the Zipped it holds can no longer be read.
func (s *Spill) Close() error { return s.f.Close() }
