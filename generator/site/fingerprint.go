package site

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/ladder-ssg/ladder/generator/ids"
)

// Fingerprints let a rebuild skip pages whose inputs did not change. A
// page's fingerprint hashes everything the default templates show on it:
// the site-wide parts every page carries (menu, footer credits, level
// list), its own framework when it has one, and the summaries of the
// occupations it lists. Equal fingerprints under the same templates mean
// equal pages; a template or asset change re-renders everything.
// Fingerprints are comparable between models made with Reuse, which
// share their hash seed.

// fingerprinter accumulates the input of one hash in a buffer, hashed at
// once by sum: tens of thousands of pages, each a few dozen short
// strings, hash faster so than string by string.
type fingerprinter struct {
	seed maphash.Seed
	buf  []byte
}

func newFingerprinter(seed maphash.Seed) *fingerprinter { return &fingerprinter{seed: seed} }

// reset empties f for the next hash, keeping its buffer.
func (f *fingerprinter) reset() { f.buf = f.buf[:0] }

func (f *fingerprinter) str(ss ...string) {
	for _, s := range ss {
		// The length first, so ("ab","c") and ("a","bc") differ.
		f.buf = binary.AppendUvarint(f.buf, uint64(len(s)))
		f.buf = append(f.buf, s...)
	}
}

func (f *fingerprinter) num(ns ...uint64) {
	for _, n := range ns {
		f.buf = binary.LittleEndian.AppendUint64(f.buf, n)
	}
}

func (f *fingerprinter) sum() uint64 { return maphash.Bytes(f.seed, f.buf) }

// summary hashes what lists of occupations show about one: title, code,
// group, sector, job zone and the levels with their statement counts.
func (o *Occupation) summary(f *fingerprinter) uint64 {
	f.reset()
	occ := o.Framework.Occupation
	f.str(o.Code, occ.Title, occ.Group, occ.Sector, strconv.Itoa(occ.JobZone), o.Path)
	for _, ol := range o.Levels {
		f.str(ol.Key, ol.Label, ol.Path, strconv.Itoa(len(ol.Statements)))
	}
	return f.sum()
}

// siteSum hashes what every page shows: configuration, menu, footer
// credits, the levels and the hubs.
func (s *Site) siteSum() uint64 {
	f := newFingerprinter(s.seed)
	c := s.Config
	f.str(c.Title, c.Description, c.BaseURL, c.Language, c.Publisher, c.EmbedTheme, strconv.FormatBool(s.Aligned()))
	// The outputs decide the download links and JSON-LD encodings.
	f.str(fmt.Sprint(c.Outputs))
	for _, p := range s.Nav {
		f.str(p.Title, p.Path)
	}
	for _, o := range s.Occupations {
		f.str(o.Attribution)
		if o.UsesONET() {
			f.str(o.Source("onet"))
		}
	}
	for _, lv := range s.Levels {
		f.str(lv.Slug, lv.Label, strconv.Itoa(len(lv.Entries)))
	}
	for _, hubs := range [][]*Hub{s.Groups, s.Sectors, s.JobZones} {
		for _, h := range hubs {
			f.str(h.Title, h.Path, strconv.Itoa(len(h.Occupations)))
		}
	}
	f.str(string(s.Intro))
	return f.sum()
}

// fingerprint sets every page's Fingerprint, on every core.
func (s *Site) fingerprint() {
	base := s.siteSum()
	f := newFingerprinter(s.seed)
	for _, o := range s.Occupations {
		if !o.summaryKept {
			o.summarySum = o.summary(f)
		}
	}
	// What the several pages of one occupation or level show alike is
	// hashed once.
	s.parallel(len(s.Occupations), func(f *fingerprinter, i int) { s.Occupations[i].ownSums(f) })
	s.parallel(len(s.Pages), func(f *fingerprinter, i int) {
		f.reset()
		s.Pages[i].Fingerprint = s.pageSum(f, s.Pages[i], base)
	})
}

