package site

import "strconv"

// Fingerprints let a rebuild skip pages whose inputs did not change. A
// page's fingerprint hashes everything the default templates show on it:
// the site-wide parts every page carries (menu, footer credits, level
// list), its own framework when it has one, and the summaries of the
// occupations it lists. Equal fingerprints under the same templates mean
// equal pages; a template or asset change re-renders everything.

// fingerprinter accumulates one FNV-1a hash, inline so that hashing the
// thousands of strings of a large site allocates nothing.
type fingerprinter struct{ h uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newFingerprinter() *fingerprinter { return &fingerprinter{fnvOffset} }

func (f *fingerprinter) str(ss ...string) {
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			f.h = (f.h ^ uint64(s[i])) * fnvPrime
		}
		// A zero byte ends each string, so ("ab","c") and ("a","bc") differ.
		f.h *= fnvPrime
	}
}

func (f *fingerprinter) num(ns ...uint64) {
	for _, n := range ns {
		for i := 0; i < 8; i++ {
			f.h = (f.h ^ (n & 0xff)) * fnvPrime
			n >>= 8
		}
	}
}

func (f *fingerprinter) sum() uint64 { return f.h }

// summary hashes what lists of occupations show about one: title, code,
// group, sector, job zone and the levels with their statement counts.
func (o *Occupation) summary() uint64 {
	f := newFingerprinter()
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
	f := newFingerprinter()
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
	f.num(fingerprintBytes(s.Intro))
	return f.sum()
}

func fingerprintBytes(b []byte) uint64 {
	f := newFingerprinter()
	f.str(string(b))
	return f.sum()
}

// fingerprint sets every page's Fingerprint.
func (s *Site) fingerprint() {
	base := s.siteSum()
	summaries := make(map[*Occupation]uint64, len(s.Occupations))
	for _, o := range s.Occupations {
		summaries[o] = o.summary()
	}
	listed := func(f *fingerprinter, occs []*Occupation) {
		for _, o := range occs {
			f.num(summaries[o])
		}
	}
	for _, p := range s.Pages {
		f := newFingerprinter()
		f.num(base)
		f.str(string(p.Kind), p.Path, p.Title, p.Description)
		for _, c := range p.Crumbs {
			f.str(c.Title, c.Path)
		}
		switch p.Kind {
		case HomePage, OccupationsIndex, EmbedIndexPage:
			listed(f, s.Occupations)
		case OccupationPage, VersionPage, ChangesPage, EmbedPage:
			f.num(p.Occupation.Sum, summaries[p.Occupation])
			for _, v := range p.Occupation.History {
				f.num(v.Sum)
				f.str(v.Label)
			}
			for _, r := range p.Occupation.Related {
				f.num(summaries[r.Occupation])
				f.str(r.Reason, r.Compare.Path)
			}
		case OccupationLevelPage, EmbedLevelPage:
			f.num(p.Occupation.Sum, summaries[p.Occupation])
			for _, sk := range p.Level.Skills {
				if sk != nil {
					f.str(sk.Path)
				} else {
					f.str("")
				}
			}
			for _, e := range p.Level.Elsewhere {
				f.num(summaries[e.Occupation])
			}
		case LevelHubPage:
			for _, e := range p.LevelHub.Entries {
				f.num(summaries[e.Occupation])
			}
		case HubPage:
			listed(f, p.Hub.Occupations)
		case ContentPageKind:
			f.num(fingerprintBytes(p.Content.Body))
		case SkillsIndex:
			for _, sk := range s.Skills {
				f.str(sk.Name, sk.Path, strconv.Itoa(len(sk.Uses)))
			}
		case SkillPageKind:
			for _, u := range p.Skill.Uses {
				f.num(u.Occupation.Sum, summaries[u.Occupation])
			}
		case ComparePage:
			f.num(p.Comparison.A.Sum, p.Comparison.B.Sum, summaries[p.Comparison.A], summaries[p.Comparison.B])
		}
		p.Fingerprint = f.sum()
	}
}
