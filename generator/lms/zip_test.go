package lms

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestWriteZipDeterministic(t *testing.T) {
	files := []File{
		{Path: "b/two.html", Data: []byte("<p>two</p>")},
		{Path: "a.txt", Data: []byte(strings.Repeat("alpha ", 100))},
		{Path: "b/one.html", Data: []byte("<p>one</p>")},
		{Path: "é/ünïcode.html", Data: []byte("ü")},
		{Path: "empty", Data: nil},
	}
	first := zipOf(t, files)
	reversed := make([]File, len(files))
	for i, f := range files {
		reversed[len(files)-1-i] = f
	}
	if second := zipOf(t, reversed); !bytes.Equal(first, second) {
		t.Fatal("the same files in another order give different bytes")
	}
	if again := zipOf(t, files); !bytes.Equal(first, again) {
		t.Fatal("the same files twice give different bytes")
	}
	got := unzip(t, first) // checks order, method, time, extra fields
	if len(got) != len(files) {
		t.Fatalf("got %d entries, want %d", len(got), len(files))
	}
	for _, f := range files {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s: got %q, want %q", f.Path, got[f.Path], f.Data)
		}
	}
}

func TestWriteZipRejectsUnsafePaths(t *testing.T) {
	for _, p := range []string{
		"",
		".",
		"/etc/passwd",
		"../evil.html",
		"a/../../evil.html",
		"a/./b.html",
		"a//b.html",
		"a/",
		`a\b.html`,
		`..\evil.html`,
		"C:/evil.html",
		"a/b\x00.html",
		"a/b\n.html",
	} {
		var buf bytes.Buffer
		err := WriteZip(&buf, []File{{Path: "ok.html"}, {Path: p, Data: []byte("x")}})
		if err == nil {
			t.Errorf("WriteZip accepted %q", p)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteZip wrote %d bytes before rejecting %q", buf.Len(), p)
		}
	}
}

func TestWriteZipRejectsDuplicates(t *testing.T) {
	err := WriteZip(&bytes.Buffer{}, []File{{Path: "a.html"}, {Path: "b.html"}, {Path: "a.html"}})
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("got %v, want an error about a path given twice", err)
	}
}

func TestMsDosTime(t *testing.T) {
	date, clock := msDosTime(zipTime)
	// 2000-01-01: (2000-1980)<<9 | 1<<5 | 1; 00:00:00 is 0.
	if date != 20<<9|1<<5|1 || clock != 0 {
		t.Fatalf("msDosTime(%v) = %#x, %#x", zipTime, date, clock)
	}
}

// TestEntryTime checks the dates entries get: the given time (in UTC, to
// two seconds), 2000-01-01 without one, clamped to the MS-DOS years.
func TestEntryTime(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	cases := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"none", time.Time{}, zipTime},
		{"export date", utc(2026, 5, 15, 12, 38, 5), utc(2026, 5, 15, 12, 38, 4)},
		{"another zone", time.Date(2026, 5, 15, 14, 38, 6, 0, time.FixedZone("CEST", 7200)), utc(2026, 5, 15, 12, 38, 6)},
		{"before 1980", utc(1970, 1, 1, 0, 0, 0), utc(1980, 1, 1, 0, 0, 0)},
		{"after 2107", utc(2200, 1, 1, 0, 0, 0), utc(2107, 12, 31, 23, 59, 58)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeZip(&buf, []File{{Path: "a.txt", Data: []byte("a")}}, nil, c.in); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			if got := zr.File[0].Modified; !got.Equal(c.want) {
				t.Errorf("dated %v, want %v", got, c.want)
			}
		})
	}
}

// zipOf is WriteZip into a new buffer.
func zipOf(t *testing.T, files []File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteZip(&buf, files); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteZipOpen checks that files read or written when zipped give the
// same bytes as files given whole, and that a failed read or write names
// the file.
func TestWriteZipOpen(t *testing.T) {
	given := []File{{Path: "b.html", Data: []byte("<p>b</p>")}, {Path: "a/a.html", Data: []byte(strings.Repeat("<p>a</p>", 9000))}}
	var opened, written []File
	for _, f := range given {
		data := f.Data
		opened = append(opened, File{Path: f.Path, Open: func() ([]byte, error) { return data, nil }})
		written = append(written, File{Path: f.Path, Write: func(w io.Writer) error {
			for rest := data; len(rest) > 0; rest = rest[min(len(rest), 1000):] {
				if _, err := w.Write(rest[:min(len(rest), 1000)]); err != nil {
					return err
				}
			}
			return nil
		}})
	}
	var want bytes.Buffer
	if err := WriteZip(&want, given); err != nil {
		t.Fatal(err)
	}
	for name, files := range map[string][]File{"opened": opened, "written": written} {
		var got bytes.Buffer
		if err := WriteZip(&got, files); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("a zip of %s files differs from the zip of the same bytes", name)
		}
		if data, err := files[1].bytes(); err != nil || !bytes.Equal(data, given[1].Data) {
			t.Errorf("%s file's bytes: %d bytes, %v; want the %d given", name, len(data), err, len(given[1].Data))
		}
	}
	for _, broken := range []File{
		{Path: "c.html", Open: func() ([]byte, error) { return nil, errors.New("gone") }},
		{Path: "c.html", Write: func(w io.Writer) error { w.Write([]byte("half")); return errors.New("gone") }},
	} {
		if err := WriteZip(io.Discard, append(opened, broken)); err == nil || !strings.Contains(err.Error(), "c.html") || !strings.Contains(err.Error(), "gone") {
			t.Errorf("error %v, want one naming c.html", err)
		}
	}
}

