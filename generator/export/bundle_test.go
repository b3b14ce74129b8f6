package export

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func bundleOf(t *testing.T, files []BundleFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBundle(&buf, files, time.Time{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBundleDates checks the date of the entries: the given time in UTC
// to two seconds, 2000-01-01 without one, clamped to the MS-DOS years.
func TestBundleDates(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	cases := []struct {
		name     string
		in, want time.Time
	}{
		{"none", time.Time{}, utc(2000, 1, 1, 0, 0, 0)},
		{"export date", utc(2026, 5, 15, 12, 38, 5), utc(2026, 5, 15, 12, 38, 4)},
		{"another zone", time.Date(2026, 5, 15, 14, 38, 6, 0, time.FixedZone("CEST", 7200)), utc(2026, 5, 15, 12, 38, 6)},
		{"before 1980", utc(1970, 1, 1, 0, 0, 0), utc(1980, 1, 1, 0, 0, 0)},
		{"after 2107", utc(2200, 1, 1, 0, 0, 0), utc(2107, 12, 31, 23, 59, 58)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteBundle(&buf, []BundleFile{{Name: "a.txt", Data: []byte("a")}}, c.in); err != nil {
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

func TestBundleDeterministic(t *testing.T) {
	s := seeds(t, baseConfig())
	var files []BundleFile
	for _, o := range s.Occupations {
		fs, err := FrameworkFiles(o, s)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	siteFiles, err := SiteFiles(s)
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, siteFiles...)
	reversed := make([]BundleFile, len(files))
	for i, f := range files {
		reversed[len(files)-1-i] = f
	}

	a, b := bundleOf(t, files), bundleOf(t, reversed)
	if !bytes.Equal(a, b) {
		t.Fatal("the same files in another order give different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(files))
	}
	want := map[string][]byte{}
	for _, f := range files {
		want[f.Name] = f.Data
	}
	prev := ""
	for _, f := range zr.File {
		if f.Name <= prev {
			t.Errorf("entry %s after %s: not sorted", f.Name, prev)
		}
		prev = f.Name
		if len(f.Extra) != 0 {
			t.Errorf("%s has extra fields % x", f.Name, f.Extra)
		}
		if !f.Modified.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
		if f.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v", f.Name, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(data, want[f.Name]) {
			t.Errorf("%s: content differs", f.Name)
		}
	}

	// unzip, a reader we did not write, lists and tests the same files.
	if bin, err := exec.LookPath("unzip"); err == nil {
		file := filepath.Join(t.TempDir(), "b.zip")
		if err := os.WriteFile(file, a, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-t", file).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No errors detected") {
			t.Errorf("unzip -t: %v\n%s", err, out)
		}
		out, _ = exec.Command(bin, "-Z1", file).Output()
		if got := strings.Fields(string(out)); len(got) != len(files) {
			t.Errorf("unzip lists %d files, want %d", len(got), len(files))
		}
	}
}

func TestBundleRejectsUnsafeNames(t *testing.T) {
	for _, name := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", "./a", "..", "a/"} {
		if err := WriteBundle(io.Discard, []BundleFile{{Name: name}}, time.Time{}); err == nil {
			t.Errorf("WriteBundle accepted %q", name)
		}
	}
	if err := WriteBundle(io.Discard, []BundleFile{{Name: "a"}, {Name: "a"}}, time.Time{}); err == nil {
		t.Error("WriteBundle accepted a name twice")
	}
}
