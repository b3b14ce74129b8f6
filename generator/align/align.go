// Package align aligns competency statements to the O*NET taxonomy of
// package onet: every statement gets the Detailed Work Activities (or the
// Skills and Knowledge elements) it is most likely about, each with a
// score from 0 to 1 and a confidence band.
//
// An Aligner learns from O*NET's own task statements, which O*NET's
// analysts linked to activities, and scores a statement by five kinds of
// evidence, over Snowball-stemmed words and word pairs:
//
//   - how close its topic and performance text are to an activity's title
//     (and its Intermediate Work Activity's title), by TF-IDF cosine;
//   - which activities the most similar example tasks were linked to
//     (nearest neighbours);
//   - how likely its words are under each activity's language model, made
//     of its title and the tasks linked to it (lm.go);
//   - how likely each activity, and each Intermediate Work Activity, is
//     under a maximum-entropy classifier of texts learned from the same
//     tasks (disc.go): it learns which words tell an activity apart from
//     those it is confused with, where the language model only counts;
//   - which activities the occupations most like this one (by title,
//     description, context and all statements, and by SOC group) perform:
//     the prior that tells "analyze samples" of a lab apart from that of a
//     mine.
//
// A learned linear ranker weighs the evidence (and the products of its
// main kinds) in two stages: the first scores each statement alone; the
// second also weighs each candidate against the probabilities the
// framework's other statements give it (joint.go), since O*NET's
// analysts seldom link one activity to many tasks of an occupation.
// Boosted regression trees (forest.go) then re-rank the second stage's
// best 40. A match's Score is the softmax probability, calibrated on
// held-out occupations (Platt scaling), that it is an activity O*NET's
// analysts would have linked (held-out figures: TestTrain). A skill or
// knowledge element preferred for its topic scores its topic's cosine
// with the element instead.
//
// A topic that is an element's title word for word is that element, with
// the band Exact. Everything is deterministic and pure Go: no model is
// downloaded, and the same input always gives the same output.
package align

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Band is how far a match can be trusted.
type Band uint8

// The bands, from least to most trusted.
const (
	Low Band = iota
	Medium
	High
	Exact  // the topic is the element's title
	Pinned // the site says so (see Pin)
)

var bandNames = [...]string{"low", "medium", "high", "exact", "pinned"}

func (b Band) String() string { return bandNames[b] }

// Match is one element a statement aligns to.
type Match struct {
	Element int // index into the taxonomy's Elements
	Score   float64
	Band    Band
}

// Aligner scores statements against the taxonomy. It is read-only after
// New and safe for concurrent use.
type Aligner struct {
	tax     *onet.Taxonomy
	o       options
	weights [nFeatures]float64 // of the second stage, with the joint features
	first   [nFeatures]float64 // of the first stage, without them
	calib   [2]float64         // a, b of calibrate
	forest  forest
	pool    sync.Pool // of *scratch
	// slabs lends Statements the room for a framework's shortlists, some
	// 35 KB a statement, which a large site would otherwise allocate
	// afresh for every framework: gigabytes at ten thousand.
	slabs sync.Pool // of *[]candidate

	voc  vocab
	word strTable // folded word → stem number, -1 for a stop-word
	idf  []float64

	elems      []int32 // taxonomy index of each alignable element
	elemInfo   []elemInfo
	titleVec   []vector // DWA titles, by element position: slices of titleFeats
	titleOff   []int32  // titleVec[e] is titleFeats[titleOff[e]:titleOff[e+1]]
	titleFeats []feat
	exact      strTable // words.Key of a title → element position
	nIWA       int

	dwaIdx, skillIdx, iwaIdx index
	exIdx, occIdx            index
	exActs, occActs          lists     // example task (occupation) → element positions
	exOcc                    []int32   // example task → its example occupation
	occSOC                   []socCode // example occupation → its O*NET-SOC code
	links                    []int32
	popular                  []float64 // ln(1 + links) / 5, by element position
	lm                       langModel
	disc, discIWA            discModel
}

