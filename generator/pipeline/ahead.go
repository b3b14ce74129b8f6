package pipeline

import "github.com/ladder-ssg/ladder/generator/render"

// parsedAhead is the default templates, parsed on a goroutine of their
// own while a session's first build loads and models the site: most
// sites override no template, and parsing them (some 10 ms, a tenth of
// the default site's build) would otherwise wait for the model, with a
// core idle during the load.
type parsedAhead struct {
	done      chan struct{}
	sum       uint64 // of the templates parsed (Session.sumFS)
	templates *render.Templates
	err       error
}

// parseAhead starts parsing the default templates as renderer would
// parse a site's, minified unless the build does not minify; nil when
// there are none.
func (s *Session) parseAhead() *parsedAhead {
	defaults := s.opts.Defaults.Templates
	if defaults == nil {
		return nil
	}
	p := &parsedAhead{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if p.sum, p.err = s.sumFS(defaults); p.err != nil {
			return
		}
		tmpl := defaults
		if !s.opts.NoMinify {
			tmpl = s.min.Templates(tmpl)
		}
		p.templates, p.err = render.Parse(tmpl)
	}()
	return p
}

// take returns the templates parsed ahead when they are the site's (the
// site's hash to sum), waiting for them; nil when none were parsed ahead,
// they are not the site's, or they did not parse (the caller parses the
// site's then, and reports their error). It is taken once.
func (p *parsedAhead) take(sum uint64) *render.Templates {
	if p == nil {
		return nil
	}
	<-p.done
	if p.err != nil || p.sum != sum {
		return nil
	}
	return p.templates
}
