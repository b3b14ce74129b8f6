// Package relate finds what occupations have in common: the skills they
// share, the occupations most related to each, and a level-by-level
// comparison of two of them. It reads frameworks only; it does no I/O,
// and the same input always gives the same output, order included.
//
// A skill is a normalised statement topic (see Key): "Specimens
// Handling" and "specimen-handling" are one skill.
//
// Relatedness combines cosine similarities of TF-IDF vectors, one per
// occupation in each of these spaces, with weights (Weights):
//
//   - skills: the skill of each statement (its aligned element, or its
//     topic's key), weight 0.2;
//   - task words: the words of the statements' performance text (Words,
//     without stop-words, Stem applied), weight 0.5;
//   - title words: the words of the occupation's title (counted twice)
//     and description, weight 0.5;
//   - all words: the title, description and task words together, so
//     that the words of one occupation's title meet those of another's
//     tasks, weight 1;
//   - parents: the broader element of each aligned skill (for an O*NET
//     activity, its Intermediate Work Activity), weight 0.1, so that
//     occupations doing the same kind of work are a little alike;
//   - the words of skill names, weight 0 (they added nothing when
//     measured).
//
// A feature's term frequency tf (how many statements have it, or how
// often a word occurs) counts as 1+ln(tf); its inverse document frequency
// is ln(1+N/df) over the N occupations, or for an aligned skill with a
// prior share p, ln((N+m)/(df+m·p)) with m = 20, so that two frameworks
// alone still weigh a shared skill by how rare it is elsewhere. The
// weighted sum of the spaces' cosines is each pair's first-order score.
//
// Then each occupation's neighbourhood — itself, weight 1, and its 24
// best candidates, weighted by the square of their score — is compared:
// the score becomes half the first-order score and half the cosine of the
// two neighbourhoods, less a tenth of the mean score of the candidate's
// own neighbours (occupations close to everything would otherwise crowd
// every list). Each step of job zone between two occupations takes 0.01
// off the first-order score (of at most 2.3, the sum of the weights), a
// shared occupational group 0.03: text similarity favours occupations of
// one group, by the words they share, more than O*NET's curated related
// occupations do (tests/quality). Within a group, the occupations of one
// SOC broad occupation (29-2011 and 29-2012: 29-201) are O*NET's more
// often than their words show, and get 0.05 back. Boosts for a shared
// sector or SOC minor group are there (WithBoosts, WithWeights) but 0 by
// default: every such boost made the lists worse.
//
// Candidates come from an inverted index over the features that at most
// 20% of occupations, and at most 256, have; the common features are then
// added exactly for the best 48 candidates of each occupation. A posting
// list never holds more than 256 occupations, so the work grows with the
// number of occupations, not with its square: with the fraction alone, a
// site ten times larger had posting lists ten times longer for each of
// ten times more occupations. (The cap binds only above 1,280
// occupations: smaller sites relate as before.) The 1,016-framework
// corpus (40,640 statements) takes about 0.35 s of CPU time, about 0.2 s
// on two idle cores: see BenchmarkRelateCorpus.
package relate

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Relations holds what New found. It is read-only; the slices its methods
// return must not be modified.
type Relations struct {
	fws     []*framework.Framework
	related [][]Relation
	skills  []Skill
	shared  []Skill
	// stmt[occ][level][statement] is the statement's index in skills, or -1.
	stmt [][][]int32
	// has[occ] lists the occupation's skills by index, with their levels
	// in hasLevels[occ].
	has       [][]held
	hasLevels [][]int
	// group and sector number each occupation's group and sector, -1 for none.
	group, sector []int32
	// skillOcc[skill] is Skills()[skill].Occupations.
	skillOcc []int32
	// levelKeys[occ][level] numbers the level's folded key.
	levelKeys [][]int32
}

// Relation is one occupation related to another.
type Relation struct {
	Index  int     // the related occupation, an index into New's input
	Score  float64 // the similarity: see the package documentation
	Shared int     // how many skills both have: SharedSkills lists them
	// similar is, when they share no skill, the words that make their
	// work alike, joined by ", ", for Reason.
	similar string
}

// SharedSkill is a skill two occupations both have, with the levels at
// which each has it.
type SharedSkill struct {
	Skill       int // index into Skills()
	Name, Slug  string
	Levels      []int // positions in the occupation's Levels, ascending
	OtherLevels []int // positions in the related occupation's Levels, ascending
}

