package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// A timed build measures how fast a tool creates files, so the benchmark
// must not free thousands of inodes just before it. On ext4 without a
// journal (the file system of this project's benchmark machines) the
// kernel does not reuse an inode freed less than a minute ago
// (recently_deleted in fs/ext4/ialloc.c): every file or folder created in
// that minute scans past all of them. Removing the last run's outputs
// (20,000 inodes at 1,016 frameworks, over 300,000 at 10,160) right
// before a build gave ladder's corpus build about 1.8 times the system
// time (medians of three, BENCHMARKS.md), and the cost grows with the
// square of the site: more files created, each scanning past more freed
// ones. So old outputs are moved into a trash folder, emptied once a
// size's runs are done, and a timed command never starts within a minute
// of an emptying.
type trash struct {
	dir     string
	n       int       // names given so far
	emptied time.Time // when the trash was last emptied (flushed)
}

// recentlyDeleted is how long ext4 holds back a freed inode whose inode
// table block is flushed (RECENTCY_MIN), with a second to spare.
const recentlyDeleted = 61 * time.Second

// newTrash makes an empty trash folder in work, emptying one an earlier
// benchmark left.
func newTrash(work string) (*trash, error) {
	t := &trash{dir: filepath.Join(work, "trash")}
	if err := t.empty(); err != nil {
		return nil, err
	}
	return t, nil
}

// discard moves the folders (missing ones are skipped) into the trash and
// flushes dirty pages, so that one run's write-back does not slow the next.
func (t *trash) discard(dirs ...string) error {
	for _, d := range dirs {
		t.n++
		err := os.Rename(d, filepath.Join(t.dir, strconv.Itoa(t.n)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	syscall.Sync()
	return nil
}

// empty removes what the trash holds.
func (t *trash) empty() error {
	entries, err := os.ReadDir(t.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(t.dir, 0o755)
	case err != nil:
		return err
	case len(entries) == 0:
		return nil
	}
	if err := os.RemoveAll(t.dir); err != nil {
		return err
	}
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		return err
	}
	syscall.Sync()
	t.emptied = time.Now()
	return nil
}

// settle waits until the inodes the last emptying freed can be reused.
func (t *trash) settle() {
	if wait := time.Until(t.emptied.Add(recentlyDeleted)); wait > 0 {
		logf("waiting %s for the inodes the trash freed to age", dur(wait.Round(time.Second)))
		time.Sleep(wait)
	}
}

// roomFor empties the trash, and waits for it to settle, when the work
// folder's file system has less than need bytes free.
func (t *trash) roomFor(need int64) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(t.dir, &st); err != nil {
		return err
	}
	if free := int64(st.Bavail) * int64(st.Bsize); free >= need {
		return nil
	}
	logf("emptying the trash early: the disk is nearly full")
	if err := t.empty(); err != nil {
		return err
	}
	t.settle()
	return nil
}
