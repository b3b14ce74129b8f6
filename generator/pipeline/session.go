package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ladder-ssg/ladder/generator/align"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/redirect"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/transform"
)

// Session builds one site again and again, as `ladder serve` and
// `ladder build --watch` do. Its first build is a complete atomic build.
// Later builds reuse the decoded frameworks whose files did not change,
// render only the pages whose fingerprint changed (all of them when a
// template or asset changed), and write in place only the files whose
// bytes changed, each through a temporary file and a rename, so a server
// never reads half a file and unchanged files keep their modification
// times. Build must not be called concurrently.
type Session struct {
	opts  Options
	md    *markup.Renderer // keeps its highlighted-code cache across builds
	min   *transform.Minifier
	cache *load.Cache
	seed  maphash.Seed

	// What the output folder holds after the last successful build; nil
	// before the first.
	files map[string]uint64 // output file → hash of its bytes
	sizes map[string]int64  // output file → its size, for the host's limits
	pages map[string]uint64 // page → fingerprint it was rendered from
	sums  map[string]uint64 // published framework file → hash of its source
	look  uint64            // hash of the templates and assets
	model *site.Site        // the last good model, whose parts New may reuse
	// exports holds the occupation page fingerprints the exports were made from.
	exports map[string]uint64
	bundle  uint64            // hash of the names and contents the bundle was made from
	lms     map[string]uint64 // what each LMS package was made from
	search  uint64            // what the search index was made from
	// templates are the parsed templates, made from files hashing to
	// templatesSum; syntaxCSS the highlighting style sheet.
	templates    *render.Templates
	templatesSum uint64
	syntaxCSS    []byte
	// notFoundScript is the redirect rules the 404 page was rendered with.
	notFoundScript string
	// pending is set by a Quick build that left work for the next Build.
	pending bool
	// aligner aligns statements to O*NET; made by the first build.
	aligner *align.Aligner
	// others are the sessions of a multilingual site's other languages,
	// by tag, each building into its <lang>/ folder of the output.
	others map[string]*Session
}

// NewSession prepares a session; nothing is read until Build.
func NewSession(opts Options) *Session {
	return &Session{
		opts:  opts,
		md:    markup.New(),
		min:   transform.NewMinifier(),
		cache: load.NewCache(),
		seed:  maphash.MakeSeed(),
	}
}

// Build runs the recipe. On an input error the output folder is left as
// the last successful build wrote it, and the error is a diag.List. When
// ctx is cancelled half-way, the files written so far stay, and the next
// build knows them.
func (s *Session) Build(ctx context.Context) (Result, error) { return s.build(ctx, false) }

// Quick is Build for a person waiting to see an edit: after the first
// build, when only content changed, it writes the pages whose inputs
// changed and stops there, keeping the related occupations when the
// edit left them in place (see site.KeepRelations). Result.Pending then
// reports that a Build should follow, when nothing newer is to be done,
// to bring the search index, downloads, packages and related
// occupations up to date and remove the files of deleted pages. Without
// a previous build, or after a template or asset change, Quick is Build.
func (s *Session) Quick(ctx context.Context) (Result, error) { return s.build(ctx, true) }

func (s *Session) build(ctx context.Context, quick bool) (res Result, err error) {
	start := time.Now()
	res = Result{Out: s.opts.Out}
	quick = quick && s.files != nil
	if s.aligner == nil {
		t := time.Now()
		a, err := NewAligner()
		if err != nil {
			return res, err
		}
		s.aligner = a
		res.step("aligner", t)
	}
	in, model, err := loadAndModel(s.opts, s.cache, s.aligner, s.model, quick, &res)
	langs, err := s.loadLanguages(in, model, err, quick, &res)
	if err != nil {
		return res, err
	}
	return s.emit(ctx, start, in, model, quick, langs, nil, res)
}

