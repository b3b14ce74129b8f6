package align

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// A forest of regression trees re-ranks the linear ranker's best
// candidates: it adds to each one's linear score what the features say
// together that a weighted sum cannot (that a neighbour vote counts for
// less when the title is far, say). The trees are learned by TestTrain
// (gradient boosting on the same softmax likelihood as the linear
// ranker) and embedded as forest.bin.
const (
	treeDepth  = 5
	treeInner  = 1<<treeDepth - 1
	treeLeaves = 1 << treeDepth
	// shortlisted is how many of the linear ranker's best candidates the
	// trees re-rank; the others are not matches.
	shortlisted = 40
)

// The trees' inputs: the base features (not their products: a tree
// crosses features itself), then the linear score, its distance from the
// best linear score and 1/(1+its rank among them).
const (
	tLinear = fBias + iota
	tLinearRel
	tLinearRank
	nTreeFeatures
)

// treeInput is one shortlisted candidate's inputs to the trees.
type treeInput [nTreeFeatures]float32

// tree is a complete binary regression tree: inner node n sends an input
// x to 2n+2 when x[feat[n]] > thr[n], else to 2n+1; a leaf's value is
// added to the score.
type tree struct {
	feat [treeInner]uint8
	thr  [treeInner]float32
	leaf [treeLeaves]float32
}

type forest []tree

// score is the sum of the trees' values for x.
func (fo forest) score(x *treeInput) float64 {
	s := 0.0
	for i := range fo {
		s += float64(fo[i].value(x))
	}
	return s
}

// value is the leaf value the tree gives x. The step down is taken
// without a branch: which side an input goes is as good as random, and a
// mispredicted branch at each of the levels cost more than the rest of
// the walk.
func (t *tree) value(x *treeInput) float32 {
	n := 0
	for range treeDepth {
		right := 0
		if x[t.feat[n]] > t.thr[n] {
			right = 1
		}
		n = 2*n + 1 + right
	}
	return t.leaf[n-treeInner]
}

// shortlist puts in top the best shortlisted candidates by their linear
// scores lin (best first, ties by position) and in xs their inputs to
// the trees.
func shortlist(cands []candidate, lin []float64, top []ranked, xs []treeInput) ([]ranked, []treeInput) {
	top = top[:0]
	for i, s := range lin {
		top = append(top, ranked{int32(i), s})
	}
	sortRanked(top)
	top = top[:min(len(top), shortlisted)]
	xs = xs[:0]
	for r, t := range top {
		var x treeInput
		for j := range fBias {
			x[j] = float32(cands[t.i].f[j])
		}
		x[tLinear] = float32(t.score)
		x[tLinearRel] = float32(t.score - top[0].score)
		x[tLinearRank] = float32(1 / float64(r+1))
		xs = append(xs, x)
	}
	return top, xs
}

//go:embed forest.bin
var forestData []byte

// decodeForest reads a forest written by encode.
func decodeForest(b []byte) (forest, error) {
	const size = treeInner*5 + treeLeaves*4
	if len(b) < 4 {
		return nil, fmt.Errorf("forest: %d bytes", len(b))
	}
	n := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if len(b) != n*size {
		return nil, fmt.Errorf("forest: %d bytes for %d trees, want %d", len(b), n, n*size)
	}
	fo := make(forest, n)
	for i := range fo {
		t := &fo[i]
		copy(t.feat[:], b)
		b = b[treeInner:]
		for j := range t.thr {
			t.thr[j] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*j:]))
		}
		b = b[4*treeInner:]
		for j := range t.leaf {
			t.leaf[j] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*j:]))
		}
		b = b[4*treeLeaves:]
		for j, f := range t.feat {
			if f >= nTreeFeatures {
				return nil, fmt.Errorf("forest: tree %d node %d: feature %d", i, j, f)
			}
		}
	}
	return fo, nil
}

// encode writes the forest for decodeForest.
func (fo forest) encode() []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(fo)))
	for i := range fo {
		t := &fo[i]
		b = append(b, t.feat[:]...)
		for _, x := range t.thr {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
		}
		for _, x := range t.leaf {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
		}
	}
	return b
}

// learnedForest is the embedded forest. It is written by TestTrain and
// checked by TestLearnedForest, so a failure here is a broken build.
func learnedForest() forest {
	fo, err := decodeForest(forestData)
	if err != nil {
		panic(err)
	}
	return fo
}

// linearScores puts in out the linear ranker's score of each candidate.
func linearScores(cands []candidate, w *[nFeatures]float64, out []float64) []float64 {
	out = out[:0]
	for i := range cands {
		s := 0.0
		for j, x := range w {
			s += x * cands[i].f[j]
		}
		out = append(out, s)
	}
	return out
}

// rerank puts in out the final score of each shortlisted candidate: its
// linear score plus the trees'.
func (fo forest) rerank(top []ranked, xs []treeInput, out []float64) []float64 {
	// Tree by tree over all the candidates, rather than candidate by
	// candidate: the walks of one tree are independent, so the processor
	// overlaps them. Each candidate's values are still added up in the
	// order of the trees, as score adds them.
	out = slices.Grow(out[:0], len(top))[:len(top)]
	clear(out)
	for i := range fo {
		t := &fo[i]
		for c := range xs[:len(top)] {
			out[c] += float64(t.value(&xs[c]))
		}
	}
	for c, t := range top {
		out[c] = t.score + out[c]
	}
	return out
}

// sortRanked sorts best first, ties by position.
func sortRanked(rs []ranked) {
	slices.SortFunc(rs, func(x, y ranked) int {
		switch {
		case better(x, y):
			return -1
		case better(y, x):
			return 1
		}
		return 0
	})
}
