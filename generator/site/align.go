package site

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unique"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/relate"
)

// Alignment is the O*NET element a statement is about, as the aligner
// found it or the site's alignments.toml pinned it. A large site has one
// for each of hundreds of thousands of statements, so it holds no more
// than it must: what follows from the element is worked out from it.
type Alignment struct {
	Element *onet.Element
	Parent  *onet.Element // the element's Intermediate Work Activity, nil for skills and knowledge
	Score   float64       // 0 to 1
	// Skill is the statement's shared-skill page (Keyed's, or its
	// topic's when Keyed is nil), nil when no other occupation has it.
	Skill *SkillPage
	Band  align.Band

	// element and parent are Element's and Parent's indexes in the
	// taxonomy, -1 for no parent.
	element, parent int32
	// keying says which of the two keys the statement's shared skill.
	keying keying
}

// keying is which element keys a statement's shared skill (see Keyed).
type keying uint8

const (
	keyedByNone keying = iota
	keyedByElement
	keyedByParent
)

// Keyed returns the element that keys the statement's shared skill: the
// element itself, or its Intermediate Work Activity when no other
// occupation has the detailed one but some have the intermediate; nil
// when the match is too uncertain to join statements by.
func (a *Alignment) Keyed() *onet.Element {
	switch a.keying {
	case keyedByElement:
		return a.Element
	case keyedByParent:
		return a.Parent
	}
	return nil
}

// keyed is Keyed's index in the taxonomy, -1 for none.
func (a *Alignment) keyed() int {
	switch a.keying {
	case keyedByElement:
		return int(a.element)
	case keyedByParent:
		return int(a.parent)
	}
	return -1
}

// URI returns the element's O*NET Online address.
func (a *Alignment) URI() string { return onet.URI(a.Element) }

// sharedScore is the least score (the aligner's calibrated probability
// that the match is right) at which an alignment keys a statement's
// shared skill; below it, where most matches are wrong, the statement
// keeps its topic's, so no skill page joins statements by a guess.
const sharedScore = 0.2

// keys reports whether an alignment is trusted enough to key a shared
// skill.
func (a *Alignment) keys() bool { return a.Band >= align.Exact || a.Score >= sharedScore }

// WithAligner has New align every statement with a, applying the site's
// pinned and rejected alignments. Without it statements have no
// alignment and skills are their normalised topics.
func WithAligner(a *align.Aligner) Option { return func(o *options) { o.aligner = a } }

// align fills every level's Aligned. Occupations reused from previous
// keep their alignments when the aligner and the rules are the same.
func (s *Site) align(a *align.Aligner, rules []framework.AlignmentRule, previous *Site) diag.List {
	if a == nil {
		return nil
	}
	tax := a.Taxonomy()
	rules, diags := knownElements(tax, rules)
	s.aligner, s.rulesKey = a, rulesKey(rules)
	reuse := map[*framework.Framework]*Occupation{}
	if previous != nil && previous.aligner == a && previous.rulesKey == s.rulesKey {
		for _, o := range previous.Occupations {
			reuse[o.Framework] = o
		}
	}
	byOcc := map[string][]framework.AlignmentRule{}
	for _, r := range rules {
		byOcc[r.Occupation] = append(byOcc[r.Occupation], r)
	}
	var wg sync.WaitGroup
	next := make(chan *Occupation)
	for range workerCount(len(s.Occupations)) {
		wg.Go(func() {
			for o := range next {
				if prev := reuse[o.Framework]; prev != nil {
					for i, ol := range o.Levels {
						ol.candidates = prev.Levels[i].candidates
					}
					continue
				}
				alignOccupation(a, o, byOcc[o.Code])
			}
		})
	}
	for _, o := range s.Occupations {
		next <- o
	}
	close(next)
	wg.Wait()
	s.choose(tax)
	s.key(tax)
	return diags
}

// candidateCount is how many matches of each statement are kept, for
// choose to pick among.
const candidateCount = 3

// alignOccupation aligns one occupation's statements, its rules applied,
// keeping the best few matches of each.
func alignOccupation(a *align.Aligner, o *Occupation, rules []framework.AlignmentRule) {
	matches := a.Candidates(o.Framework, alignRules(a.Taxonomy(), rules), candidateCount)
	for l, ol := range o.Levels {
		ol.candidates = matches[l]
	}
}

