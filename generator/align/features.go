package align

import (
	"math"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/onet"
)

// The features of one (statement, element) pair that the ranker weighs.
// Weights (weights_learned.go) are learned from O*NET's tasks by
// TestTrain.
const (
	fDWATitle    = iota // cosine of the statement and the DWA title
	fIWATitle           // cosine of the statement and its IWA title
	fCover              // share of the title's weight the statement has
	fVerb               // the title's verb is the statement's (first stem of topic or performance)
	fKNN                // neighbour votes: Σ sim·[linked]/links, over Σ sim
	fKNNMax             // the best neighbour linked to it
	fIWAKNN             // neighbour votes for any DWA of the same IWA
	fPrior              // share of similar occupations that perform it
	fPriorTitle         // fPrior × fDWATitle
	fKNNTitle           // fKNN × fDWATitle
	fLinked             // Σ sim of every example task linked to it, over √links
	fLinkedTitle        // fLinked × fDWATitle
	fLM                 // the DWA language model's mean log-likelihood ratio (lm.go)
	fPopular            // ln(1 + tasks linked to it) / 5
	fUnseen             // no example links to it
	fLogTitle           // ln of each evidence + 0.01, so the ranker can multiply them
	fLogIWA
	fLogKNN
	fLogKNNMax
	fLogLinked
	fLogPrior
	fLogIWAKNN
	fOccKNN   // neighbour votes weighted by how like this occupation the neighbour's is
	fKNNSharp // neighbour votes weighted by sim⁴
	fLogOccKNN
	fRankTitle  // 1/(1+rank) among the closest titles, 0 beyond them
	fRankKNN    // … among the neighbours' votes
	fRankLinked // … among the linked evidence
	fRankLM     // … among the language model's likeliest
	fRankPrior  // … among the likeliest in the occupation
	fLMRel      // fLM less the best fLM of the candidates
	fTitleRel   // fDWATitle over the best of the candidates
	fDisc       // ln p of the DWA under the classifier of texts (disc.go)
	fDiscP      // p of the DWA under it
	fDiscIWA    // ln p of its IWA under the classifier over IWAs
	fRankDisc   // 1/(1+rank) among the classifier's likeliest
	fOthers     // Σ of the other statements' first-stage probabilities of it (joint.go)
	fShare      // its first-stage probability over that and the others'
	fAhead      // 1/(1+ the other statements that give it more)
	fFirstP     // its first-stage probability
	fBias       // 1
	fCross      // the products of each pair of crossed features (crossed)
	nFeatures   = fCross + nCrossed*(nCrossed-1)/2
)

// nCrossed is the number of features whose products are features too.
const nCrossed = 12

// crossed returns the features whose products are features too, so that
// the linear ranker can weigh one kind of evidence by another.
func crossed() [nCrossed]int {
	return [...]int{fDWATitle, fIWATitle, fCover, fVerb, fKNN, fKNNMax, fLinked, fLM, fPrior, fOccKNN, fRankTitle, fRankKNN}
}

// candidate is one element considered for a statement.
type candidate struct {
	e int32 // position in Aligner.elems
	f [nFeatures]float64
}

// elemInfo is what the features need of an element.
type elemInfo struct {
	iwa  int32 // position of its IWA among IWAs, -1 for none
	verb int32 // first stem of its title, for DWAs; -1 for none
	kind onet.Kind
}

// scratch is the working memory of one statement: reused through the
// aligner's pool so that Statement allocates little.
type scratch struct {
	ids, known   []int32
	buf          []byte
	bg           bag
	q            vector
	title, skill accum // by element position
	iwa, iwaKNN  accum // by IWA position
	ex           accum // by example task
	knn, knnMax  accum
	occKNN, knn4 accum
	linked       accum
	lmDWA, lmIWA accum
	derived      accum   // by element position: scores made of others
	slot         []int32 // element position → its candidate, -1
	cands        []candidate
	top, rest    []ranked
	scores       []float64
	xs           []treeInput
	verbs        [2]int32
	nq           float64 // stems in the LM query
	discHit      accum   // by element position: the DWAs the classifier scored
	discIWAHit   accum   // by IWA position
	discS        []float64
	discIWAS     []float64
	discZ        float64 // ln of the classifiers' normalisers
	discIWAZ     float64
}

func (a *Aligner) newScratch() *scratch {
	n := len(a.elems)
	sc := &scratch{
		title: newAccum(n), skill: newAccum(n), knn: newAccum(n), knnMax: newAccum(n),
		occKNN: newAccum(n), knn4: newAccum(n),
		linked: newAccum(n), lmDWA: newAccum(n), derived: newAccum(n),
		iwa: newAccum(a.nIWA), iwaKNN: newAccum(a.nIWA), lmIWA: newAccum(a.nIWA),
		ex: newAccum(a.exActs.len()), slot: make([]int32, n),
		discHit: newAccum(n), discIWAHit: newAccum(a.nIWA), discS: make([]float64, n), discIWAS: make([]float64, a.nIWA),
	}
	for i := range sc.slot {
		sc.slot[i] = -1
	}
	return sc
}

