package publish

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// These tests kill a real build process with SIGKILL and check that the
// previous site survives byte for byte. The build runs in a child: this test
// binary re-executed to run only TestHelperProcess, told what to do through
// the environment.

const (
	helperModeEnv = "LADDER_PUBLISH_HELPER" // "slow-build" or "commit-loop"
	helperOutEnv  = "LADDER_PUBLISH_OUT"
)

// TestHelperProcess is the child's body; run directly, it is skipped.
func TestHelperProcess(t *testing.T) {
	mode, out := os.Getenv(helperModeEnv), os.Getenv(helperOutEnv)
	if mode == "" {
		t.Skip("the child process of the crash tests")
	}
	go func() { // never outlive a parent that failed to kill us
		time.Sleep(time.Minute)
		os.Exit(3)
	}()
	var err error
	switch mode {
	case "slow-build":
		err = slowBuild(out)
	case "commit-loop":
		err = commitLoop(out)
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	fmt.Fprintln(os.Stderr, "helper:", err)
	os.Exit(2)
}

// slowBuild writes files without end, printing "ready" after the first 200.
func slowBuild(out string) error {
	s, err := Open(out)
	if err != nil {
		return err
	}
	page := []byte(strings.Repeat("<p>half-built page</p>\n", 100))
	for i := 0; ; i++ {
		rel := fmt.Sprintf("occupations/o%02d/%05d/index.html", i%16, i)
		if err := s.WriteFile(rel, page); err != nil {
			return err
		}
		if i == 200 {
			fmt.Println("ready")
		}
		if i > 200 {
			time.Sleep(time.Millisecond)
		}
	}
}

// loopFiles is how many files each version of the commit-loop site has.
const loopFiles = 150

// commitLoop publishes version after version of a site whose every file
// holds its version, printing "committed N" after each.
func commitLoop(out string) error {
	for v := 1; ; v++ {
		if err := versionedBuild(out, fmt.Sprint("child-", v)); err != nil {
			return err
		}
		fmt.Println("committed", v)
	}
}

func versionedBuild(out, version string) error {
	s, err := Open(out)
	if err != nil {
		return err
	}
	for i := range loopFiles {
		if err := s.WriteFile(fmt.Sprintf("d%d/%03d.html", i%7, i), []byte(version)); err != nil {
			return err
		}
	}
	return s.Commit()
}

// startHelper runs the child in mode and waits until it prints a line
// starting with ready.
func startHelper(t *testing.T, mode, out, ready string) *exec.Cmd {
	t.Helper()
	switch runtime.GOOS {
	case "js", "wasip1", "ios", "android":
		t.Skipf("cannot run a child process on %s", runtime.GOOS)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperModeEnv+"="+mode, helperOutEnv+"="+out)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), ready) {
				lines <- sc.Text()
			}
		}
		close(lines)
	}()
	select {
	case _, ok := <-lines:
		if !ok {
			t.Fatal("child exited before it was ready")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("child not ready after 30s")
	}
	go func() { // keep draining so the child never blocks on its stdout
		for range lines {
		}
	}()
	return cmd
}

func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("child exited cleanly; it should have been killed")
	}
}

func TestKilledBuildLeavesPreviousSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "site")
	build(t, out, siteV1)
	before := treeHash(t, out)

	kill(t, startHelper(t, "slow-build", out, "ready"))

	if after := treeHash(t, out); after != before {
		t.Fatal("killed build changed the previous site")
	}
	var staging []string
	for _, name := range names(t, root) {
		if strings.HasPrefix(name, ".site.ladder-staging-") {
			staging = append(staging, name)
		}
	}
	if len(staging) != 1 || len(readTree(t, filepath.Join(root, staging[0]))) < 200 {
		t.Fatalf("expected the killed build's half-written staging folder, found %v", staging)
	}

	build(t, out, siteV2)
	assertTree(t, out, withMarker(siteV2))
	if got := names(t, root); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output after the next build: %v, want only site", got)
	}
}

func TestKilledCommitsLeaveACompleteSite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "site")
	if err := versionedBuild(out, "parent-0"); err != nil {
		t.Fatal(err)
	}
	// Kill the child at different points of its build-and-commit loop (one
	// round takes some 30-300 ms); the output must always be one whole
	// version.
	for round, delay := range []time.Duration{0, 7, 19, 37, 61, 91, 127, 169, 217, 271} {
		cmd := startHelper(t, "commit-loop", out, "committed")
		time.Sleep(delay * time.Millisecond)
		kill(t, cmd)
		assertWholeVersion(t, out, round)
	}
	if err := versionedBuild(out, "parent-last"); err != nil {
		t.Fatal(err)
	}
	assertWholeVersion(t, out, -1)
	if got := names(t, root); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the output after the next build: %v, want only site", got)
	}
}

// assertWholeVersion checks that out holds the marker and exactly loopFiles
// files that all carry the same version.
func assertWholeVersion(t *testing.T, out string, round int) {
	t.Helper()
	files := readTree(t, out)
	if files[MarkerName] != markerContent {
		t.Fatalf("round %d: marker missing", round)
	}
	delete(files, MarkerName)
	versions := map[string]int{}
	for _, v := range files {
		versions[v]++
	}
	if len(files) != loopFiles || len(versions) != 1 {
		t.Fatalf("round %d: output holds %d files of versions %v; want %d files of one version", round, len(files), versions, loopFiles)
	}
}
