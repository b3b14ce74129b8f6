// Package align aligns competency statements to the O*NET taxonomy of
// package onet: every statement gets the Detailed Work Activities (or the
// Skills and Knowledge elements) it is most likely about, each with a
// score from 0 to 1 and a confidence band.
//
// An Aligner learns from O*NET's own task statements, which O*NET's
// analysts linked to activities, and scores a statement by three kinds of
// evidence, all over Snowball-stemmed words and word pairs weighted by
// TF-IDF:
//
//   - how close its topic and performance text are to an activity's title
//     (and its Intermediate Work Activity's title);
//   - which activities the most similar example tasks were linked to
//     (nearest neighbours);
//   - which activities the occupations most like this one (by title,
//     description, context and all statements) perform: the prior that
//     tells "analyze samples" of a lab apart from that of a mine.
//
// A topic that is an element's title word for word is that element, with
// the band Exact. Everything is deterministic and pure Go: no model is
// downloaded, and the same input always gives the same output.
package align

import (
	"cmp"
	"math"
	"slices"

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
	tax  *onet.Taxonomy
	o    options
	voc  vocab
	idf  []float64
	stem map[string]string // word → stem, "" for stop-words: filled by New, read-only after

	elems     []int // taxonomy index of each alignable element
	elemInfo  []elemInfo
	elemVec   []vector // title (and description) of each element
	titleOnly []vector // DWA title alone
	elemInv   inverted // over DWA titles only
	skillInv  inverted // over skills and knowledge
	iwaVec    []vector
	iwaInv    inverted
	exact     map[string]int32 // Key of a title → position in elems

	exVec    []vector
	exInv    inverted
	exActs   [][]int32 // example task → positions in elems
	exOcc    []int32   // example task → its example occupation
	occVec   []vector  // example occupations
	occInv   inverted
	occActs  [][]int32         // example occupation → positions in elems, distinct
	links    []int32           // element → example tasks linked to it
	occLinks []map[int32]int32 // example occupation → element → its tasks linked to it
	weights  [nFeatures]float64
	lm       langModel
}

type options struct {
	learn                   func(soc string) bool
	neighbours, occupations int
	iwaW, pairW             float64
	weights                 *[nFeatures]float64
}

// Option changes how New aligns.
type Option func(*options)

// LearnFrom limits the example occupations the aligner learns from to
// those keep accepts, by O*NET-SOC code: how a measurement holds
// occupations out.
func LearnFrom(keep func(soc string) bool) Option { return func(o *options) { o.learn = keep } }

// New builds an aligner over the taxonomy.
func New(tax *onet.Taxonomy, opts ...Option) *Aligner {
	o := options{neighbours: 20, occupations: 15, iwaW: 0.3, pairW: 0.5}
	for _, f := range opts {
		f(&o)
	}
	a := &Aligner{tax: tax, o: o, voc: vocab{ids: map[string]int32{}}, exact: map[string]int32{}, weights: learnedWeights()}
	if o.weights != nil {
		a.weights = *o.weights
	}
	a.index()
	return a
}

// Taxonomy returns the taxonomy the aligner aligns to.
func (a *Aligner) Taxonomy() *onet.Taxonomy { return a.tax }

