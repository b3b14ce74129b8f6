package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSiteMissingFolder holds a site folder that is not there, or is a
// file, to an error naming it: the default content, which a folder
// without content/ builds, must not stand in for a mistyped --source.
func TestSiteMissingFolder(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defaults := Defaults{
		Content:   fstest.MapFS{"frameworks/x.json": {Data: []byte(`{}`)}},
		Templates: fstest.MapFS{}, Assets: fstest.MapFS{},
	}
	for _, c := range []struct{ dir, want string }{
		{filepath.Join(tmp, "nosuchdir"), "does not exist"},
		{file, "is a file, not a folder"},
	} {
		in, diags := Site(c.dir, defaults, Options{})
		if diags.Err() == nil || !strings.Contains(diags.Error(), c.dir+": the site folder "+c.want) {
			t.Errorf("%s: diagnostics %v", c.dir, diags)
		}
		if len(in.Frameworks) != 0 {
			t.Errorf("%s: %d frameworks read, want none", c.dir, len(in.Frameworks))
		}
	}
	if _, diags := Site(tmp, defaults, Options{}); strings.Contains(diags.Error(), "site folder") {
		t.Errorf("an existing folder: %v", diags)
	}
}
