// Package pipeline is ladder's recipe: load the site folder, build the
// model, render every page, and publish the result. Each step is timed;
// the order matters only where a comment says so.
//
// Build makes one complete, atomic build. A Session makes the first build
// the same way and then rebuilds in place as files change, rendering only
// the pages whose inputs changed and writing only the files whose bytes
// changed (see session.go).
package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/onet"
	"golang.org/x/sync/errgroup"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
)

// Options say what to build and where.
type Options struct {
	Source   string // the site folder
	Out      string // the output folder; default Source/public
	BaseURL  string // overrides ladder.toml's base_url when set
	NoMinify bool
	Strict   bool
	Defaults load.Defaults
	// LMS, when set, makes Check also run the pre-flight of that LMS's
	// importers (see preflight.LMSs).
	LMS string
	// Preview marks a session whose output is only looked at (ladder
	// serve): after the first build it does not rebuild the bulk-download
	// zip for content edits, which takes seconds on a large site.
	Preview bool
	// Settle, when positive, makes a build that finds a file in the middle
	// of a save fail with a *load.Saving error instead of reporting the
	// file as broken (see load.Options.Settle).
	Settle time.Duration
	// Host, when set, names the static host whose published limits the
	// site must fit (see host.Names); it overrides ladder.toml's host.
	Host string
	// PreviousURLs, when set, is the list of pages (redirect.ManifestName)
	// of the site as published, to keep its URLs working; by default the
	// output folder's own.
	PreviousURLs string
	// Language is the language of a multilingual site to build; empty
	// for the default (see load.Options.Language).
	Language string
	// once is set by Build and Check, after which no rebuild follows:
	// the model keeps nothing only a rebuild needs (see site.Once).
	once bool
}

// Result describes a finished build.
type Result struct {
	Out      string
	Pages    int   // HTML pages in the site
	Rendered int   // pages rendered by this build (all of them, unless incremental)
	Files    int   // files in the site
	Written  int   // files whose bytes this build wrote
	Bytes    int64 // bytes of all files in the site
	// BytesWritten counts the bytes of the files this build wrote.
	BytesWritten int64
	// Changed lists the files this build wrote or removed, slash-separated.
	Changed []string
	// ChangedPages lists the HTML pages among Changed.
	ChangedPages []string
	// Pending reports a Session.Quick build that left work for Build: the
	// search index, downloads and packages, removals, and relating the
	// occupations afresh.
	Pending  bool
	Warnings diag.List
	// Notes are site-wide remarks for the build summary, such as what a
	// missing base URL leaves relative (export.Notes); not input problems.
	Notes []string
	// Host says how the site measures against the host's limits, when
	// the build checked them.
	Host     string
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

// Build runs the whole recipe once and publishes atomically. Input
// problems come back as a diag.List error holding every one of them;
// nothing is published then.
func Build(ctx context.Context, opts Options) (Result, error) {
	opts.once = true
	return NewSession(opts).Build(ctx)
}

// NewAligner reads the embedded O*NET taxonomy and makes the aligner a
// build aligns statements with; a session makes one and keeps it.
func NewAligner() (*align.Aligner, error) {
	tax, err := onet.Load()
	if err != nil {
		return nil, fmt.Errorf("O*NET taxonomy: %w", err)
	}
	return align.New(tax), nil
}

// alignerFunc gives the model its aligner once the site is loaded,
// recording in res how long making it took.
type alignerFunc func(res *Result) (*align.Aligner, error)

// readyAligner is an aligner already made.
func readyAligner(a *align.Aligner) alignerFunc {
	return func(*Result) (*align.Aligner, error) { return a, nil }
}

// startAligner makes the aligner on a goroutine of its own, so that the
// site is read meanwhile.
func startAligner() alignerFunc {
	done := make(chan struct{})
	var a *align.Aligner
	var err error
	var took time.Duration
	go func() {
		defer close(done)
		t := time.Now()
		a, err = NewAligner()
		took = time.Since(t)
	}()
	return func(res *Result) (*align.Aligner, error) {
		<-done
		res.Steps = append(res.Steps, Step{Name: "aligner", Duration: took})
		return a, err
	}
}

// loadAndModel runs the first two stages. The error is a diag.List when
// the input has errors, a *load.Saving when a file is being saved.
func loadAndModel(opts Options, cache *load.Cache, aligner alignerFunc, previous *site.Site, quick bool, res *Result) (*load.Input, *site.Site, error) {
	in, diags, err := loadInput(opts, cache, res)
	if err != nil {
		return nil, nil, err
	}
	return newModel(opts, in, diags, aligner, previous, quick, res)
}

// loadInput is the first stage: the site folder read. Its diagnostics
// are newModel's to report; the error is a *load.Saving when a file is
// being saved.
func loadInput(opts Options, cache *load.Cache, res *Result) (*load.Input, diag.List, error) {
	t := time.Now()
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{Strict: opts.Strict, Cache: cache, Settle: opts.Settle, Language: opts.Language})
	if in.Saving != nil {
		// The rest of the input is as good as incomplete: the save on its
		// way will bring a rebuild.
		return nil, nil, in.Saving
	}
	if opts.BaseURL != "" {
		base, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			diags = append(diags, diag.Diagnostic{File: "--base-url", Severity: diag.Error, Message: err.Error()})
		}
		if base != "" {
			base += in.Config.LanguagePrefix()
		}
		in.Config.BaseURL = base
	}
	res.step("load", t)
	return in, diags, nil
}