type options struct {
	learn                       func(soc string) bool
	neighbours, occupations     int
	lmCands, discCands          int
	pairW, muDWA, muIWA, priorP float64
	kin                         [4]float64 // socKin's boosts: the same detailed, broad, minor and major SOC group
	weights, first              *[nFeatures]float64
	calib                       *[2]float64
	forest                      *forest
	disc                        discParams
	freshDisc                   bool // learn the classifiers even from every example
	rebuild                     bool // build from the taxonomy even when the stored index fits
}

// Option changes how New aligns.
type Option func(*options)

// LearnFrom limits the example occupations the aligner learns from to
// those keep accepts, by O*NET-SOC code: how a measurement holds
// occupations out.
func LearnFrom(keep func(soc string) bool) Option { return func(o *options) { o.learn = keep } }

func defaultOptions() options {
	return options{neighbours: 40, occupations: 25, lmCands: 20, discCands: 20, pairW: 0.5, muDWA: 8, muIWA: 30, priorP: 2, kin: [4]float64{6, 6, 5, 5},
		disc: discParams{epochs: 8, rate: 1, l2: 3e-4}}
}

// indexedAsStored reports whether the aligner's index is the stored one
// (stored.go): learned from every example with the default settings of
// what New derives from the taxonomy.
func (o *options) indexedAsStored() bool {
	d := defaultOptions()
	return o.learn == nil && !o.freshDisc && !o.rebuild && o.pairW == d.pairW && o.muDWA == d.muDWA && o.muIWA == d.muIWA && o.disc == d.disc
}

// New makes an aligner over the taxonomy: with the default settings, from
// the stored index (stored.go), else built from the taxonomy's examples.
func New(tax *onet.Taxonomy, opts ...Option) *Aligner {
	o := defaultOptions()
	for _, f := range opts {
		f(&o)
	}
	a := unindexed(tax, o)
	if !o.indexedAsStored() || a.load(storedIndex) != nil {
		a = unindexed(tax, o)
		a.index()
	}
	a.pool.New = func() any { return a.newScratch() }
	return a
}

// unindexed returns an aligner with its settings and learned ranker, and
// no index yet.
func unindexed(tax *onet.Taxonomy, o options) *Aligner {
	a := &Aligner{tax: tax, o: o, weights: learnedWeights(), first: learnedFirstWeights(), calib: learnedCalibration(), forest: learnedForest()}
	if o.weights != nil {
		a.weights = *o.weights
	}
	if o.first != nil {
		a.first = *o.first
	}
	if o.calib != nil {
		a.calib = *o.calib
	}
	if o.forest != nil {
		a.forest = *o.forest
	}
	return a
}

// Taxonomy returns the taxonomy the aligner aligns to.
func (a *Aligner) Taxonomy() *onet.Taxonomy { return a.tax }

// Context is what an occupation's statements are aligned within: the
// prior over activities from the occupations most like it. The zero
// Context has no prior.
type Context struct {
	prior  []float64 // by element position
	occSim []float64 // by example occupation: similarity over the best's
}

// Occupation works out the context of a framework.
func (a *Aligner) Occupation(f *framework.Framework) Context {
	b := bag{}
	var ids []int32
	var buf []byte
	add := func(text string, w float64) {
		ids, buf = a.stemsOf(text, ids[:0], buf)
		b = a.voc.addTerms(b, ids, w, a.o.pairW, false)
	}
	add(f.Occupation.Title, 2)
	add(f.Description, 1)
	add(f.ContextCovered, 1)
	for _, l := range f.Levels {
		for _, s := range l.Statements {
			add(s.Text, 1)
		}
	}
	q := b.merge().vector(a.idf, nil)
	acc := newAccum(len(a.occActs.off) - 1)
	a.occIdx.scores(q, &acc)
	for _, o := range acc.hit {
		acc.v[o] *= 1 + a.socKin(f.Occupation.SOC, a.occSOC[o])
	}
	top := topOf(acc.hit, acc.v, a.o.occupations, nil)
	c := Context{prior: make([]float64, len(a.elems)), occSim: make([]float64, len(acc.v))}
	if len(top) > 0 {
		for _, o := range acc.hit {
			c.occSim[o] = acc.v[o] / top[0].score
		}
	}
	total := 0.0
	for i := range top {
		top[i].score = pow(top[i].score, a.o.priorP)
		total += top[i].score
	}
	for _, t := range top {
		for _, e := range a.occActs.of(t.i) {
			c.prior[e] += t.score / total
		}
	}
	return c
}

