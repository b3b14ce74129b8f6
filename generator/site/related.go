package site

import (
	"net/url"
	"sort"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/relate"
)

// SkillPage is a skill shared by two or more occupations: a normalised
// statement topic, with every statement that has it.
type SkillPage struct {
	Key, Slug, Name string
	// Element is the O*NET element the skill is, nil for a skill that
	// is a normalised topic; Parent its enclosing activity, if any.
	Element, Parent *onet.Element
	Path            string // skills/<slug>/index.html
	Uses            []SkillUse
	Occupations     int
	pathSum         uint64 // hashes Path, for the fingerprints of level pages
	index           int    // in the relations' Skills
}

// SkillUse is one statement with a skill.
type SkillUse struct {
	Occupation *Occupation
	Level      *OccupationLevel
	Statement  *Statement
}

// SkillUses are the uses of a skill by one occupation.
type SkillUses struct {
	Occupation *Occupation
	Uses       []SkillUse
}

// ByOccupation groups the skill's uses by occupation, in their order, so
// that a page names each occupation once for all its levels with the
// skill.
func (p *SkillPage) ByOccupation() []SkillUses {
	var groups []SkillUses
	for i, u := range p.Uses {
		if n := len(groups); n > 0 && groups[n-1].Occupation == u.Occupation {
			groups[n-1].Uses = p.Uses[i-len(groups[n-1].Uses) : i+1]
			continue
		}
		groups = append(groups, SkillUses{Occupation: u.Occupation, Uses: p.Uses[i : i+1]})
	}
	return groups
}

// Comparison sets two related occupations side by side. The page that
// shows it is one for every pair, paths.Compare, which the browser fills
// from the two occupations' data scripts (export.AssessData) for the pair
// its query names: a page per pair would grow with the square of the
// occupations.
type Comparison struct {
	A, B   *Occupation // A's code sorts first
	Shared int         // how many distinct skills both have

	// The rows are worked out when the page is rendered, not when the
	// model is built, and are not kept: a rebuild after one edit renders
	// few of the thousands of comparisons of a large site, and a whole
	// build needs each page's rows only while it renders that page. So a
	// comparison keeps only where to work them out from: the model, and
	// A's and B's places in its relations.
	site *Site
	a, b int
}

// Levels returns the levels of A beside the levels of B, shared skills
// aligned row by row, as assets/compare.js lines them up in the browser.
// It works them out on each call.
func (c *Comparison) Levels() []ComparedLevel { return c.site.compare(c) }

// Query is the query of the paths.Compare URL that shows c.
func (c *Comparison) Query() string { return CompareQuery(c.A.Code, c.B.Code) }

// OldPath is where ladder used to write c's own page, before comparisons
// were assembled in the browser: compare/<code A>/<code B>/index.html.
// Published links to it are redirected to paths.Compare with Query (see
// Moved).
func (c *Comparison) OldPath() string { return paths.OldComparison(c.A.Code, c.B.Code) }

// CompareQuery is the query of the paths.Compare URL that shows
// occupations a and b (codes), as assets/compare.js reads it.
func CompareQuery(a, b string) string {
	return "?" + url.Values{"a": {a}, "b": {b}}.Encode()
}

// ComparedLevel is a level of A beside a level of B; either may be nil.
type ComparedLevel struct {
	A, B *OccupationLevel
	Rows []ComparedRow
}

// ComparedRow is a statement of each side with the same skill, or a
// statement of one side alone (the other is nil).
type ComparedRow struct {
	A, B  *Statement
	Skill *SkillPage
}

// relate computes related occupations, the shared skills and the
// comparisons from the frameworks themselves (TF-IDF similarity of their
// statements, with group and sector), reusing previous's results when the
// frameworks are the very same values, or, when keep is set, when they
// still fit them (see KeepRelations).
func (s *Site) relate(previous *Site, keep bool) {
	s.setRelations(previous, keep)
	bySkill := s.addSkills(previous)
	s.bySkill = bySkill
	s.addRelated(previous)
	s.addElsewhere()
}

