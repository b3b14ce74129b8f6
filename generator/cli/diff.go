package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/diff"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
)

func (a *App) diffCmd(args []string) int {
	fset := a.flags("diff")
	format := fset.String("format", "text", "`text` for a terminal, or markdown for a pull-request comment")
	threshold := fset.Float64("reword", 0.6, "word-overlap `ratio` (0–1) from which a changed statement counts as reworded")
	if code, stop := a.parse(fset, args, 2); stop {
		return code
	}
	if *format != "text" && *format != "markdown" {
		fmt.Fprintf(a.Stderr, "ladder diff: unknown --format %q: use text or markdown\n", *format)
		return ExitUsage
	}
	oldSet, errOld := readFrameworks(fset.Arg(0))
	newSet, errNew := readFrameworks(fset.Arg(1))
	var all diag.List
	for _, err := range []error{errOld, errNew} {
		if err == nil {
			continue
		}
		if list, ok := err.(diag.List); ok {
			all = append(all, list...)
		} else {
			fmt.Fprintf(a.Stderr, "ladder diff: %v\n", err)
			return ExitInput
		}
	}
	if len(all) > 0 {
		return a.fail(all)
	}
	d := diff.Sets(oldSet, newSet, diff.WithRewordThreshold(*threshold))
	if *format == "markdown" {
		fmt.Fprint(a.Stdout, d.Markdown())
	} else {
		fmt.Fprint(a.Stdout, d.Text())
	}
	return ExitOK
}

// readFrameworks decodes one framework file, or every framework below a
// folder (its content/frameworks/ when it is a site folder).
func readFrameworks(p string) ([]*framework.Framework, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var files []string
	if !st.IsDir() {
		files = []string{p}
	} else {
		root := p
		if sub := filepath.Join(p, "content", load.FrameworksDir); isDir(sub) {
			root = sub
		}
		err := filepath.WalkDir(root, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && f != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(f), ".json") && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, f)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
	}
	var out []*framework.Framework
	var errs diag.List
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		fw, d := load.DecodeFramework(f, data, false)
		errs = append(errs, d.Errors()...)
		if fw != nil {
			out = append(out, fw)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return out, nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
