package qa

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuBatch bounds the files checked by one JVM, keeping the command line
// well under the kernel's argument limit.
const vnuBatch = 2000

// VNUReport is what the Nu HTML Checker said about a set of files. Errors
// fail a gate; Warnings are worth reading but do not fail it. Plain "info"
// messages are dropped.
type VNUReport struct {
	Errors   []Finding
	Warnings []Finding
}

// vnuMessage is one entry of vnu.jar's --format json output.
type vnuMessage struct {
	Type      string `json:"type"`    // "error", "info" or "non-document-error"
	SubType   string `json:"subType"` // "warning" for info; "fatal", "io", … for errors
	URL       string `json:"url"`
	FirstLine int    `json:"firstLine"`
	LastLine  int    `json:"lastLine"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
}

// RunVNU checks files (HTML; .css and .svg files are checked as CSS and SVG)
// with the Nu HTML Checker at jar, starting one JVM per 2,000 files, since a
// JVM takes seconds to start. File names in findings are as given. A file
// that does not exist is an error finding, since vnu.jar silently skips it.
// err is set only when the checker itself could not run or its output could
// not be read.
func RunVNU(ctx context.Context, jar string, files []string) (VNUReport, error) {
	var rep VNUReport
	var existing []string
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			rep.Errors = append(rep.Errors, Finding{Check: "vnu", File: f, Message: "cannot check: " + err.Error()})
			continue
		}
		existing = append(existing, f)
	}
	for start := 0; start < len(existing); start += vnuBatch {
		batch := existing[start:min(start+vnuBatch, len(existing))]
		if err := runVNUBatch(ctx, jar, batch, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// runVNUBatch runs one JVM over files and appends its findings to rep.
func runVNUBatch(ctx context.Context, jar string, files []string, rep *VNUReport) error {
	byAbs := make(map[string]string, len(files))
	args := []string{"-Xss8m", "-jar", jar, "--format", "json", "--exit-zero-always"}
	var css, svg bool
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return err
		}
		byAbs[abs] = f
		switch strings.ToLower(filepath.Ext(f)) {
		case ".css":
			css = true
		case ".svg":
			svg = true
		}
	}
	if css {
		args = append(args, "--also-check-css")
	}
	if svg {
		args = append(args, "--also-check-svg")
	}
	args = append(args, files...)

	cmd := exec.CommandContext(ctx, "java", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("vnu: %w\n%s%s", err, tail(stdout.String(), 2000), tail(stderr.String(), 2000))
	}
	// vnu.jar writes its JSON report to stderr.
	out := stderr.Bytes()
	if i := bytes.IndexByte(out, '{'); i > 0 {
		out = out[i:]
	}
	var res struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return fmt.Errorf("vnu: reading JSON report: %w\n%s", err, tail(stderr.String(), 2000))
	}
	for _, m := range res.Messages {
		f := Finding{Check: "vnu", File: vnuFile(m.URL, byAbs), Line: m.FirstLine, Message: m.Message}
		if f.Line == 0 {
			f.Line = m.LastLine
		}
		if m.Extract != "" {
			f.Message += " — near: " + strings.Join(strings.Fields(m.Extract), " ")
		}
		switch {
		case m.Type == "error" || m.Type == "non-document-error":
			rep.Errors = append(rep.Errors, f)
		case m.SubType == "warning":
			rep.Warnings = append(rep.Warnings, f)
		}
	}
	return nil
}

// vnuFile maps a file: URL from vnu's report back to the name it was given.
func vnuFile(raw string, byAbs map[string]string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "file" {
		return raw
	}
	if name, ok := byAbs[filepath.FromSlash(u.Path)]; ok {
		return name
	}
	return u.Path
}

// tail returns at most the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// ValidateHTML checks files with the pinned Nu HTML Checker (see VNUJar) and
// returns its errors. Warnings are logged on t but not returned; plain info
// messages are dropped. It fails t when the checker cannot run.
func ValidateHTML(t testing.TB, files []string) []Finding {
	t.Helper()
	jar := VNUJar(t)
	if len(files) == 0 {
		t.Fatal("qa.ValidateHTML: no files to check")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	rep, err := RunVNU(ctx, jar, files)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("vnu: %d file(s) in %v: %d error(s), %d warning(s)", len(files), time.Since(start).Round(time.Millisecond), len(rep.Errors), len(rep.Warnings))
	if len(rep.Warnings) > 0 {
		t.Logf("vnu warnings (not failing):\n%s", FormatFindings(rep.Warnings))
	}
	return rep.Errors
}