// TestDeflatedShares checks that zips written through a Deflated cache
// have the bytes of zips written without, that a page in two zips is
// compressed once, and that other bytes under the same path are not
// taken for it.
func TestDeflatedShares(t *testing.T) {
	page := func(body string) File {
		return File{Path: "content/p.html", Open: func() ([]byte, error) { return []byte(body), nil }}
	}
	own := File{Path: "imsmanifest.xml", Data: []byte("<manifest/>")}
	var cache Deflated
	var a, b, plain bytes.Buffer
	if err := writeZip(&a, []File{page("<p>one</p>"), own}, &cache, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&b, []File{page("<p>one</p>"), own}, &cache, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteZip(&plain, []File{page("<p>one</p>"), own}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), plain.Bytes()) || !bytes.Equal(b.Bytes(), plain.Bytes()) {
		t.Error("a zip through the cache differs from one without")
	}
	if n := len(cache.entries); n != 1 {
		t.Errorf("the cache holds %d entries, want the one shared page", n)
	}
	var c bytes.Buffer
	if err := writeZip(&c, []File{page("<p>two</p>")}, &cache, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := unzip(t, c.Bytes()); string(got["content/p.html"]) != "<p>two</p>" {
		t.Errorf("other bytes under the same path came out as %q", got["content/p.html"])
	}
}

// A file compressed ahead gives the zip the bytes it would have made of
// the file itself, dated the same.
func TestWriteZipCompressedAhead(t *testing.T) {
	files := []File{
		{Path: "a.txt", Data: []byte(strings.Repeat("alpha ", 1000))},
		{Path: "b/page.html", Data: []byte("<p>page</p>")},
		{Path: "empty", Data: nil},
	}
	var c Compressor
	ahead := make([]File, len(files))
	for i, f := range files {
		ahead[i] = File{Path: f.Path, Zipped: c.Compress(f.Data)}
		if ahead[i].Zipped.Size() != len(f.Data) {
			t.Errorf("%s: Size %d, want %d", f.Path, ahead[i].Zipped.Size(), len(f.Data))
		}
	}
	when := time.Date(2024, 5, 6, 7, 8, 10, 0, time.UTC)
	var want, got bytes.Buffer
	if err := WriteZipDated(&want, files, when); err != nil {
		t.Fatal(err)
	}
	if err := WriteZipDated(&got, ahead, when); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatal("files compressed ahead give other bytes than the files themselves")
	}
	zr, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(when) {
			t.Errorf("%s dated %v, want %v", f.Name, f.Modified, when)
		}
	}
	if len(unzip(t, got.Bytes())) != len(files) {
		t.Error("entries missing")
	}
}

// A page compressed ahead can still be rewritten by the cartridge, which
// reads it back.
func TestZippedOpens(t *testing.T) {
	var c Compressor
	data := []byte(strings.Repeat("<p>page</p>", 50))
	got, err := File{Path: "p.html", Zipped: c.Compress(data)}.bytes()
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("bytes() = %q, %v; want the page", got, err)
	}
	for _, tt := range []struct {
		name  string
		spoil func(z *Zipped)
	}{
		{"CRC", func(z *Zipped) { z.crc++ }},
		{"size above", func(z *Zipped) { z.size++ }},
		{"size below", func(z *Zipped) { z.size-- }},
	} {
		bad := c.Compress(data)
		tt.spoil(bad)
		if _, err := (File{Path: "p.html", Zipped: bad}).bytes(); err == nil {
			t.Errorf("a compressed file whose %s does not match read without error", tt.name)
		}
	}
}

// One inflater opens a cartridge's pages in turn, from memory and from a
// spill file, reusing its buffers: each page reads back whole whatever
// size came before, and a spoiled one fails without spoiling the next.
func TestInflaterReuses(t *testing.T) {
	spill, err := NewSpill(t.TempDir())
	if err != nil || spill == nil {
		t.Fatalf("NewSpill: %v, %v", spill, err)
	}
	defer spill.Close()
	pages := [][]byte{
		[]byte(strings.Repeat("<p>a long page</p>", 400)),
		[]byte("<p>short</p>"),
		nil,
		[]byte(strings.Repeat("<li>another long one</li>", 900)),
	}
	for name, c := range map[string]*Compressor{"memory": {}, "spill": {Spill: spill}} {
		var in inflater
		for round := range 2 {
			for i, want := range pages {
				got, err := in.bytes(File{Path: "p.html", Zipped: c.Compress(want)})
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s, round %d: page %d reads back %d bytes (%v), want %d", name, round, i, len(got), err, len(want))
				}
			}
			bad := c.Compress(pages[0])
			bad.crc++
			if _, err := in.bytes(File{Path: "p.html", Zipped: bad}); err == nil {
				t.Errorf("%s: a spoiled page read without error", name)
			}
		}
	}
}
