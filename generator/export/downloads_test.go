package export

import (
	"bytes"
	"testing"

	"github.com/ladder-ssg/ladder/generator/site"
)

// A build makes every framework's exports in one reused buffer: each
// framework's files come out as they do in a buffer of their own, whatever
// the buffer held or grew to before, and the bytes before dst's length
// stay as they were.
func TestAppendFrameworkFilesReusesBuffer(t *testing.T) {
	sites := map[string]*site.Site{
		"seeds":   seeds(t, baseConfig()),
		"hostile": hostile(t, baseConfig()),
	}
	for name, s := range sites {
		buf := []byte("kept")
		for range 2 {
			for _, o := range s.Occupations {
				want, _, err := AppendFrameworkFiles(nil, o, s)
				if err != nil {
					t.Fatal(err)
				}
				got, grown, err := AppendFrameworkFiles(buf, o, s)
				if err != nil {
					t.Fatal(err)
				}
				if len(buf) > 0 && !bytes.Equal(grown[:len(buf)], []byte("kept")) {
					t.Fatalf("%s: the buffer's first bytes changed", name)
				}
				if len(got) != len(want) || len(got) == 0 {
					t.Fatalf("%s %s: %d files, alone %d", name, o.Code, len(got), len(want))
				}
				for i := range want {
					if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
						t.Errorf("%s %s: file %d is %s (%d bytes), want %s (%d bytes)", name, o.Code, i, got[i].Name, len(got[i].Data), want[i].Name, len(want[i].Data))
					}
				}
				buf = grown[:0]
			}
		}
	}
}
