// Package publish writes a generated site to its output folder atomically.
//
// A build writes every file into a fresh staging folder beside the output
// folder and, once complete, swaps it into place with renames. A build that
// fails, or is killed, leaves the previous site exactly as it was, and a
// finished build leaves no stale files from earlier ones. Every folder
// published carries a marker file, and a folder without one is replaced
// only when it is empty, so a mistyped --out cannot wipe unrelated files.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// MarkerName is the name of the marker file at the top of every output
// folder ladder publishes.
const MarkerName = ".ladder-output"

const markerContent = "ladder output folder; safe to delete\n"

// MarkerBytes is the size of the marker file, for counting a site's bytes
// before it is published.
const MarkerBytes = int64(len(markerContent))

// ErrUnmarked is wrapped by Open's error when the output folder is not empty
// and has no marker file, so it may hold files ladder did not make.
var ErrUnmarked = errors.New("not empty and has no " + MarkerName + " marker")

// errDone is returned by writes and Commit after Commit or Abort.
var errDone = errors.New("staging folder already committed or aborted")

// Staging is a build in progress: a fresh folder beside the output folder
// that Commit swaps into place. WriteFile and Create are safe for concurrent
// use; Commit and Abort must be called once every write has returned and
// every file from Create has been closed.
type Staging struct {
	out  string    // the output folder, absolute
	dir  string    // the staging folder, a sibling of out
	lock io.Closer // keeps other builds' Open from removing dir; may be nil
	prev string    // the previous output to link unchanged files from, or ""

	noLinks atomic.Bool // the file system refused a hard link

	dirs  sync.Map // folders (slash-separated, relative) known to exist
	files atomic.Int64
	bytes atomic.Int64
	done  atomic.Bool
}

// Open prepares a fresh staging folder beside outDir (same parent, named
// ".<base>.ladder-staging-<random>"). It refuses an outDir that is a file, or
// a folder that is neither empty nor marked as ladder's, and it removes the
// staging and old folders that killed builds of the same outDir left behind.
// A symbolic link outDir is resolved, and the folder it points to replaced.
func Open(outDir string) (*Staging, error) {
	out, err := resolveOut(outDir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := removeLeftovers(parent, base, out); err != nil {
		return nil, err
	}
	perm, prev, err := checkOut(out)
	if err != nil {
		return nil, err
	}
	dir, err := mkdirUnique(parent, stagingPrefix(base), perm)
	if err != nil {
		return nil, fmt.Errorf("publish: create staging folder beside %s: %w", out, err)
	}
	s := &Staging{out: out, dir: dir, lock: lockDir(dir)}
	if prev {
		s.prev = out
	}
	return s, nil
}

// Dir returns the path of the staging folder.
func (s *Staging) Dir() string { return s.dir }

// WriteFile writes data to the file rel inside the staging folder, creating
// its parent folders. rel is slash-separated and must be clean and local:
// not empty, not absolute, with no "." or ".." elements, backslashes or NUL
// bytes (such errors wrap fs.ErrInvalid). Each file may be written only once;
// a second write of the same rel fails with an error wrapping fs.ErrExist.
func (s *Staging) WriteFile(rel string, data []byte) error {
	name, err := s.prepare(rel)
	if err != nil {
		return err
	}
	if !s.linkUnchanged(rel, name, data) {
		if err := writeNew(name, data); err != nil {
			return fmt.Errorf("publish: write %s: %w", rel, err)
		}
	}
	s.files.Add(1)
	s.bytes.Add(int64(len(data)))
	return nil
}

// Create creates the file rel inside the staging folder for streaming
// writes, under the same rules as WriteFile. The file must be closed before
// Commit; after Abort the file is gone.
func (s *Staging) Create(rel string) (Stream, error) {
	name, err := s.prepare(rel)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("publish: create %s: %w", rel, err)
	}
	return &countingFile{partFile: partFile{f: f}, rel: rel, s: s}, nil
}

// Stats returns how many files, and how many bytes in them, were written
// through WriteFile and Create (closed files only for Create).
func (s *Staging) Stats() (files int, bytes int64) {
	return int(s.files.Load()), s.bytes.Load()
}

