package site

import "github.com/ladder-ssg/ladder/generator/relate"

// WhyNames is how many shared skills a Why names.
const WhyNames = 3

// Why is what makes two occupations related, as data, so that a page can
// say it in its own language (Related.Reason is relate's English
// sentence). It holds what relate.Relation and the shared skills expose.
type Why struct {
	SameGroup, SameSector bool
	Shared                int      // how many skills both have
	Names                 []string // the first WhyNames of them, rarest first
	// AtLevel is the level of the first occupation at which both have the
	// most shared skills (ties to the more proficient), nil when none;
	// AtCount is how many of the shared skills are at that level in both.
	AtLevel *OccupationLevel
	AtCount int
}

// why says what occupations i and j of s have in common, from their
// relation rel.
func (s *Site) why(r *relate.Relations, i int, rel relate.Relation) Why {
	a, b := s.Occupations[i], s.Occupations[rel.Index]
	w := Why{
		SameGroup:  a.Group != nil && a.Group == b.Group,
		SameSector: a.Sector != nil && a.Sector == b.Sector,
		Shared:     rel.Shared,
	}
	if rel.Shared == 0 {
		return w
	}
	shared := r.SharedSkills(i, rel.Index)
	count := make([]int, len(a.Levels))
	for _, sk := range shared {
		if len(w.Names) < WhyNames {
			w.Names = append(w.Names, sk.Name)
		}
		for _, l := range sk.Levels {
			if sameLevelIn(a.Levels[l], b, sk.OtherLevels) {
				count[l]++
			}
		}
	}
	for l, c := range count {
		if c > 0 && c >= w.AtCount {
			w.AtLevel, w.AtCount = a.Levels[l], c
		}
	}
	return w
}

// sameLevelIn reports whether one of occupation o's levels at positions
// among is the same site-wide level as ol.
func sameLevelIn(ol *OccupationLevel, o *Occupation, among []int) bool {
	for _, m := range among {
		if o.Levels[m].Level == ol.Level {
			return true
		}
	}
	return false
}

// fingerprint hashes what a page shows of w. (Related.Reason, which no
// default page shows, says nothing more; a site's own templates that
// show it are rendered every time.)
func (w Why) fingerprint(f *fingerprinter) {
	var flags, at uint64
	if w.SameGroup {
		flags |= 1
	}
	if w.SameSector {
		flags |= 2
	}
	if w.AtLevel != nil {
		at = uint64(w.AtLevel.Number)
	}
	f.num(flags, uint64(w.Shared), at, uint64(w.AtCount), uint64(len(w.Names)))
	f.str(w.Names...)
}
