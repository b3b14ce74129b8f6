// Package load reads a site folder: it decodes and validates every
// framework file, splits the markdown pages from their front matter,
// reads ladder.toml, and layers the site's own templates and assets over
// the embedded defaults. It reports every problem of the input at once.
package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/markup"
)

// Defaults are the embedded files a site falls back on.
type Defaults struct {
	Content   fs.FS // used whole when the site has no content/ folder
	Templates fs.FS
	Assets    fs.FS
}

// Options change how input is read.
type Options struct {
	// Strict turns warnings about unknown fields into errors.
	Strict bool
	// Cache, when set, keeps decoded frameworks between loads of the same
	// site, so a rebuild decodes only the files that changed.
	Cache *Cache
	// Settle, when positive, tells a file in the middle of a save from a
	// broken one, for rebuilds while a person edits. An in-place save
	// truncates the file and then writes it, and a slow writer leaves it
	// half-written for a while: a framework file that is empty or whose
	// JSON ends early, or a page that is empty, is taken to be mid-save
	// until the Cache has seen it so, unchanged, for Settle (without a
	// Cache, it never is). Input.Saving then lists it, and the load is to
	// be retried when the save is done rather than reported.
	Settle time.Duration
	// Language, for a site that lists its languages (config.Multilingual),
	// is the one to read: content/<Language>/ in that language's
	// interface. Empty reads the default language.
	Language string
}

// Cache remembers decoded framework files by path, size and modification
// time. A Cache is safe for concurrent use; it belongs to one site folder
// and one Strict setting.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
	partial map[string]partialVersion // files seen half-written (see Options.Settle)
	now     func() time.Time          // the clock Settle counts by; tests set their own
}

type cacheEntry struct {
	size    int64
	modTime time.Time
	// racy is set when the file had changed less than racyWindow before it
	// was read: a later save within the clock's granularity could leave
	// size and time as they were, so its content is compared too.
	racy   bool
	sum    uint64 // of the bytes decoded
	result *Framework
	diags  diag.List
}

// racyWindow is how recent a change must be for a size and modification
// time not to be trusted alone: more than the coarsest file time stamps
// (two seconds, on FAT).
const racyWindow = 3 * time.Second

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]cacheEntry{}, partial: map[string]partialVersion{}, now: time.Now}
}

// lookup returns the cached decode of file when its size and modification
// time are unchanged. Files without a modification time (embedded ones)
// are never cached.
func (c *Cache) lookup(file string, st fs.FileInfo) (cacheEntry, bool) {
	if c == nil || st == nil || st.ModTime().IsZero() {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	return e, ok && e.size == st.Size() && e.modTime.Equal(st.ModTime())
}

// store records e for file, as stat'ed at statTime before it was read.
func (c *Cache) store(file string, st fs.FileInfo, statTime time.Time, e cacheEntry) {
	if c == nil || st == nil || st.ModTime().IsZero() {
		return
	}
	e.size, e.modTime = st.Size(), st.ModTime()
	e.racy = st.ModTime().After(statTime.Add(-racyWindow))
	c.mu.Lock()
	c.entries[file] = e
	c.mu.Unlock()
}

// Input is everything a site folder holds, decoded and validated.
type Input struct {
	Config     config.Config
	Frameworks []*Framework // sorted by file path
	Pages      []*Page      // sorted by file path
	// Content is the folder the frameworks and pages were read from, so
	// that later stages can copy a framework's original file.
	Content   fs.FS
	Templates fs.FS // the site's templates over the embedded ones
	// TemplateOverrides names the site's own template files, the paths
	// inside templates/ that replace or add to the embedded ones.
	TemplateOverrides []string
	Assets            fs.FS // the site's assets over the embedded ones
	// ContentDir is where content was read from on disk, or "" for the
	// embedded default content.
	ContentDir string
	// Alignments are the rules of content/alignments.toml, if any.
	Alignments []Rule
	// Text is the interface's messages in the site's language: the
	// shipped catalogue with the site's i18n/ files layered over it.
	Text *i18n.Catalogue
	// Saving, when set, lists the files caught in the middle of a save
	// (see Options.Settle); Input is then incomplete.
	Saving *Saving
}

// Framework is a decoded framework file. File is its path inside content/,
// with forward slashes, e.g. frameworks/29-2012.00.json.
type Framework struct {
	File string
	// Sum is a hash of the file's bytes: equal sums, equal frameworks.
	Sum uint64
	// Places says where the code and title are in the file.
	Places Places
	*framework.Framework
}

// Page is a markdown page of content/; the type is the model's input
// (markup.Page), so that the model needs nothing of load.
type Page = markup.Page

// I18nDir is the folder of a site that holds its message catalogues,
// <lang>.toml, which override the shipped ones by key.
const I18nDir = "i18n"

// missingSite reports a site folder that is not there: a mistyped
// --source must not build the default site in its place.
func missingSite(dir string) (diag.Diagnostic, bool) {
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return diag.Diagnostic{File: dir, Severity: diag.Error, Message: "the site folder does not exist"}, true
	case !st.IsDir():
		return diag.Diagnostic{File: dir, Severity: diag.Error, Message: "the site folder is a file, not a folder"}, true
	}
	return diag.Diagnostic{}, false
}

