package pipeline

import (
	"context"
	"encoding/binary"
	"hash/maphash"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/ladder-ssg/ladder/generator/align"
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
// bytes changed (see publish.Folder), so a server never reads half a file
// and unchanged files keep their modification times. Build must not be
// called concurrently.
type Session struct {
	opts    Options
	md      *markup.Renderer // keeps its highlighted-code cache across builds
	min     *transform.Minifier
	cache   *load.Cache
	seed    maphash.Seed
	aligner *align.Aligner // made by the first build
	look    lookCache
	ahead   chan readLook // the look of the build under way, read meanwhile (lookAhead)
	hand    *handoff

	// What the output folder holds after the last successful build; nil
	// before the first.
	files map[string]uint64 // output file → hash of its bytes
	sizes map[string]int64  // output file → its size, for the host's limits
	// notFoundScript is the redirect rules the 404 page was rendered with.
	notFoundScript string
	// keys holds, by step name, what each step's files were made from
	// (see step).
	keys  map[string]map[string]uint64
	model *site.Site // the last good model, whose parts New may reuse
	// pending is set by a Quick build that left work for the next Build.
	pending bool
	// others are the sessions of a multilingual site's other languages,
	// by tag, each building into its <lang>/ folder of the output.
	others map[string]*Session
}

// lookCache is what a session keeps of the templates and assets.
type lookCache struct {
	templates    *render.Templates // parsed from files hashing to templatesSum
	templatesSum uint64
	syntaxCSS    []byte // the highlighting style sheet
	sum          uint64 // hash of the templates and assets of the last build
}

// NewSession prepares a session; nothing is read until Build.
func NewSession(opts Options) *Session {
	return &Session{
		opts:  opts,
		md:    markup.New(),
		min:   transform.NewMinifier(),
		cache: load.NewCache(),
		seed:  maphash.MakeSeed(),
		hand:  newHandoff(),
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

// build prepares a run, takes it through the steps of the recipe in
// order, then publishes: a first build swaps its staging folder in, a
// later one removes the files the site no longer has.
func (s *Session) build(ctx context.Context, quick bool) (Result, error) {
	start := time.Now()
	res := Result{Out: s.opts.Out}
	aligner := readyAligner(s.aligner)
	if s.aligner == nil {
		made := startAligner()
		aligner = func(res *Result) (*align.Aligner, error) {
			a, err := made(res)
			s.aligner = a
			return a, err
		}
	}
	in, diags, err := loadInput(s.opts, s.cache, &res)
	if err != nil {
		return res, err
	}
	// The templates are parsed and the assets read while the model is
	// made: the one does not need the other.
	s.ahead = s.lookAhead(in)
	defer s.dropLook() // never left running into the next build
	in, model, err := newModel(s.opts, in, diags, aligner, s.model, quick && s.files != nil, &res)
	langs, err := s.loadLanguages(in, model, err, quick, &res)
	if err != nil {
		return res, err
	}
	return s.emit(ctx, start, in, model, quick, langs, nil, res)
}

// emit writes one language's site (the whole site, for one language)
// through the steps of the recipe, then langs' other languages, then
// publishes; into, when set, is the first build's staging output to
// write into (a language's own folder of it), finished by the default
// language's build.
func (s *Session) emit(ctx context.Context, start time.Time, in *load.Input, model *site.Site, quick bool, langs *languages, into publish.Output, res Result) (_ Result, err error) {
	b, err := s.prepare(ctx, in, model, quick, langs, into, &res)
	if err != nil {
		return res, err
	}
	if stage, ok := b.out.(*publish.Staging); ok {
		defer stage.Abort() // a no-op after Commit
	}
	keys := map[string]map[string]uint64{}
	defer func() {
		if err != nil && !b.first {
			// Files written in place stay written when the build stops
			// half-way: the next build must compare against them, and
			// must not take the steps' files for what they were before.
			s.remember(b.w, b.out.Removed())
			for name, k := range keys {
				s.keys[name] = k
			}
		}
	}()
	for _, st := range recipe() {
		if b.quick && !st.quick {
			continue
		}
		t := time.Now()
		keys[st.name], err = st.make(b, s.keys[st.name])
		if err != nil {
			return res, err
		}
		res.step(st.name, t)
	}
	// The other languages go into the same staging folder, so that the
	// first build publishes every language at once.
	subs, err := langs.emit(ctx, b.out, b.first)
	if err != nil {
		return mergeLanguages(res, subs), err
	}
	if b.checkHost {
		// A staged site that does not fit is never swapped in.
		if res.Host, err = checkSite(b.limits, langs.sizes(b.w.sizes), b.first, func() map[string]int64 {
			return outputSavings(b.model, s.opts.Source, b.w.sizes)
		}); err != nil {
			return res, err
		}
	}
	t := time.Now()
	if err := b.out.Finish(s.gone(b, keys)); err != nil {
		return res, err
	}
	res.step("publish", t)
	s.commit(b, keys)
	return mergeLanguages(s.result(res, b.w, b.out.Removed(), start), subs), nil
}

// prepare makes the renderer of model and opens the output: into when
// given, a staging folder for the first build, the output folder itself
// for later ones.
func (s *Session) prepare(ctx context.Context, in *load.Input, model *site.Site, quick bool, langs *languages, into publish.Output, res *Result) (*run, error) {
	first := s.files == nil || into != nil
	t := time.Now()
	b := &run{ctx: ctx, res: res, in: in, model: model, langs: langs, first: first, preview: s.opts.Preview,
		overridden: render.Overridden(in.TemplateOverrides)}
	look, err := s.renderer(b)
	if err != nil {
		return nil, err
	}
	b.r.WithLanguages(langs.translations())
	res.step("templates", t)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.all = first || look != s.look.sum
	b.quick = quick && !b.all
	if err := s.planHostAndRedirects(b); err != nil {
		return nil, err
	}
	switch {
	case into != nil:
		b.out = into
	case first:
		if b.out, err = publish.Open(s.opts.Out); err != nil {
			return nil, err
		}
	default:
		b.out = publish.InPlace(s.opts.Out)
	}
	s.hand.want(model)
	b.w = &writer{out: b.out, old: s.files, oldSizes: s.sizes, sizes: map[string]int64{},
		min: s.min, minify: !s.opts.NoMinify, seed: s.seed, hand: s.hand}
	if into != nil {
		b.w.old = nil // a fresh folder of the staging output
	}
	if b.quick {
		// The files a quick build keeps are in s.files already; it records
		// only what it writes, and merges that in.
		b.w.files, b.w.keepNone = map[string]uint64{}, true
	} else {
		b.w.files = make(map[string]uint64, len(s.files))
	}
	b.look = look
	return b, nil
}

// planHostAndRedirects gives b the host's limits, refusing a first build
// whose pages alone exceed them before anything is written, and the
// redirects for the pages the last build had and this one lacks.
func (s *Session) planHostAndRedirects(b *run) error {
	var err error
	if b.limits, b.checkHost, err = hostLimits(s.opts, b.in.Config); err != nil {
		return err
	}
	// The default language's session checks the whole site, the other
	// languages' files with its own.
	b.checkHost = b.checkHost && s.opts.Language == ""
	if b.first && b.checkHost {
		if err := checkPlanned(b.limits, b.model, len(b.assets)); err != nil {
			return err
		}
	}
	// A quick build plans no redirects: the 404 page it renders keeps
	// the rules of the last plan.
	b.script, b.oldScript = s.notFoundScript, s.notFoundScript
	if !b.quick {
		b.plan = planRedirects(s.opts, b.first, b.model, b.res)
		b.script = redirect.Script(b.plan)
	}
	return nil
}

// renderer gives b its renderer and assets (see readLook) and returns
// the hash of the templates and assets.
func (s *Session) renderer(b *run) (uint64, error) {
	look := s.awaitLook(b.in)
	if look.err != nil {
		return 0, look.err
	}
	var err error
	if b.r, err = s.look.templates.Renderer(b.model, s.md); err != nil {
		return 0, err
	}
	b.assets = look.assets
	return look.sum, nil
}

// readLook is what a build's look is made of, read from its input alone.
type readLook struct {
	assets map[string][]byte // every asset, by output path
	sum    uint64            // hash of the templates and assets
	err    error
}

// lookAhead starts reading in's look on a goroutine of its own.
func (s *Session) lookAhead(in *load.Input) chan readLook {
	ahead := make(chan readLook, 1)
	go func() { ahead <- s.readLook(in) }()
	return ahead
}

// dropLook waits for a look lookAhead started that no renderer took (the
// build stopped before rendering), as it writes s.look.
func (s *Session) dropLook() {
	if s.ahead != nil {
		<-s.ahead
		s.ahead = nil
	}
}

// awaitLook returns the look lookAhead started for in, or reads it now.
func (s *Session) awaitLook(in *load.Input) readLook {
	if s.ahead != nil {
		look := <-s.ahead
		s.ahead = nil
		return look
	}
	return s.readLook(in)
}

// readLook parses the templates again only when they changed (keeping
// them in s.look), and reads the assets, with the words of in's
// catalogue (load.Site always makes one) for the scripts.
func (s *Session) readLook(in *load.Input) readLook {
	templatesSum, err := s.sumFS(in.Templates)
	if err != nil {
		return readLook{err: err}
	}
	if s.look.templates == nil || templatesSum != s.look.templatesSum {
		// Parsed (and escaped, on first use) once until a template changes;
		// minified once here, so that pages need no minifying after.
		tmpl := in.Templates
		if !s.opts.NoMinify {
			tmpl = s.min.Templates(tmpl)
		}
		if s.look.templates, err = render.Parse(tmpl); err != nil {
			return readLook{err: err}
		}
		s.look.templatesSum = templatesSum
	}
	if s.look.syntaxCSS == nil {
		if s.look.syntaxCSS, err = markup.StyleCSS(lightStyle, darkStyle); err != nil {
			return readLook{err: err}
		}
	}
	assets, err := assetFiles(in.Assets, s.look.syntaxCSS, in.Text.ScriptFile())
	if err != nil {
		return readLook{err: err}
	}
	return readLook{assets: assets, sum: s.lookSum(templatesSum, assets)}
}

// gone lists the files the output folder is to lose: after a quick build
// the pages of deleted frameworks (the rest of their files go with the
// next Build), after a full one every file of the last build the new one
// lacks.
func (s *Session) gone(b *run, keys map[string]map[string]uint64) []string {
	if !b.quick {
		return b.w.gone()
	}
	var vanished []string
	for rel := range s.keys[pagesStep] {
		if _, ok := keys[pagesStep][rel]; !ok {
			vanished = append(vanished, rel)
		}
	}
	return vanished
}

// commit records what a finished build left in the output folder.
func (s *Session) commit(b *run, keys map[string]map[string]uint64) {
	s.model = b.model
	if b.quick {
		s.remember(b.w, b.out.Removed())
		for name, k := range keys {
			s.keys[name] = k
		}
		s.pending = true
		return
	}
	s.files, s.keys, s.look.sum = b.w.files, keys, b.look
	s.sizes, s.notFoundScript = b.w.sizes, b.script
	s.hand.prune()
	s.pending = false
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