// emit renders and writes one language's site (the whole site, for one
// language), and then langs' others; into, when set, is the first build's
// staging output to write into (a language's own folder of it).
func (s *Session) emit(ctx context.Context, start time.Time, in *load.Input, model *site.Site, quick bool, langs *languages, into output, res Result) (_ Result, err error) {
	t := time.Now()
	templatesSum, err := s.sumFS(in.Templates)
	if err != nil {
		return res, err
	}
	if s.templates == nil || templatesSum != s.templatesSum {
		// Parsed (and escaped, on first use) once until a template changes.
		// Minified once here, so that pages need no minifying after.
		tmpl := in.Templates
		if !s.opts.NoMinify {
			tmpl = s.min.Templates(tmpl)
		}
		if s.templates, err = render.Parse(tmpl); err != nil {
			return res, err
		}
		s.templatesSum = templatesSum
	}
	r, err := s.templates.Renderer(model, s.md)
	if err != nil {
		return res, err
	}
	r.WithLanguages(langs.translations())
	if s.syntaxCSS == nil {
		if s.syntaxCSS, err = markup.StyleCSS(lightStyle, darkStyle); err != nil {
			return res, err
		}
	}
	assets, err := assetFiles(in.Assets, s.syntaxCSS)
	if err != nil {
		return res, err
	}
	look := s.lookSum(templatesSum, assets)
	res.step("templates", t)
	if err := ctx.Err(); err != nil {
		return res, err
	}

	limits, checkHost, err := hostLimits(s.opts, in.Config)
	if err != nil {
		return res, err
	}
	// The default language's session checks the whole site, the other
	// languages' files with its own.
	checkHost = checkHost && s.opts.Language == ""
	first := s.files == nil || into != nil
	if first && checkHost {
		// Before anything is written: the pages alone may be too many.
		if err := checkPlanned(limits, model, len(assets)); err != nil {
			return res, err
		}
	}
	all := first || look != s.look
	quick = quick && !all
	var out output
	switch {
	case into != nil:
		out = into
	case first:
		stage, err := publish.Open(s.opts.Out)
		if err != nil {
			return res, err
		}
		defer stage.Abort() // a no-op after Commit
		out = &stagedOutput{stage: stage}
	default:
		out = &inPlaceOutput{dir: s.opts.Out, old: s.files}
	}
	w := &writer{out: out, min: s.min, minify: !s.opts.NoMinify, seed: s.seed, oldSizes: s.sizes, sizes: map[string]int64{}}
	if quick {
		// The files a quick build keeps are in s.files already; it records
		// only what it writes, and merges that in.
		w.files, w.keepNone = map[string]uint64{}, true
	} else {
		w.files = make(map[string]uint64, len(s.files))
	}
	// What the steps made, for the record below; nil or unset until a
	// step begins.
	var exportKeys, lmsKeys map[string]uint64
	var searchKey uint64
	searched := false
	if !first {
		// Files written in place stay written when the build stops
		// half-way: the next build must compare against them, and must
		// not take the steps' outputs for what they were before.
		defer func() {
			if err == nil {
				return
			}
			// A page rewritten before the stop holds what its new
			// fingerprint stands for, which s.pages does not record:
			// forget its old one, so the next build renders it again.
			for rel := range s.pages {
				if h, ok := w.files[rel]; ok && h != s.files[rel] {
					delete(s.pages, rel)
				}
			}
			s.remember(w, out.removed())
			if exportKeys != nil {
				s.exports = exportKeys
			}
			if searched {
				s.search = searchKey
			}
			if lmsKeys != nil {
				s.lms = lmsKeys
			}
		}()
	}

	t = time.Now()
	for _, name := range sortedKeys(assets) {
		if err := w.write(name, assets[name], nil); err != nil {
			return res, err
		}
	}
	sums := make(map[string]uint64, len(s.sums))
	for _, d := range downloads(model) {
		sums[d.path] = d.sum
		if !all && s.sums[d.path] == d.sum {
			w.keep(d.path, s.files)
			continue
		}
		data, err := fs.ReadFile(in.Content, d.file)
		if err != nil {
			return res, fmt.Errorf("content/%s: %w", d.file, err)
		}
		// The original file is published byte for byte: it is what people cite.
		if err := w.writeRaw(d.path, data); err != nil {
			return res, err
		}
	}
	res.step("assets", t)

	t = time.Now()
	var plan redirect.Plan
	if !quick {
		plan = planRedirects(s.opts, first, model, &res)
	}
	script := redirect.Script(plan)
	pages := make(map[string]uint64, len(model.Pages))
	var todo []*site.Page
	// A site's own template may show what fingerprints do not cover.
	overridden := render.Overridden(in.TemplateOverrides)
	for _, p := range model.Pages {
		fingerprint := p.Fingerprint ^ langs.sum(model, p)
		pages[p.Path] = fingerprint
		old, existed := s.pages[p.Path]
		switch {
		case !all && old == fingerprint && !overridden(p.Kind) && (quick || p.Path != site.NotFoundPath || script == s.notFoundScript):
			// (The 404 page carries the redirect rules, which its
			// fingerprint does not cover.)
			w.keep(p.Path, s.files)
		case quick && existed && !firstSeen(p.Kind):
			// Left for the Build that follows, which sees the old
			// fingerprint and renders it.
			pages[p.Path] = old
			w.keep(p.Path, s.files)
		default:
			todo = append(todo, p)
		}
	}
	if err := renderPages(ctx, r, todo, withFamilyRules(w.writePage, script)); err != nil {
		return res, err
	}
	res.Pages, res.Rendered = len(model.Pages), len(todo)
	res.step("render", t)

	if quick {
		// The pages of deleted frameworks go now, the rest of their files
		// with the next Build.
		var vanished []string
		for rel := range s.pages {
			if _, ok := pages[rel]; !ok {
				vanished = append(vanished, rel)
			}
		}
		place := out.(*inPlaceOutput) // a quick build is never the first
		err := place.remove(vanished)
		s.remember(w, place.removed())
		if err != nil {
			return res, err
		}
		s.pages, s.sums, s.model = pages, sums, model
		s.pending = true
		subs, err := langs.emit(ctx, out, first)
		return mergeLanguages(s.result(res, w, place.removed(), start), subs), err
	}

	if err := writeRedirects(w, model, plan); err != nil {
		return res, err
	}

	t = time.Now()
	exportKeys, err = writeExports(ctx, w, model, langs, s.exports, s.files, all)
	if err != nil {
		return res, err
	}
	res.step("exports", t)

	t = time.Now()
	searched = true
	searchKey, err = writeSearch(w, model, s.search, s.files, all)
	if err != nil {
		return res, err
	}
	res.step("search", t)

	// The LMS packages hold the embed pages just written.
	t = time.Now()
	lmsKeys, err = writeLMS(ctx, w, out.root(), model, s.lms, s.files, first, s.opts.Preview)
	if err != nil {
		return res, err
	}
	res.step("lms", t)

	// The bulk download zips what was just written, when any of it
	// changed; previews skip that after the first build, as it takes
	// seconds on a large site.
	t = time.Now()
	names := bundleNames(model)
	bundleKey := w.sumOf(names)
	switch {
	case !model.Config.Outputs.Bundle:
		bundleKey = 0
	case first || bundleKey != s.bundle && !s.opts.Preview:
		if err := writeBundle(out, out.root(), names, latestExport(model.Occupations)); err != nil {
			return res, err
		}
		w.record(export.BundlePath, out.root())
	default:
		w.keep(export.BundlePath, s.files)
		bundleKey = s.bundle
	}
	res.step("bundle", t)

	// The other languages go into the same staging folder, so that the
	// first build publishes every language at once.
	subs, err := langs.emit(ctx, out, first)
	if err != nil {
		return res, err
	}
	if checkHost {
		// A staged site that does not fit is never swapped in.
		if res.Host, err = checkSite(limits, langs.sizes(w.sizes), first); err != nil {
			return res, err
		}
	}

	t = time.Now()
	if err := out.finish(w.files); err != nil {
		return res, err
	}
	res.step("publish", t)

	s.sizes, s.notFoundScript = w.sizes, script
	s.files, s.pages, s.sums, s.look, s.model, s.exports, s.bundle, s.lms, s.search = w.files, pages, sums, look, model, exportKeys, bundleKey, lmsKeys, searchKey
	s.pending = false
	return mergeLanguages(s.result(res, w, out.removed(), start), subs), nil
}

