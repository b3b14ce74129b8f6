package lms

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/maphash"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/klauspost/compress/flate"
)

// File is one file of a package: its slash-separated path relative to the
// zip root (for example "content/occupations/x/index.html") and its bytes,
// given as Data or, when Open is set, read by Open when the file's turn
// comes in the zip, so that a package of a large site does not hold all
// its files in memory at once.
type File struct {
	Path string
	Data []byte
	Open func() ([]byte, error)
	// Write, when set, writes the file's bytes when its turn comes in the
	// zip, straight into the compressor: for a file too large to hold
	// whole, such as a site-wide manifest (see xmlFile).
	Write func(io.Writer) error
	// Zipped, when set, is the file compressed ahead (see Compressor),
	// zipped as it is (or decompressed for a page a package rewrites);
	// Data and Open are not used then.
	Zipped *Zipped
	// rewritten marks a file read by Open that is this package's own (a
	// page the cartridge rewrote): a Deflated does not keep it, as no
	// other package holds it.
	rewritten bool
}

// Zipped is a file compressed ahead of the zips it goes into: its
// deflated bytes (raw, or n bytes at off in a spill file), CRC-32 and
// size.
type Zipped struct {
	raw   []byte
	spill *Spill
	off   int64
	n     int
	crc   uint32
	size  int
}

// deflated returns z's deflated bytes: those it holds, or those of the
// spill file read into scratch, grown to their size.
func (z *Zipped) deflated(scratch []byte) ([]byte, error) {
	if z.spill == nil {
		return z.raw, nil
	}
	return z.spill.read(slices.Grow(scratch[:0], z.n)[:z.n], z.off)
}

// Compressor compresses files ahead of the zips that hold them, as
// writeZip would, reusing its deflaters (each holds over half a megabyte)
// and buffers; with Spill set, it keeps them there. Safe for concurrent
// use; the zero value is ready.
type Compressor struct {
	Spill *Spill
	pool  sync.Pool
}

type deflater struct {
	fw  *flate.Writer
	buf bytes.Buffer
}