// Statement aligns one statement in its occupation's context and returns
// the best k matches, best first.
func (a *Aligner) Statement(c Context, s framework.Statement, k int) []Match {
	return a.Statements(c, []framework.Statement{s}, k)[0]
}

// Statements aligns the statements of one framework together, in its
// occupation's context, and returns the best k matches of each, best
// first: each statement's candidates are weighed against the others'
// (joint.go). The statements are ranked on every core.
func (a *Aligner) Statements(c Context, sts []framework.Statement, k int) [][]Match {
	out := make([][]Match, len(sts))
	if k <= 0 {
		return out
	}
	slab := a.slab(len(sts) * shortlisted)
	defer a.slabs.Put(slab)
	firsts := make([][]candidate, len(sts))
	a.eachStatement(len(sts), func(i int, sc *scratch) {
		if e, ok := a.exactTopic(sts[i]); ok && k == 1 {
			out[i] = []Match{{Element: int(a.elems[e]), Score: 1, Band: Exact}}
			return
		}
		firsts[i] = a.firstCandidates(c, sts[i], sc, (*slab)[i*shortlisted:(i+1)*shortlisted])
	})
	var sets [][]candidate
	var groups []int32
	var ranked []int
	keys := map[string]int32{}
	for i, s := range sts {
		if out[i] != nil {
			continue
		}
		sets = append(sets, firsts[i])
		key := words.Key(s.Topic)
		if key == "" {
			key = "\x00" + words.Key(s.Text)
		}
		g, ok := keys[key]
		if !ok {
			g = int32(len(keys))
			keys[key] = g
		}
		groups = append(groups, g)
		ranked = append(ranked, i)
	}
	joint(sets, groups)
	a.eachStatement(len(ranked), func(n int, sc *scratch) {
		out[ranked[n]] = a.finish(sts[ranked[n]], sets[n], sc, k)
	})
	return out
}

// firstCandidates returns a statement's candidates that the first stage
// shortlists, best first, in room (of shortlisted candidates).
func (a *Aligner) firstCandidates(c Context, s framework.Statement, sc *scratch, room []candidate) []candidate {
	defer sc.reset()
	a.candidates(c, s, sc)
	sc.scores, sc.rest = firstStage(sc.cands, &a.first, sc.scores, sc.rest)
	best := room[:len(sc.rest)]
	for n, t := range sc.rest {
		best[n] = sc.cands[t.i]
	}
	return best
}

// slab returns room for n candidates from the aligner's slabs, for
// Statements to put back.
func (a *Aligner) slab(n int) *[]candidate {
	slab, _ := a.slabs.Get().(*[]candidate)
	if slab == nil || cap(*slab) < n {
		s := make([]candidate, n)
		return &s
	}
	*slab = (*slab)[:n]
	return slab
}

// statementsPerWorker is the fewest statements worth a goroutine of
// their own: ranking one takes some 50 µs.
const statementsPerWorker = 4

// eachStatement calls fn for statements 0 to n-1, on as many goroutines
// as there are cores and groups of statementsPerWorker, each with a
// scratch of its own, so that one framework saved alone is aligned on
// every core. fn keeps its results by index: the order of the calls
// does not matter.
func (a *Aligner) eachStatement(n int, fn func(i int, sc *scratch)) {
	workers := min(n/statementsPerWorker, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		sc := a.pool.Get().(*scratch)
		defer a.pool.Put(sc)
		for i := range n {
			fn(i, sc)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := a.pool.Get().(*scratch)
			defer a.pool.Put(sc)
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i, sc)
			}
		})
	}
	wg.Wait()
}

// exactTopic returns the element whose title is s's topic word for word.
func (a *Aligner) exactTopic(s framework.Statement) (int32, bool) {
	if s.Topic == "" {
		return -1, false
	}
	return a.exact.get(words.Key(s.Topic))
}

