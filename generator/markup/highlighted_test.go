package markup

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/tests/stored"
)

// highlightedReadme says what highlighted/ holds; it is no block.
const highlightedReadme = "README"

// defaultBlocks returns the HTML of every code block of the embedded
// content's pages that chroma highlights, by stored name, highlighted
// without the stored ones.
func defaultBlocks(t *testing.T) map[string][]byte {
	t.Helper()
	c := newCodeBlockRenderer(0)
	c.stored = nil
	out := map[string][]byte{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		src, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		doc := goldmark.New().Parser().Parse(text.NewReader(src))
		return ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			block, ok := n.(*ast.FencedCodeBlock)
			if !entering || !ok || block.Info == nil {
				return ast.WalkContinue, nil
			}
			lang, code := string(block.Language(src)), blockCode(block, src)
			if lexer := c.lexers.get(lang); lexer != nil {
				key := blockKey(lang, code)
				out[storedBlockName(key)] = c.highlight(key, lexer, lang, code)
			}
			return ast.WalkSkipChildren, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("the embedded content has no highlighted code block")
	}
	return out
}

func blockCode(n ast.Node, src []byte) []byte {
	var code []byte
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		code = append(code, seg.Value(src)...)
	}
	return code
}

func blockKey(lang string, code []byte) [sha256.Size]byte {
	return sha256.Sum256(append([]byte(lang+"\x00"), code...))
}

// TestStoredHighlighted holds highlighted/ to chroma: it holds exactly
// the HTML of every highlighted code block of the embedded content, byte
// for byte, as chroma makes it today (an upgrade of chroma or an edited
// default page shows here); -update writes it.
func TestStoredHighlighted(t *testing.T) {
	want := defaultBlocks(t)
	stored.Folder{FS: highlightedData, Dir: highlightedDir, Readme: highlightedReadme,
		Update: "go test ./generator/markup -run TestStoredHighlighted -update"}.Hold(t, want, *update)
}

// TestStoredHighlightedUsed checks that a block stored is given its
// stored HTML and any other block is highlighted: the stored HTML here
// differs from chroma's, to show which one a call used.
func TestStoredHighlightedUsed(t *testing.T) {
	const lang, stored = "toml", "STORED"
	c := newCodeBlockRenderer(0)
	c.stored = fstest.MapFS{
		highlightedDir + "/" + storedBlockName(blockKey(lang, []byte("a = 1\n"))): {Data: []byte(stored)},
	}
	for _, tc := range []struct {
		lang, code string
		stored     bool
	}{
		{lang, "a = 1\n", true},
		{lang, "a = 2\n", false},
		{"yaml", "a = 1\n", false}, // the same code in another language
		{"", "a = 1\n", false},
	} {
		got := string(c.block(tc.lang, []byte(tc.code)))
		if (got == stored) != tc.stored {
			t.Errorf("block(%q, %q) = %q, stored: want %v", tc.lang, tc.code, got, tc.stored)
		}
	}
}
