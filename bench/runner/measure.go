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
func benchSize(o options, size string, runs int, ladder, hugoBin string) (sizeResult, error) {
	res := sizeResult{Size: size, LoadBefore: loadAverage()}
	site, n, err := prepareSite(o, size)
	if err != nil {
		return res, err
	}
	res.Frameworks = n
	var hugoSite string
	if hugoBin != "" {
		if hugoSite, err = prepareHugo(o, size, site); err != nil {
			return res, fmt.Errorf("hugo site: %w", err)
		}
	}
	// Read every input once so that every timed run starts with the
	// inputs in the page cache, not only the second and later ones.
	warm(site)
	if hugoSite != "" {
		warm(hugoSite)
	}

	outDir := filepath.Join(o.work, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return res, err
	}
	ladderOut := filepath.Join(outDir, "ladder-"+size)
	copyOut := filepath.Join(outDir, "cp-"+size)
	hugoOut := filepath.Join(outDir, "hugo-"+size)
	summaryFile := filepath.Join(outDir, "summary-"+size+".json")

	busy0, self0, begin := machineBusy(), selfCPU(), time.Now()
	var ls, cs, hs []Sample
	steps := map[string][]int64{}
	var stepOrder []string
	for i := 1; i <= runs; i++ {
		// ladder: a fresh build into a folder that does not exist.
		if err := clean(ladderOut, copyOut); err != nil {
			return res, err
		}
		os.Remove(summaryFile)
		s, err := measure(ladder, "build", "--source", site, "--out", ladderOut, "--summary", summaryFile)
		if err != nil {
			return res, err
		}
		sum, err := readSummary(summaryFile)
		if err != nil {
			return res, err
		}
		if i == 1 {
			res.Pages, res.Files, res.Bytes = sum.Pages, sum.Files, sum.Bytes
		} else if sum.Pages != res.Pages || sum.Bytes != res.Bytes {
			return res, fmt.Errorf("ladder run %d wrote %d pages, %d bytes; run 1 wrote %d, %d", i, sum.Pages, sum.Bytes, res.Pages, res.Bytes)
		}
		for _, st := range sum.Steps {
			if _, ok := steps[st.Name]; !ok {
				stepOrder = append(stepOrder, st.Name)
			}
			steps[st.Name] = append(steps[st.Name], int64(st.Seconds*1e9))
		}
		ls = append(ls, s)

		// cp -r of the very output just written: the floor for writing it.
		syscall.Sync()
		c, err := measure("cp", "-r", ladderOut, copyOut)
		if err != nil {
			return res, err
		}
		cs = append(cs, c)
		line := fmt.Sprintf("size %s run %d/%d: ladder %s (cpu %s, rss %s), cp -r %s", size, i, runs, dur(s.Wall), dur(s.CPU), mib(s.MaxRSS), dur(c.Wall))

		if hugoSite != "" {
			if err := clean(hugoOut, copyOut); err != nil {
				return res, err
			}
			h, err := measure(hugoBin, "--quiet", "--minify", "-s", hugoSite, "-d", hugoOut)
			if err != nil {
				return res, err
			}
			if i == 1 {
				res.HugoPages, res.HugoFiles, res.HugoBytes, err = countOutput(hugoOut)
				if err != nil {
					return res, err
				}
			}
			hs = append(hs, h)
			line += fmt.Sprintf(", hugo %s (cpu %s, rss %s)", dur(h.Wall), dur(h.CPU), mib(h.MaxRSS))
		}
		logf("%s; load %s", line, loadAverage())
	}
	res.Elapsed = time.Since(begin)
	own := selfCPU() - self0
	for _, x := range slices.Concat(ls, cs, hs) {
		own += x.CPU
	}
	res.OtherCPU = max(machineBusy()-busy0-own, 0)
	if err := clean(copyOut); err != nil {
		return res, err
	}
	res.Ladder, res.Copy = stats(ls), stats(cs)
	if hugoSite != "" {
		h := stats(hs)
		res.Hugo = &h
	}
	for _, name := range stepOrder {
		res.Steps = append(res.Steps, Step{name, time.Duration(median(steps[name]))})
	}
	return res, nil
}

// clean removes the folders and flushes dirty pages to disk, untimed, so
// that one run's write-back does not slow the next.
func clean(dirs ...string) error {
	for _, d := range dirs {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	syscall.Sync()
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