// parallel calls fn with 0 … n-1 on every core, each worker with a
// fingerprinter of its own.
func (s *Site) parallel(n int, fn func(f *fingerprinter, i int)) {
	workers := workerCount(n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			f := newFingerprinter(s.seed)
			for i := w; i < n; i += workers {
				fn(f, i)
			}
		})
	}
	wg.Wait()
}

// ownSums hashes what o's own pages show of it, and what its levels'
// pages show of them. It reads every occupation's summary hash.
func (o *Occupation) ownSums(f *fingerprinter) {
	// The versions: the occupation page lists them, and the
	// attribution of its pages links the list of changes.
	f.reset()
	for _, v := range o.History {
		f.num(v.Sum)
		f.str(v.Label)
	}
	history := f.sum()
	f.reset()
	f.num(o.Sum, o.summarySum, history)
	for _, r := range o.Related {
		f.num(r.Occupation.summarySum)
		r.Why.fingerprint(f)
		f.str(r.Compare.A.Code, r.Compare.B.Code) // what its Query holds
	}
	o.ownSum = f.sum()
	for _, ol := range o.Levels {
		f.reset()
		f.num(o.Sum, o.summarySum, history)
		for _, sk := range ol.Skills {
			if sk != nil {
				f.num(sk.pathSum)
			} else {
				f.num(0)
			}
		}
		for _, e := range ol.Elsewhere {
			f.num(e.Occupation.summarySum)
		}
		for _, al := range ol.Aligned {
			al.fingerprint(f)
		}
		ol.ownSum = f.sum()
		if ol.refSum == 0 {
			ol.refSum = ids.FNV64Strings(ol.Path, ol.Label)
		}
	}
}

// pageSum is the fingerprint of p; base is what every page shows.
func (s *Site) pageSum(f *fingerprinter, p *Page, base uint64) uint64 {
	listed := func(occs []*Occupation) {
		for _, o := range occs {
			f.num(o.summarySum)
		}
	}
	if p.own == 0 {
		f.str(string(p.Kind), p.Path, p.Title, p.Description)
		for _, c := range p.Crumbs {
			f.str(c.Title, c.Path)
		}
		p.own = f.sum()
		f.reset()
	}
	f.num(base, p.own)
	switch p.Kind {
	case HomePage, OccupationsIndex, EmbedIndexPage:
		listed(s.Occupations)
	case OccupationPage, VersionPage, ChangesPage, EmbedPage:
		f.num(p.Occupation.ownSum)
		if p.Kind == OccupationPage && !s.Config.Outputs.LevelPages {
			for _, ol := range p.Occupation.Levels {
				f.num(ol.ownSum) // its statements are cells of this page
			}
		}
	case OccupationLevelPage:
		f.num(p.Level.ownSum)
	case LevelHubPage:
		for _, e := range p.LevelHub.Entries {
			f.num(e.Occupation.summarySum)
		}
	case HubPage:
		listed(p.Hub.Occupations)
	case ContentPageKind:
		f.str(string(p.Content.Body))
	case SkillsIndex:
		for _, sk := range s.Skills {
			f.str(sk.Name, sk.Path, strconv.Itoa(len(sk.Uses)))
		}
	case SkillPageKind:
		// A skill page shows its statements, not the rest of their frameworks.
		for _, u := range p.Skill.Uses {
			f.num(u.Occupation.summarySum, u.Level.refSum, u.Statement.sum)
		}
	}
	return f.sum()
}

// fingerprint adds what a level page shows of an alignment.
func (a *Alignment) fingerprint(f *fingerprinter) {
	if a == nil {
		f.num(0)
		return
	}
	f.num(uint64(a.element), uint64(a.Band)) // Element and its band's name
	if a.Skill != nil {
		f.num(a.Skill.pathSum, uint64(a.Skill.Occupations))
	}
}