// finish ranks a statement's candidates and returns its best k matches
// with their bands.
func (a *Aligner) finish(s framework.Statement, cands []candidate, sc *scratch, k int) []Match {
	defer sc.reset()
	out := a.rank(sc, cands, k)
	out = a.preferSkill(s, sc, out, k)
	if e, ok := a.exactTopic(s); ok {
		pinExact(Match{Element: int(a.elems[e]), Score: 1, Band: Exact}, out)
	}
	for i := range out {
		if out[i].Band != Exact {
			out[i].Band = band(out[i].Score)
		}
	}
	return out
}

// rank scores the candidates and returns the best k as matches, each
// scored with its calibrated probability: the linear ranker shortlists,
// the trees re-rank the shortlist.
func (a *Aligner) rank(sc *scratch, cands []candidate, k int) []Match {
	sc.scores = linearScores(cands, &a.weights, sc.scores)
	sc.rest, sc.xs = shortlist(cands, sc.scores, sc.rest, sc.xs)
	sc.scores = a.forest.rerank(sc.rest, sc.xs, sc.scores)
	probs := softmax(sc.scores)
	for i, p := range probs {
		sc.rest[i].score = p
	}
	sortRanked(sc.rest)
	out := make([]Match, 0, k+1)
	for _, t := range sc.rest[:min(k, len(sc.rest))] {
		out = append(out, Match{Element: int(a.elems[cands[t.i].e]), Score: calibrate(t.score, a.calib)})
	}
	return out
}

// preferSkill puts a skill or knowledge element first when the topic
// names it more closely than any DWA title matches the statement:
// "Active listening" is the skill, not an activity.
func (a *Aligner) preferSkill(s framework.Statement, sc *scratch, out []Match, k int) []Match {
	if s.Topic == "" {
		return out
	}
	sc.ids, sc.buf = a.stemsOf(s.Topic, sc.ids[:0], sc.buf)
	sc.bg = a.voc.addTerms(sc.bg[:0], sc.ids, 1, a.o.pairW, false).merge()
	sc.q = sc.bg.vector(a.idf, sc.q)
	a.skillIdx.scores(sc.q, &sc.skill)
	sc.rest = topOf(sc.skill.hit, sc.skill.v, 1, sc.rest)
	if len(sc.rest) == 0 || sc.rest[0].score < skillThreshold {
		return out
	}
	m := Match{Element: int(a.elems[sc.rest[0].i]), Score: min(sc.rest[0].score, 0.99)}
	out = slices.Insert(out, 0, m)
	return out[:min(len(out), k)]
}

// pinExact moves m, an element whose title is the topic word for word,
// to the front.
func pinExact(m Match, out []Match) {
	i := slices.IndexFunc(out, func(x Match) bool { return x.Element == m.Element })
	switch {
	case i >= 0:
		copy(out[1:i+1], out[:i])
	case len(out) > 0:
		copy(out[1:], out[:len(out)-1])
	default:
		return
	}
	out[0] = m
}

// socKin is how much more alike two occupations are, beyond their texts,
// for sharing a SOC group: occupations of one group perform many of the
// same activities, which their texts, written apart, do not always show.
// With the default boosts (an occupation of the same major group counts 6
// times its text similarity, of the same broad group 7 times), held-out
// top-1 went from 0.407 to 0.497 and top-5 from 0.658 to 0.736 (TestTrain).
func (a *Aligner) socKin(x string, y socCode) float64 {
	switch {
	case len(x) < 7:
		return 0
	case x[:7] == string(y[:7]):
		return a.o.kin[0]
	case x[:6] == string(y[:6]):
		return a.o.kin[1]
	case x[:4] == string(y[:4]):
		return a.o.kin[2]
	case x[:2] == string(y[:2]):
		return a.o.kin[3]
	}
	return 0
}

// socCode is an O*NET-SOC code ("29-2011.01"), fixed in size so that the
// stored index holds the example occupations' codes as one section.
type socCode [10]byte
