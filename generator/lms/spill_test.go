package lms

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestSpill zips files compressed ahead in memory and in a spill file:
// the same zip, byte for byte, whose entries read back as the files.
func TestSpill(t *testing.T) {
	spill, err := NewSpill(t.TempDir())
	if err != nil || spill == nil {
		t.Fatalf("NewSpill: %v, %v", spill, err)
	}
	defer spill.Close()
	data := map[string][]byte{
		"a.html": []byte(strings.Repeat("<p>alpha</p>", 200)),
		"b.js":   []byte("var b = 1;"),
		"empty":  nil,
	}
	zips := map[string][]byte{}
	for name, c := range map[string]*Compressor{"memory": {}, "spill": {Spill: spill}} {
		var files []File
		for _, p := range []string{"a.html", "b.js", "empty"} {
			z := c.Compress(data[p])
			if (z.spill != nil) != (name == "spill") || (z.raw != nil) == (name == "spill") {
				t.Errorf("%s: %s kept in spill %v, in memory %v", name, p, z.spill != nil, z.raw != nil)
			}
			files = append(files, File{Path: p, Zipped: z})
		}
		var buf bytes.Buffer
		if err := WriteZip(&buf, files); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		zips[name] = buf.Bytes()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatalf("%s: %s: %v", name, f.Name, err)
			}
			got, err := io.ReadAll(rc) // checks the CRC too
			rc.Close()
			if err != nil || !bytes.Equal(got, data[f.Name]) {
				t.Errorf("%s: %s reads back %q (%v)", name, f.Name, got, err)
			}
		}
	}
	if !bytes.Equal(zips["memory"], zips["spill"]) {
		t.Error("the zip from the spill file differs from the zip from memory")
	}
}
