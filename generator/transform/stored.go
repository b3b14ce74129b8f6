package transform

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// Minifying ladder's own default assets and templates, the same bytes in
// every build, took about a fifth of the default site's build (some 20 ms
// of CPU for the scripts alone, in a process that lives 100 ms). Their
// minified forms are kept here instead: stored/<name> holds the minified
// form of one input, named by storedName. They are written by
// go test ./generator/transform -run TestStoredMinified -update, which
// also holds them to what the minifier makes of the embedded defaults
// today. Any other input (a site's own asset or template, or a default
// changed since -update) is not found and is minified as before, so the
// output never depends on whether an input was stored.
//
//go:embed stored
var storedData embed.FS

// storedDir is the folder of storedData holding the minified forms.
const storedDir = "stored"

// storedName names the stored minified form of src as media type mt:
// its length, so that most inputs are ruled out before hashing, and the
// first 16 bytes of the SHA-256 of the media type and the input.
func storedName(mt string, src []byte) string {
	h := sha256.New()
	h.Write([]byte(mt))
	h.Write([]byte{0})
	h.Write(src)
	return strconv.Itoa(len(src)) + "-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// storedSet finds the stored minified forms in fsys's storedDir (for
// the minifier, storedData); it lists them on first use.
type storedSet struct {
	fsys    fs.FS
	once    sync.Once
	lengths map[int]bool // the lengths of the inputs stored
}

// lookup appends the stored minified form of src (as media type mt) to
// dst and reports whether there was one.
func (s *storedSet) lookup(mt string, dst *bytes.Buffer, src []byte) bool {
	s.once.Do(s.list)
	if !s.lengths[len(src)] {
		return false
	}
	data, err := fs.ReadFile(s.fsys, storedDir+"/"+storedName(mt, src))
	if err != nil {
		return false
	}
	dst.Write(data)
	return true
}

// list reads the lengths of the stored inputs from the names.
func (s *storedSet) list() {
	s.lengths = map[int]bool{}
	entries, _ := fs.ReadDir(s.fsys, storedDir)
	for _, e := range entries {
		n, _, _ := strings.Cut(e.Name(), "-")
		if length, err := strconv.Atoi(n); err == nil {
			s.lengths[length] = true
		}
	}
}