// forgetCandidates drops the matches choose picked from, which only a
// model that a later New reuses needs again.
func (s *Site) forgetCandidates() {
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			ol.candidates = nil
		}
	}
}

// consensusShare is how close to a statement's best match a runner-up
// must score to be chosen because other occupations share it.
const consensusShare = 0.6

// choose gives every statement its alignment: its best match, unless
// that element is the occupation's alone and a runner-up scoring nearly
// as well is one that other occupations have. O*NET's activities overlap
// ("Prepare biological specimens …", "Prepare compounds or solutions …");
// where the text cannot tell them apart, the one that links the
// occupation to others is the more useful choice. Pinned and exact
// matches stay.
func (s *Site) choose(tax *onet.Taxonomy) {
	best := newHolders(tax) // element → occupations whose best match it is
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			for _, ms := range ol.candidates {
				if len(ms) > 0 {
					best.add(ms[0].Element, o)
				}
			}
		}
	}
	shared := best.others
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			ol.Aligned = make([]*Alignment, len(ol.Statements))
			// One allocation a level, not one a statement: a rebuild
			// chooses the alignments of every statement of the site again.
			slab := make([]Alignment, len(ol.candidates))
			for k, ms := range ol.candidates {
				if len(ms) == 0 {
					continue
				}
				m := ms[0]
				if m.Band < align.Exact && !shared(m.Element, o) {
					for _, alt := range ms[1:] {
						if alt.Score >= consensusShare*m.Score && alt.Score >= sharedScore && shared(alt.Element, o) {
							m = alt
							break
						}
					}
				}
				slab[k] = newAlignment(tax, m)
				ol.Aligned[k] = &slab[k]
			}
		}
	}
}

// corroboratedScore is the least score of an alignment that another
// occupation's trusted alignment to the same Intermediate Work Activity
// corroborates: two authors who independently land on one activity make
// each other's match more likely right.
const corroboratedScore = 0.08

// key sets the Keyed element of every alignment trusted enough to key a
// skill (see keys, corroboratedScore). Detailed Work Activities are
// fine-grained (2,087): frameworks by different authors often land on
// neighbouring ones of one Intermediate Work Activity ("Supervise
// technical medical personnel", "Supervise scientific or technical
// personnel"), which is then the skill they share.
func (s *Site) key(tax *onet.Taxonomy) {
	sure := newHolders(tax)
	s.eachAlignment(func(o *Occupation, al *Alignment) {
		if al.keys() {
			sure.add(int(al.element), o)
			sure.add(int(al.parent), o)
		}
	})
	used := newHolders(tax)
	s.eachAlignment(func(o *Occupation, al *Alignment) {
		if al.keys() || al.Score >= corroboratedScore && sure.others(int(al.parent), o) {
			al.keying = keyedByElement
			used.add(int(al.element), o)
			used.add(int(al.parent), o)
		}
	})
	s.eachAlignment(func(o *Occupation, al *Alignment) {
		if al.keying != keyedByNone && al.Parent != nil && !used.others(int(al.element), o) && used.others(int(al.parent), o) {
			al.keying = keyedByParent
		}
	})
	s.keepSharedTopics(used)
}

// keepSharedTopics gives a statement back its topic's skill when its
// alignment joins it to no other occupation but its topic, word for
// word, does: the same wording by two authors is the surer link. Only the
// topics of such statements are looked up, with the keys statements keep
// (see Statement.topicKey), so a rebuild makes no key and no set for
// every statement of the site.
func (s *Site) keepSharedTopics(used holders) {
	type loner struct {
		al    *Alignment
		topic unique.Handle[string]
		o     *Occupation
	}
	var loners []loner
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			for i, al := range ol.Aligned {
				if al == nil || al.keying == keyedByNone || al.Band >= align.Exact || used.others(al.keyed(), o) {
					continue
				}
				if k := ol.Statements[i].topicKey; k.Value() != "" {
					loners = append(loners, loner{al, k, o})
				}
			}
		}
	}
	if len(loners) == 0 {
		return
	}
	topics := make(map[unique.Handle[string]]holder, len(loners))
	for _, l := range loners {
		topics[l.topic] = holder{}
	}
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			for i := range ol.Statements {
				k := ol.Statements[i].topicKey
				if h, ok := topics[k]; ok {
					topics[k] = h.with(o)
				}
			}
		}
	}
	for _, l := range loners {
		if topics[l.topic].many {
			l.al.keying = keyedByNone
		}
	}
}

