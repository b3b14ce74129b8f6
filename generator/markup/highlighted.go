package markup

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

// The default site's pages hold about ten code blocks in seven
// languages, and highlighting them took a seventh of the CPU time of its
// whole build (11 ms, most of it compiling the lexers' regular
// expressions), the same work in every build. Their HTML is kept here
// instead, as the minified default assets are (see transform's stored/):
// highlighted/<name> is the HTML of one block, named by storedBlockName.
// go test ./generator/markup -run TestStoredHighlighted -update writes
// them from the embedded content and holds them to chroma's output today;
// any other block (a site's own, or a default page changed since) is not
// found and is highlighted as before, so a page never depends on whether
// its blocks were stored.
//
//go:embed highlighted
var highlightedData embed.FS

// highlightedDir is the folder of highlightedData holding the blocks.
const highlightedDir = "highlighted"

// storedBlockName names the stored HTML of the block whose cache key
// (sha256 of its language, a zero byte and its code) is key: the key's
// first 16 bytes.
func storedBlockName(key [sha256.Size]byte) string {
	return hex.EncodeToString(key[:16]) + ".html"
}

// storedBlock returns the HTML stored in fsys for the block of key.
func storedBlock(fsys fs.FS, key [sha256.Size]byte) ([]byte, bool) {
	if fsys == nil {
		return nil, false
	}
	html, err := fs.ReadFile(fsys, highlightedDir+"/"+storedBlockName(key))
	return html, err == nil
}