// FrameworksDir is the folder of content/ that holds framework files.
const FrameworksDir = "frameworks"

// Site reads the site folder dir. When dir has no content/ folder, the
// default content is used. The returned list holds every warning and
// error; when it has errors, Input is incomplete and must not be built.
func Site(dir string, defaults Defaults, opts Options) (*Input, diag.List) {
	in := &Input{Config: config.Default()}
	content, diags := readConfig(dir, opts, &in.Config)
	contentDir := filepath.Join(dir, filepath.FromSlash(content))
	if st, err := os.Stat(contentDir); err == nil && st.IsDir() {
		in.Content = os.DirFS(contentDir)
		in.ContentDir = contentDir
	} else {
		in.Content = defaults.Content
	}
	siteTemplates := dirIfExists(filepath.Join(dir, "templates"))
	in.Templates = Overlay(siteTemplates, defaults.Templates)
	in.TemplateOverrides = fileNames(siteTemplates)
	in.Assets = Overlay(dirIfExists(filepath.Join(dir, "assets")), defaults.Assets)
	text, d := i18n.Load(in.Config.Language, i18n.Sources{Site: dirIfExists(filepath.Join(dir, I18nDir)),
		Label: func(name string) string { return displayPath(dir, I18nDir+"/"+name) }})
	in.Text = text
	diags = append(diags, d...)
	if d, missing := missingSite(dir); missing {
		return in, append(diags, d)
	}

	files, err := contentFiles(in.Content)
	if err != nil {
		diags = append(diags, diag.Diagnostic{File: displayPath(dir, content), Severity: diag.Error, Message: err.Error()})
		return in, diags
	}
	label := func(p string) string {
		if in.ContentDir == "" {
			return "(embedded) content/" + p
		}
		return displayPath(dir, content+"/"+p)
	}

	jsonFiles, mdFiles := splitContent(files)

	check := savingCheck{fsys: in.Content, settle: opts.Settle, cache: opts.Cache}
	fws, d := decodeAll(in.Content, jsonFiles, label, opts.Strict, opts.Cache, check, &in.Saving)
	in.Frameworks = fws
	diags = append(diags, d...)
	diags = append(diags, duplicateCodes(in.Frameworks, label)...)
	diags = append(diags, titleConflicts(in.Frameworks, label, opts.Strict)...)
	if len(jsonFiles) == 0 {
		diags = append(diags, diag.Diagnostic{File: label(FrameworksDir), Severity: diag.Error,
			Message: "no framework files: expected at least one .json file under " + content + "/frameworks/"})
	}

	diags = append(diags, readAlignments(in, label(AlignmentsFile), opts.Strict)...)

	for _, f := range mdFiles {
		data, err := fs.ReadFile(in.Content, f)
		if err != nil {
			diags = append(diags, diag.Diagnostic{File: label(f), Severity: diag.Error, Message: err.Error()})
			continue
		}
		if until := check.until(f, data, emptyText); !until.IsZero() {
			addSaving(&in.Saving, label(f), until)
			continue
		}
		page, d := readPage(label(f), f, data, opts.Strict)
		diags = append(diags, d...)
		if page != nil {
			in.Pages = append(in.Pages, page)
		}
	}
	diags.Sort()
	return in, diags
}

