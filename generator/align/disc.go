package align

import (
	"math"
	"sync"

	"github.com/ladder-ssg/ladder/generator/onet"
)

// discModel is a maximum-entropy classifier of a text's TF-IDF vector
// over a set of classes (DWAs, or IWAs): a weight for each term and class
// that a training text of the class had, learned by maximising the
// likelihood of the texts' classes under the softmax over every class.
// Unlike the language model, which counts words, it learns which words
// tell an activity apart from the activities it is confused with.
type discModel struct {
	w       index // term → (class, weight)
	classes int
}

// discDoc is one training text: its vector and its classes.
type discDoc struct {
	x       vector
	classes []int32
}

// discParams are the classifier's training settings.
type discParams struct {
	epochs int
	rate   float64
	l2     float64
}

// trainDisc learns a classifier over n classes from docs, terms numbered
// below terms.
func trainDisc(docs []discDoc, n, terms int, p discParams) discModel {
	byClass := make([]bag, n)
	for _, d := range docs {
		for _, c := range d.classes {
			for _, f := range d.x {
				byClass[c] = append(byClass[c], feat{f.id, 1})
			}
		}
	}
	for c := range byClass {
		byClass[c] = byClass[c].merge()
	}
	m := discModel{w: newIndex(byClass, nil, terms), classes: n}
	for i := range m.w.post {
		m.w.post[i].w = 0
	}
	ada := make([]float32, len(m.w.post))
	touched := newAccum(n)
	s := make([]float64, n)
	for range p.epochs {
		for _, d := range docs {
			m.step(d, p, &touched, s, ada)
		}
	}
	m.quantize()
	return m
}

// step takes one AdaGrad step on doc d's log loss.
func (m *discModel) step(d discDoc, p discParams, touched *accum, s []float64, ada []float32) {
	logZ := m.scores(d.x, touched, s)
	q := 1 / float64(len(d.classes))
	for _, c := range touched.hit {
		s[c] = math.Exp(s[c] - logZ)
	}
	for _, c := range d.classes {
		s[c] -= q
	}
	for _, f := range d.x {
		lo := m.w.off[f.id]
		for k, pst := range m.w.postings(f.id) {
			i := lo + int32(k)
			g := float32(f.w*s[pst.doc] + p.l2*float64(pst.w))
			ada[i] += g * g
			m.w.post[i].w -= float32(p.rate) * g / (float32(math.Sqrt(float64(ada[i]))) + 1e-6)
		}
	}
	for _, c := range touched.hit {
		s[c] = 0
	}
	touched.reset()
}

// scores sets s[c] to the score of every class the vector x touches
// (listing them in touched) and returns ln Z, the softmax normaliser
// over all classes (an untouched class scores 0).
func (m *discModel) scores(x vector, touched *accum, s []float64) float64 {
	for _, f := range x {
		for _, pst := range m.w.postings(f.id) {
			if touched.v[pst.doc] == 0 {
				touched.v[pst.doc] = 1
				touched.hit = append(touched.hit, pst.doc)
			}
			s[pst.doc] += f.w * float64(pst.w)
		}
	}
	hi := 0.0
	for _, c := range touched.hit {
		hi = max(hi, s[c])
	}
	z := float64(m.classes-len(touched.hit)) * math.Exp(-hi)
	for _, c := range touched.hit {
		z += math.Exp(s[c] - hi)
	}
	return hi + math.Log(z)
}

// learnDisc learns the classifiers of texts over DWAs and over IWAs from
// the example tasks and the titles.
func (a *Aligner) learnDisc(b *builder) {
	if a.o.learn == nil && !a.o.freshDisc {
		// Learning them takes seconds: those of the stored index are the
		// ones learned from every example, in this vocabulary if it is
		// the stored one.
		st := unindexed(a.tax, a.o)
		if err := st.load(storedIndex); err == nil && a.voc.equal(&st.voc) {
			a.disc, a.discIWA = st.disc, st.discIWA
			return
		}
	}
	var dwaDocs, iwaDocs []discDoc
	for i, bg := range b.exBags {
		acts := a.exActs.of(int32(i))
		x := bg.vector(a.idf, nil)
		if len(acts) == 0 || len(x) == 0 {
			continue
		}
		dwaDocs = append(dwaDocs, discDoc{x, acts})
		var iwas []int32
		for _, e := range acts {
			if iw := a.elemInfo[e].iwa; iw >= 0 && !containsInt32(iwas, iw) {
				iwas = append(iwas, iw)
			}
		}
		if len(iwas) > 0 {
			iwaDocs = append(iwaDocs, discDoc{x, iwas})
		}
	}
	for e, info := range a.elemInfo {
		if info.kind == onet.DWA && len(a.titleVec[e]) > 0 {
			dwaDocs = append(dwaDocs, discDoc{a.titleVec[e], []int32{int32(e)}})
			if info.iwa >= 0 {
				iwaDocs = append(iwaDocs, discDoc{a.titleVec[e], []int32{info.iwa}})
			}
		}
	}
	for iw, bg := range b.iwaBags {
		if x := bg.vector(a.idf, nil); len(x) > 0 {
			iwaDocs = append(iwaDocs, discDoc{x, []int32{int32(iw)}})
		}
	}
	terms := int(a.voc.n)
	var wg sync.WaitGroup
	wg.Go(func() { a.disc = trainDisc(dwaDocs, len(a.elems), terms, a.o.disc) })
	wg.Go(func() { a.discIWA = trainDisc(iwaDocs, len(b.iwaBags), terms, a.o.disc) })
	wg.Wait()
}

// discStep is the step of a stored weight: weights are rounded to it,
// and those that round to 0 are dropped, when learned as when stored, so
// that the stored classifiers are the learned ones exactly.
const discStep = 1.0 / 1024

// quantize rounds the weights to discStep and drops those that round to
// zero.
func (m *discModel) quantize() {
	docs := make([]bag, m.classes)
	for t := range len(m.w.off) - 1 {
		for _, p := range m.w.postings(int32(t)) {
			if q := math.Round(float64(p.w) / discStep); q != 0 {
				docs[p.doc] = append(docs[p.doc], feat{int32(t), q * discStep})
			}
		}
	}
	m.w = newIndex(docs, nil, len(m.w.off)-1)
}
