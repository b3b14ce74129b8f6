package relate

import "github.com/ladder-ssg/ladder/generator/framework"

// Fits reports whether r still describes fws in every part but the
// scores: fws has as many frameworks as r was made from, and each is the
// very same value or differs only in its statements' performance text
// (the same title, group and sector, the same levels with the same keys
// and labels, and the same topics in the same places). Skills, their
// uses and names, and the level pairing of comparisons are then exactly
// what New(fws) would give; related occupations, their order and their
// reasons may be slightly out of date, as performance words weigh in the
// similarity. Watch mode uses it to show an edit at once and relate
// afresh afterwards.
func (r *Relations) Fits(fws []*framework.Framework) bool { return r.fits(fws, true) }

// FitsAligned is Fits for relations made WithAlignment, whose skills
// are the statements' aligned elements: fws may differ in any of the
// statements' text, topics included. An edit may move a statement's
// alignment, and so its skill, whichever part of the text it touches;
// kept relations then hold the old skills (and their names) until the
// statements are related afresh, as after an edit of the performance
// text alone. Watch mode uses it so that a topic edit shows at once too.
func (r *Relations) FitsAligned(fws []*framework.Framework) bool { return r.fits(fws, false) }

func (r *Relations) fits(fws []*framework.Framework, topics bool) bool {
	if len(fws) != len(r.fws) {
		return false
	}
	for i, f := range fws {
		if f != r.fws[i] && !sameShape(f, r.fws[i], topics) {
			return false
		}
	}
	return true
}

// sameShape reports whether a and b have the same occupation and levels
// with as many statements, and with topics set, the same topics.
func sameShape(a, b *framework.Framework, topics bool) bool {
	if a == nil || b == nil {
		return false
	}
	oa, ob := a.Occupation, b.Occupation
	if oa.Title != ob.Title || oa.SOC != ob.SOC || oa.Group != ob.Group || oa.Sector != ob.Sector ||
		len(a.Levels) != len(b.Levels) {
		return false
	}
	for i, la := range a.Levels {
		lb := b.Levels[i]
		if la.Key != lb.Key || la.Label != lb.Label || len(la.Statements) != len(lb.Statements) {
			return false
		}
		if !topics {
			continue
		}
		for j, s := range la.Statements {
			if s.Topic != lb.Statements[j].Topic {
				return false
			}
		}
	}
	return true
}