// readConfig reads dir's ladder.toml, which is optional, into cfg and
// returns the folder of dir the content is read from: content/, or the
// language's content/<lang>/ in a site that lists its languages.
func readConfig(dir string, opts Options, cfg *config.Config) (string, diag.List) {
	var diags diag.List
	cfgPath := filepath.Join(dir, config.FileName)
	cfgData, err := os.ReadFile(cfgPath)
	if err == nil {
		c, d := config.Parse(displayPath(dir, config.FileName), cfgData, opts.Strict)
		*cfg = c
		diags = append(diags, d...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		diags = append(diags, diag.Diagnostic{File: cfgPath, Severity: diag.Error, Message: err.Error()})
	}
	if !cfg.Multilingual() {
		return "content", diags
	}
	content, d := chooseLanguage(dir, cfgData, cfg, opts.Language)
	return content, append(diags, d...)
}

// readPage splits a markdown page from its front matter; name is the
// page's file as diagnostics name it.
func readPage(name, file string, data []byte, strict bool) (*Page, diag.List) {
	fm, body, err := markup.SplitFrontMatter(data)
	if err != nil {
		return nil, diag.List{frontMatterDiag(name, err)}
	}
	var diags diag.List
	for _, k := range fm.Unknown {
		sev, msg := diag.Unknown("front matter key", k, strict)
		diags = append(diags, diag.Diagnostic{File: name, Path: k, Severity: sev, Message: msg})
	}
	return &Page{File: file, FrontMatter: fm, Body: body}, diags
}

// decoded is the outcome of decoding one framework file.
type decoded struct {
	result *Framework
	diags  diag.List
	saving time.Time // set when the file is mid-save (see Options.Settle)
}

// decodeAll decodes the framework files on all cores, their strings
// interned together (texts). Files caught in the middle of a save are
// left out, and added to *saving, instead of being reported.
func decodeAll(fsys fs.FS, files []string, label func(string) string, strict bool, cache *Cache, check savingCheck, saving **Saving) ([]*Framework, diag.List) {
	per := make([]decoded, len(files))
	strs := newTexts()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, file := range files {
		g.Go(func() error {
			per[i] = decodeOne(fsys, file, label(file), strict, cache, check, strs)
			return nil
		})
	}
	g.Wait()
	var out []*Framework
	var diags diag.List
	for i, d := range per {
		if !d.saving.IsZero() {
			addSaving(saving, label(files[i]), d.saving)
			continue
		}
		diags = append(diags, d.diags...)
		if d.result != nil {
			out = append(out, d.result)
		}
	}
	return out, diags
}

// decodeOne decodes one framework file, from the cache when its size and
// modification time are unchanged (and, for a file changed just before
// it was last read, its content too); name is the file as diagnostics
// name it. A file caught mid-save is not cached.
func decodeOne(fsys fs.FS, file, name string, strict bool, cache *Cache, check savingCheck, strs *texts) decoded {
	statTime := time.Now()
	st, _ := fs.Stat(fsys, file)
	e, hit := cache.lookup(file, st)
	if hit && !e.racy {
		return decoded{result: e.result, diags: e.diags}
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return decoded{diags: diag.List{{File: name, Severity: diag.Error, Message: err.Error()}}}
	}
	sum := ids.FNV64(data)
	if hit && e.sum == sum {
		cache.store(file, st, statTime, e)
		return decoded{result: e.result, diags: e.diags}
	}
	f, places, d := decodeFramework(name, data, strict, strs)
	if f == nil {
		if until := check.until(file, data, partialJSON); !until.IsZero() {
			return decoded{saving: until}
		}
	}
	out := decoded{diags: d}
	if f != nil {
		out.result = &Framework{File: file, Sum: sum, Places: places, Framework: f}
	}
	cache.store(file, st, statTime, cacheEntry{sum: sum, result: out.result, diags: d})
	return out
}

// duplicateCodes reports occupation codes used by more than one file,
// unless the files are versions of one framework: then each must differ
// in framework.version or exportedAt, and spell the code the same way.
// Codes are compared case-insensitively: they name folders, and two
// folders differing only in case collide on many file systems.
func duplicateCodes(fws []*Framework, label func(string) string) diag.List {
	seen := map[string][]*Framework{}
	var diags diag.List
	for _, f := range fws {
		key := strings.ToLower(f.Occupation.SOC)
		for _, prev := range seen[key] {
			var msg string
			switch {
			case prev.Occupation.SOC != f.Occupation.SOC:
				msg = fmt.Sprintf("occupation code %q differs only in case from %q in %s: versions of one framework must spell the code the same way",
					f.Occupation.SOC, prev.Occupation.SOC, label(prev.File))
			case prev.Version == f.Version && prev.ExportedAt.Equal(f.ExportedAt):
				msg = fmt.Sprintf("duplicate occupation code %q: %s already defines it with the same version and export date; "+
					"to publish both as versions, give each its own framework.version or exportedAt", f.Occupation.SOC, label(prev.File))
			default:
				continue
			}
			diags = append(diags, diag.Diagnostic{File: label(f.File), Line: f.Places.SOC.Line, Column: f.Places.SOC.Column,
				Path: "occupation.soc", Severity: diag.Error, Message: msg})
			break
		}
		seen[key] = append(seen[key], f)
	}
	return diags
}

// contentFiles lists every regular file below the root of fsys, sorted,
// skipping hidden files and folders (editors' backups, .git). Symbolic
// links to folders are followed, to a bounded depth so a loop ends.
func contentFiles(fsys fs.FS) ([]string, error) {
	var files []string
	var walk func(root string, depth int) error
	walk = func(root string, depth int) error {
		return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				files = append(files, p)
			case d.Type()&fs.ModeSymlink != 0:
				st, err := fs.Stat(fsys, p)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				if st.Mode().IsRegular() {
					files = append(files, p)
				} else if st.IsDir() && depth < 8 {
					return walk(p, depth+1)
				}
			}
			return nil
		})
	}
	err := walk(".", 0)
	sort.Strings(files)
	return files, err
}