// Skill is a normalised statement topic and every statement that has it.
type Skill struct {
	Key         string // see Key
	Slug        string // unique path segment from the key: words joined by "-", cut to 60 bytes, then -2, -3… for repeats
	Name        string // the topic's most frequent spelling, ties to the lexically first
	Uses        []Use  // by occupation, level, statement
	Occupations int    // how many occupations use it
}

// Use is one statement with a skill, by position: Frameworks[Occupation]
// .Levels[Level].Statements[Statement]. (32 bits each: a large site has
// hundreds of thousands of uses.)
type Use struct {
	Occupation, Level, Statement int32
}

// held is one skill of one occupation and the levels it appears at,
// hasLevels[occ][from:to]: twelve bytes, not a slice's twenty-four and
// a skill's four, as a large site holds hundreds of thousands.
type held struct {
	skill, from, to int32
}

// Option changes how New relates occupations.
type Option func(*options)

type options struct {
	max                     int
	groupBoost, sectorBoost float64
	codeBoost               [2]float64 // same SOC minor group (29-20), same broad occupation (29-201)
	jobZone                 float64
	candidates              int
	commonFraction          float64
	maxPostings             int32           // a rare feature's most occupations, whatever the fraction
	space                   [spaces]float64 // each space's weight
	titleCount              int32           // occupation title words count as this many description words
	priorMass               float64
	aligned                 func(occ, level, stmt int) (Aligned, bool)
	second, hub             float64
	neighbours              int
}

// Aligned is the skill an alignment gives a statement, in place of its
// topic: an element of a shared taxonomy, so that statements worded by
// different authors share it.
type Aligned struct {
	Key    string  // unique among keys, never a topic's Key: e.g. "onet:4.A.2.a.4.I01.D02"
	Name   string  // for people, e.g. the element's title
	Parent string  // a broader element's key, "" for none: occupations sharing parents are a little alike
	Prior  float64 // the share of occupations that have it, from outside the site (0 for unknown)
}

// Weights are how much each kind of evidence counts in relatedness; see
// the package documentation for what they do and DefaultWeights for the
// defaults.
type Weights struct {
	Skill, SkillWord, Word, Parent   float64 // space weights: skills, the words of their names, performance words, skills' parents
	Title                            float64 // space weight of the title and description words
	AllWords                         float64 // space weight of all the words: title, description and performance text
	TitleCount                       int32   // an occupation's title words count as this many description words
	PriorMass                        float64 // how many outside occupations an aligned skill's prior stands for
	Group, Sector, MinorGroup, Broad float64 // boosts for the same group, sector, SOC minor group, SOC broad occupation
	JobZone                          float64 // taken off per step of job zone between two occupations
	Second                           float64 // the share of second-order similarity, 0 to 1
	Neighbours                       int     // how many of an occupation's best candidates make its neighbourhood
	Hub                              float64 // taken off, times the mean score of a candidate's own neighbours
}

// WithWeights replaces the default weights.
func WithWeights(w Weights) Option {
	return func(o *options) {
		o.space = [spaces]float64{skillSpace: w.Skill, keySpace: w.SkillWord, taskSpace: w.Word,
			titleSpace: w.Title, allSpace: w.AllWords, parentSpace: w.Parent}
		o.titleCount, o.priorMass = w.TitleCount, w.PriorMass
		o.groupBoost, o.sectorBoost, o.codeBoost = w.Group, w.Sector, [2]float64{w.MinorGroup, w.Broad}
		o.jobZone = w.JobZone
		o.second, o.neighbours, o.hub = w.Second, w.Neighbours, w.Hub
	}
}

// DefaultWeights returns the weights New uses.
func DefaultWeights() Weights {
	var o options
	defaults(&o)
	return Weights{Skill: o.space[skillSpace], SkillWord: o.space[keySpace], Word: o.space[taskSpace],
		Parent: o.space[parentSpace], Title: o.space[titleSpace], AllWords: o.space[allSpace], TitleCount: o.titleCount, PriorMass: o.priorMass,
		Group: o.groupBoost, Sector: o.sectorBoost, MinorGroup: o.codeBoost[0], Broad: o.codeBoost[1],
		JobZone: o.jobZone, Second: o.second, Neighbours: o.neighbours, Hub: o.hub}
}