// reset clears what the last statement touched.
func (s *scratch) reset() {
	for _, acc := range [...]*accum{&s.title, &s.skill, &s.iwa, &s.iwaKNN, &s.ex, &s.knn, &s.knnMax, &s.occKNN, &s.knn4, &s.linked, &s.lmDWA, &s.lmIWA, &s.derived} {
		acc.reset()
	}
	for _, c := range s.cands {
		s.slot[c.e] = -1
	}
	for _, e := range s.discHit.hit {
		s.discS[e] = 0
	}
	for _, iw := range s.discIWAHit.hit {
		s.discIWAS[iw] = 0
	}
	s.discHit.reset()
	s.discIWAHit.reset()
	s.cands = s.cands[:0]
}

// analyse sets the statement's query vector, LM stems and verbs.
func (a *Aligner) analyse(s framework.Statement, sc *scratch) {
	sc.bg = sc.bg[:0]
	sc.known = sc.known[:0]
	for i, text := range [2]string{s.Topic, s.Performance} {
		sc.ids, sc.buf = a.stemsOf(text, sc.ids[:0], sc.buf)
		sc.bg = a.voc.addTerms(sc.bg, sc.ids, 1, a.o.pairW, false)
		sc.verbs[i] = -1
		if len(sc.ids) > 0 {
			sc.verbs[i] = sc.ids[0]
		}
		for _, id := range sc.ids {
			if id >= 0 {
				sc.known = append(sc.known, id)
			}
		}
	}
	sc.bg = sc.bg.merge()
	sc.q = sc.bg.vector(a.idf, sc.q)
	sc.nq = float64(len(sc.known))
}

// evidence scores the statement against titles, neighbours and the
// language model.
func (a *Aligner) evidence(c Context, sc *scratch) {
	a.dwaIdx.scores(sc.q, &sc.title)
	a.iwaIdx.scores(sc.q, &sc.iwa)
	a.exIdx.scores(sc.q, &sc.ex)
	a.lm.scores(sc.known, &sc.lmDWA, &sc.lmIWA)
	sc.discZ = a.disc.scores(sc.q, &sc.discHit, sc.discS)
	sc.discIWAZ = a.discIWA.scores(sc.q, &sc.discIWAHit, sc.discIWAS)
	sc.top = topOf(sc.ex.hit, sc.ex.v, a.o.neighbours, sc.top)
	nb := sc.top
	a.vote(c, sc, nb)
	for _, i := range sc.ex.hit {
		for _, e := range a.exActs.of(i) {
			sc.linked.add(e, sc.ex.v[i])
		}
	}
	for _, e := range sc.linked.hit {
		sc.linked.v[e] /= math.Sqrt(float64(a.links[e]))
	}
}

// vote counts the neighbours' votes for the elements they were linked
// to.
func (a *Aligner) vote(c Context, sc *scratch, nb []ranked) {
	total, total4, totalOcc := 0.0, 0.0, 0.0
	for _, t := range nb {
		total += t.score
		total4 += pow4(t.score)
		if c.occSim != nil {
			totalOcc += t.score * c.occSim[a.exOcc[t.i]]
		}
	}
	for _, t := range nb {
		acts := a.exActs.of(t.i)
		n := float64(len(acts))
		for _, e := range acts {
			v := t.score / total / n
			sc.knn.add(e, v)
			sc.knn4.add(e, pow4(t.score)/total4/n)
			if totalOcc > 0 {
				sc.occKNN.add(e, t.score*c.occSim[a.exOcc[t.i]]/totalOcc/n)
			}
			if t.score > sc.knnMax.v[e] {
				sc.knnMax.add(e, t.score-sc.knnMax.v[e])
			}
			if iw := a.elemInfo[e].iwa; iw >= 0 {
				sc.iwaKNN.add(iw, v)
			}
		}
	}
}

func pow4(x float64) float64 { x *= x; return x * x }

// lmScore is the language model's score of element e (0 for those
// without a model).
func (a *Aligner) lmScore(sc *scratch, e int32) float64 {
	el := a.elemInfo[e]
	if el.kind != onet.DWA || sc.nq == 0 {
		return 0
	}
	s := sc.lmDWA.v[e]
	if el.iwa >= 0 {
		s += sc.lmIWA.v[el.iwa]
	}
	return a.lm.konst[e] + s/sc.nq
}

