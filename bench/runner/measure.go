package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Sample is one whole process: wall time from start to exit, user+system
// CPU time and peak resident set size, from wait4's rusage.
type Sample struct {
	Wall   time.Duration
	CPU    time.Duration
	MaxRSS int64 // bytes
}

// measure runs one command to completion and times it. Its output is kept
// only to explain a failure.
func measure(name string, args ...string) (Sample, error) {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Sample{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out.String(), 4000))
	}
	s := Sample{Wall: wall, CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return s, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// Stats are the medians of one tool's samples at one size.
type Stats struct {
	Runs    int
	Wall    time.Duration
	CPU     time.Duration
	MaxRSS  int64
	Samples []Sample
}

func stats(samples []Sample) Stats {
	var wall, cpu, rss []int64
	for _, s := range samples {
		wall = append(wall, int64(s.Wall))
		cpu = append(cpu, int64(s.CPU))
		rss = append(rss, s.MaxRSS)
	}
	return Stats{Runs: len(samples), Wall: time.Duration(median(wall)), CPU: time.Duration(median(cpu)), MaxRSS: median(rss), Samples: samples}
}

// median of the values; the mean of the middle two for an even count.
func median(v []int64) int64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// ladderSummary is the part of `ladder build --summary FILE` we read.
type ladderSummary struct {
	OK    bool  `json:"ok"`
	Pages int   `json:"pages"`
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
	Steps []struct {
		Name    string  `json:"name"`
		Seconds float64 `json:"seconds"`
	} `json:"steps"`
}

// sizeResult is everything measured at one size.
type sizeResult struct {
	Size       string
	Frameworks int
	Pages      int // ladder's HTML pages
	Files      int // every file ladder wrote
	Bytes      int64
	Ladder     Stats
	Steps      []Step // medians of ladder's own step timings
	Copy       Stats  // cp -r of ladder's output
	Hugo       *Stats // nil with --no-hugo
	HugoPages  int    // HTML files Hugo wrote
	HugoFiles  int
	HugoBytes  int64
	LoadBefore string
	// OtherCPU is the CPU time the whole machine spent during this size's
	// measurements beyond the benchmark's own processes (itself included):
	// other users' work and kernel threads such as disk write-back.
	OtherCPU time.Duration
	Elapsed  time.Duration
}

// Step is the median time of one of ladder's build steps, from its summary.
type Step struct {
	Name string
	Time time.Duration
}

// benchSize prepares one size and measures it: per run, a fresh ladder
// build, a cp -r of that output and a fresh Hugo build, interleaved so
// that a change of machine load falls on all three alike.
func benchSize(o options, bin *trash, size string, runs int, ladder, hugoBin string) (sizeResult, error) {
	res := sizeResult{Size: size, LoadBefore: loadAverage()}
	b, err := newSizeBench(o, bin, size, ladder, hugoBin, &res)
	if err != nil {
		return res, err
	}
	busy0, self0, begin := machineBusy(), selfCPU(), time.Now()
	for i := 1; i <= runs; i++ {
		line, err := b.run(i, runs)
		if err != nil {
			return res, err
		}
		logf("%s; load %s", line, loadAverage())
	}
	res.Elapsed = time.Since(begin)
	own := selfCPU() - self0
	for _, x := range slices.Concat(b.ls, b.cs, b.hs) {
		own += x.CPU
	}
	res.OtherCPU = max(machineBusy()-busy0-own, 0)
	if err := bin.discard(b.copyOut); err != nil {
		return res, err
	}
	if err := bin.empty(); err != nil {
		return res, err
	}
	b.summarize()
	return res, nil
}

// sizeBench is the benchmark of one size: its input sites, its output
// folders and the samples taken so far.
type sizeBench struct {
	res                                      *sizeResult
	bin                                      *trash
	size, ladder, hugoBin                    string
	site, hugoSite                           string // hugoSite "" without hugo
	ladderOut, copyOut, hugoOut, summaryFile string
	ls, cs, hs                               []Sample
	steps                                    map[string][]int64 // ladder's step times by name
	stepOrder                                []string
}

// newSizeBench prepares the sites of one size, read once so that every
// timed run starts with the inputs in the page cache.
func newSizeBench(o options, bin *trash, size, ladder, hugoBin string, res *sizeResult) (*sizeBench, error) {
	site, n, err := prepareSite(o, bin, size)
	if err != nil {
		return nil, err
	}
	res.Frameworks = n
	b := &sizeBench{res: res, bin: bin, size: size, ladder: ladder, hugoBin: hugoBin, site: site, steps: map[string][]int64{}}
	if hugoBin != "" {
		if b.hugoSite, err = prepareHugo(o, bin, size, site); err != nil {
			return nil, fmt.Errorf("hugo site: %w", err)
		}
	}
	// Read every input once so that every timed run starts with the
	// inputs in the page cache, not only the second and later ones.
	warm(site)
	if b.hugoSite != "" {
		warm(b.hugoSite)
	}
	outDir := filepath.Join(o.work, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	b.ladderOut = filepath.Join(outDir, "ladder-"+size)
	b.copyOut = filepath.Join(outDir, "cp-"+size)
	b.hugoOut = filepath.Join(outDir, "hugo-"+size)
	b.summaryFile = filepath.Join(outDir, "summary-"+size+".json")
	return b, nil
}

// run times run i of ladder, of cp -r and of hugo, and returns its log line.
func (b *sizeBench) run(i, runs int) (string, error) {
	s, err := b.runLadder(i)
	if err != nil {
		return "", err
	}
	// cp -r of the very output just written: the floor for writing it.
	syscall.Sync()
	b.bin.settle()
	c, err := measure("cp", "-r", b.ladderOut, b.copyOut)
	if err != nil {
		return "", err
	}
	b.cs = append(b.cs, c)
	line := fmt.Sprintf("size %s run %d/%d: ladder %s (cpu %s, rss %s), cp -r %s", b.size, i, runs, dur(s.Wall), dur(s.CPU), mib(s.MaxRSS), dur(c.Wall))
	if b.hugoSite != "" {
		h, err := b.runHugo(i)
		if err != nil {
			return "", err
		}
		line += fmt.Sprintf(", hugo %s (cpu %s, rss %s)", dur(h.Wall), dur(h.CPU), mib(h.MaxRSS))
	}
	return line, nil
}

// runLadder times a fresh build into a folder that does not exist and
// checks that it wrote what run 1 wrote.
func (b *sizeBench) runLadder(i int) (Sample, error) {
	if err := b.makeRoom(b.ladderOut, b.copyOut); err != nil {
		return Sample{}, err
	}
	os.Remove(b.summaryFile)
	s, err := measure(b.ladder, "build", "--source", b.site, "--out", b.ladderOut, "--summary", b.summaryFile)
	if err != nil {
		return s, err
	}
	sum, err := readSummary(b.summaryFile)
	if err != nil {
		return s, err
	}
	res := b.res
	if i == 1 {
		res.Pages, res.Files, res.Bytes = sum.Pages, sum.Files, sum.Bytes
	} else if sum.Pages != res.Pages || sum.Bytes != res.Bytes {
		return s, fmt.Errorf("ladder run %d wrote %d pages, %d bytes; run 1 wrote %d, %d", i, sum.Pages, sum.Bytes, res.Pages, res.Bytes)
	}
	for _, st := range sum.Steps {
		if _, ok := b.steps[st.Name]; !ok {
			b.stepOrder = append(b.stepOrder, st.Name)
		}
		b.steps[st.Name] = append(b.steps[st.Name], int64(st.Seconds*1e9))
	}
	b.ls = append(b.ls, s)
	return s, nil
}

// runHugo times hugo's build of the same frameworks.
func (b *sizeBench) runHugo(i int) (Sample, error) {
	if err := b.makeRoom(b.hugoOut, b.copyOut); err != nil {
		return Sample{}, err
	}
	h, err := measure(b.hugoBin, "--quiet", "--minify", "-s", b.hugoSite, "-d", b.hugoOut)
	if err != nil {
		return h, err
	}
	if i == 1 {
		res := b.res
		if res.HugoPages, res.HugoFiles, res.HugoBytes, err = countOutput(b.hugoOut); err != nil {
			return h, err
		}
	}
	b.hs = append(b.hs, h)
	return h, nil
}

// summarize sets the result's statistics from the samples.
func (b *sizeBench) summarize() {
	res := b.res
	res.Ladder, res.Copy = stats(b.ls), stats(b.cs)
	if b.hugoSite != "" {
		h := stats(b.hs)
		res.Hugo = &h
	}
	for _, name := range b.stepOrder {
		res.Steps = append(res.Steps, Step{name, time.Duration(median(b.steps[name]))})
	}
}

// makeRoom moves the folders into the trash, so that the next command
// writes into folders that do not exist, and makes sure a run's outputs
// (ladder's, its copy and Hugo's, as large as run 1's, with a gigabyte to
// spare) fit on the disk, then waits for any inodes freed to age.
func (b *sizeBench) makeRoom(dirs ...string) error {
	if err := b.bin.discard(dirs...); err != nil {
		return err
	}
	if err := b.bin.roomFor(2*b.res.Bytes + b.res.HugoBytes + 1<<30); err != nil {
		return err
	}
	b.bin.settle()
	return nil
}

func readSummary(file string) (ladderSummary, error) {
	var s ladderSummary
	data, err := os.ReadFile(file)
	if err != nil {
		return s, fmt.Errorf("ladder summary: %w", err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return s, fmt.Errorf("ladder summary %s: %w", file, err)
	}
	if !s.OK {
		return s, fmt.Errorf("ladder summary %s: build not ok", file)
	}
	return s, nil
}

// countOutput counts the HTML pages, all files and their bytes under dir.
func countOutput(dir string) (pages, files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	return
}

// warm reads every file under dir once.
func warm(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if f, err := os.Open(p); err == nil {
				io.Copy(io.Discard, f)
				f.Close()
			}
		}
		return nil
	})
}

// machineBusy is the CPU time all processors have spent out of idle since
// boot, from /proc/stat.
func machineBusy() time.Duration {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	var busy int64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 8 { // guest time is already counted in user
			break
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		busy += n
	}
	return time.Duration(busy) * time.Second / 100 // USER_HZ
}

// selfCPU is the benchmark process's own user+system time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
