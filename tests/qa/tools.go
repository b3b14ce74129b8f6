package qa

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RequireTools reports whether a missing checker must fail a test rather
// than skip it: true when CI=true or LADDER_REQUIRE_TOOLS=1 is set.
func RequireTools() bool {
	return os.Getenv("CI") == "true" || os.Getenv("LADDER_REQUIRE_TOOLS") == "1"
}

// missing skips t because a tool is unavailable, or fails it when
// RequireTools is set. hint tells the reader how to install the tool.
func missing(t testing.TB, what, hint string, err error) {
	t.Helper()
	msg := what + " not available (" + err.Error() + "); " + hint
	if RequireTools() {
		t.Fatal(msg + " [failing, not skipping: CI=true or LADDER_REQUIRE_TOOLS=1]")
	}
	t.Skip(msg)
}

// RepoRoot returns the repository root: the nearest directory at or above
// the working directory that holds go.mod. It fails t when there is none.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := findRepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// findRepoRoot walks up from the working directory to the first go.mod.
func findRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("qa: no go.mod at or above the working directory")
		}
		dir = parent
	}
}

// toolsDir is where tests/tools/package.json installs the pinned checkers.
func toolsDir(t testing.TB) string {
	return filepath.Join(RepoRoot(t), "tests", "tools", "node_modules")
}

// Chromium returns the path of the Chromium binary: $LADDER_CHROMIUM when
// set, else /usr/bin/chromium, else "chromium" on PATH. It skips t when none
// exists (fails under RequireTools).
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("LADDER_CHROMIUM"); p != "" {
		if err := isExecutable(p); err != nil {
			missing(t, "Chromium ($LADDER_CHROMIUM)", "fix LADDER_CHROMIUM", err)
		}
		return p
	}
	if isExecutable("/usr/bin/chromium") == nil {
		return "/usr/bin/chromium"
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		missing(t, "Chromium", "run: bash scripts/test.sh (or apt-get install -y chromium)", err)
	}
	return p
}

// VNUJar returns the path of the pinned Nu HTML Checker jar
// (tests/tools/node_modules/vnu-jar/build/dist/vnu.jar, or $LADDER_VNU_JAR),
// after checking that java is on PATH. It skips t when either is missing
// (fails under RequireTools).
func VNUJar(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		missing(t, "java (for vnu.jar)", "apt-get install -y default-jre-headless", err)
	}
	p := os.Getenv("LADDER_VNU_JAR")
	if p == "" {
		p = filepath.Join(toolsDir(t), "vnu-jar", "build", "dist", "vnu.jar")
	}
	if _, err := os.Stat(p); err != nil {
		missing(t, "vnu.jar", "run: bash scripts/test.sh (or npm ci --ignore-scripts in tests/tools)", err)
	}
	return p
}

// AxeSource returns the source of the pinned axe-core
// (tests/tools/node_modules/axe-core/axe.min.js), ready to inject with Axe.
// It skips t when the file is missing (fails under RequireTools).
func AxeSource(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(toolsDir(t), "axe-core", "axe.min.js"))
	if err != nil {
		missing(t, "axe-core", "run: bash scripts/test.sh (or npm ci --ignore-scripts in tests/tools)", err)
	}
	return string(src)
}

// ToolFile returns the path of a file inside tests/tools/node_modules, for
// other pinned packages such as scorm-again
// (ToolFile(t, "scorm-again/dist/scorm-again.min.js")). It skips t when the
// file is missing (fails under RequireTools).
func ToolFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(toolsDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, rel, "run: bash scripts/test.sh (or npm ci --ignore-scripts in tests/tools)", err)
	}
	return p
}

// Xmllint returns the path of xmllint ($LADDER_XMLLINT or PATH). It skips t
// when missing (fails under RequireTools).
func Xmllint(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("LADDER_XMLLINT"); p != "" {
		if err := isExecutable(p); err != nil {
			missing(t, "xmllint ($LADDER_XMLLINT)", "fix LADDER_XMLLINT", err)
		}
		return p
	}
	p, err := exec.LookPath("xmllint")
	if err != nil {
		missing(t, "xmllint", "run: bash scripts/test.sh (or apt-get install -y libxml2-utils)", err)
	}
	return p
}

// isExecutable returns nil when p is a regular file with an execute bit.
func isExecutable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return errors.New(p + " is not an executable file")
	}
	return nil
}

// Node returns the path of node (PATH). It skips t when missing (fails
// under RequireTools).
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node", "run: bash scripts/test.sh (or apt-get install -y nodejs)", err)
	}
	return p
}