// firstSeen reports whether a Quick build renders pages of this kind: the
// pages an edit shows on, not the shared-skill pages that quote a few of
// its statements among others'. (The comparison page quotes none: the
// browser fills it from the data scripts.)
func firstSeen(k site.PageKind) bool {
	return k != site.SkillPageKind
}

// remember merges what w wrote, and the removal of gone, into the
// record of the output folder, for a build that ends early.
func (s *Session) remember(w *writer, gone []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, rel := range w.changed {
		s.files[rel] = w.files[rel]
		if s.sizes != nil {
			s.sizes[rel] = w.sizes[rel]
		}
	}
	for _, rel := range gone {
		delete(s.files, rel)
		delete(s.sizes, rel)
	}
}

// result completes res from what w wrote and the files removed.
func (s *Session) result(res Result, w *writer, removed []string, start time.Time) Result {
	res.Pending = s.pending
	res.Files, res.Bytes = len(w.files), w.bytes
	if s.pending {
		res.Files = len(s.files)
	}
	res.Written, res.BytesWritten = w.written, w.bytesWritten
	res.Changed = append(w.changed, removed...)
	sort.Strings(res.Changed)
	for _, rel := range res.Changed {
		if path.Ext(rel) == ".html" {
			res.ChangedPages = append(res.ChangedPages, rel)
		}
	}
	res.Duration = time.Since(start)
	return res
}