// index builds the vectors of elements, examples and example occupations.
func (a *Aligner) index() {
	an := newAnalyzer()
	var elemBags, titleBags, iwaBags []bag
	a.lm = langModel{bg: map[int32]float64{}, muDWA: 8, muIWA: 30}
	pos := map[int]int32{}
	iwaPos := map[int]int32{}
	for i, e := range a.tax.Elements {
		if e.Kind == onet.IWA {
			iwaPos[i] = int32(len(iwaBags))
			b := bag{}
			b.addStems(&a.voc, an.stemsOf(e.Title, nil), 1, a.o.pairW, true)
			iwaBags = append(iwaBags, b)
			a.lm.iwa = append(a.lm.iwa, counts{})
		}
		if !a.alignable(i) {
			continue
		}
		a.lm.dwa = append(a.lm.dwa, counts{})
		pos[i] = int32(len(a.elems))
		a.elems = append(a.elems, i)
		st := an.stemsOf(e.Title, nil)
		info := elemInfo{iwa: -1, kind: e.Kind}
		t := bag{}
		t.addStems(&a.voc, st, 1, a.o.pairW, true)
		b := bag{}
		b.addStems(&a.voc, st, 1, a.o.pairW, true)
		if e.Kind == onet.DWA {
			info.iwa = iwaPos[e.Parent]
			if len(st) > 0 {
				info.verb = st[0]
			}
		} else if e.Description != "" {
			b.addStems(&a.voc, an.stemsOf(e.Description, nil), 0.3, a.o.pairW, true)
		}
		if e.Kind == onet.DWA {
			ids := a.unigrams(st)
			a.lm.addText(ids, int32(len(a.elems)-1), info.iwa, 2)
			a.lm.addBackground(ids, 1)
		}
		a.elemInfo = append(a.elemInfo, info)
		elemBags = append(elemBags, b)
		titleBags = append(titleBags, t)
		a.exact[words.Key(e.Title)] = int32(len(a.elems) - 1)
	}
	exBags, occBags := a.examples(an, pos)
	a.idf = idf(len(a.voc.terms), elemBags, exBags)
	a.elemVec = vectors(elemBags, a.idf)
	a.titleOnly = vectors(titleBags, a.idf)
	a.iwaVec = vectors(iwaBags, a.idf)
	a.exVec = vectors(exBags, a.idf)
	a.occVec = vectors(occBags, a.idf)
	dwas, skills := make([]vector, len(a.elemVec)), make([]vector, len(a.elemVec))
	for e, v := range a.elemVec {
		if a.elemInfo[e].kind == onet.DWA {
			dwas[e] = v
		} else {
			skills[e] = v
		}
	}
	terms := len(a.voc.terms)
	a.elemInv, a.skillInv = newInverted(dwas, terms), newInverted(skills, terms)
	a.iwaInv = newInverted(a.iwaVec, terms)
	a.exInv = newInverted(a.exVec, terms)
	a.occInv = newInverted(a.occVec, terms)
	a.stem = an.stems
}

// examples reads the example occupations the aligner learns from.
func (a *Aligner) examples(an *analyzer, pos map[int]int32) (exBags, occBags []bag) {
	a.links = make([]int32, len(a.elems))
	for _, oc := range a.tax.Examples {
		if a.o.learn != nil && !a.o.learn(oc.SOC) {
			continue
		}
		occ := int32(len(occBags))
		ob := bag{}
		ob.addStems(&a.voc, an.stemsOf(oc.Title, nil), 2, a.o.pairW, true)
		ob.addStems(&a.voc, an.stemsOf(oc.Description, nil), 1, a.o.pairW, true)
		var acts []int32
		own := map[int32]int32{}
		for _, t := range oc.Tasks {
			st := an.stemsOf(t.Text, nil)
			ids := a.unigrams(st)
			a.lm.addBackground(ids, 1)
			b := bag{}
			b.addStems(&a.voc, st, 1, a.o.pairW, true)
			ob.addStems(&a.voc, st, 1, a.o.pairW, true)
			exBags = append(exBags, b)
			var ea []int32
			for _, d := range t.Activities {
				e := pos[d]
				ea = append(ea, e)
				a.lm.addText(ids, e, a.elemInfo[e].iwa, 1)
				a.lm.addOwn(int(occ), ids, e, a.elemInfo[e].iwa)
				a.links[e]++
				own[e]++
				if !slices.Contains(acts, e) {
					acts = append(acts, e)
				}
			}
			a.exActs = append(a.exActs, ea)
			a.exOcc = append(a.exOcc, occ)
		}
		occBags = append(occBags, ob)
		a.occActs = append(a.occActs, acts)
		a.occLinks = append(a.occLinks, own)
	}
	return exBags, occBags
}

// alignable reports whether statements may align to element i: DWAs,
// and skills and knowledge that are not categories.
func (a *Aligner) alignable(i int) bool {
	k := a.tax.Elements[i].Kind
	return (k == onet.DWA || k == onet.Skill || k == onet.Knowledge) && a.tax.Leaf(i)
}

// idf is ln(1 + N/df) over elements and examples together.
func idf(terms int, sets ...[]bag) []float64 {
	df := make([]float64, terms)
	n := 0
	for _, s := range sets {
		for _, b := range s {
			n++
			for id := range b {
				df[id]++
			}
		}
	}
	out := make([]float64, terms)
	for i, d := range df {
		if d > 0 {
			out[i] = math.Log(1 + float64(n)/d)
		}
	}
	return out
}

