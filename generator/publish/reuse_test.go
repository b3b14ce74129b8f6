package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRebuildLinksUnchangedFiles checks that a rebuild keeps the previous
// build's file (same inode, same modification time) where the bytes are
// the same, and writes anew where they differ, even by one byte of the
// same length, or where the previous output holds a link instead.
func TestRebuildLinksUnchangedFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("inode identity and symbolic links differ on Windows")
	}
	out := filepath.Join(t.TempDir(), "site")
	v1 := map[string]string{
		"index.html":       "<h1>home</h1>",
		"a/page.html":      "unchanged page",
		"a/same-size.html": "version 1",
		"b/link.html":      "planted link",
		"big.bin":          strings.Repeat("x", 200_000),
	}
	build(t, out, v1)
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	before := map[string]os.FileInfo{}
	for rel := range v1 {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		before[rel] = fi
	}
	// A symbolic link where a file was: the rebuild must write a file.
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("planted link"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "b", "link.html")
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, link); err != nil {
		t.Fatal(err)
	}

	v2 := map[string]string{
		"index.html":       "<h1>home</h1>",
		"a/page.html":      "unchanged page",
		"a/same-size.html": "version 2",
		"b/link.html":      "planted link",
		"big.bin":          strings.Repeat("x", 199_999) + "y",
		"c/new.html":       "new",
	}
	build(t, out, v2)
	assertTree(t, out, withMarker(v2))
	for rel, kept := range map[string]bool{
		"index.html": true, "a/page.html": true,
		"a/same-size.html": false, "b/link.html": false, "big.bin": false,
	} {
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if !fi.Mode().IsRegular() {
			t.Errorf("%s: mode %v, want a regular file", rel, fi.Mode())
		}
		if same := os.SameFile(fi, before[rel]); same != kept {
			t.Errorf("%s: same file as the previous build's = %v, want %v", rel, same, kept)
		}
		if old := fi.ModTime().Equal(past); old != kept {
			t.Errorf("%s: modification time %v; kept from the previous build = %v, want %v", rel, fi.ModTime(), old, kept)
		}
	}
	if data, err := os.ReadFile(secret); err != nil || string(data) != "planted link" {
		t.Errorf("the link's target: %q, %v; want it untouched", data, err)
	}
}

func TestSameBytes(t *testing.T) {
	big := strings.Repeat("0123456789", 20_000) // longer than one read buffer
	tests := []struct {
		name, file, data string
		want             bool
	}{
		{"equal", "abc", "abc", true},
		{"both empty", "", "", true},
		{"file shorter", "ab", "abc", false},
		{"file longer", "abcd", "abc", false},
		{"file empty", "", "a", false},
		{"last byte differs", "abd", "abc", false},
		{"equal, several reads", big, big, true},
		{"differs after the first read", big, big[:100_000] + "x" + big[100_001:], false},
		{"file longer by one byte after several reads", big + "!", big, false},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, "f")
			if err := os.WriteFile(p, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := sameBytes(p, []byte(tc.data))
			if err != nil || got != tc.want {
				t.Errorf("sameBytes = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if _, err := sameBytes(filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("sameBytes of a missing file: no error")
	}
}