// Compress returns data compressed for a zip entry.
func (c *Compressor) Compress(data []byte) *Zipped {
	z, _ := c.CompressFrom(func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	return z
}

// CompressFrom returns what write writes compressed for a zip entry,
// never holding it whole: for a file too large to keep in memory, such as
// a site-wide CSV of thousands of frameworks. Only the compressed bytes
// are held, until they go to the spill file.
func (c *Compressor) CompressFrom(write func(io.Writer) error) (*Zipped, error) {
	d := c.deflater()
	defer c.release(d)
	z, err := d.compressFrom(write)
	if err != nil {
		return nil, err
	}
	if c.Spill != nil {
		if off, err := c.Spill.put(z.raw); err == nil {
			z.raw, z.spill, z.off, z.n = nil, c.Spill, off, len(z.raw)
		}
	}
	if z.spill == nil {
		// A copy of the exact size: a session keeps thousands of these.
		// (Also when the spill file cannot be written: memory serves.)
		z.raw = bytes.Clone(z.raw)
	}
	return z, nil
}

// compressFrom compresses what write writes into d's buffer, summing its
// CRC-32 and size as it goes. The compressed bytes are valid until d
// compresses the next.
func (d *deflater) compressFrom(write func(io.Writer) error) (*Zipped, error) {
	d.buf.Reset()
	d.fw.Reset(&d.buf)
	var sum entrySum
	if err := write(io.MultiWriter(d.fw, &sum)); err != nil {
		return nil, err
	}
	if err := d.fw.Close(); err != nil {
		return nil, err
	}
	return &Zipped{raw: d.buf.Bytes(), crc: sum.crc, size: sum.n}, nil
}

// deflater returns a deflater of c's pool, or a new one.
func (c *Compressor) deflater() *deflater {
	if d, ok := c.pool.Get().(*deflater); ok {
		return d
	}
	d := &deflater{}
	d.fw, _ = flate.NewWriter(&d.buf, deflateLevel)
	return d
}

// release puts d back into c's pool, unless its buffer grew past
// maxPooledBuffer.
func (c *Compressor) release(d *deflater) {
	if d.buf.Cap() <= maxPooledBuffer {
		c.pool.Put(d)
	}
}

// maxPooledBuffer is the largest buffer a Compressor keeps for the next
// file: one a site-wide file grew is let go.
const maxPooledBuffer = 4 << 20

// entrySum is the CRC-32 and size of what is written to it.
type entrySum struct {
	crc uint32
	n   int
}

func (s *entrySum) Write(p []byte) (int, error) {
	s.crc = crc32.Update(s.crc, crc32.IEEETable, p)
	s.n += len(p)
	return len(p), nil
}

// An inflater decompresses zipped files one after another, reusing its
// decompressor (a 32 KB window and its tables) and buffers: a cartridge
// opens every page of a site. Not for concurrent use: what open returns
// lasts only until the next open.
type inflater struct {
	r         io.ReadCloser // a flate.Resetter
	raw, data []byte
}

// open returns z's bytes, decompressed into in's buffer: they are valid
// until in opens the next file.
func (in *inflater) open(z *Zipped) ([]byte, error) {
	raw, err := z.deflated(in.raw)
	if err != nil {
		return nil, err
	}
	if z.spill != nil {
		in.raw = raw
	}
	if in.r == nil {
		in.r = flate.NewReader(bytes.NewReader(raw))
	} else if err := in.r.(flate.Resetter).Reset(bytes.NewReader(raw), nil); err != nil {
		return nil, err
	}
	// Read into a slice of the file's size, not one doubling to it.
	in.data = slices.Grow(in.data[:0], z.size)[:z.size]
	data := in.data
	_, err = io.ReadFull(in.r, data)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	var one [1]byte
	if n, _ := in.r.Read(one[:]); err != nil || n > 0 || crc32.ChecksumIEEE(data) != z.crc {
		return nil, errors.New("compressed file does not match its size and CRC")
	}
	return data, nil
}

// bytes returns f's content, decompressed by in when f is zipped (see
// open).
func (in *inflater) bytes(f File) ([]byte, error) {
	if f.Zipped == nil {
		return f.bytes()
	}
	data, err := in.open(f.Zipped)
	if err != nil {
		return nil, fmt.Errorf("zip %s: %w", f.Path, err)
	}
	return data, nil
}

// bytes returns f's content.
func (f File) bytes() ([]byte, error) {
	switch {
	case f.Zipped != nil:
		// An inflater of its own, so that the caller may keep the bytes.
		return new(inflater).bytes(f)
	case f.Write != nil:
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			return nil, fmt.Errorf("zip %s: %w", f.Path, err)
		}
		return b.Bytes(), nil
	case f.Open == nil:
		return f.Data, nil
	}
	data, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("zip %s: %w", f.Path, err)
	}
	return data, nil
}

// deflateLevel is the compression of the packages' entries.
const deflateLevel = flate.DefaultCompression

// zipTime is the modification time of every zip entry when the caller
// gives none (see WriteZip).
var zipTime = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// entryTime returns the time zip entries are dated with: t in UTC, or
// zipTime when t is zero, kept within the years an MS-DOS date holds
// (1980–2107).
func entryTime(t time.Time) time.Time {
	if t.IsZero() {
		return zipTime
	}
	t = t.UTC()
	if low := time.Date(1980, time.January, 1, 0, 0, 0, 0, time.UTC); t.Before(low) {
		return low
	}
	if high := time.Date(2107, time.December, 31, 23, 59, 58, 0, time.UTC); t.After(high) {
		return high
	}
	return t
}

