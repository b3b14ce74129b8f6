package align

import (
	"math"
	"slices"
	"sync"
)

// boostParams are the gradient boosting's settings.
type boostParams struct {
	trees     int
	rate      float64 // shrinkage of each tree's values
	lambda    float64 // L2 penalty on a leaf's value
	minHess   float64 // least Hessian sum a child of a split needs
	bins      int     // most thresholds tried per feature
	subsample int     // every subsample-th task sits out a tree, by turns; 0 none
}

func defaultBoost() boostParams {
	return boostParams{trees: 100, rate: 0.05, lambda: 10, minHess: 5, bins: 64}
}

// boostSet is a training set laid out for boosting: the shortlisted
// candidates of every task, their inputs binned by feature.
type boostSet struct {
	off   []int32     // task i's rows are off[i]:off[i+1]
	bins  [][]uint8   // by tree feature, by row
	cuts  [][]float32 // by tree feature: the thresholds of its bins
	base  []float64   // by row: the linear score
	right []bool      // by row
}

// newBoostSet shortlists each example's candidates by the linear weights
// w and bins their tree inputs.
func newBoostSet(set []example, w *[nFeatures]float64, p boostParams) *boostSet {
	bs := &boostSet{off: []int32{0}}
	var xs []treeInput
	var top []ranked
	var lin []float64
	var all []treeInput
	for _, ex := range set {
		lin = linearScores(ex.cands, w, lin)
		top, xs = shortlist(ex.cands, lin, top, xs)
		for i, t := range top {
			all = append(all, xs[i])
			bs.base = append(bs.base, t.score)
			bs.right = append(bs.right, ex.right[t.i])
		}
		bs.off = append(bs.off, int32(len(bs.base)))
	}
	bs.bins = make([][]uint8, nTreeFeatures)
	bs.cuts = make([][]float32, nTreeFeatures)
	var wg sync.WaitGroup
	for f := range nTreeFeatures {
		wg.Go(func() { bs.cuts[f], bs.bins[f] = binFeature(all, f, p.bins) })
	}
	wg.Wait()
	return bs
}

// binFeature picks up to n thresholds of feature f at its quantiles and
// gives each row the first bin whose threshold is at least its value.
func binFeature(all []treeInput, f, n int) ([]float32, []uint8) {
	vals := make([]float32, len(all))
	for i := range all {
		vals[i] = all[i][f]
	}
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	var cuts []float32
	for q := 1; q < n; q++ {
		v := sorted[q*len(sorted)/n]
		if len(cuts) == 0 || v > cuts[len(cuts)-1] {
			cuts = append(cuts, v)
		}
	}
	bins := make([]uint8, len(all))
	for i, v := range vals {
		b, _ := slices.BinarySearch(cuts, v)
		bins[i] = uint8(b)
	}
	return cuts, bins
}

// boost learns trees that add to the linear scores, by Newton steps on
// the softmax likelihood that a right candidate ranks first among its
// task's shortlist.
func boost(bs *boostSet, p boostParams) forest {
	rows := len(bs.base)
	margin := slices.Clone(bs.base)
	g, h := make([]float64, rows), make([]float64, rows)
	node := make([]int32, rows)
	var fo forest
	for round := range p.trees {
		gradients(bs, margin, g, h)
		if p.subsample > 0 {
			for i := round % p.subsample; i < len(bs.off)-1; i += p.subsample {
				for r := bs.off[i]; r < bs.off[i+1]; r++ {
					g[r], h[r] = 0, 0
				}
			}
		}
		t := growTree(bs, g, h, node, p)
		for r := range rows {
			margin[r] += float64(t.leaf[node[r]-treeInner])
		}
		fo = append(fo, t)
	}
	return fo
}

