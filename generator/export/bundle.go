package export

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// BundleFile is one file of the bundle, or of an export: its path in the
// output (slash-separated, relative) and its content.
type BundleFile struct {
	Name string
	Data []byte
}

// bundleTime is the modification time of every bundle entry, 2000-01-01
// 00:00 as an MS-DOS date and time (bits: year-1980 | month | day, and
// hour | minute | second/2).
const (
	bundleDate = (2000-1980)<<9 | 1<<5 | 1
	bundleTime = 0
)

// WriteBundle writes files as a zip archive whose bytes depend on nothing
// but the files: entries sorted by name, deflated, each dated 2000-01-01
// 00:00 with mode 0644 and no extra fields (no extended timestamps). It
// fails on a name that is empty, absolute, not clean or repeated, so that
// unzipping cannot write outside its folder.
func WriteBundle(w io.Writer, files []BundleFile) error {
	sorted := append([]BundleFile(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for i, f := range sorted {
		if f.Name == "" || strings.HasPrefix(f.Name, "/") || path.Clean(f.Name) != f.Name ||
			f.Name == ".." || strings.HasPrefix(f.Name, "../") || strings.Contains(f.Name, "\\") {
			return fmt.Errorf("bundle: unsafe file name %q", f.Name)
		}
		if i > 0 && sorted[i-1].Name == f.Name {
			return fmt.Errorf("bundle: %q appears twice", f.Name)
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range sorted {
		fh := &zip.FileHeader{Name: f.Name, Method: zip.Deflate}
		fh.SetMode(0o644)
		// Setting Modified would add an extended-timestamp extra field;
		// the MS-DOS fields alone carry the date.
		fh.ModifiedDate, fh.ModifiedTime = bundleDate, bundleTime //lint:ignore SA1019 the MS-DOS fields avoid the extra field Modified adds
		fw, err := zw.CreateHeader(fh)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
