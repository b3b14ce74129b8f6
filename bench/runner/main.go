// Command runner is the benchmark behind bench/run: it builds the ladder
// binary once, prepares site folders of several sizes from the O*NET 29.3
// corpus, and times whole `ladder build` processes against `cp -r` of
// their own output and against Hugo building the equivalent pages, in
// the same run, printing the medians as a Markdown table.
//
// Run it through bench/run from anywhere; it must run from the repository
// root. See BENCHMARKS.md for the figures and how to read them.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// defaultRuns is how many times each size is built when --runs is not
// given: enough for a stable median, few enough that the largest size
// stays within minutes on a 2-core machine with a slow disk.
var defaultRuns = map[string]int{"seeds": 10, "100": 5, "1016": 5, "10160": 3}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes   []string
	runs    int // 0: defaultRuns per size
	noHugo  bool
	work    string
	corpus  string
	rev     string // build ladder from this git revision; "" for the working tree
	command string
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("bench/run", flag.ContinueOnError)
	sizes := fs.String("sizes", "seeds,100,1016,10160", "comma-separated `sizes`: seeds (the embedded default site), 100, 1016, 10160")
	runs := fs.Int("runs", 0, "builds per size (default: 10 for seeds, 5 for 100 and 1016, 3 for 10160)")
	noHugo := fs.Bool("no-hugo", false, "skip the Hugo comparison")
	work := fs.String("work", filepath.Join(os.TempDir(), "ladder-bench"), "work `folder` for generated sites and outputs (reused between runs)")
	rev := fs.String("rev", "", "build ladder from this git `revision` (via git archive) instead of the working tree")
	corpus := fs.String("corpus", filepath.Join("..", "shared", "corpus", "onet-29.3"), "the 1,016-framework corpus `folder`")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	o := options{runs: *runs, noHugo: *noHugo, rev: *rev, command: os.Getenv("BENCH_COMMAND")}
	if o.command == "" {
		o.command = "go run ./bench/runner " + strings.Join(args, " ")
	}
	for _, s := range strings.Split(*sizes, ",") {
		s = strings.TrimSpace(s)
		if _, ok := defaultRuns[s]; !ok {
			return options{}, fmt.Errorf("--sizes: unknown size %q (want seeds, 100, 1016 or 10160)", s)
		}
		o.sizes = append(o.sizes, s)
	}
	if o.runs < 0 {
		return options{}, errors.New("--runs must be positive")
	}
	var err error
	if o.work, err = filepath.Abs(*work); err != nil {
		return options{}, err
	}
	if o.corpus, err = filepath.Abs(*corpus); err != nil {
		return options{}, err
	}
	return o, nil
}

func run(args []string) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run from the repository root (bench/run does that)")
	}
	if _, err := os.Stat(o.corpus); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	hugoBin := ""
	if !o.noHugo {
		if hugoBin, err = exec.LookPath("hugo"); err != nil {
			return errors.New("hugo not found on PATH (apt-get install hugo), or pass --no-hugo")
		}
	}
	if err := os.MkdirAll(o.work, 0o755); err != nil {
		return err
	}
	m := describeMachine(hugoBin)
	m.LoadStart = loadAverage()
	logf("work folder %s; load average %s", o.work, m.LoadStart)

	ladder := filepath.Join(o.work, "ladder")
	if m.Ladder, err = buildLadder(o, ladder); err != nil {
		return err
	}

	bin, err := newTrash(o.work)
	if err != nil {
		return err
	}
	var results []sizeResult
	for _, size := range o.sizes {
		runs := o.runs
		if runs == 0 {
			runs = defaultRuns[size]
		}
		r, err := benchSize(o, bin, size, runs, ladder, hugoBin)
		if err != nil {
			return fmt.Errorf("size %s: %w", size, err)
		}
		results = append(results, r)
	}
	m.LoadEnd = loadAverage()

	report := Report{Command: o.command, Machine: m, Results: results, When: time.Now().UTC().Format(time.RFC3339)}
	if data, err := json.MarshalIndent(report, "", "  "); err == nil {
		file := filepath.Join(o.work, "results-"+time.Now().Format("20060102-150405")+".json")
		if err := os.WriteFile(file, append(data, '\n'), 0o644); err == nil {
			logf("raw results in %s", file)
		}
	}
	printReport(os.Stdout, report)
	return nil
}

// buildLadder builds the ladder binary once, from the working tree or,
// with --rev, from a clean export of that revision, and describes what it
// built.
func buildLadder(o options, bin string) (string, error) {
	head := gitOut("rev-parse", "--short=12", "HEAD")
	dir, what := ".", "working tree at "+head
	if o.rev != "" {
		commit := gitOut("rev-parse", "--short=12", o.rev+"^{commit}")
		if commit == "" {
			return "", fmt.Errorf("--rev %s: not a commit", o.rev)
		}
		dir = filepath.Join(o.work, "src-"+commit)
		if err := os.RemoveAll(dir); err != nil {
			return "", err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		archive := exec.Command("sh", "-c", `git archive "$1" | tar -x -C "$2"`, "sh", commit, dir)
		if out, err := archive.CombinedOutput(); err != nil {
			return "", fmt.Errorf("git archive %s: %v\n%s", commit, err, out)
		}
		what = "commit " + commit
	} else if dirty := gitOut("status", "--porcelain", "--untracked-files=no"); dirty != "" {
		what += fmt.Sprintf(" with uncommitted changes to %d files", len(strings.Split(dirty, "\n")))
	}
	logf("building ladder from the %s into %s", what, bin)
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return what, nil
}

// gitOut is the trimmed output of a git command, or "" when it fails.
func gitOut(args ...string) string {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// sizeLabel names a size's folders: "seeds", "100", "1016", "10160".
func sizeLabel(size string) string {
	if n, err := strconv.Atoi(size); err == nil {
		return thousands(int64(n))
	}
	return size
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
