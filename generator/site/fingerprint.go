package site

import (
	"encoding/binary"
	"hash/maphash"
	"runtime"
	"strconv"
	"sync"
)

// Fingerprints let a rebuild skip pages whose inputs did not change. A
// page's fingerprint hashes everything the default templates show on it:
// the site-wide parts every page carries (menu, footer credits, level
// list), its own framework when it has one, and the summaries of the
// occupations it lists. Equal fingerprints under the same templates mean
// equal pages; a template or asset change re-renders everything.
// Fingerprints are comparable between models made with Reuse, which
// share their hash seed.

// fingerprinter accumulates one hash.
type fingerprinter struct{ h maphash.Hash }

func newFingerprinter(seed maphash.Seed) *fingerprinter {
	f := &fingerprinter{}
	f.h.SetSeed(seed)
	return f
}

func (f *fingerprinter) str(ss ...string) {
	for _, s := range ss {
		// The length first, so ("ab","c") and ("a","bc") differ.
		f.num(uint64(len(s)))
		f.h.WriteString(s)
	}
}

func (f *fingerprinter) num(ns ...uint64) {
	var b [8]byte
	for _, n := range ns {
		binary.LittleEndian.PutUint64(b[:], n)
		f.h.Write(b[:])
	}
}

func (f *fingerprinter) sum() uint64 { return f.h.Sum64() }

// fnv64 is the FNV-1a hash of ss, each ended by a zero byte: unseeded, for
// sums kept in parts of the model that later models share.
func fnv64(ss ...string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * prime
		}
		h *= prime
	}
	return h
}

// summary hashes what lists of occupations show about one: title, code,
// group, sector, job zone and the levels with their statement counts.
func (o *Occupation) summary(seed maphash.Seed) uint64 {
	f := newFingerprinter(seed)
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
	f.str(c.Title, c.Description, c.BaseURL, c.Language, c.Publisher)
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
	sums := pageInputs{
		base:     s.siteSum(),
		summary:  make(map[*Occupation]uint64, len(s.Occupations)),
		own:      make(map[*Occupation]uint64, len(s.Occupations)),
		level:    map[*OccupationLevel]uint64{},
		levelRef: map[*OccupationLevel]uint64{},
	}
	for _, o := range s.Occupations {
		sums.summary[o] = o.summary(s.seed)
	}
	// What the several pages of one occupation or level show alike is
	// hashed once.
	for _, o := range s.Occupations {
		f := newFingerprinter(s.seed)
		f.num(o.Sum, sums.summary[o])
		for _, v := range o.History {
			f.num(v.Sum)
			f.str(v.Label)
		}
		for _, r := range o.Related {
			f.num(sums.summary[r.Occupation])
			f.str(r.Reason, r.Compare.Path)
		}
		sums.own[o] = f.sum()
		for _, ol := range o.Levels {
			f := newFingerprinter(s.seed)
			f.num(o.Sum, sums.summary[o])
			for _, sk := range ol.Skills {
				if sk != nil {
					f.num(sk.pathSum)
				} else {
					f.num(0)
				}
			}
			for _, e := range ol.Elsewhere {
				f.num(sums.summary[e.Occupation])
			}
			sums.level[ol] = f.sum()
			sums.levelRef[ol] = fnv64(ol.Path, ol.Label)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(s.Pages); i += workers {
				s.Pages[i].Fingerprint = s.pageSum(s.Pages[i], &sums)
			}
		})
	}
	wg.Wait()
}

// pageInputs holds the hashes pages share.
type pageInputs struct {
	base     uint64                      // what every page shows
	summary  map[*Occupation]uint64      // an occupation as lists show it
	own      map[*Occupation]uint64      // what an occupation's own pages show of it
	level    map[*OccupationLevel]uint64 // what a level's pages show of it
	levelRef map[*OccupationLevel]uint64 // a level as a link to it shows it
}

// pageSum is the fingerprint of p.
func (s *Site) pageSum(p *Page, in *pageInputs) uint64 {
	listed := func(f *fingerprinter, occs []*Occupation) {
		for _, o := range occs {
			f.num(in.summary[o])
		}
	}
	f := newFingerprinter(s.seed)
	f.num(in.base)
	f.str(string(p.Kind), p.Path, p.Title, p.Description)
	for _, c := range p.Crumbs {
		f.str(c.Title, c.Path)
	}
	switch p.Kind {
	case HomePage, OccupationsIndex, EmbedIndexPage:
		listed(f, s.Occupations)
	case OccupationPage, VersionPage, ChangesPage, EmbedPage:
		f.num(in.own[p.Occupation])
	case OccupationLevelPage, EmbedLevelPage:
		f.num(in.level[p.Level])
	case LevelHubPage:
		for _, e := range p.LevelHub.Entries {
			f.num(in.summary[e.Occupation])
		}
	case HubPage:
		listed(f, p.Hub.Occupations)
	case ContentPageKind:
		f.str(string(p.Content.Body))
	case SkillsIndex:
		for _, sk := range s.Skills {
			f.str(sk.Name, sk.Path, strconv.Itoa(len(sk.Uses)))
		}
	case SkillPageKind:
		// A skill page shows its statements, not the rest of their frameworks.
		for _, u := range p.Skill.Uses {
			f.num(in.summary[u.Occupation], in.levelRef[u.Level], u.Statement.sum)
		}
	case ComparePage:
		f.num(p.Comparison.A.Sum, p.Comparison.B.Sum, in.summary[p.Comparison.A], in.summary[p.Comparison.B])
	}
	return f.sum()
}
