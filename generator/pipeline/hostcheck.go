package pipeline

import (
	"maps"
	"path"

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
func checkSite(l host.Limits, sizes map[string]int64, staged bool, statements int) (string, error) {
	all := maps.Clone(sizes)
	all[publish.MarkerName] = publish.MarkerBytes
	u := host.Measure(all)
	if staged {
		if err := l.Check(u); err != nil {
			withFix(err, l, u, sizes, statements)
			return "", err
		}
	}
	return l.Summary(u), nil
}

// withFix names, in a host check's error, the [outputs] switches that
// would make the site fit (config.Fit over what each output wrote), when
// the site passes a limit on its files or bytes in all. statements is
// the number of the site's statements, which become cells of the
// occupation pages without level pages.
func withFix(err error, l host.Limits, u host.Usage, sizes map[string]int64, statements int) {
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
	if c, ok := each["level_pages"]; ok {
		// Without level pages, their statements become cells of the
		// occupation pages, which take back part of the bytes.
		c.Bytes = max(0, c.Bytes-int64(statements)*cellBytes)
		each["level_pages"] = c
	}
	files, bytes := l.Totals(u)
	if off, fits := config.Fit(config.Size{Files: u.Files, Bytes: u.Bytes}, each, config.Size{Files: files, Bytes: bytes}); fits {
		tooBig.Fix = off
	}
}

// cellBytes is what a statement adds to its occupation's page as a cell
// of its progression table, without level pages: its id, its aligned
// activity or shared skill and its permanent link. Measured 299 bytes a
// statement on the default site and 331 on the corpus; counted high, so
// that a site told it would fit does.
const cellBytes = 360

// statementCount is the number of the site's statements.
func statementCount(s *site.Site) int {
	n := 0
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			n += len(ol.Statements)
		}
	}
	return n
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
