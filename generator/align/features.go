package align

import (
	"math"

	"github.com/ladder-ssg/ladder/generator/onet"
)

// The features of one (statement, element) pair that the ranker weighs.
// Weights (weights.go) are learned from O*NET's tasks by TestTrain.
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
	fBias // 1
	nFeatures
)

// candidate is one element considered for a statement.
type candidate struct {
	e int32 // position in Aligner.elems
	f [nFeatures]float64
}

// scoring is the evidence for one statement, gathered once.
type scoring struct {
	title, iwa  []float64 // by element position, by IWA position
	knn, knnMax []float64
	linked      []float64
	unigrams    []int32
	iwaKNN      map[int32]float64
	verbs       [2]string
	q           vector
}

// features fills the candidates' features from the evidence.
func (a *Aligner) features(s *scoring, c Context, cands []int32, exclude int32) []candidate {
	out := make([]candidate, 0, len(cands))
	for _, e := range cands {
		el := a.elemInfo[e]
		var f [nFeatures]float64
		f[fDWATitle] = s.title[e]
		if el.iwa >= 0 {
			f[fIWATitle] = s.iwa[el.iwa]
			f[fIWAKNN] = s.iwaKNN[el.iwa]
		}
		f[fCover] = a.cover(s.q, e)
		if el.verb != "" && (el.verb == s.verbs[0] || el.verb == s.verbs[1]) {
			f[fVerb] = 1
		}
		f[fKNN] = s.knn[e]
		f[fKNNMax] = s.knnMax[e]
		f[fPrior] = c.prior[e]
		f[fPriorTitle] = f[fPrior] * f[fDWATitle]
		f[fKNNTitle] = f[fKNN] * f[fDWATitle]
		f[fLinked] = s.linked[e]
		f[fLinkedTitle] = f[fLinked] * f[fDWATitle]
		if el.kind == onet.DWA {
			f[fLM] = a.lm.score(s.unigrams, e, el.iwa, exclude)
		}
		links := a.linksWithout(e, exclude)
		f[fPopular] = math.Log1p(float64(links)) / 5
		if links == 0 {
			f[fUnseen] = 1
		}
		for i, x := range [...]float64{f[fDWATitle], f[fIWATitle], f[fKNN], f[fKNNMax], f[fLinked], f[fPrior], f[fIWAKNN]} {
			f[fLogTitle+i] = math.Log(x + 0.01)
		}
		f[fBias] = 1
		out = append(out, candidate{e, f})
	}
	return out
}

// cover is the share of element e's title weight that q has.
func (a *Aligner) cover(q vector, e int32) float64 {
	t := a.titleOnly[e]
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

// elemInfo is what the features need of an element.
type elemInfo struct {
	iwa  int32  // position of its IWA among IWAs, -1 for none
	verb string // first stem of its title, for DWAs
	kind onet.Kind
}
