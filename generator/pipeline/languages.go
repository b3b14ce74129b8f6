package pipeline

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/translations"
)

// A multilingual site (ladder.toml's languages) is one site per language:
// the default language's Session builds its own at the root of the output
// and keeps a Session for each other language, which builds from
// content/<lang>/ into <lang>/. Every language is loaded and modelled
// before anything is written, so the input's problems in all of them are
// reported at once; the first build writes every language into one
// staging folder and publishes them together.

// languages is what one language's build needs of the others.
type languages struct {
	set *translations.Set
	// others are the languages the default language's session builds
	// after its own; empty for another language's session.
	others []otherLanguage
	// dropped are the sessions of languages ladder.toml no longer lists,
	// whose files the build removes.
	dropped []*Session
}

// otherLanguage is a language other than the default, loaded and modelled.
type otherLanguage struct {
	tag   string
	s     *Session
	in    *load.Input
	model *site.Site
	quick bool
}

// loadLanguages loads and models the other languages of a multilingual
// site, given the default language's input, model and error, and pairs
// the pages of all of them. The error holds the problems of every
// language. A site in one language gives nil languages.
func (s *Session) loadLanguages(in *load.Input, model *site.Site, err error, quick bool, res *Result) (*languages, error) {
	var problems diag.List
	if err != nil && !errors.As(err, &problems) {
		return nil, err // a file being saved, or no input at all
	}
	if in == nil || !in.Config.Multilingual() {
		return nil, err
	}
	langs := &languages{}
	pairs := []translations.Language{{Tag: in.Config.Language, Site: model}}
	// ladder.toml's problems come with every language: keep one of each.
	seen := map[diag.Diagnostic]bool{}
	for _, d := range append(res.Warnings, problems...) {
		seen[d] = true
	}
	for _, tag := range in.Config.Languages[1:] {
		o := s.other(tag)
		var sub Result
		oin, omodel, oerr := loadAndModel(o.opts, o.cache, readyAligner(s.aligner), o.model, quick && o.files != nil, &sub)
		for _, d := range sub.Warnings {
			if !seen[d] {
				seen[d] = true
				res.Warnings = append(res.Warnings, d)
			}
		}
		var more diag.List
		if oerr != nil && !errors.As(oerr, &more) {
			return nil, oerr
		}
		for _, d := range more {
			if !seen[d] {
				seen[d] = true
				problems = append(problems, d)
			}
		}
		langs.others = append(langs.others, otherLanguage{tag, o, oin, omodel, quick && o.files != nil})
		pairs = append(pairs, translations.Language{Tag: tag, Prefix: tag + "/", Site: omodel})
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	if d := translations.Check(pairs, s.locate); len(d) > 0 {
		d.Sort()
		return nil, d
	}
	langs.set = translations.New(pairs)
	for tag, o := range s.others {
		if !slices.Contains(in.Config.Languages[1:], tag) {
			langs.dropped = append(langs.dropped, o)
			delete(s.others, tag)
		}
	}
	return langs, nil
}

// other returns the session of language tag, made on first use.
func (s *Session) other(tag string) *Session {
	if o := s.others[tag]; o != nil {
		return o
	}
	opts := s.opts
	opts.Language = tag
	opts.Out = filepath.Join(s.opts.Out, tag)
	o := NewSession(opts)
	o.aligner = s.aligner
	if s.others == nil {
		s.others = map[string]*Session{}
	}
	s.others[tag] = o
	return o
}

// locate names an occupation's framework file as diagnostics do, with
// the line and column of the value at pointer in it when it can.
func (s *Session) locate(l translations.Language, o *site.Occupation, pointer string) (file string, line, col int) {
	name := "content/" + l.Site.Config.Language + "/" + o.File
	disk := filepath.Join(s.opts.Source, filepath.FromSlash(name))
	if s.opts.Source != "" && s.opts.Source != "." {
		name = filepath.ToSlash(disk)
	}
	if pointer == "" {
		return name, 0, 0
	}
	data, err := os.ReadFile(disk)
	if err != nil {
		return name, 0, 0
	}
	if off, ok := load.PointerOffset(data, pointer); ok {
		line, col = diag.Position(data, off)
	}
	return name, line, col
}

// translations returns the pairing of the site's pages, nil for a site
// in one language.
func (l *languages) translations() *translations.Set {
	if l == nil {
		return nil
	}
	return l.set
}

// othersOrNone lists the other languages, none for a site in one.
func (l *languages) othersOrNone() []otherLanguage {
	if l == nil {
		return nil
	}
	return l.others
}

// sum is what page p of model says of its translations, for its
// fingerprint: 0 in a site of one language.
func (l *languages) sum(model *site.Site, p *site.Page) uint64 {
	if l == nil {
		return 0
	}
	return l.set.Sum(model.Config.Language, p)
}

// siteSum is what every page of model says of its translations, for the
// key of the site-wide files (the sitemap names them): 0 in a site of one
// language.
func (l *languages) siteSum(model *site.Site) uint64 {
	if l == nil {
		return 0
	}
	h := fnv.New64a()
	var b [8]byte
	for _, p := range model.Pages {
		binary.LittleEndian.PutUint64(b[:], l.set.Sum(model.Config.Language, p))
		h.Write(b[:])
	}
	return h.Sum64()
}

// alternates returns what names a page's translations in the sitemap,
// nil in a site of one language.
func (l *languages) alternates(model *site.Site) func(*site.Page) []translations.Alternate {
	if l == nil {
		return nil
	}
	return func(p *site.Page) []translations.Alternate {
		return l.set.Alternates(model.Config.Language, p)
	}
}

// robots makes robots.txt among a language's site-wide files (written at
// the root of a host only) name every language's sitemap.
func (l *languages) robots(files []export.BundleFile) {
	if l == nil {
		return
	}
	for i, f := range files {
		if f.Name != paths.Robots {
			continue
		}
		data := slices.Clone(f.Data)
		for _, other := range l.set.Languages()[1:] {
			data = append(data, "Sitemap: "+other.Site.Config.BaseURL+paths.Sitemap+"\n"...)
		}
		files[i].Data = data
	}
}

// languageResult is one other language's build.
type languageResult struct {
	tag string
	res Result
}

// emit builds the other languages, each into its folder of out when the
// build is the first (staged), else in place into its own output folder.
func (l *languages) emit(ctx context.Context, out publish.Output, first bool) ([]languageResult, error) {
	if l == nil {
		return nil, nil
	}
	var done []languageResult
	for _, d := range l.dropped {
		// A first build publishes a fresh tree, without them.
		if first || d.files == nil {
			continue
		}
		gone := publish.InPlace(d.opts.Out)
		err := gone.Remove(sortedKeys(d.files))
		os.Remove(d.opts.Out) // fails, as it should, when files of others are left
		done = append(done, languageResult{d.opts.Language, Result{Changed: gone.Removed()}})
		if err != nil {
			return done, err
		}
	}
	for _, o := range l.others {
		var into publish.Output
		if first {
			into = &prefixedOutput{out, o.tag}
		}
		res, err := o.s.emit(ctx, time.Now(), o.in, o.model, o.quick && !first, &languages{set: l.set}, into, Result{Out: o.s.opts.Out})
		done = append(done, languageResult{o.tag, res})
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// mergeLanguages adds the other languages' builds to the default's.
func mergeLanguages(res Result, others []languageResult) Result {
	for _, o := range others {
		r := o.res
		res.Pages += r.Pages
		res.Rendered += r.Rendered
		res.Files += r.Files
		res.Written += r.Written
		res.Bytes += r.Bytes
		res.BytesWritten += r.BytesWritten
		res.Pending = res.Pending || r.Pending
		for _, rel := range r.Changed {
			res.Changed = append(res.Changed, path.Join(o.tag, rel))
		}
		for _, rel := range r.ChangedPages {
			res.ChangedPages = append(res.ChangedPages, path.Join(o.tag, rel))
		}
		for _, st := range r.Steps {
			res.Steps = append(res.Steps, Step{Name: o.tag + " " + st.Name, Duration: st.Duration})
		}
	}
	return res
}

// prefixedOutput is one language's folder of the first build's staging
// output; the default language's build finishes it.
type prefixedOutput struct {
	parent publish.Output
	dir    string // the language's folder, "fr"
}

func (o *prefixedOutput) Dir() string { return filepath.Join(o.parent.Dir(), o.dir) }

func (o *prefixedOutput) Put(rel string, data []byte) (bool, error) {
	return o.parent.Put(o.dir+"/"+rel, data)
}

func (o *prefixedOutput) Create(rel string) (publish.Stream, error) {
	return o.parent.Create(o.dir + "/" + rel)
}

func (o *prefixedOutput) Finish([]string) error { return nil }
func (o *prefixedOutput) Removed() []string     { return nil }
