package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// BundleFile is one file of the bundle, or of an export: its path in the
// output (slash-separated, relative) and its content.
type BundleFile struct {
	Name string
	Data []byte
}

// deflateLevel is the compression of the bundle's entries.
const deflateLevel = flate.DefaultCompression

// bundleEpoch dates the entries of a bundle given no date.
var bundleEpoch = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// dosTime returns t (bundleEpoch when zero) as the MS-DOS date and time of
// a zip header, in UTC, kept within the years they hold (1980–2107); bits:
// year-1980 | month | day, and hour | minute | second/2.
func dosTime(t time.Time) (date, clock uint16) {
	if t.IsZero() {
		t = bundleEpoch
	}
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		return 1<<5 | 1, 0
	case t.Year() > 2107:
		return 127<<9 | 12<<5 | 31, 23<<11 | 59<<5 | 29
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// WriteBundle writes files as a zip archive whose bytes depend on nothing
// but the files and modified: entries sorted by name, deflated, each dated
// modified (in UTC, to two seconds; 2000-01-01 00:00 when zero) with mode
// 0644 and no extra fields (no extended timestamps). It fails on a name
// that is empty, absolute, not clean or repeated, so that unzipping cannot
// write outside its folder.
func WriteBundle(w io.Writer, files []BundleFile, modified time.Time) error {
	byName := make(map[string][]byte, len(files))
	names := make([]string, 0, len(files))
	for _, f := range files {
		if _, dup := byName[f.Name]; dup {
			return fmt.Errorf("bundle: %q appears twice", f.Name)
		}
		byName[f.Name] = f.Data
		names = append(names, f.Name)
	}
	return StreamBundle(w, names, modified, func(name string) ([]byte, error) { return byName[name], nil })
}

// StreamBundle writes the same zip as WriteBundle, reading each file with
// read when its turn comes, so that a bundle of a large site never holds
// more than a few files in memory. Entries are compressed on every core
// and written in name order.
func StreamBundle(w io.Writer, names []string, modified time.Time, read func(name string) ([]byte, error)) error {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	for i, name := range sorted {
		if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name ||
			name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "\\") {
			return fmt.Errorf("bundle: unsafe file name %q", name)
		}
		if i > 0 && sorted[i-1] == name {
			return fmt.Errorf("bundle: %q appears twice", name)
		}
	}
	// A window of entries is read and deflated ahead by the workers; the
	// writer takes them in order.
	type entry struct {
		raw      []byte
		crc      uint32
		size     int
		err      error
		finished chan struct{}
	}
	window := 4 * runtime.GOMAXPROCS(0)
	entries := make([]*entry, len(sorted))
	for i := range entries {
		entries[i] = &entry{finished: make(chan struct{})}
	}
	sem := make(chan struct{}, window)
	// A deflate writer holds over half a megabyte of state: reuse them.
	deflaters := sync.Pool{New: func() any {
		fw, _ := flate.NewWriter(nil, deflateLevel)
		return fw
	}}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i, name := range sorted {
			select {
			case sem <- struct{}{}:
			case <-stop:
				return
			}
			go func(e *entry, name string) {
				defer close(e.finished)
				data, err := read(name)
				if err != nil {
					e.err = fmt.Errorf("bundle: %s: %w", name, err)
					return
				}
				var buf bytes.Buffer
				fw := deflaters.Get().(*flate.Writer)
				fw.Reset(&buf)
				fw.Write(data)
				fw.Close()
				deflaters.Put(fw)
				e.raw, e.crc, e.size = buf.Bytes(), crc32.ChecksumIEEE(data), len(data)
			}(entries[i], name)
		}
	}()
	zw := zip.NewWriter(w)
	date, clock := dosTime(modified)
	for i, name := range sorted {
		e := entries[i]
		<-e.finished
		<-sem
		if e.err != nil {
			return e.err
		}
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: e.crc,
			CompressedSize64: uint64(len(e.raw)), UncompressedSize64: uint64(e.size)}
		fh.SetMode(0o644)
		// Setting Modified would add an extended-timestamp extra field;
		// the MS-DOS fields alone carry the date.
		fh.ModifiedDate, fh.ModifiedTime = date, clock //lint:ignore SA1019 the MS-DOS fields avoid the extra field Modified adds
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.raw); err != nil {
			return err
		}
		entries[i] = nil // let the bytes go
	}
	return zw.Close()
}
