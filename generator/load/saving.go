package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// Saving is the error of a load that caught files in the middle of a save
// (see Options.Settle): their next version is on its way, and a rebuild
// should wait for it instead of reporting them as broken.
type Saving struct {
	// Files are the files being saved, named as diagnostics name them.
	Files []string
	// Until is when the last of them stops counting as mid-save: a load
	// after it reports them as they are.
	Until time.Time
}

func (s *Saving) Error() string {
	return fmt.Sprintf("%s: being saved, read again when the save is done", strings.Join(s.Files, ", "))
}

// savingCheck decides, for one load, whether a file that failed to read
// as a whole is being saved: it is empty or ends early, and this version
// of it (its size and modification time, stat'ed after the read, as a
// stat taken before may show the version the save replaces) was first
// seen less than settle ago. It counts from when the load first saw the
// version, not from the modification time: on a busy machine a save's
// truncate and its write may be seconds apart from a reader's point of
// view, though nothing stopped the writer in between.
type savingCheck struct {
	fsys   fs.FS
	settle time.Duration
	cache  *Cache // remembers when each version was first seen, by its clock; nil: never
}

// until returns when file stops counting as mid-save, or the zero time
// when it does not count: settle is off, or the content is whole, or it
// has been the same for settle.
func (c savingCheck) until(file string, data []byte, partial func([]byte) bool) time.Time {
	if c.settle <= 0 || c.cache == nil || !partial(data) {
		return time.Time{}
	}
	st, err := fs.Stat(c.fsys, file)
	if err != nil {
		return time.Time{}
	}
	now := c.cache.now()
	until := c.cache.firstSeen(file, st, now).Add(c.settle)
	if !until.After(now) {
		return time.Time{}
	}
	return until
}

// partialVersion is a version of a file seen half-written.
type partialVersion struct {
	size    int64
	modTime time.Time
	first   time.Time // when a load first saw it
}

// firstSeen returns when a load first saw file in the version st, and
// records now for a version not seen before.
func (c *Cache) firstSeen(file string, st fs.FileInfo, now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.partial[file]
	if ok && v.size == st.Size() && v.modTime.Equal(st.ModTime()) {
		return v.first
	}
	c.partial[file] = partialVersion{size: st.Size(), modTime: st.ModTime(), first: now}
	return now
}

// add records file as being saved until until, in *s.
func addSaving(s **Saving, file string, until time.Time) {
	if *s == nil {
		*s = &Saving{}
	}
	(*s).Files = append((*s).Files, file)
	if until.After((*s).Until) {
		(*s).Until = until
	}
}

// partialJSON reports whether data looks like the beginning of a JSON
// document cut short: nothing but white space (and a byte order mark),
// or a value that ends before it is complete, perhaps in the middle of a
// UTF-8 sequence.
func partialJSON(data []byte) bool {
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
	if len(data) == 0 {
		return true
	}
	data = trimPartialRune(data)
	err := jsontext.NewDecoder(bytes.NewReader(data)).SkipValue()
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// emptyText reports whether data holds nothing but white space: a page
// that a save has truncated and not yet written.
func emptyText(data []byte) bool { return len(bytes.TrimSpace(data)) == 0 }

// trimPartialRune drops an incomplete UTF-8 sequence at the end of data,
// where a writer that has not finished may have stopped.
func trimPartialRune(data []byte) []byte {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return data[:i]
			}
			break
		}
	}
	return data
}