// sumFS hashes the names and contents of every file of fsys.
func (s *Session) sumFS(fsys fs.FS) (uint64, error) {
	var h maphash.Hash
	h.SetSeed(s.seed)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		h.WriteString(p)
		h.Write(data)
		return err
	})
	return h.Sum64(), err
}

// lookSum hashes every template (through their sum) and asset, so that a
// change to any of them re-renders the whole site.
func (s *Session) lookSum(templatesSum uint64, assets map[string][]byte) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], templatesSum)
	h.Write(b[:])
	for _, name := range sortedKeys(assets) {
		h.WriteString(name)
		h.Write(assets[name])
	}
	return h.Sum64()
}

// writer minifies files (when asked), hashes them, and hands those whose
// bytes changed to the output. It is safe for concurrent use.
type writer struct {
	out    output
	min    *transform.Minifier
	minify bool
	seed   maphash.Seed
	// keepNone makes keep a no-op, for a build that records only the
	// files it writes.
	keepNone bool

	// oldSizes are the sizes of the last build's files, for keep.
	oldSizes map[string]int64

	mu           sync.Mutex
	files        map[string]uint64 // every file of the new site → hash
	sizes        map[string]int64  // every file of the new site → size
	bytes        int64
	written      int
	bytesWritten int64
	changed      []string
}

// write publishes data at rel, minified by its extension unless disabled.
// scratch, when given, is reused for the minified bytes.
func (w *writer) write(rel string, data []byte, scratch *bytes.Buffer) error {
	if w.minify {
		if scratch == nil {
			scratch = new(bytes.Buffer)
		}
		scratch.Reset()
		ok, err := w.min.Minify(rel, scratch, data)
		if err != nil {
			return err
		}
		if ok {
			data = scratch.Bytes()
		}
	}
	return w.writeRaw(rel, data)
}

// writePage publishes a rendered page: as it is, its templates having
// been minified when parsed (see transform.Minifier.Templates).
func (w *writer) writePage(rel string, data []byte, _ *bytes.Buffer) error {
	return w.writeRaw(rel, data)
}

// writeRaw publishes data at rel unchanged.
func (w *writer) writeRaw(rel string, data []byte) error {
	sum := maphash.Bytes(w.seed, data)
	w.mu.Lock()
	w.files[rel] = sum
	w.sizes[rel] = int64(len(data))
	w.bytes += int64(len(data))
	w.mu.Unlock()
	wrote, err := w.out.write(rel, data, sum)
	if err != nil || !wrote {
		return err
	}
	w.mu.Lock()
	w.written++
	w.bytesWritten += int64(len(data))
	w.changed = append(w.changed, rel)
	w.mu.Unlock()
	return nil
}