// Commit writes the marker file, flushes the staging folder to disk where
// the system allows, swaps it into place as the output folder and removes
// the previous output. The output folder is never missing or partial: on
// Linux the two folders are exchanged in one step; elsewhere the previous
// folder is renamed aside for the instant between two renames. If Commit
// fails before the swap, the previous output is untouched and the staging
// folder is removed.
func (s *Staging) Commit() error {
	if !s.done.CompareAndSwap(false, true) {
		return fmt.Errorf("publish: commit %s: %w", s.out, errDone)
	}
	defer s.unlock()
	fail := func(err error) error {
		os.RemoveAll(s.dir)
		return fmt.Errorf("publish: commit %s: %w", s.out, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, MarkerName), []byte(markerContent), 0o644); err != nil {
		return fail(err)
	}
	// The output folder may have changed since Open; check it again.
	if _, _, err := checkOut(s.out); err != nil {
		os.RemoveAll(s.dir)
		return err
	}
	old, err := swap(s.dir, s.out)
	if err != nil {
		return fail(err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("publish: %s is published, but removing the previous output failed (the next build retries): %w", s.out, err)
		}
	}
	// No fsync: a static site is regenerated at will, and flushing tens of
	// megabytes costs more than the build. Crash safety comes from the
	// atomic swap, which a killed process cannot leave half done.
	return nil
}

// Abort removes the staging folder, leaving the output folder as it was.
// It does nothing after Commit or an earlier Abort.
func (s *Staging) Abort() error {
	if !s.done.CompareAndSwap(false, true) {
		return nil
	}
	defer s.unlock()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("publish: abort: %w", err)
	}
	return nil
}

func (s *Staging) unlock() {
	if s.lock != nil {
		s.lock.Close()
	}
}

// prepare checks rel and creates its parent folders, returning the file's
// path in the staging folder.
func (s *Staging) prepare(rel string) (string, error) {
	if s.done.Load() {
		return "", fmt.Errorf("publish: write %s: %w", rel, errDone)
	}
	if !isCleanLocal(rel) || rel == MarkerName {
		return "", fmt.Errorf("publish: write %q: not a clean relative path inside the output folder: %w", rel, fs.ErrInvalid)
	}
	if dir := path.Dir(rel); dir != "." {
		if err := s.mkdirAll(dir); err != nil {
			return "", fmt.Errorf("publish: write %s: %w", rel, err)
		}
	}
	return filepath.Join(s.dir, filepath.FromSlash(rel)), nil
}