func vectors(bags []bag, idf []float64) []vector {
	out := make([]vector, len(bags))
	for i, b := range bags {
		out[i] = b.vector(idf)
	}
	return out
}

// query is the analysis of text against the aligner's vocabulary.
func (a *Aligner) query(parts ...weighted) vector {
	b := bag{}
	var st []string
	for _, p := range parts {
		st = st[:0]
		words.EachWord(p.text, func(w []byte) {
			if s := a.stemOf(w); s != "" {
				st = append(st, s)
			}
		})
		b.addStems(&a.voc, st, p.w, a.o.pairW, false)
	}
	return b.vector(a.idf)
}

type weighted struct {
	text string
	w    float64
}

// stemOf stems a folded word: from the table New filled, or afresh for
// words no element or example has (which then match nothing but pairs).
func (a *Aligner) stemOf(w []byte) string {
	if s, ok := a.stem[string(w)]; ok {
		return s
	}
	return newAnalyzer().stemsOfWord(string(w))
}

// Context is what an occupation's statements are aligned within: the
// prior over activities from the occupations most like it.
type Context struct {
	prior   map[int32]float64
	exclude int32 // an example occupation left out (training only), or -1
}

// Occupation works out the context of a framework.
func (a *Aligner) Occupation(f *framework.Framework) Context {
	return a.context(f, -1)
}

func (a *Aligner) context(f *framework.Framework, exclude int32) Context {
	parts := []weighted{{f.Occupation.Title, 2}, {f.Description, 1}, {f.ContextCovered, 1}}
	for _, l := range f.Levels {
		for _, s := range l.Statements {
			parts = append(parts, weighted{s.Text, 1})
		}
	}
	q := a.query(parts...)
	acc := make([]float64, len(a.occVec))
	a.occInv.scores(q, acc)
	if exclude >= 0 {
		acc[exclude] = 0
	}
	top := topN(acc, a.o.occupations, false)
	c := Context{prior: map[int32]float64{}, exclude: exclude}
	total := 0.0
	for _, t := range top {
		total += t.score
	}
	for _, t := range top {
		for _, e := range a.occActs[t.i] {
			c.prior[e] += t.score / total
		}
	}
	return c
}

// Statement aligns one statement in its occupation's context and returns
// the best k matches, best first.
func (a *Aligner) Statement(c Context, s framework.Statement, k int) []Match {
	cands := a.candidates(c, s)
	scores := make([]float64, len(cands))
	for i, cd := range cands {
		for j, w := range a.weights {
			scores[i] += w * cd.f[j]
		}
	}
	top := topN(scores, k, true)
	out := make([]Match, 0, k+1)
	for _, t := range top {
		out = append(out, Match{Element: a.elems[cands[t.i].e], Score: squash(t.score)})
	}
	out = a.preferSkill(s, out, k)
	a.pinExact(s, out)
	for i := range out {
		if out[i].Band != Exact {
			out[i].Band = band(out[i].Score)
		}
	}
	return out
}

// candidates gathers the evidence for a statement and returns the
// elements worth ranking with their features: the 60 closest DWA titles
// and every DWA a near neighbour was linked to.
func (a *Aligner) candidates(c Context, s framework.Statement) []candidate {
	q := a.query(weighted{s.Topic, 1}, weighted{s.Performance, 1})
	sc := &scoring{q: q, title: make([]float64, len(a.elems)), iwa: make([]float64, len(a.iwaVec)),
		knn: make([]float64, len(a.elems)), knnMax: make([]float64, len(a.elems)), iwaKNN: map[int32]float64{}}
	sc.verbs = [2]string{a.firstStem(s.Topic), a.firstStem(s.Performance)}
	sc.unigrams = a.knownStems(s.Topic + " " + s.Performance)
	a.elemInv.scores(q, sc.title)
	a.iwaInv.scores(q, sc.iwa)
	seen := map[int32]bool{}
	var cands []int32
	for _, t := range topN(sc.title, 60, false) {
		seen[int32(t.i)] = true
		cands = append(cands, int32(t.i))
	}
	ex := make([]float64, len(a.exVec))
	a.exInv.scores(q, ex)
	if c.exclude >= 0 {
		for i, o := range a.exOcc {
			if o == c.exclude {
				ex[i] = 0
			}
		}
	}
	total := 0.0
	nb := topN(ex, a.o.neighbours, false)
	for _, t := range nb {
		total += t.score
	}
	for _, t := range nb {
		acts := a.exActs[t.i]
		for _, e := range acts {
			sc.knn[e] += t.score / total / float64(len(acts))
			sc.knnMax[e] = max(sc.knnMax[e], t.score)
			if iw := a.elemInfo[e].iwa; iw >= 0 {
				sc.iwaKNN[iw] += t.score / total / float64(len(acts))
			}
		}
	}
	sc.linked = make([]float64, len(a.elems))
	for i, x := range ex {
		if x > 0 {
			for _, e := range a.exActs[i] {
				sc.linked[e] += x
			}
		}
	}
	for e, x := range sc.linked {
		if x > 0 {
			sc.linked[e] = x / math.Sqrt(float64(a.linksWithout(int32(e), c.exclude)))
		}
	}
	add := func(rs []ranked) {
		for _, t := range rs {
			if e := int32(t.i); !seen[e] {
				seen[e] = true
				cands = append(cands, e)
			}
		}
	}
	add(topN(sc.knn, a.o.neighbours*2, false))
	add(topN(sc.linked, 40, false))
	prior := make([]float64, len(a.elems))
	for e, p := range c.prior {
		prior[e] = p * (sc.title[e] + sc.linked[e])
	}
	add(topN(prior, 20, false))
	return a.features(sc, c, cands, c.exclude)
}