func defaults(o *options) {
	// Measured on the corpus against O*NET's curated related
	// occupations (tests/quality): boosts for a shared sector or SOC
	// group made the lists worse; the words of skill names added
	// nothing; a job zone apart costs a little (0.01 a step of the
	// score, at most 2.3), a tie-breaker more than a rule. A shared
	// occupational group costs 0.02: words shared within a group (its
	// jargon) lift text similarity, so 76% of the lists' pairs shared a
	// group where 54% of O*NET's do. It raised precision@8 and recall on
	// both halves of the truth lists, on the corpus (0.753/0.601 to
	// 0.757/0.608) and on the free-text corpus (0.743/0.589 to
	// 0.750/0.594); 0.015 to 0.025 measure about the same. With 0.03
	// off for the group and 0.05 back for the same SOC broad occupation,
	// both halves gained again, recall most (corpus 0.757/0.607 to
	// 0.758/0.617, free text 0.747/0.597 to 0.750/0.598; broad
	// 0.03–0.08 measure about the same).
	*o = options{max: 8, candidates: 48, commonFraction: 0.2, maxPostings: 256,
		space:      [spaces]float64{skillSpace: 0.2, parentSpace: 0.1, taskSpace: 0.5, titleSpace: 0.5, allSpace: 1},
		titleCount: 2, priorMass: 20, second: 0.5, neighbours: 24, hub: 0.1, jobZone: 0.01,
		groupBoost: -0.03, codeBoost: [2]float64{0, 0.05}}
}

// WithAlignment gives statements their skills by alignment: aligned(occ,
// level, stmt) reports the skill of Frameworks[occ].Levels[level]
// .Statements[stmt], or false to keep its topic's. An aligned skill's
// Prior smooths its inverse document frequency: with few frameworks, a
// skill two of them share still weighs by how rare it is elsewhere.
func WithAlignment(aligned func(occ, level, stmt int) (Aligned, bool)) Option {
	return func(o *options) { o.aligned = aligned }
}

// WithMax sets how many related occupations each occupation gets, 8 by
// default.
func WithMax(n int) Option { return func(o *options) { o.max = n } }

// WithBoosts sets what sharing an occupational group and a sector add to
// the similarity: -0.02 and 0 by default.
func WithBoosts(group, sector float64) Option {
	return func(o *options) { o.groupBoost, o.sectorBoost = group, sector }
}

// New relates the frameworks; an occupation's index in fws is its id in
// everything Relations returns. Nil frameworks are allowed and relate to
// nothing.
func New(fws []*framework.Framework, opts ...Option) *Relations {
	var o options
	defaults(&o)
	for _, f := range opts {
		f(&o)
	}
	r := &Relations{fws: fws}
	r.number()
	r.relate(&o, r.index(&o))
	return r
}

// Related returns up to the maximum (8 by default) occupations most
// related to occupation i, by score, then title, then code. An occupation
// is never related to itself.
func (r *Relations) Related(i int) []Relation { return r.related[i] }

// Skills returns every skill, by folded name, then name, then key.
func (r *Relations) Skills() []Skill { return r.skills }

// Shared returns the skills that two or more occupations use, the ones
// that get a page, in the order of Skills.
func (r *Relations) Shared() []Skill { return r.shared }

// SharedSkills returns the skills occupations i and j both have, the most
// specific first. It is worked out on each call, not kept: a large site
// has tens of thousands of related pairs.
func (r *Relations) SharedSkills(i, j int) []SharedSkill { return r.sharedSkills(i, j) }

// SkillOf returns the shared skill of a statement, given by its position
// as in Use. It reports false when the statement's skill is used by only
// one occupation, or when it has no topic.
func (r *Relations) SkillOf(occ, level, stmt int) (Skill, bool) {
	if occ < 0 || occ >= len(r.stmt) || level < 0 || level >= len(r.stmt[occ]) ||
		stmt < 0 || stmt >= len(r.stmt[occ][level]) {
		return Skill{}, false
	}
	i := r.stmt[occ][level][stmt]
	if i < 0 || r.skills[i].Occupations < 2 {
		return Skill{}, false
	}
	return r.skills[i], true
}

