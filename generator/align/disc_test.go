package align

import (
	"testing"
)

// toyDocs are texts of three classes over six terms: class c's texts
// have terms 2c and 2c+1, and term 5 is in every text of class 2 and
// some of class 0, so only its partner tells them apart.
func toyDocs() []discDoc {
	var docs []discDoc
	for i := range 30 {
		c := int32(i % 3)
		x := vector{{2 * c, 0.8}, {2*c + 1, 0.6}}
		if c == 0 && i%2 == 0 {
			x = vector{{0, 0.7}, {5, 0.7}}
		}
		docs = append(docs, discDoc{x, []int32{c}})
	}
	return docs
}

// TestDiscLearns checks that the classifier puts each toy text's class
// first, and that term 5 alone leans to class 2, whose texts all have
// it.
func TestDiscLearns(t *testing.T) {
	m := trainDisc(toyDocs(), 3, 6, discParams{epochs: 8, rate: 1, l2: 3e-4})
	touched := newAccum(3)
	s := make([]float64, 3)
	best := func(x vector) int32 {
		m.scores(x, &touched, s)
		b := int32(0)
		for c := range int32(3) {
			if s[c] > s[b] {
				b = c
			}
		}
		for _, c := range touched.hit {
			s[c] = 0
		}
		touched.reset()
		return b
	}
	for i, d := range toyDocs() {
		if got := best(d.x); got != d.classes[0] {
			t.Errorf("text %d: class %d first, want %d", i, got, d.classes[0])
		}
	}
	if got := best(vector{{5, 1}}); got != 2 {
		t.Errorf("term 5 alone: class %d first, want 2", got)
	}
}

// TestJointFeatures checks that a candidate another statement wants more
// scores lower on the joint features, and that statements of one group
// are not each other's others.
func TestJointFeatures(t *testing.T) {
	var first [nFeatures]float64
	first[fDWATitle] = 1
	cand := func(e int32, title float64) candidate {
		var c candidate
		c.e, c.f[fDWATitle] = e, title
		return c
	}
	stage := func(sets [][]candidate) {
		for _, cs := range sets {
			firstStage(cs, &first, nil, nil)
		}
	}
	two := func() [][]candidate {
		return [][]candidate{
			{cand(1, 1), cand(2, 0)}, // wants 1
			{cand(1, 3), cand(3, 0)}, // wants 1 more
		}
	}
	sets := two()
	stage(sets)
	joint(sets, []int32{0, 1})
	a, b := sets[0][0].f, sets[1][0].f
	if !(a[fAhead] < b[fAhead] && a[fShare] < b[fShare] && a[fOthers] > b[fOthers]) {
		t.Errorf("element 1: first statement ahead %v share %v others %v, second %v %v %v: want the first to lose", a[fAhead], a[fShare], a[fOthers], b[fAhead], b[fShare], b[fOthers])
	}
	if sets[0][1].f[fOthers] != 0 || sets[0][1].f[fShare] != 1 || sets[0][1].f[fAhead] != 1 {
		t.Errorf("element 2, wanted by no other: others %v share %v ahead %v", sets[0][1].f[fOthers], sets[0][1].f[fShare], sets[0][1].f[fAhead])
	}
	// A third statement in the first one's group changes nothing for
	// the first.
	grouped := append(two(), []candidate{cand(1, 3)})
	stage(grouped)
	joint(grouped, []int32{0, 1, 0})
	if grouped[0][0].f != a {
		t.Errorf("with a statement of its group: %v, alone %v", grouped[0][0].f[fOthers:fFirstP+1], a[fOthers:fFirstP+1])
	}
}
