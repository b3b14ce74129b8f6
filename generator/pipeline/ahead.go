package pipeline

import "github.com/ladder-ssg/ladder/generator/render"

// parsedAhead is the default templates, parsed while a session's first
// build loads and models the site, after the aligner is made (which the
// model waits for) on the same goroutine: most sites override no
// template, and parsing them (some 10 ms, a tenth of the default site's
// build) would otherwise wait for the model, with a core idle during the
// load.
type parsedAhead struct {
	done      chan struct{}
	sum       uint64 // of the templates parsed (Session.sumFS)
	templates *render.Templates
	err       error
}

// parseAhead prepares the parse of the default templates, as renderer
// would parse a site's (minified unless the build does not minify), and
// returns the work to run on a goroutine of its own; nil when there are
// no default templates.
func (s *Session) parseAhead() (*parsedAhead, func()) {
	defaults := s.opts.Defaults.Templates
	if defaults == nil {
		return nil, nil
	}
	// Summed here, so that a site with templates of its own does not
	// wait for the parse.
	sum, err := s.sumFS(defaults)
	if err != nil {
		return nil, nil
	}
	p := &parsedAhead{done: make(chan struct{}), sum: sum}
	return p, func() {
		defer close(p.done)
		tmpl := defaults
		if !s.opts.NoMinify {
			tmpl = s.min.Templates(tmpl)
		}
		p.templates, p.err = render.Parse(tmpl)
	}
}

// take returns the templates parsed ahead when they are the site's (the
// site's hash to sum), waiting for them; nil at once when none were
// parsed ahead or they are not the site's, and nil when they did not
// parse (the caller parses the site's then, and reports their error).
func (p *parsedAhead) take(sum uint64) *render.Templates {
	if p == nil || p.sum != sum {
		return nil
	}
	<-p.done
	if p.err != nil {
		return nil
	}
	return p.templates
}