// sumOf hashes the names and content hashes of the given files.
func (w *writer) sumOf(names []string) uint64 {
	var h maphash.Hash
	h.SetSeed(w.seed)
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range names {
		h.WriteString(n)
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], w.files[n])
		h.Write(b[:])
	}
	return h.Sum64()
}

// record notes a file that was written around the writer (the bundle),
// hashing it from disk so the next build knows it.
func (w *writer) record(rel, root string) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[rel] = maphash.Bytes(w.seed, data)
	w.sizes[rel] = int64(len(data))
	w.bytes += int64(len(data))
	w.written++
	w.bytesWritten += int64(len(data))
	w.changed = append(w.changed, rel)
}

// keep records that the file at rel stays as the last build wrote it.
func (w *writer) keep(rel string, old map[string]uint64) {
	if w.keepNone {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if sum, ok := old[rel]; ok {
		w.files[rel] = sum
		w.sizes[rel] = w.oldSizes[rel]
	}
}

// output is where a build's files go.
type output interface {
	// write stores one file and reports whether its bytes were written.
	write(rel string, data []byte, sum uint64) (bool, error)
	// finish completes the build; files is every file of the new site.
	finish(files map[string]uint64) error
	// removed lists the files finish deleted.
	removed() []string
	// create opens a file for streaming; it appears whole on Close.
	create(rel string) (io.WriteCloser, error)
	// root is the folder the files are being written to.
	root() string
}

// stagedOutput writes a complete site into a staging folder and swaps it in.
type stagedOutput struct{ stage *publish.Staging }

func (o *stagedOutput) write(rel string, data []byte, _ uint64) (bool, error) {
	return true, o.stage.WriteFile(rel, data)
}

func (o *stagedOutput) finish(map[string]uint64) error { return o.stage.Commit() }
func (o *stagedOutput) removed() []string              { return nil }
func (o *stagedOutput) root() string                   { return o.stage.Dir() }

func (o *stagedOutput) create(rel string) (io.WriteCloser, error) { return o.stage.Create(rel) }

// inPlaceOutput updates a published site file by file.
type inPlaceOutput struct {
	dir  string
	old  map[string]uint64
	gone []string
}

func (o *inPlaceOutput) write(rel string, data []byte, sum uint64) (bool, error) {
	if old, ok := o.old[rel]; ok && old == sum {
		return false, nil
	}
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return false, fmt.Errorf("publish: refusing to write %q outside the output folder", rel)
	}
	return publish.WriteIfChanged(filepath.Join(o.dir, filepath.FromSlash(rel)), data)
}

// finish deletes the files of the last build that the new one lacks, and
// the folders that leaves empty.
func (o *inPlaceOutput) finish(files map[string]uint64) error {
	var gone []string
	for rel := range o.old {
		if _, ok := files[rel]; !ok {
			gone = append(gone, rel)
		}
	}
	return o.remove(gone)
}

// remove deletes the files at rels, and the folders that leaves empty.
func (o *inPlaceOutput) remove(rels []string) error {
	var errs []error
	dirs := map[string]bool{}
	for _, rel := range rels {
		p := filepath.Join(o.dir, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		o.gone = append(o.gone, rel)
		for d := filepath.Dir(p); d != o.dir && strings.HasPrefix(d, o.dir); d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first, so a folder is empty once its subfolders are gone.
	list := sortedKeys(dirs)
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, d := range list {
		os.Remove(d) // fails, as it should, when the folder is not empty
	}
	return errors.Join(errs...)
}

func (o *inPlaceOutput) removed() []string { return o.gone }
func (o *inPlaceOutput) root() string      { return o.dir }

func (o *inPlaceOutput) create(rel string) (io.WriteCloser, error) {
	return createAtomic(filepath.Join(o.dir, filepath.FromSlash(rel)))
}

// download is a framework file published as it is.
type download struct {
	path, file string
	sum        uint64
}

// downloads lists every framework file the site publishes unchanged: each
// occupation's current version and its earlier ones.
func downloads(s *site.Site) []download {
	var out []download
	for _, o := range s.Occupations {
		out = append(out, download{o.Download, o.File, o.Sum})
		for _, v := range o.History {
			out = append(out, download{v.Download, v.File, v.Sum})
		}
	}
	return out
}