// setRelations relates the occupations afresh, or keeps the previous
// model's relations when they still hold (or, with keep, still fit).
func (s *Site) setRelations(previous *Site, keep bool) {
	fws := make([]*framework.Framework, len(s.Occupations))
	for i, o := range s.Occupations {
		fws[i] = o.Framework
	}
	sameAlign := previous != nil && previous.aligner == s.aligner && previous.rulesKey == s.rulesKey
	switch {
	case sameAlign && sameFrameworks(previous.frameworks, fws) && (keep || !previous.Provisional):
		s.relations = previous.relations
		s.Provisional = previous.Provisional
	case sameAlign && keep && previous.fits(fws):
		// Alignments may have moved with the statements' text; the
		// provisional relations keep the old skills until the next Build.
		s.relations = previous.relations
		s.Provisional = true
	default:
		var opts []relate.Option
		if s.aligner != nil {
			opts = append(opts, relate.WithAlignment(s.alignedSkill()))
		}
		s.relations = relate.New(fws, opts...)
	}
	s.frameworks = fws
}

// fits reports whether the model's relations can be kept, provisionally,
// for fws (see relate.Relations.Fits): on an aligned site, whose skills
// are aligned elements, whatever the statements' text says.
func (s *Site) fits(fws []*framework.Framework) bool {
	if s.aligner != nil {
		return s.relations.FitsAligned(fws)
	}
	return s.relations.Fits(fws)
}

// addSkills makes the skill pages of the skills two or more occupations
// share and links each statement to its page; with the previous model's
// relations, in its order, with its paths. It returns the pages by the
// relations' skill index, nil for skills of one occupation.
func (s *Site) addSkills(previous *Site) []*SkillPage {
	r := s.relations
	var again []*SkillPage
	if previous != nil && previous.relations == r {
		again = make([]*SkillPage, len(r.Skills()))
		for _, p := range previous.Skills {
			again[p.index] = p
		}
	}
	bySkill := make([]*SkillPage, len(r.Skills()))
	for i, sk := range r.Skills() {
		if sk.Occupations < 2 {
			continue
		}
		p := &SkillPage{Key: sk.Key, Slug: sk.Slug, Name: sk.Name, Occupations: sk.Occupations,
			Uses: make([]SkillUse, 0, len(sk.Uses)), index: i}
		if again != nil {
			p.Element, p.Parent = again[i].Element, again[i].Parent
			p.Path, p.pathSum = again[i].Path, again[i].pathSum
		} else {
			p.Element, p.Parent = s.element(sk.Key)
			p.Path = paths.Skill(sk.Slug)
			p.pathSum = ids.FNV64Strings(p.Path)
		}
		for _, u := range sk.Uses {
			s.use(p, u)
		}
		bySkill[i] = p
		s.Skills = append(s.Skills, p)
	}
	if again != nil {
		for k, p := range previous.Skills {
			s.Skills[k] = bySkill[p.index]
		}
	} else {
		s.sortSkills()
	}
	return bySkill
}

// use records that a statement uses the skill of page p.
func (s *Site) use(p *SkillPage, u relate.Use) {
	o := s.Occupations[u.Occupation]
	ol := o.Levels[u.Level]
	p.Uses = append(p.Uses, SkillUse{Occupation: o, Level: ol, Statement: &ol.Statements[u.Statement]})
	if ol.Skills == nil {
		ol.Skills = make([]*SkillPage, len(ol.Statements))
	}
	ol.Skills[u.Statement] = p
	if al := ol.Aligned; al != nil && al[u.Statement] != nil {
		ol.Aligned[u.Statement].Skill = p
	}
}

// sortSkills orders the skill pages A–Z by name, then slug.
func (s *Site) sortSkills() {
	lower := make(map[*SkillPage]string, len(s.Skills))
	for _, p := range s.Skills {
		lower[p] = strings.ToLower(p.Name)
	}
	sort.SliceStable(s.Skills, func(i, j int) bool {
		a, b := lower[s.Skills[i]], lower[s.Skills[j]]
		if a != b {
			return a < b
		}
		return s.Skills[i].Slug < s.Skills[j].Slug
	})
}