// holders records, for each element (by its index in the taxonomy),
// whether one occupation has it, or more than one: all that shared skills
// ask. A rebuild fills them for every statement of the site, so they hold
// no set of occupations.
type holders []holder

func newHolders(tax *onet.Taxonomy) holders { return make(holders, len(tax.Elements)) }

// holder is who has one element: first, and whether others do too.
type holder struct {
	first *Occupation
	many  bool
}

// with returns h with occupation o added.
func (h holder) with(o *Occupation) holder {
	switch {
	case h.first == nil:
		h.first = o
	case h.first != o:
		h.many = true
	}
	return h
}

// add records that o has element e; a negative e is none.
func (u holders) add(e int, o *Occupation) {
	if e >= 0 {
		u[e] = u[e].with(o)
	}
}

// others reports whether an occupation other than o has element e.
func (u holders) others(e int, o *Occupation) bool {
	if e < 0 {
		return false
	}
	h := u[e]
	return h.many || h.first != nil && h.first != o
}

// eachAlignment calls fn with every statement's alignment.
func (s *Site) eachAlignment(fn func(*Occupation, *Alignment)) {
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			for _, al := range ol.Aligned {
				if al != nil {
					fn(o, al)
				}
			}
		}
	}
}

func newAlignment(tax *onet.Taxonomy, m align.Match) Alignment {
	el := &tax.Elements[m.Element]
	al := Alignment{Element: el, Score: m.Score, Band: m.Band, element: int32(m.Element), parent: -1}
	if el.Kind == onet.DWA && el.Parent >= 0 {
		al.Parent, al.parent = &tax.Elements[el.Parent], int32(el.Parent)
	}
	return al
}

// alignRules turns a site's rules for one occupation into the aligner's;
// their elements are known (see knownElements).
func alignRules(tax *onet.Taxonomy, rules []framework.AlignmentRule) []align.Rule {
	out := make([]align.Rule, 0, len(rules))
	for _, r := range rules {
		e, _ := tax.Lookup(r.Element)
		out = append(out, align.Rule{Reject: r.Reject, Level: r.Level, Index: r.Index, Topic: r.Topic, Element: e})
	}
	return out
}

// knownElements reports rules whose element the taxonomy lacks, and
// returns the others.
func knownElements(tax *onet.Taxonomy, rules []framework.AlignmentRule) ([]framework.AlignmentRule, diag.List) {
	var ok []framework.AlignmentRule
	var diags diag.List
	for _, r := range rules {
		if _, found := tax.Lookup(r.Element); !found {
			diags = append(diags, diag.Diagnostic{File: r.File, Line: r.Line, Column: r.Column, Path: r.Path + ".element",
				Severity: diag.Error, Message: fmt.Sprintf("element %q: not an O*NET %s element id (expected e.g. \"4.A.2.a.4.I01.D02\" or \"2.A.1.a\")", r.Element, onet.Version)})
			continue
		}
		ok = append(ok, r)
	}
	return ok, diags
}

// rulesKey identifies a set of rules, so that a rebuild knows whether
// alignments made under the previous ones still hold.
func rulesKey(rules []framework.AlignmentRule) uint64 {
	var parts []string
	for _, r := range rules {
		parts = append(parts, strconv.FormatBool(r.Reject), r.Occupation, r.Level, strconv.Itoa(r.Index), r.Topic, r.Element)
	}
	return ids.FNV64Strings(parts...)
}

// alignedSkill is what relate.WithAlignment asks of the model: the
// shared skill of a statement, keyed by its element when the alignment
// is trusted enough.
func (s *Site) alignedSkill() func(occ, level, stmt int) (relate.Aligned, bool) {
	tax := s.aligner.Taxonomy()
	return func(occ, level, stmt int) (relate.Aligned, bool) {
		al := s.Occupations[occ].Levels[level].Aligned
		if stmt >= len(al) || al[stmt] == nil || al[stmt].keying == keyedByNone {
			return relate.Aligned{}, false
		}
		k := al[stmt].Keyed()
		out := relate.Aligned{Key: SkillKeyPrefix + k.ID, Name: k.Title}
		if i, ok := tax.Lookup(k.ID); ok {
			out.Prior = tax.Prevalence(i)
			if p := k.Parent; p >= 0 {
				out.Parent = SkillKeyPrefix + tax.Elements[p].ID
			}
		}
		return out, true
	}
}