// gradients sets the first and (diagonal) second derivatives of each
// task's loss −ln Σ_right p by its rows' margins.
func gradients(bs *boostSet, margin, g, h []float64) {
	for i := range len(bs.off) - 1 {
		lo, hi := bs.off[i], bs.off[i+1]
		top := math.Inf(-1)
		for r := lo; r < hi; r++ {
			top = max(top, margin[r])
		}
		all, right := 0.0, 0.0
		for r := lo; r < hi; r++ {
			e := math.Exp(margin[r] - top)
			g[r] = e
			all += e
			if bs.right[r] {
				right += e
			}
		}
		for r := lo; r < hi; r++ {
			e := g[r]
			pr := e / all
			g[r], h[r] = pr, max(pr*(1-pr), 1e-6)
			if right == 0 {
				g[r], h[r] = 0, 0
				continue
			}
			if bs.right[r] {
				q := e / right
				g[r] -= q
				h[r] = max(h[r]-q*(1-q), 1e-6)
			}
		}
	}
}

// stat sums derivatives.
type stat struct{ g, h float64 }

// growTree grows one tree level by level, each node split where the
// Newton gain is largest; node ends as each row's leaf node.
func growTree(bs *boostSet, g, h []float64, node []int32, p boostParams) tree {
	var t tree
	for r := range node {
		node[r] = 0
	}
	nb := 256
	for d := range treeDepth {
		first, width := 1<<d-1, 1<<d
		hist := make([]stat, width*nTreeFeatures*nb)
		var wg sync.WaitGroup
		for f := range nTreeFeatures {
			wg.Go(func() {
				bins := bs.bins[f]
				for r, b := range bins {
					k := ((int(node[r])-first)*nTreeFeatures+f)*nb + int(b)
					hist[k].g += g[r]
					hist[k].h += h[r]
				}
			})
		}
		wg.Wait()
		for n := range width {
			f, b := bestSplit(hist[n*nTreeFeatures*nb:(n+1)*nTreeFeatures*nb], bs, nb, p)
			t.feat[first+n] = uint8(f)
			if b < 0 {
				t.thr[first+n] = float32(math.Inf(1))
			} else {
				t.thr[first+n] = bs.cuts[f][b]
			}
		}
		for r := range node {
			n := node[r]
			if float32cut(bs, int(t.feat[n]), r, t.thr[n]) {
				node[r] = 2*n + 2
			} else {
				node[r] = 2*n + 1
			}
		}
	}
	var leaves [treeLeaves]stat
	for r, n := range node {
		leaves[n-treeInner].g += g[r]
		leaves[n-treeInner].h += h[r]
	}
	for i, s := range leaves {
		t.leaf[i] = float32(-p.rate * s.g / (s.h + p.lambda))
	}
	return t
}

// float32cut reports whether row r goes right of threshold thr on
// feature f: its bin lies past the threshold's.
func float32cut(bs *boostSet, f, r int, thr float32) bool {
	b := bs.bins[f][r]
	return int(b) < len(bs.cuts[f]) && bs.cuts[f][b] > thr || int(b) == len(bs.cuts[f]) && !math.IsInf(float64(thr), 1)
}

// bestSplit returns the feature and bin of the best split of a node's
// histograms, bin −1 for none worth making.
func bestSplit(hist []stat, bs *boostSet, nb int, p boostParams) (int, int) {
	var total stat
	for _, s := range hist[:nb] {
		total.g += s.g
		total.h += s.h
	}
	score := func(s stat) float64 { return s.g * s.g / (s.h + p.lambda) }
	parent := score(total)
	bestF, bestB, bestGain := 0, -1, 1e-9
	for f := range nTreeFeatures {
		var left stat
		for b := range len(bs.cuts[f]) {
			s := hist[f*nb+b]
			left.g += s.g
			left.h += s.h
			right := stat{total.g - left.g, total.h - left.h}
			if left.h < p.minHess || right.h < p.minHess {
				continue
			}
			if gain := score(left) + score(right) - parent; gain > bestGain {
				bestF, bestB, bestGain = f, b, gain
			}
		}
	}
	return bestF, bestB
}