// number fills r.group, r.sector and r.levelKeys.
func (r *Relations) number() {
	groups, sectors, keys := map[string]int32{}, map[string]int32{}, map[string]int32{}
	id := func(m map[string]int32, s string) int32 {
		if s == "" {
			return -1
		}
		n, ok := m[s]
		if !ok {
			n = int32(len(m))
			m[s] = n
		}
		return n
	}
	r.group = make([]int32, len(r.fws))
	r.sector = make([]int32, len(r.fws))
	r.levelKeys = make([][]int32, len(r.fws))
	for i, f := range r.fws {
		r.group[i], r.sector[i] = -1, -1
		if f == nil {
			continue
		}
		r.group[i] = id(groups, f.Occupation.Group)
		r.sector[i] = id(sectors, f.Occupation.Sector)
		for _, l := range f.Levels {
			r.levelKeys[i] = append(r.levelKeys[i], id(keys, words.Fold(l.Key)))
		}
	}
}

// dot is the dot product of two vectors sorted by feature id.
func dot(a, b []feat) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

type scored struct {
	occ        int32
	score, pre float64 // pre: score plus boosts, to choose candidates
}

// relate fills r.related: each occupation's candidates with their
// cosine plus boosts (firstOrder), blended with the similarity of their
// neighbourhoods (secondOrder), best first.
func (r *Relations) relate(o *options, c *counted) {
	n := len(r.fws)
	v := c.vectors(o, o.space)
	cands := r.firstOrder(o, v)
	if o.second > 0 || o.hub > 0 {
		secondOrder(o, cands)
	}
	r.related = make([][]Relation, n)
	titles := make([]string, n)
	for i, f := range r.fws {
		if f != nil {
			titles[i] = strings.ToLower(f.Occupation.Title)
		}
	}
	byRank := func(x, y scored) int {
		if x.score != y.score {
			return cmp.Compare(y.score, x.score)
		}
		if c := strings.Compare(titles[x.occ], titles[y.occ]); c != 0 {
			return c
		}
		fx, fy := r.fws[x.occ].Occupation, r.fws[y.occ].Occupation
		if c := strings.Compare(fx.Title, fy.Title); c != 0 {
			return c
		}
		if c := strings.Compare(fx.SOC, fy.SOC); c != 0 {
			return c
		}
		return cmp.Compare(x.occ, y.occ)
	}
	parallel(n, func(_, i int) {
		out := make([]scored, 0, len(cands[i]))
		for _, c := range cands[i] {
			if c.pre > 0 {
				out = append(out, c)
			}
		}
		slices.SortFunc(out, byRank)
		out = out[:min(len(out), o.max)]
		rels := make([]Relation, len(out))
		for k, c := range out {
			rels[k] = r.relation(i, int(c.occ), c.score, v)
		}
		r.related[i] = rels
	})
}

// firstOrder returns each occupation's candidates, by index: the
// occupations with the most rare features in common with it, scored
// exactly (cosine plus boosts; pre is the same).
func (r *Relations) firstOrder(o *options, v *vecs) [][]scored {
	n := len(r.fws)
	all := make([][]scored, n)
	accs := make([][]float64, workers(n))
	denses := make([][]float64, workers(n))
	toucheds := make([][]int32, workers(n))
	parallel(n, func(w, i int) {
		if r.fws[i] == nil {
			return
		}
		if accs[w] == nil {
			accs[w] = make([]float64, n)
			denses[w] = make([]float64, len(v.commonFeat))
		}
		acc, dense := accs[w], denses[w]
		touched := toucheds[w][:0]
		for _, f := range v.rare[i] {
			for _, p := range v.postings[f.id] {
				if acc[p.occ] == 0 {
					touched = append(touched, p.occ)
				}
				acc[p.occ] += f.w * p.w
			}
		}
		acc[i] = 0
		cands := r.candidates(o, i, acc, touched)
		for _, j := range touched {
			acc[j] = 0
		}
		toucheds[w] = touched
		if len(cands) < min(o.max, o.candidates) {
			// Too little in common through rare features: score everyone
			// exactly. Rare, and O(n) when it happens.
			cands = cands[:0]
			for j := range n {
				if j != i && r.fws[j] != nil {
					cands = append(cands, scored{occ: int32(j), score: dot(v.rare[i], v.rare[j])})
				}
			}
		}
		for _, f := range v.common[i] {
			dense[f.id] = f.w
		}
		for k, c := range cands {
			s := c.score + r.boost(o, i, int(c.occ))
			for _, f := range v.common[c.occ] {
				s += dense[f.id] * f.w
			}
			cands[k].score, cands[k].pre = s, s
		}
		for _, f := range v.common[i] {
			dense[f.id] = 0
		}
		all[i] = cands
	})
	return all
}