// candidates gathers the evidence for a statement and fills sc.cands
// with the elements worth ranking and their features: the closest DWA
// titles, the DWAs near neighbours were linked to, the likeliest under
// the language model and the likeliest in the occupation.
func (a *Aligner) candidates(c Context, s framework.Statement, sc *scratch) {
	a.analyse(s, sc)
	a.evidence(c, sc)
	add := func(top []ranked, rank int) {
		for r, t := range top {
			k := sc.slot[t.i]
			if k < 0 {
				k = int32(len(sc.cands))
				sc.slot[t.i] = k
				sc.cands = append(sc.cands, candidate{e: t.i})
			}
			sc.cands[k].f[rank] = 1 / float64(r+1)
		}
		sc.rest = top
	}
	add(topOf(sc.title.hit, sc.title.v, 60, sc.rest), fRankTitle)
	add(topOf(sc.knn.hit, sc.knn.v, a.o.neighbours*2, sc.rest), fRankKNN)
	add(topOf(sc.linked.hit, sc.linked.v, 40, sc.rest), fRankLinked)
	for _, e := range sc.lmDWA.hit {
		sc.derived.add(e, a.lmScore(sc, e)+50)
	}
	add(topOf(sc.derived.hit, sc.derived.v, a.o.lmCands, sc.rest), fRankLM)
	sc.derived.reset()
	for _, e := range sc.discHit.hit {
		sc.derived.add(e, math.Exp(sc.discS[e]-sc.discZ))
	}
	add(topOf(sc.derived.hit, sc.derived.v, a.o.discCands, sc.rest), fRankDisc)
	sc.derived.reset()
	if c.prior != nil {
		for _, hit := range [2][]int32{sc.title.hit, sc.linked.hit} {
			for _, e := range hit {
				if sc.derived.v[e] == 0 {
					sc.derived.add(e, c.prior[e]*(sc.title.v[e]+sc.linked.v[e]))
				}
			}
		}
		add(topOf(sc.derived.hit, sc.derived.v, 20, sc.rest), fRankPrior)
		sc.derived.reset()
	}
	bestLM, bestTitle := math.Inf(-1), 0.0
	for i := range sc.cands {
		cd := &sc.cands[i]
		a.features(sc, c, cd)
		bestLM, bestTitle = max(bestLM, cd.f[fLM]), max(bestTitle, cd.f[fDWATitle])
	}
	cr := crossed()
	for i := range sc.cands {
		f := &sc.cands[i].f
		f[fLMRel] = f[fLM] - bestLM
		if bestTitle > 0 {
			f[fTitleRel] = f[fDWATitle] / bestTitle
		}
		k := fCross
		for x := range cr {
			for _, y := range cr[x+1:] {
				f[k] = f[cr[x]] * f[y]
				k++
			}
		}
	}
}

// features fills a candidate's features from the evidence.
func (a *Aligner) features(sc *scratch, c Context, cd *candidate) {
	e := cd.e
	el := a.elemInfo[e]
	f := &cd.f
	f[fDWATitle] = sc.title.v[e]
	if el.iwa >= 0 {
		f[fIWATitle] = sc.iwa.v[el.iwa]
		f[fIWAKNN] = sc.iwaKNN.v[el.iwa]
	}
	f[fCover] = cover(sc.q, a.titleVec[e])
	if el.verb >= 0 && (el.verb == sc.verbs[0] || el.verb == sc.verbs[1]) {
		f[fVerb] = 1
	}
	f[fKNN] = sc.knn.v[e]
	f[fKNNMax] = sc.knnMax.v[e]
	if c.prior != nil {
		f[fPrior] = c.prior[e]
	}
	f[fPriorTitle] = f[fPrior] * f[fDWATitle]
	f[fKNNTitle] = f[fKNN] * f[fDWATitle]
	f[fLinked] = sc.linked.v[e]
	f[fLinkedTitle] = f[fLinked] * f[fDWATitle]
	f[fLM] = a.lmScore(sc, e)
	links := a.links[e]
	f[fPopular] = a.popular[e]
	if links == 0 {
		f[fUnseen] = 1
	}
	for i, x := range [...]float64{f[fDWATitle], f[fIWATitle], f[fKNN], f[fKNNMax], f[fLinked], f[fPrior], f[fIWAKNN]} {
		f[fLogTitle+i] = fastLog(x + 0.01)
	}
	f[fOccKNN] = sc.occKNN.v[e]
	f[fKNNSharp] = sc.knn4.v[e]
	f[fLogOccKNN] = fastLog(f[fOccKNN] + 0.01)
	f[fDisc] = sc.discS[e] - sc.discZ
	f[fDiscP] = math.Exp(f[fDisc])
	if el.iwa >= 0 {
		f[fDiscIWA] = sc.discIWAS[el.iwa] - sc.discIWAZ
	}
	f[fBias] = 1
}

// cover is the share of title t's weight that q has.
func cover(q, t vector) float64 {
	s, total := 0.0, 0.0
	for i, j := 0, 0; i < len(t); i++ {
		total += t[i].w
		for j < len(q) && q[j].id < t[i].id {
			j++
		}
		if j < len(q) && q[j].id == t[i].id {
			s += t[i].w
		}
	}
	if total == 0 {
		return 0
	}
	return s / total
}

// fastLog is ln x for x > 0, to about 1e-6: from the exponent and the
// series of atanh on the mantissa, several times faster than math.Log.
func fastLog(x float64) float64 {
	b := math.Float64bits(x)
	e := float64(int((b>>52)&0x7ff) - 1023)
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52) // in [1, 2)
	if m > math.Sqrt2 {
		m /= 2
		e++
	}
	t := (m - 1) / (m + 1)
	t2 := t * t
	return e*math.Ln2 + 2*t*(1+t2*(1.0/3+t2*(1.0/5+t2*(1.0/7+t2*(1.0/9+t2/11)))))
}