// AlignedSkills returns what the model hands relate.WithAlignment: each
// statement's skill by its alignment. For measuring relations with other
// weights (tests/quality).
func (s *Site) AlignedSkills() func(occ, level, stmt int) (relate.Aligned, bool) {
	if s.aligner == nil {
		return nil
	}
	return s.alignedSkill()
}

// SkillKeyPrefix starts the key of a skill that is an O*NET element.
const SkillKeyPrefix = "onet:"

func workerCount(n int) int { return max(1, min(n, runtime.GOMAXPROCS(0))) }

// Aligned reports whether the site's statements were aligned to O*NET.
func (s *Site) Aligned() bool { return s.aligner != nil }

// element returns the O*NET element a skill key names, and its parent;
// nil for a topic's key.
func (s *Site) element(key string) (el, parent *onet.Element) {
	id, ok := strings.CutPrefix(key, SkillKeyPrefix)
	if !ok || s.aligner == nil {
		return nil, nil
	}
	tax := s.aligner.Taxonomy()
	i, ok := tax.Lookup(id)
	if !ok {
		return nil, nil
	}
	el = &tax.Elements[i]
	if el.Parent >= 0 {
		parent = &tax.Elements[el.Parent]
	}
	return el, parent
}

// SkillGroup is a heading of the skills index: an O*NET Generalized Work
// Activity with the shared skills under each of its Intermediate Work
// Activities, or a group of skills, knowledge or unaligned topics.
type SkillGroup struct {
	Title    string
	Subs     []SkillSubgroup
	Elements bool // whether the titles are O*NET's
}

// SkillSubgroup is an Intermediate Work Activity and its shared skills.
type SkillSubgroup struct {
	Title  string
	Skills []*SkillPage
}

// SkillTree groups the shared skills under O*NET's work-activity
// hierarchy (GWA → IWA → DWA, in O*NET's order), then skills and
// knowledge, then skills that are topics of their own, each A–Z.
func (s *Site) SkillTree() []SkillGroup {
	var tax *onet.Taxonomy
	if s.aligner != nil {
		tax = s.aligner.Taxonomy()
	}
	type key struct{ gwa, iwa int }
	subs := map[key][]*SkillPage{}
	var other, skills, knowledge []*SkillPage
	for _, p := range s.Skills {
		switch {
		case p.Element == nil || tax == nil || p.Parent == nil:
			other = append(other, p)
		case p.Element.Kind == onet.Skill:
			skills = append(skills, p)
		case p.Element.Kind == onet.Knowledge:
			knowledge = append(knowledge, p)
		default:
			under := p.Parent // a DWA's IWA, or for a skill that is an IWA, itself
			if p.Element.Kind == onet.IWA {
				under = p.Element
			}
			iwa, _ := tax.Lookup(under.ID)
			k := key{tax.Elements[iwa].Parent, iwa}
			subs[k] = append(subs[k], p)
		}
	}
	keys := make([]key, 0, len(subs))
	for k := range subs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.gwa, b.gwa), cmp.Compare(a.iwa, b.iwa)) })
	var out []SkillGroup
	for _, k := range keys {
		if len(out) == 0 || out[len(out)-1].Title != tax.Elements[k.gwa].Title {
			out = append(out, SkillGroup{Title: tax.Elements[k.gwa].Title, Elements: true})
		}
		g := &out[len(out)-1]
		g.Subs = append(g.Subs, SkillSubgroup{Title: tax.Elements[k.iwa].Title, Skills: subs[k]})
	}
	for _, g := range []struct {
		title string
		list  []*SkillPage
		onet  bool
	}{{s.Text.T("skills.group-skills"), skills, true}, {s.Text.T("skills.group-knowledge"), knowledge, true}, {s.Text.T("skills.group-other"), other, false}} {
		if len(g.list) > 0 {
			out = append(out, SkillGroup{Title: g.title, Elements: g.onet, Subs: []SkillSubgroup{{Skills: g.list}}})
		}
	}
	return out
}