// newModel is the second stage: the model of in, whose load reported
// diags.
func newModel(opts Options, in *load.Input, diags diag.List, aligner alignerFunc, previous *site.Site, quick bool, res *Result) (*load.Input, *site.Site, error) {
	a, err := aligner(res)
	if err != nil {
		return in, nil, err
	}
	t := time.Now()
	reuse := []site.Option{site.WithAligner(a)}
	if opts.once {
		reuse = append(reuse, site.Once())
	}
	if previous != nil {
		reuse = append(reuse, site.Reuse(previous))
		if quick {
			reuse = append(reuse, site.KeepRelations())
		}
	}
	s, more := site.New(ModelInput(in), reuse...)
	diags = append(diags, more...)
	diags.Sort()
	res.Warnings = diags.Warnings()
	if err := diags.Err(); err != nil {
		return in, nil, err
	}
	res.Notes = export.Notes(s)
	res.step("model", t)
	return in, s, nil
}

func (res *Result) step(name string, t time.Time) {
	res.Steps = append(res.Steps, Step{Name: name, Duration: time.Since(t)})
}

// renderPages renders pages on every core and hands each to emit, which
// minifies and writes it. Each worker has its own buffers, so the whole
// site is never held in memory.
func renderPages(ctx context.Context, r *render.Renderer, pages []*site.Page, emit func(rel string, data []byte, scratch *bytes.Buffer) error) error {
	pages = slowestFirst(pages)
	return forEach(ctx, len(pages), func(i int, page, scratch *bytes.Buffer) error {
		page.Reset()
		if err := r.Page(page, pages[i]); err != nil {
			return err
		}
		return emit(pages[i].Path, page.Bytes(), scratch)
	})
}

// slowestFirst returns the pages in the order to render them: the
// markdown pages with the most code blocks first, then the others as
// they are. A language's first code block compiles its highlighter
// (chroma's regular expressions), so on a small site the page that shows
// the most languages takes longest: rendered last, as its place in the
// list had it, it kept one core busy well after the other had finished.
func slowestFirst(pages []*site.Page) []*site.Page {
	fences := func(p *site.Page) int {
		if p.Kind != site.ContentPageKind || p.Content == nil {
			return 0
		}
		return bytes.Count(p.Content.Body, []byte("\n```")) + bytes.Count(p.Content.Body, []byte("\n~~~"))
	}
	out := slices.Clone(pages)
	slices.SortStableFunc(out, func(a, b *site.Page) int { return fences(b) - fences(a) })
	return out
}

// forEach calls fn for 0 ≤ i < n on every core, giving each worker two
// buffers of its own to reuse. It stops at the first error, or when ctx
// is done, and returns that error.
func forEach(ctx context.Context, n int, fn func(i int, a, b *bytes.Buffer) error) error {
	g, gctx := errgroup.WithContext(ctx)
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		g.Go(func() error {
			var a, b bytes.Buffer
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := gctx.Err(); err != nil {
					return err
				}
				if err := fn(i, &a, &b); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// assetFiles lists every asset to publish under assets/, with the
// syntax highlighting style sheet, syntaxCSS, and the scripts' words,
// text.
func assetFiles(assets fs.FS, syntaxCSS, text []byte) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && path.Ext(p) != ".go" && p[0] != '.' {
			data, err := fs.ReadFile(assets, p)
			if err != nil {
				return err
			}
			files["assets/"+p] = data
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	files["assets/syntax.css"] = syntaxCSS
	files[paths.Text] = text
	return files, nil
}

// sortedKeys returns a map's keys in order, for deterministic writes.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckResult describes a validated site.
type CheckResult struct {
	Frameworks int
	Pages      int
	Warnings   diag.List
	// Notes are what to do in the LMS before importing (with Options.LMS).
	Notes []string
}

// Check loads and models the site exactly as Build does, and renders
// nothing. Its errors are the ones Build would report, and with
// opts.LMS those the LMS's importers would meet (see checkLMS).
func Check(opts Options) (CheckResult, error) {
	var res Result
	aligner, err := NewAligner()
	if err != nil {
		return CheckResult{}, err
	}
	opts.once = true
	session := NewSession(opts)
	session.aligner = aligner
	in, s, err := loadAndModel(opts, nil, readyAligner(aligner), nil, false, &res)
	langs, err := session.loadLanguages(in, s, err, false, &res)
	out := CheckResult{Warnings: res.Warnings}
	if err == nil {
		out.Frameworks, out.Pages = len(in.Frameworks), len(s.Pages)
		for _, o := range langs.othersOrNone() {
			out.Frameworks, out.Pages = out.Frameworks+len(o.in.Frameworks), out.Pages+len(o.model.Pages)
		}
	}
	if err == nil && opts.LMS != "" {
		err = checkLMS(opts, s, &out)
	}
	return out, err
}

// Levels returns the site's proficiency levels in order, as key and label
// pairs, for scaffolding new frameworks in the same scheme.
func Levels(opts Options) ([][2]string, error) {
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{})
	if len(in.Frameworks) == 0 {
		return nil, diags.Err()
	}
	s, _ := site.New(ModelInput(in))
	out := make([][2]string, 0, len(s.Levels))
	for _, lv := range s.Levels {
		out = append(out, [2]string{lv.Key, lv.Label})
	}
	return out, nil
}
