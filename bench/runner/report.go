package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Report is what one run of the benchmark prints (and saves as JSON).
type Report struct {
	Command string
	When    string
	Machine Machine
	Results []sizeResult
}

// Machine describes where the figures were measured.
type Machine struct {
	Ladder    string // what the ladder binary was built from
	CPUs      int
	Memory    string
	CPU       string
	Kernel    string
	Go        string
	Hugo      string
	LoadStart string
	LoadEnd   string
}

func describeMachine(hugoBin string) Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: goVersion(), Hugo: hugoVersionLine(hugoBin)}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		if kb, err := strconv.ParseInt(strings.Fields(v)[0], 10, 64); err == nil {
			m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(data))
	}
	return m
}

// goVersion is the version of the go command that builds ladder.
func goVersion() string {
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return runtime.Version()
}

// procField returns the value of the first "name : value" line of file.
func procField(file, name string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// loadAverage is the 1, 5 and 15 minute load average.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func printReport(w io.Writer, r Report) {
	m := r.Machine
	fmt.Fprintf(w, "\n## Figures\n\n")
	fmt.Fprintf(w, "Medians of whole processes. ladder builds with minification (the default) into a\n")
	fmt.Fprintf(w, "folder that does not exist; `cp -r` copies that output; Hugo builds the equivalent\n")
	fmt.Fprintf(w, "pages with `--minify`. Runs of the three are interleaved; the page cache is warm\n")
	fmt.Fprintf(w, "for the inputs and dirty pages are synced (untimed) before every timed process.\n\n")
	hugo := false
	for _, s := range r.Results {
		hugo = hugo || s.Hugo != nil
	}
	head := "| size | frameworks | pages | bytes | runs | ladder wall | ladder CPU | ladder peak RSS | time per page | `cp -r` | ladder ÷ cp |"
	sep := "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
	if hugo {
		head += " Hugo wall | Hugo CPU | Hugo peak RSS | Hugo pages | ladder ÷ Hugo |"
		sep += "--:|--:|--:|--:|--:|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, sep)
	for _, s := range r.Results {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |",
			sizeLabel(s.Size), thousands(int64(s.Frameworks)), thousands(int64(s.Pages)), mib(s.Bytes), s.Ladder.Runs,
			dur(s.Ladder.Wall), dur(s.Ladder.CPU), mib(s.Ladder.MaxRSS), perPage(s.Ladder.Wall, s.Pages),
			dur(s.Copy.Wall), ratio(s.Ladder.Wall, s.Copy.Wall))
		if hugo {
			if h := s.Hugo; h != nil {
				fmt.Fprintf(w, " %s | %s | %s | %s | %s |", dur(h.Wall), dur(h.CPU), mib(h.MaxRSS), thousands(int64(s.HugoPages)), ratio(s.Ladder.Wall, h.Wall))
			} else {
				fmt.Fprint(w, " – | – | – | – | – |")
			}
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\nEvery run's wall time (ladder / `cp -r`%s), in run order:\n\n", map[bool]string{true: " / Hugo"}[hugo])
	for _, s := range r.Results {
		fmt.Fprintf(w, "- %s: ladder %s; cp -r %s", sizeLabel(s.Size), walls(s.Ladder), walls(s.Copy))
		if s.Hugo != nil {
			fmt.Fprintf(w, "; Hugo %s", walls(*s.Hugo))
		}
		fmt.Fprintf(w, " (load average before: %s; CPU of other processes and kernel threads meanwhile: %s over %s, %.2f cores)\n",
			s.LoadBefore, dur(s.OtherCPU), dur(s.Elapsed), s.OtherCPU.Seconds()/max(s.Elapsed.Seconds(), 1e-9))
	}

	fmt.Fprintf(w, "\nladder's own step timings (medians, from `--summary`):\n\n")
	fmt.Fprintf(w, "| size | files | steps |\n|---|--:|---|\n")
	for _, s := range r.Results {
		var parts []string
		for _, st := range s.Steps {
			parts = append(parts, st.Name+" "+dur(st.Time))
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", sizeLabel(s.Size), thousands(int64(s.Files)), strings.Join(parts, ", "))
	}

	fmt.Fprintf(w, "\n## Targets (issue 5)\n\n")
	for _, t := range targets(r.Results) {
		fmt.Fprintf(w, "- %s\n", t)
	}

	fmt.Fprintf(w, "\n## Machine\n\n")
	fmt.Fprintf(w, "- %d cores (%s), %s memory, Linux %s\n", m.CPUs, m.CPU, m.Memory, m.Kernel)
	fmt.Fprintf(w, "- %s", m.Go)
	if m.Hugo != "" {
		fmt.Fprintf(w, "; %s", m.Hugo)
	}
	fmt.Fprintf(w, "\n- load average (1, 5, 15 min) at start %s, at end %s\n", m.LoadStart, m.LoadEnd)
	fmt.Fprintf(w, "- ladder built from the %s\n", m.Ladder)
	fmt.Fprintf(w, "- measured %s with `%s`\n", r.When, r.Command)
}

// targets checks the figures against the targets of issue 5, where this
// run measured what they need.
func targets(results []sizeResult) []string {
	by := map[string]sizeResult{}
	for _, s := range results {
		by[s.Size] = s
	}
	var out []string
	verdict := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**missed**"
	}
	if s, ok := by["1016"]; ok {
		out = append(out, fmt.Sprintf("1,016 frameworks under 1 s: %s — %s (%s the target)", verdict(s.Ladder.Wall < time.Second), dur(s.Ladder.Wall), ratio(s.Ladder.Wall, time.Second)))
		if s.Hugo != nil {
			third := s.Hugo.Wall / 3
			out = append(out, fmt.Sprintf("1,016 frameworks at most ⅓ of Hugo's time: %s — %s against Hugo's %s, ladder ÷ Hugo = %s (target ≤ 0.33×)", verdict(s.Ladder.Wall <= third), dur(s.Ladder.Wall), dur(s.Hugo.Wall), ratio(s.Ladder.Wall, s.Hugo.Wall)))
		}
		if b, ok := by["10160"]; ok {
			out = append(out, fmt.Sprintf("10,160 frameworks at most 10.5× the 1,016 time: %s — %s ÷ %s = %s", verdict(float64(b.Ladder.Wall) <= 10.5*float64(s.Ladder.Wall)), dur(b.Ladder.Wall), dur(s.Ladder.Wall), ratio(b.Ladder.Wall, s.Ladder.Wall)))
		}
	}
	if b, ok := by["10160"]; ok {
		line := fmt.Sprintf("10,160 frameworks peak RSS under 500 MB: %s — %s", verdict(b.Ladder.MaxRSS < 500<<20), mib(b.Ladder.MaxRSS))
		if b.Hugo != nil {
			line += fmt.Sprintf(" (Hugo: %s)", mib(b.Hugo.MaxRSS))
		}
		out = append(out, line)
	}
	for _, s := range results {
		out = append(out, fmt.Sprintf("%s: build at most 3× its `cp -r`: %s — %s ÷ %s = %s", sizeLabel(s.Size), verdict(s.Ladder.Wall <= 3*s.Copy.Wall), dur(s.Ladder.Wall), dur(s.Copy.Wall), ratio(s.Ladder.Wall, s.Copy.Wall)))
	}
	if s, ok := by["seeds"]; ok {
		out = append(out, fmt.Sprintf("seeds (the default site) under 100 ms: %s — %s", verdict(s.Ladder.Wall < 100*time.Millisecond), dur(s.Ladder.Wall)))
	}
	return out
}

func walls(s Stats) string {
	var parts []string
	for _, x := range s.Samples {
		parts = append(parts, dur(x.Wall))
	}
	return strings.Join(parts, ", ")
}

func dur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
}

func perPage(d time.Duration, pages int) string {
	if pages == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(pages)/float64(time.Microsecond))
}

func ratio(a, b time.Duration) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func mib(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
