// Package build is ladder's recipe: load the site folder, build the
// model, render every page, and publish the result atomically. Each step
// is timed; the order matters only where a comment says so.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/transform"
)

// Options say what to build and where.
type Options struct {
	Source   string // the site folder
	Out      string // the output folder; default Source/public
	BaseURL  string // overrides ladder.toml's base_url when set
	NoMinify bool
	Strict   bool
	Defaults load.Defaults
}

// Result describes a finished build.
type Result struct {
	Out      string
	Pages    int   // HTML pages written
	Files    int   // all files written
	Bytes    int64 // all bytes written
	Warnings diag.List
	Steps    []Step
	Duration time.Duration
}

// Step is one timed stage of a build.
type Step struct {
	Name     string
	Duration time.Duration
}

// Syntax highlighting styles for light and dark colour schemes.
const (
	lightStyle = markup.DefaultLightStyle
	darkStyle  = markup.DefaultDarkStyle
)

// Build runs the whole recipe. Input problems come back as a diag.List
// error holding every one of them; nothing is published then.
func Build(ctx context.Context, opts Options) (Result, error) {
	start := time.Now()
	res := Result{Out: opts.Out}
	step := func(name string, t time.Time) {
		res.Steps = append(res.Steps, Step{Name: name, Duration: time.Since(t)})
	}

	t := time.Now()
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{Strict: opts.Strict})
	if opts.BaseURL != "" {
		base, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			diags = append(diags, diag.Diagnostic{File: "--base-url", Severity: diag.Error, Message: err.Error()})
		}
		in.Config.BaseURL = base
	}
	step("load", t)

	t = time.Now()
	s, more := site.New(in)
	diags = append(diags, more...)
	diags.Sort()
	res.Warnings = diags.Warnings()
	if err := diags.Err(); err != nil {
		return res, err
	}
	step("model", t)

	t = time.Now()
	md := markup.New()
	r, err := render.New(s, in.Templates, md)
	if err != nil {
		return res, err
	}
	step("templates", t)

	if err := ctx.Err(); err != nil {
		return res, err
	}
	stage, err := publish.Open(opts.Out)
	if err != nil {
		return res, err
	}
	// From here on, any failure must remove the staging folder so the
	// previous site stays as it was.
	committed := false
	defer func() {
		if !committed {
			stage.Abort()
		}
	}()
	w := &writer{stage: stage, min: transform.NewMinifier(), minify: !opts.NoMinify}

	t = time.Now()
	if err := writeAssets(w, in.Assets); err != nil {
		return res, err
	}
	css, err := markup.StyleCSS(lightStyle, darkStyle)
	if err != nil {
		return res, err
	}
	if err := w.write("assets/syntax.css", css); err != nil {
		return res, err
	}
	if err := copyDownloads(w, in.Content, s); err != nil {
		return res, err
	}
	step("assets", t)

	t = time.Now()
	if err := renderPages(ctx, w, r, s.Pages); err != nil {
		return res, err
	}
	res.Pages = len(s.Pages)
	step("render", t)

	t = time.Now()
	res.Files, res.Bytes = stage.Stats()
	if err := stage.Commit(); err != nil {
		return res, err
	}
	committed = true
	step("publish", t)
	res.Duration = time.Since(start)
	return res, nil
}

// writer minifies (when asked) and stages one output file.
type writer struct {
	stage  *publish.Staging
	min    *transform.Minifier
	minify bool
}

// write stages data at rel, minified by its extension unless disabled.
// buf, when given, is scratch space for the minified bytes.
func (w *writer) write(rel string, data []byte, scratch ...*bytes.Buffer) error {
	if w.minify {
		var buf *bytes.Buffer
		if len(scratch) > 0 {
			buf = scratch[0]
			buf.Reset()
		} else {
			buf = new(bytes.Buffer)
		}
		ok, err := w.min.Minify(rel, buf, data)
		if err != nil {
			return err
		}
		if ok {
			data = buf.Bytes()
		}
	}
	return w.stage.WriteFile(rel, data)
}

// renderPages renders and writes pages on every core. Each worker has
// its own buffers, so the whole site is never held in memory.
func renderPages(ctx context.Context, w *writer, r *render.Renderer, pages []*site.Page) error {
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *site.Page)
	errs := make(chan error, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var page, scratch bytes.Buffer
			for p := range jobs {
				page.Reset()
				err := r.Page(&page, p)
				if err == nil {
					err = w.write(p.Path, page.Bytes(), &scratch)
				}
				if err != nil {
					errs <- err
					cancel()
					for range jobs {
					}
					return
				}
			}
		}()
	}
feed:
	for _, p := range pages {
		select {
		case jobs <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	if len(all) > 0 {
		return errors.Join(all...)
	}
	return ctx.Err()
}

// writeAssets copies every asset, minified, under assets/.
func writeAssets(w *writer, assets fs.FS) error {
	var files []string
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && path.Ext(p) != ".go" && p[0] != '.' {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := fs.ReadFile(assets, f)
		if err != nil {
			return fmt.Errorf("assets/%s: %w", f, err)
		}
		if err := w.write("assets/"+f, data); err != nil {
			return fmt.Errorf("assets/%s: %w", f, err)
		}
	}
	return nil
}

// copyDownloads publishes each framework's original file beside its page,
// byte for byte: it is the source people cite.
func copyDownloads(w *writer, content fs.FS, s *site.Site) error {
	for _, o := range s.Occupations {
		data, err := fs.ReadFile(content, o.File)
		if err != nil {
			return fmt.Errorf("content/%s: %w", o.File, err)
		}
		if err := w.stage.WriteFile(o.Download, data); err != nil {
			return err
		}
	}
	return nil
}

// CheckResult describes a validated site.
type CheckResult struct {
	Frameworks int
	Pages      int
	Warnings   diag.List
}

// Check loads and models the site exactly as Build does, and renders
// nothing. Its errors are the ones Build would report.
func Check(opts Options) (CheckResult, error) {
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{Strict: opts.Strict})
	s, more := site.New(in)
	diags = append(diags, more...)
	diags.Sort()
	res := CheckResult{Frameworks: len(in.Frameworks), Pages: len(s.Pages), Warnings: diags.Warnings()}
	return res, diags.Err()
}

// Levels returns the site's proficiency levels in order, as key and label
// pairs, for scaffolding new frameworks in the same scheme.
func Levels(opts Options) ([][2]string, error) {
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{})
	if len(in.Frameworks) == 0 {
		return nil, diags.Err()
	}
	s, _ := site.New(in)
	out := make([][2]string, 0, len(s.Levels))
	for _, lv := range s.Levels {
		out = append(out, [2]string{lv.Key, lv.Label})
	}
	return out, nil
}
