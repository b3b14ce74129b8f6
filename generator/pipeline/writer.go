package pipeline

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"io"
	"path"
	"sync"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/transform"
)

// writer minifies files (when asked), hashes them, and hands those whose
// bytes changed to the output. It is safe for concurrent use.
type writer struct {
	out publish.Output
	// old holds the hash of every file the output folder holds from the
	// last build (nil for a fresh folder): a file that hashes the same is
	// not written again.
	old map[string]uint64
	// oldSizes are the sizes of the last build's files, for keep.
	oldSizes map[string]int64
	min      *transform.Minifier
	minify   bool
	seed     maphash.Seed
	// keepNone makes keep a no-op, for a build that records only the
	// files it writes.
	keepNone bool
	// hand keeps what later steps need of the files written.
	hand *handoff

	mu           sync.Mutex
	files        map[string]uint64 // every file of the new site → hash
	sizes        map[string]int64  // every file of the new site → size
	bytes        int64
	written      int
	bytesWritten int64
	changed      []string
}

// write publishes data at rel, minified by its extension unless disabled.
// scratch, when given, is reused for the minified bytes.
func (w *writer) write(rel string, data []byte, scratch *bytes.Buffer) error {
	if w.minify {
		if scratch == nil {
			scratch = new(bytes.Buffer)
		}
		scratch.Reset()
		ok, err := w.min.Minify(rel, scratch, data)
		if err != nil {
			return err
		}
		if ok {
			data = scratch.Bytes()
		}
	}
	return w.writeRaw(rel, data)
}

// writeExport publishes an export file: its JSON as export wrote it,
// compact already, and the rest like write.
func (w *writer) writeExport(f export.BundleFile, scratch *bytes.Buffer) error {
	if path.Ext(f.Name) == ".json" {
		return w.writeRaw(f.Name, f.Data)
	}
	return w.write(f.Name, f.Data, scratch)
}

// writePage publishes a rendered page: as it is, its templates having
// been minified when parsed (see transform.Minifier.Templates).
func (w *writer) writePage(rel string, data []byte, _ *bytes.Buffer) error {
	return w.writeRaw(rel, data)
}

// writeRaw publishes data at rel unchanged.
func (w *writer) writeRaw(rel string, data []byte) error {
	sum := maphash.Bytes(w.seed, data)
	w.mu.Lock()
	w.files[rel] = sum
	w.sizes[rel] = int64(len(data))
	w.bytes += int64(len(data))
	w.mu.Unlock()
	if old, ok := w.old[rel]; !ok || old != sum {
		wrote, err := w.out.Put(rel, data)
		if err != nil {
			return err
		}
		if wrote {
			w.wrote(rel, int64(len(data)))
		}
	}
	w.hand.hold(rel, data)
	return nil
}

// wrote counts the file rel of n bytes as written.
func (w *writer) wrote(rel string, n int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.written++
	w.bytesWritten += n
	w.changed = append(w.changed, rel)
}

// stream publishes at rel what fill writes, hashing it on the way; when
// fill fails, the file is left as it was.
func (w *writer) stream(rel string, fill func(io.Writer) error) error {
	f, err := w.out.Create(rel)
	if err != nil {
		return err
	}
	var h maphash.Hash
	h.SetSeed(w.seed)
	c := &countWriter{w: io.MultiWriter(f, &h)}
	if err := fill(c); err != nil {
		f.Abort()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	w.mu.Lock()
	w.files[rel] = h.Sum64()
	w.sizes[rel] = c.n
	w.bytes += c.n
	w.mu.Unlock()
	w.wrote(rel, c.n)
	return nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// gone lists the files of the last build that the new one lacks.
func (w *writer) gone() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for rel := range w.old {
		if _, ok := w.files[rel]; !ok {
			out = append(out, rel)
		}
	}
	return out
}

// sumOf hashes the names and content hashes of the given files.
func (w *writer) sumOf(names []string) uint64 {
	var h maphash.Hash
	h.SetSeed(w.seed)
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range names {
		h.WriteString(n)
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], w.files[n])
		h.Write(b[:])
	}
	return h.Sum64()
}

// wroteBefore reports whether the last build wrote the file at rel.
func (w *writer) wroteBefore(rel string) bool {
	_, ok := w.old[rel]
	return ok
}

// keep records that the file at rel stays as the last build wrote it.
func (w *writer) keep(rel string) {
	if w.keepNone {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if sum, ok := w.old[rel]; ok {
		w.files[rel] = sum
		w.sizes[rel] = w.oldSizes[rel]
	}
}

// unchanged returns keys without the files this build rewrote with other
// bytes: the keys of a step stopped half-way, whose rewritten files the
// keys no longer describe.
func (w *writer) unchanged(keys map[string]uint64) map[string]uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]uint64, len(keys))
	for rel, k := range keys {
		if h, ok := w.files[rel]; !ok || h == w.old[rel] {
			out[rel] = k
		}
	}
	return out
}