func frontMatterDiag(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Severity: diag.Error, Message: err.Error()}
	var fe *markup.FrontMatterError
	if errors.As(err, &fe) {
		d.Line, d.Column, d.Message = fe.Line, fe.Column, fe.Msg
	}
	return d
}

// fileNames lists the regular files of fsys (nil: none), sorted.
func fileNames(fsys fs.FS) []string {
	if fsys == nil {
		return nil
	}
	var names []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	return names
}

func dirIfExists(dir string) fs.FS {
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return os.DirFS(dir)
	}
	return nil
}

// displayPath names a file of the site as the user would type it.
func displayPath(dir, rel string) string {
	if dir == "." || dir == "" {
		return rel
	}
	return filepath.ToSlash(filepath.Join(dir, rel))
}

// readAlignments reads content/alignments.toml, if the site has one, into
// in.Alignments; name is the file as diagnostics name it.
func readAlignments(in *Input, name string, strict bool) diag.List {
	data, err := fs.ReadFile(in.Content, AlignmentsFile)
	if err != nil {
		return nil
	}
	rules, diags := ParseAlignments(name, data, strict)
	in.Alignments = rules
	return append(diags, checkRules(rules, in.Frameworks)...)
}

// splitContent sorts content files into framework files and markdown
// pages; other files are left out.
func splitContent(files []string) (jsonFiles, mdFiles []string) {
	for _, f := range files {
		switch {
		case strings.HasPrefix(f, FrameworksDir+"/") && strings.EqualFold(path.Ext(f), ".json"):
			jsonFiles = append(jsonFiles, f)
		case strings.EqualFold(path.Ext(f), ".md"):
			mdFiles = append(mdFiles, f)
		}
	}
	return jsonFiles, mdFiles
}