// addRelated gives every occupation its related ones, each pair's
// comparison made once (related lists are short, so the other's list is
// searched rather than a map of every pair kept). A pair's Why is previous's when previous has the
// same relations and the same two frameworks at the same places: it is
// made from nothing else (see why), and a rebuild keeps the relations of
// thousands of pairs.
func (s *Site) addRelated(previous *Site) {
	r := s.relations
	var was []*Occupation // previous's occupations, at their places in r
	if previous != nil && previous.relations == r && len(previous.Occupations) == len(s.Occupations) {
		was = previous.Occupations
	}
	same := func(i int) bool { return was != nil && was[i].Framework == s.Occupations[i].Framework }
	s.Comparisons = make([]*Comparison, 0, len(s.Occupations)*4)
	for i, o := range s.Occupations {
		rels := r.Related(i)
		if len(rels) > 0 {
			o.Related = make([]Related, 0, len(rels))
		}
		for k, rel := range rels {
			other := s.Occupations[rel.Index]
			// The pair's comparison, made for the first of the two to
			// list the other.
			c := comparedWith(other.Related, o)
			if c == nil {
				c = s.comparison(i, rel.Index, rel.Shared)
				s.Comparisons = append(s.Comparisons, c)
			}
			var why Why
			if same(i) && same(rel.Index) {
				why = was[i].Related[k].Why
				if why.AtLevel != nil {
					why.AtLevel = o.Levels[why.AtLevel.Number-1]
				}
			} else {
				why = s.why(r, i, rel)
			}
			o.Related = append(o.Related, Related{Occupation: other, Why: why, Compare: c})
		}
	}
	if !s.sameOrder(was, previous) {
		sort.Slice(s.Comparisons, func(i, j int) bool {
			a, b := s.Comparisons[i], s.Comparisons[j]
			return a.A.Code < b.A.Code || a.A.Code == b.A.Code && a.B.Code < b.B.Code
		})
	}
}

// sameOrder puts the comparisons in previous's order, when was (previous's
// occupations, with the same relations) has the same codes at the same
// places, and so the same pairs sort alike; it reports whether it did.
func (s *Site) sameOrder(was []*Occupation, previous *Site) bool {
	if was == nil || len(previous.Comparisons) != len(s.Comparisons) {
		return false
	}
	for i, o := range was {
		if o.Code != s.Occupations[i].Code {
			return false
		}
	}
	for k, pc := range previous.Comparisons {
		a, b := s.Occupations[pc.a], s.Occupations[pc.b]
		c := comparedWith(a.Related, b)
		if c == nil {
			c = comparedWith(b.Related, a)
		}
		s.Comparisons[k] = c
	}
	return true
}

// addElsewhere lists, for every level, the same level in the related
// occupations.
func (s *Site) addElsewhere() {
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			for _, rel := range o.Related {
				for _, other := range rel.Levels {
					if other.Level == ol.Level {
						ol.Elsewhere = append(ol.Elsewhere, other)
					}
				}
			}
		}
	}
}

// comparedWith returns the comparison with o in related, nil when
// related does not list o.
func comparedWith(related []Related, o *Occupation) *Comparison {
	for _, r := range related {
		if r.Occupation == o {
			return r.Compare
		}
	}
	return nil
}

// comparison makes the side-by-side view of occupations a and b, the one
// whose code sorts first on the left; shared is how many skills they
// share.
func (s *Site) comparison(a, b, shared int) *Comparison {
	if s.Occupations[b].Code < s.Occupations[a].Code {
		a, b = b, a
	}
	return &Comparison{A: s.Occupations[a], B: s.Occupations[b], Shared: shared, site: s, a: a, b: b}
}

// compare works out c's rows from the relations.
func (s *Site) compare(c *Comparison) []ComparedLevel {
	var out []ComparedLevel
	for _, lp := range s.relations.Compare(c.a, c.b).Levels {
		cl := ComparedLevel{}
		if lp.A >= 0 {
			cl.A = c.A.Levels[lp.A]
		}
		if lp.B >= 0 {
			cl.B = c.B.Levels[lp.B]
		}
		for _, row := range lp.Rows {
			var cr ComparedRow
			if row.Skill >= 0 {
				cr.Skill = s.bySkill[row.Skill]
			}
			if row.A >= 0 {
				cr.A = &cl.A.Statements[row.A]
			}
			if row.B >= 0 {
				cr.B = &cl.B.Statements[row.B]
			}
			cl.Rows = append(cl.Rows, cr)
		}
		out = append(out, cl)
	}
	return out
}

func sameFrameworks(a, b []*framework.Framework) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
