package pipeline

import (
	"maps"
	"os"
	"path"
	"path/filepath"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/host"
	"github.com/ladder-ssg/ladder/generator/publish"
	"github.com/ladder-ssg/ladder/generator/site"
)

// hostLimits returns the limits of the host the site is built for:
// Options.Host, else ladder.toml's host; ok is false for none.
func hostLimits(opts Options, cfg config.Config) (l host.Limits, ok bool, err error) {
	name := opts.Host
	if name == "" {
		name = cfg.Host
	}
	if name == "" {
		return host.Limits{}, false, nil
	}
	l, err = host.Lookup(name)
	return l, err == nil, err
}

// checkPlanned fails when the files the model already names (every page,
// every framework file, and the assets) pass the host's limit on files,
// so that an oversized site stops before anything is rendered or written.
func checkPlanned(l host.Limits, model *site.Site, assets int) error {
	u := host.Usage{Files: modelFiles(model, assets), AtLeast: true}
	l.SiteBytes, l.FileBytes, l.FilesPerFolder, l.Entries = 0, 0, 0, 0
	return l.Check(u)
}

// modelFiles counts the pages, the framework files (each occupation's
// and its earlier versions') and the assets.
func modelFiles(model *site.Site, assets int) int {
	n := len(model.Pages) + len(downloads(model)) + assets
	if model.Config.Outputs.JSON {
		n += len(model.Occupations) // the normalized frameworks at o.Download
	}
	return n
}

// checkSite measures the site as written, with the marker file the
// publish step adds, and returns the summary line for the build report,
// or the error that keeps a staged site from being swapped in. A site
// updated in place is only measured: its files are already written.
// savings (see outputSavings) is asked only of a site that does not fit.
func checkSite(l host.Limits, sizes map[string]int64, staged bool, savings func() map[string]int64) (string, error) {
	all := maps.Clone(sizes)
	all[publish.MarkerName] = publish.MarkerBytes
	u := host.Measure(all)
	if staged {
		if err := l.Check(u); err != nil {
			withFix(err, l, u, sizes, savings())
			return "", err
		}
	}
	return l.Summary(u), nil
}

// withFix names, in a host check's error, the [outputs] switches that
// would make the site fit (config.Fit over what each output wrote, and
// the savings of outputSavings), when the site passes a limit on its
// files or bytes in all.
func withFix(err error, l host.Limits, u host.Usage, sizes map[string]int64, savings map[string]int64) {
	tooBig, ok := err.(*host.TooBig)
	if !ok || !l.OverTotals(u) {
		return
	}
	each := map[string]config.Size{}
	for rel, n := range sizes {
		if key := OutputOf(rel); key != "" {
			c := each[key]
			c.Files++
			c.Bytes += n
			each[key] = c
		}
	}
	for key, n := range savings {
		c := each[key]
		c.Bytes = max(0, c.Bytes+n)
		each[key] = c
	}
	files, bytes := l.Totals(u)
	if off, fits := config.Fit(config.Size{Files: u.Files, Bytes: u.Bytes}, each, config.Size{Files: files, Bytes: bytes}); fits {
		tooBig.Fix = off
	}
}

// What a statement adds to its occupation's page and to the rest of the
// site without level pages (see outputSavings): its cell's id, its
// aligned activity and its permanent link, and a longer anchor wherever
// it is named (search, data scripts, CASE and framework files). Measured
// 208 and 265 bytes a statement on sites whose statements restate their
// activities (the 10,160 and the 1,016 O*NET frameworks), 299 on the
// default site's; counted high, so that a site told it would fit does.
const (
	restatedCellBytes = 270
	cellBytes         = 340
)

// outputSavings returns what switching an output off saves beyond the
// bytes of the files it writes (negative: costs), by its key: the
// framework files' shrink from normalized to as they came (json, whose
// files stay), and what the statements add to their occupation pages
// as cells (level_pages). A framework whose file cannot be read (the
// embedded default site's) saves nothing.
func outputSavings(model *site.Site, source string, written map[string]int64) map[string]int64 {
	out := map[string]int64{}
	outputs := model.Config.Outputs
	for _, o := range model.Occupations {
		if n, ok := written[o.Download]; ok && outputs.JSON {
			if fi, err := os.Stat(filepath.Join(source, "content", filepath.FromSlash(o.File))); err == nil && n > fi.Size() {
				out["json"] += n - fi.Size()
			}
		}
		if !outputs.LevelPages {
			continue
		}
		for _, ol := range o.Levels {
			for i := range ol.Statements {
				if ol.Aligned != nil && ol.Aligned[i] != nil && ol.Aligned[i].Band == align.Exact && ol.Aligned[i].Skill != nil {
					out["level_pages"] -= restatedCellBytes
				} else {
					out["level_pages"] -= cellBytes
				}
			}
		}
	}
	return out
}

// sizes is every file of a multilingual site with its size: own, the
// default language's, and each other language's below its folder.
func (l *languages) sizes(own map[string]int64) map[string]int64 {
	if l == nil || len(l.others) == 0 {
		return own
	}
	all := maps.Clone(own)
	for _, o := range l.others {
		for rel, n := range o.s.sizes {
			all[path.Join(o.tag, rel)] = n
		}
	}
	return all
}