// WriteZip writes files to w as a zip archive: one deflated entry per file,
// sorted by path (byte order), each with mode 0644 and dated 2000-01-01
// 00:00:00, no directory entries and no extra fields. The date is written
// only as an MS-DOS date and time (which have no time zone), never as an
// extended timestamp, and the time of the build is recorded nowhere: the
// same files give the same bytes. The packages of this package date their
// entries with the time their caller gives instead (see entryTime).
//
// It rejects, before writing anything, a path that is empty, absolute,
// contains a backslash, a colon, a control character, or an empty, "." or
// ".." segment, or that ends in "/", and a path given twice.
func WriteZip(w io.Writer, files []File) error { return writeZip(w, files, nil, time.Time{}) }

// WriteZipDated is WriteZip with every entry dated modified (see
// entryTime) instead.
func WriteZipDated(w io.Writer, files []File, modified time.Time) error {
	return writeZip(w, files, nil, modified)
}

// Deflated keeps the compressed entries of the zips written with it, so a
// file in several packages (each page of a site is in its occupation's
// SCORM package, the site's package and the Common Cartridge) is
// compressed once. Only files read by Open (the shared pages) are kept,
// not a package's own generated files; an entry is found again only for
// the same path and the same bytes. It also lends the zips deflaters
// (over half a megabyte each, most of it memory the process has not
// touched yet): a site's thousands of packages would otherwise make one
// each. And it keeps the launch pages the packages rendered, compressed,
// which an occupation's package and the site's courses share (see
// launchFile).
// Safe for concurrent use; the zero value is ready.
type Deflated struct {
	mu       sync.Mutex
	entries  map[deflatedKey]deflatedEntry
	launches map[[sha256.Size]byte]*Zipped // by the SHA-256 of launchView as JSON
	// Deflaters, when set, lends its deflaters, so that the packages and
	// the files compressed ahead of them share one pool; otherwise
	// Deflated keeps its own.
	Deflaters *Compressor
	own       Compressor
	seed      maphash.Seed // of deflatedKey.sum, made on first use
	seedOnce  sync.Once
}

type deflatedKey struct {
	path string
	size int
	crc  uint32
	sum  uint64 // a hash of the bytes, beside the CRC (see Deflated.sum)
}

type deflatedEntry struct{ raw []byte }

// writeZip is WriteZip, with entries compressed through cache when given
// and dated modified (see entryTime). Every entry is compressed here and written raw with its sizes and CRC in
// the header (no data descriptor), cached or not, so the bytes do not
// depend on the cache.
func writeZip(w io.Writer, files []File, cache *Deflated, modified time.Time) error {
	sorted, err := sortedFiles(files)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	deflater := cache.deflater() // one for all entries: each costs over half a megabyte
	defer cache.release(deflater)
	date, clock := msDosTime(entryTime(modified))
	var spilled []byte // the entry read back from a spill file, reused
	for _, f := range sorted {
		if f.Zipped == nil {
			if f.Zipped, err = compress(f, cache, deflater); err != nil {
				return err
			}
		}
		raw, err := f.Zipped.deflated(spilled)
		if f.Zipped.spill != nil {
			spilled = raw
		}
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.Path, err)
		}
		h := &zip.FileHeader{Name: f.Path, Method: zip.Deflate, CRC32: f.Zipped.crc,
			CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(f.Zipped.size)}
		// Modified would add an extended-timestamp extra field; the MS-DOS
		// fields alone keep the entry free of extra fields.
		//lint:ignore SA1019 the deprecated fields are the way to write no extra field
		h.ModifiedDate, h.ModifiedTime = date, clock
		h.SetMode(0o644)
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.Path, err)
		}
		if _, err := fw.Write(raw); err != nil {
			return fmt.Errorf("zip %s: %w", f.Path, err)
		}
	}
	return zw.Close()
}