// secondOrder blends each candidate's score s with the cosine of the two
// occupations' neighbourhoods: (1-a)·s + a·cos(p_i, p_j), where p_i holds
// occupation i itself with weight 1 and its best candidates with the
// squares of their scores, so that occupations related to the same others
// are related; and takes off hub times the mean score of j's own best
// candidates, so that occupations close to everything do not crowd every
// list.
func secondOrder(o *options, cands [][]scored) {
	n := len(cands)
	prof := make([][]feat, n)
	hub := make([]float64, n)
	parallel(n, func(_, i int) {
		if cands[i] == nil {
			return
		}
		top := slices.Clone(cands[i])
		slices.SortFunc(top, func(x, y scored) int {
			if x.score != y.score {
				return cmp.Compare(y.score, x.score)
			}
			return cmp.Compare(x.occ, y.occ)
		})
		top = top[:min(len(top), o.neighbours)]
		p := make([]feat, 0, len(top)+1)
		p = append(p, feat{int32(i), 1})
		norm, sum := 1.0, 0.0
		for _, c := range top {
			if c.score > 0 {
				w := c.score * c.score
				p = append(p, feat{c.occ, w})
				norm += w * w
				sum += c.score
			}
		}
		hub[i] = sum / float64(max(1, len(top)))
		norm = math.Sqrt(norm)
		for k := range p {
			p[k].w /= norm
		}
		slices.SortFunc(p, func(x, y feat) int { return cmp.Compare(x.id, y.id) })
		prof[i] = p
	})
	parallel(n, func(_, i int) {
		for k, c := range cands[i] {
			s := (1-o.second)*c.score + o.second*dot(prof[i], prof[c.occ])
			cands[i][k].score = s - o.hub*hub[c.occ]
		}
	})
}

// candidates returns the best few occupations by their rare-feature score
// acc plus boosts, in the order of acc; their score is the acc part. Only
// the occupations in touched can have a score, so only they are looked
// at: the best few under one order are the same whatever order they come
// in.
func (r *Relations) candidates(o *options, i int, acc []float64, touched []int32) []scored {
	best := make([]scored, 0, o.candidates+1)
	worse := func(a, b scored) bool { // a ranks below b
		return a.pre < b.pre || a.pre == b.pre && a.occ > b.occ
	}
	for _, j := range touched {
		a := acc[j]
		if a == 0 {
			continue
		}
		c := scored{occ: j, score: a, pre: a + r.boost(o, i, int(j))}
		if len(best) == o.candidates && !worse(best[len(best)-1], c) {
			continue
		}
		k := len(best)
		if k < o.candidates {
			best = append(best, c)
		} else {
			k--
		}
		for ; k > 0 && worse(best[k-1], c); k-- {
			best[k] = best[k-1]
		}
		best[k] = c
	}
	slices.SortFunc(best, func(a, b scored) int { return cmp.Compare(a.occ, b.occ) })
	return best
}

func (r *Relations) boost(o *options, i, j int) float64 {
	s := 0.0
	if a, b := r.fws[i].Occupation.JobZone, r.fws[j].Occupation.JobZone; a > 0 && b > 0 {
		s -= o.jobZone * math.Abs(float64(a-b))
	}
	if a, b := r.fws[i].Occupation.SOC, r.fws[j].Occupation.SOC; len(a) >= 6 && len(b) >= 6 && a[2] == '-' {
		if a[:5] == b[:5] {
			s += o.codeBoost[0]
			if a[5] == b[5] {
				s += o.codeBoost[1]
			}
		}
	}
	if r.group[i] >= 0 && r.group[i] == r.group[j] {
		s += o.groupBoost
	}
	if r.sector[i] >= 0 && r.sector[i] == r.sector[j] {
		s += o.sectorBoost
	}
	return s
}