// unigrams numbers stems, growing the vocabulary.
func (a *Aligner) unigrams(st []string) []int32 {
	ids := make([]int32, 0, len(st))
	for _, s := range st {
		id, _ := a.voc.id(s, true)
		ids = append(ids, id)
	}
	return ids
}

// linksWithout counts the example tasks linked to element e, leaving out
// those of example occupation exclude (-1 for none).
func (a *Aligner) linksWithout(e, exclude int32) int32 {
	n := a.links[e]
	if exclude >= 0 {
		n -= a.occLinks[exclude][e]
	}
	return n
}

// knownStems returns the ids of the stems of s that the vocabulary has.
func (a *Aligner) knownStems(s string) []int32 {
	var ids []int32
	words.EachWord(s, func(w []byte) {
		if st := a.stemOf(w); st != "" {
			if id, ok := a.voc.id(st, false); ok {
				ids = append(ids, id)
			}
		}
	})
	return ids
}

// firstStem returns the first stem of s, "" for none.
func (a *Aligner) firstStem(s string) string {
	first := ""
	words.EachWord(s, func(w []byte) {
		if first == "" {
			first = a.stemOf(w)
		}
	})
	return first
}

// preferSkill puts a skill or knowledge element first when the topic
// names it more closely than any DWA title matches the statement:
// "Active listening" is the skill, not an activity.
func (a *Aligner) preferSkill(s framework.Statement, out []Match, k int) []Match {
	text := s.Topic
	if text == "" {
		return out
	}
	q := a.query(weighted{text, 1})
	acc := make([]float64, len(a.elems))
	a.skillInv.scores(q, acc)
	best := topN(acc, 1, false)
	if len(best) == 0 || best[0].score < skillThreshold {
		return out
	}
	m := Match{Element: a.elems[best[0].i], Score: best[0].score}
	out = slices.Insert(out, 0, m)
	return out[:min(len(out), k)]
}

// pinExact moves an element whose title is the topic, word for word, to
// the front with the band Exact.
func (a *Aligner) pinExact(s framework.Statement, out []Match) {
	if s.Topic == "" {
		return
	}
	e, ok := a.exact[words.Key(s.Topic)]
	if !ok {
		return
	}
	m := Match{Element: a.elems[e], Score: 1, Band: Exact}
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

// squash maps a ranker score to (0, 1).
func squash(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

type ranked struct {
	i     int
	score float64
}

// topN returns the n highest scores, highest first, ties by index;
// only positive ones unless any is set.
func topN(s []float64, n int, any bool) []ranked {
	var out []ranked
	for i, v := range s {
		if v <= 0 && !any {
			continue
		}
		if len(out) == n && v <= out[n-1].score {
			continue
		}
		r := ranked{i, v}
		k, _ := slices.BinarySearchFunc(out, r, func(a, b ranked) int {
			if a.score != b.score {
				return cmp.Compare(b.score, a.score)
			}
			return cmp.Compare(a.i, b.i)
		})
		out = slices.Insert(out, k, r)
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}