// compress reads f and compresses it, through cache when f is shared
// (read by Open), with d (*d made on first use). The bytes of a file that
// is not shared stay in d's buffer, valid until d compresses the next.
func compress(f File, cache *Deflated, d **deflater) (*Zipped, error) {
	if *d == nil {
		*d = new(Compressor).deflater()
	}
	if f.Write != nil {
		z, err := (*d).compressFrom(f.Write)
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", f.Path, err)
		}
		return z, nil
	}
	data, err := f.bytes()
	if err != nil {
		return nil, err
	}
	key := deflatedKey{path: f.Path, size: len(data), crc: crc32.ChecksumIEEE(data)}
	shared := cache
	if f.Open == nil || f.rewritten {
		shared = nil // the package's own file
	} else if shared != nil {
		key.sum = shared.sum(data)
	}
	raw, ok := shared.get(key)
	if !ok {
		buf := &(*d).buf
		buf.Reset()
		(*d).fw.Reset(buf)
		(*d).fw.Write(data)
		(*d).fw.Close()
		raw = buf.Bytes()
		if shared != nil {
			raw = bytes.Clone(raw) // kept for the packages that share it
			shared.put(key, raw)
		}
	}
	return &Zipped{raw: raw, crc: key.crc, size: len(data)}, nil
}

// deflater returns a deflater of c's pool, or nil without c (compress
// makes one then).
func (c *Deflated) deflater() **deflater {
	if c == nil {
		return new(*deflater)
	}
	d := c.pool().deflater()
	return &d
}

// release puts a deflater writeZip used back into c's pool.
func (c *Deflated) release(d **deflater) {
	if c != nil && *d != nil {
		c.pool().release(*d)
	}
}

// pool is where c's deflaters come from.
func (c *Deflated) pool() *Compressor {
	if c.Deflaters != nil {
		return c.Deflaters
	}
	return &c.own
}

func (c *Deflated) get(k deflatedKey) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	return e.raw, ok
}

func (c *Deflated) put(k deflatedKey, raw []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[deflatedKey]deflatedEntry)
	}
	c.entries[k] = deflatedEntry{raw: raw}
}

// launchPage returns the launch page kept for key, if any (none
// without c).
func (c *Deflated) launchPage(key [sha256.Size]byte) (*Zipped, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	page, ok := c.launches[key]
	return page, ok
}

// keepLaunchPage keeps page for key.
func (c *Deflated) keepLaunchPage(key [sha256.Size]byte, page *Zipped) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.launches == nil {
		c.launches = map[[sha256.Size]byte]*Zipped{}
	}
	c.launches[key] = page
}

// sum hashes data for an entry's key: maphash, many times faster than
// FNV-1a over the schemas and scripts each of a site's packages holds.
func (c *Deflated) sum(data []byte) uint64 {
	c.seedOnce.Do(func() { c.seed = maphash.MakeSeed() })
	return maphash.Bytes(c.seed, data)
}

// sortedFiles checks every path and returns a copy of files sorted by path.
func sortedFiles(files []File) ([]File, error) {
	sorted := slices.Clone(files)
	for _, f := range sorted {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(sorted, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Path == sorted[i-1].Path {
			return nil, fmt.Errorf("zip: %q is given twice", sorted[i].Path)
		}
	}
	return sorted, nil
}

// checkPath returns an error when p is not a safe relative path inside a
// zip: one that unpacks below the folder it is unpacked into on every
// system.
func checkPath(p string) error {
	bad := func(why string) error { return fmt.Errorf("zip: bad path %q: %s", p, why) }
	switch {
	case p == "":
		return bad("empty")
	case strings.HasPrefix(p, "/"):
		return bad("absolute")
	case strings.ContainsRune(p, '\\'):
		return bad("backslash")
	case strings.ContainsRune(p, ':'):
		return bad("colon (a drive letter or stream name on Windows)")
	case strings.IndexFunc(p, unicode.IsControl) >= 0:
		return bad("control character")
	case p == "." || !fs.ValidPath(p):
		return bad("empty, \".\" or \"..\" segment, or trailing slash")
	}
	return nil
}

// msDosTime converts t to the MS-DOS date and time fields of a zip header
// (two-second resolution, years 1980–2107).
func msDosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// Size is the size of the file before compression.
func (z *Zipped) Size() int { return z.size }

// CRC32 is the CRC-32 (IEEE) of the file before compression.
func (z *Zipped) CRC32() uint32 { return z.crc }
