package lms

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/transform"
)

var update = flag.Bool("update", false, "rewrite static/launch.min.js and static/launch.min.css")

// TestLaunchFilesMinified holds the minified launch script and style
// sheet the packages ship to their sources: each is what ladder's
// minifier makes of static/launch.js and static/launch.css (go test
// -update rewrites them).
func TestLaunchFilesMinified(t *testing.T) {
	m := transform.NewMinifier()
	for _, name := range []string{"launch.js", "launch.css"} {
		src, err := os.ReadFile("static/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if _, err := m.Minify(name, &want, src); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		min := "static/" + strings.Replace(name, ".", ".min.", 1)
		if *update {
			if err := os.WriteFile(min, want.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(min)
		if err != nil || !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s is not the minified %s (%v): go test -run TestLaunchFilesMinified -update rewrites it", min, name, err)
		}
		if len(want.Bytes()) >= len(src)*3/4 {
			t.Errorf("%s: %d bytes minified from %d", name, want.Len(), len(src))
		}
	}
}