// mkdirAll creates the folder dir (slash-separated, relative) and its
// parents in the staging folder, remembering what exists so that the many
// files of one folder cost one MkdirAll.
func (s *Staging) mkdirAll(dir string) error {
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	full := filepath.Join(s.dir, filepath.FromSlash(dir))
	// A page's folder is usually new in a known folder: one mkdir, where
	// MkdirAll would first stat the folder and its parent.
	parent := path.Dir(dir)
	_, known := s.dirs.Load(parent)
	if known || parent == "." {
		if err := os.Mkdir(full, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	} else if err := os.MkdirAll(full, 0o755); err != nil {
		return err
	}
	for d := dir; d != "."; d = path.Dir(d) {
		if _, known := s.dirs.LoadOrStore(d, struct{}{}); known {
			break
		}
	}
	return nil
}

// isCleanLocal reports whether rel is a canonical slash-separated path that
// stays inside the folder it is joined to.
func isCleanLocal(rel string) bool {
	return rel != "" && rel != "." &&
		!strings.ContainsAny(rel, "\\\x00") &&
		path.Clean(rel) == rel && // no empty, "." or inner ".." elements, no trailing slash
		rel != ".." && !strings.HasPrefix(rel, "../") &&
		!path.IsAbs(rel) &&
		filepath.IsLocal(filepath.FromSlash(rel)) // also volume names and reserved names on Windows
}

// partFile is a file being streamed (a Stream's file), removed by Abort.
type partFile struct {
	f    *os.File
	done bool // closed or aborted
}

// finish marks the file done, and reports whether it was not yet.
func (p *partFile) finish() bool {
	was := p.done
	p.done = true
	return !was
}

// Abort closes and removes the file.
func (p *partFile) Abort() {
	if p.finish() {
		p.f.Close()
		os.Remove(p.f.Name())
	}
}

// countingFile is a file from Create that adds to the Staging's Stats.
type countingFile struct {
	partFile
	rel string
	s   *Staging
	n   int64
}

func (c *countingFile) Write(p []byte) (int, error) {
	n, err := c.f.Write(p)
	c.n += int64(n)
	if err != nil {
		err = fmt.Errorf("publish: write %s: %w", c.rel, err)
	}
	return n, err
}

func (c *countingFile) Close() error {
	if !c.finish() {
		return nil
	}
	if err := c.f.Close(); err != nil {
		return fmt.Errorf("publish: close %s: %w", c.rel, err)
	}
	c.s.files.Add(1)
	c.s.bytes.Add(c.n)
	return nil
}

// resolveOut returns outDir as an absolute path, resolving a symbolic link
// at outDir itself.
func resolveOut(outDir string) (string, error) {
	if outDir == "" {
		return "", errors.New("publish: no output folder given")
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	if fi, err := os.Lstat(out); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if out, err = filepath.EvalSymlinks(out); err != nil {
			return "", fmt.Errorf("publish: %w", err)
		}
	}
	if filepath.Dir(out) == out {
		return "", fmt.Errorf("publish: refusing to use %s as the output folder; choose another --out", out)
	}
	return out, nil
}

// checkOut enforces the rules on an existing output folder and returns the
// permissions the new one should have, and whether it is an earlier
// build's output (marked).
func checkOut(out string) (perm fs.FileMode, marked bool, err error) {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return 0o755, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("publish: %w", err)
	}
	if !fi.IsDir() {
		return 0, false, fmt.Errorf("publish: output path %s exists and is not a folder; delete it or choose another --out", out)
	}
	if m, err := os.Lstat(filepath.Join(out, MarkerName)); err == nil && m.Mode().IsRegular() {
		return fi.Mode().Perm(), true, nil
	}
	empty, err := isEmptyDir(out)
	if err != nil {
		return 0, false, fmt.Errorf("publish: %w", err)
	}
	if !empty {
		return 0, false, fmt.Errorf("publish: refusing to replace folder %s: it is %w, so ladder did not make it; delete it or choose another --out", out, ErrUnmarked)
	}
	return fi.Mode().Perm(), false, nil
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

func stagingPrefix(base string) string { return "." + base + ".ladder-staging-" }
func oldPrefix(base string) string     { return "." + base + ".ladder-old-" }

const suffixLen = 16 // hex digits of the random part of staging and old names

func randomName(prefix string) string {
	var b [suffixLen / 2]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// hasSuffixOf reports whether name is prefix followed by a random suffix,
// so that folders of an output named, say, "site.ladder-staging-x" are not
// mistaken for those of "site".
func hasSuffixOf(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok || len(rest) != suffixLen {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil
}

func mkdirUnique(parent, prefix string, perm fs.FileMode) (string, error) {
	for range 10 {
		dir := filepath.Join(parent, randomName(prefix))
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			// Match the output folder's permissions exactly (Mkdir would
			// apply the umask), but always let the build write into it.
			return dir, os.Chmod(dir, perm|0o700)
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", errors.New("could not find an unused name")
}

// removeLeftovers removes the staging and old folders that earlier builds of
// out left in parent when they were killed, keeping staging folders that a
// running build still holds. If out itself is missing because a build was
// killed between the two renames of a fallback swap, the previous output is
// renamed back into place.
func removeLeftovers(parent, base, out string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	_, err = os.Lstat(out)
	outMissing := errors.Is(err, fs.ErrNotExist)
	for _, e := range entries {
		name := filepath.Join(parent, e.Name())
		switch {
		case !e.IsDir():
			continue
		case hasSuffixOf(e.Name(), stagingPrefix(base)):
			if inUse(name) {
				continue
			}
		case hasSuffixOf(e.Name(), oldPrefix(base)):
			if outMissing && os.Rename(name, out) == nil {
				outMissing = false
				continue
			}
		default:
			continue
		}
		if err := os.RemoveAll(name); err != nil {
			return fmt.Errorf("publish: remove leftover of an earlier build: %w", err)
		}
	}
	return nil
}

// swapByRenames puts staging in place of out with two renames and returns
// where the previous output now is ("" if there was none).
func swapByRenames(staging, out string) (string, error) {
	old := filepath.Join(filepath.Dir(out), randomName(oldPrefix(filepath.Base(out))))
	if err := os.Rename(out, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", os.Rename(staging, out)
		}
		return "", err
	}
	if err := os.Rename(staging, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return "", fmt.Errorf("%w (the previous output is at %s: moving it back failed: %v)", err, old, rerr)
		}
		return "", err
	}
	return old, nil
}
