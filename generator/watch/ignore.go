package watch

import (
	"path/filepath"
	"strconv"
	"strings"
)

// scratchName reports whether name (a base name) is one that editors and
// tools use only for their own scratch files: backups, swap files, locks,
// autosaves and the temporary files of atomic saves. Such names never carry
// content, so their events are dropped as they arrive. Hidden names are
// included: the loader skips them too.
func scratchName(name string) bool {
	switch {
	case name == "" || name == "." || name == "..":
		return false
	case strings.HasPrefix(name, "."): // .file.swp, .#file, .goutputstream-X, .DS_Store, .file.tmp123, .git
		return true
	case strings.HasSuffix(name, "~"): // vim and emacs backups, file~
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") && len(name) > 1: // emacs autosave, #file#
		return true
	case strings.Contains(name, "___jb_") && strings.HasSuffix(name, "___"): // JetBrains, file___jb_tmp___, file___jb_old___
		return true
	case vimProbe(name):
		return true
	}
	switch filepath.Ext(name) {
	case ".swp", ".swx", ".swpx", ".swo": // vim swap files without the leading dot
		return true
	}
	return false
}

// vimProbe reports whether name is one of the files vim creates to test
// whether it may write in a folder: "4913", or, when that exists, 4913 plus
// a multiple of 123.
func vimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0 && n < 4913+123*100 && strconv.Itoa(n) == name
}

// tempName reports whether name looks like the temporary file of a tool
// that writes a new file and renames it over its target: sed -i's
// "sedXXXXXX", or "name.tmp" and "name.tmp123". Unlike scratch names these
// could, rarely, be real content, so a batch drops them only when the file
// no longer exists at the time the batch is made: a temporary file has been
// renamed away or removed by then, a real file has not.
func tempName(name string) bool {
	if len(name) == len("sed")+6 && strings.HasPrefix(name, "sed") && alnum(name[3:]) {
		return true
	}
	i := strings.LastIndex(name, ".tmp")
	if i <= 0 {
		return false
	}
	digits := name[i+len(".tmp"):]
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func alnum(s string) bool {
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return true
}
