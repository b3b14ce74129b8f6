package qa

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := RepoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "module github.com/ladder-ssg/ladder") {
		t.Errorf("%s/go.mod is not ladder's", root)
	}
}

func TestToolsArePinned(t *testing.T) {
	for _, rel := range []string{
		"vnu-jar/build/dist/vnu.jar",
		"axe-core/axe.min.js",
		"scorm-again/dist/scorm-again.min.js",
	} {
		if fi, err := os.Stat(ToolFile(t, rel)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: empty or unreadable (%v)", rel, err)
		}
	}
	if src := AxeSource(t); !strings.Contains(src, "axe") {
		t.Error("axe.min.js does not look like axe-core")
	}
}

func TestRequireToolsFailsInsteadOfSkipping(t *testing.T) {
	cases := []struct {
		ci, require string
		want        bool
	}{
		{"", "", false},
		{"true", "", true},
		{"false", "", false},
		{"", "1", true},
	}
	for _, c := range cases {
		t.Setenv("CI", c.ci)
		t.Setenv("LADDER_REQUIRE_TOOLS", c.require)
		if got := RequireTools(); got != c.want {
			t.Errorf("CI=%q LADDER_REQUIRE_TOOLS=%q: RequireTools() = %v, want %v", c.ci, c.require, got, c.want)
		}
	}
}

// fakeTB records whether a helper skipped or failed, without stopping the
// real test. Skip and Fatal end the goroutine, as in testing.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()             {}
func (f *fakeTB) Skip(...any)         { f.skipped = true; runtimeGoexit() }
func (f *fakeTB) Fatal(...any)        { f.failed = true; runtimeGoexit() }
func (f *fakeTB) Logf(string, ...any) {}

func TestMissingToolSkipsOrFails(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		t.Setenv("LADDER_REQUIRE_TOOLS", "")
		t.Setenv("LADDER_CHROMIUM", filepath.Join(t.TempDir(), "no-such-chromium"))
		f := &fakeTB{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Chromium(f)
		}()
		<-done
		if ci == "true" && (!f.failed || f.skipped) {
			t.Errorf("CI=true: missing Chromium must fail, got failed=%v skipped=%v", f.failed, f.skipped)
		}
		if ci == "" && (f.failed || !f.skipped) {
			t.Errorf("CI unset: missing Chromium must skip, got failed=%v skipped=%v", f.failed, f.skipped)
		}
	}
}

// runtimeGoexit ends the calling goroutine, as t.Skip and t.Fatal do.
func runtimeGoexit() { runtime.Goexit() }
