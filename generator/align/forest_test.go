package align

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/onet"
)

// TestLearnedModels checks that the embedded forest decodes, and that
// the aligner's classifiers (from the stored index) classify over its
// elements and IWAs in the vocabulary it numbers terms in (else they
// must be learned again: go test ./generator/align -run TestTrain -update).
func TestLearnedModels(t *testing.T) {
	if _, err := decodeForest(forestData); err != nil {
		t.Fatal(err)
	}
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := New(tax)
	for _, m := range []struct {
		d       discModel
		classes int
	}{{a.disc, len(a.elems)}, {a.discIWA, a.nIWA}} {
		if m.d.classes != m.classes || len(m.d.w.off) != int(a.voc.n)+1 || len(m.d.w.post) == 0 {
			t.Fatalf("a classifier over %d classes and %d terms, want %d and %d", m.d.classes, len(m.d.w.off)-1, m.classes, a.voc.n)
		}
	}
}

// TestForestRoundTrip checks that a forest reads back as written and
// scores by its thresholds.
func TestForestRoundTrip(t *testing.T) {
	var tr tree
	for i := range tr.thr {
		tr.feat[i], tr.thr[i] = uint8(i%nTreeFeatures), 0.5
	}
	for i := range tr.leaf {
		tr.leaf[i] = float32(i)
	}
	fo := forest{tr, tr}
	got, err := decodeForest(fo.encode())
	if err != nil || len(got) != 2 || got[1] != tr {
		t.Fatalf("decoded %v, %v", got, err)
	}
	// All inputs 0: left at every node, the first leaf; all 1: right,
	// the last.
	var x treeInput
	if s := got.score(&x); s != 0 {
		t.Errorf("score of zeros %v, want 0", s)
	}
	for i := range x {
		x[i] = 1
	}
	if s := got.score(&x); s != 2*(treeLeaves-1) {
		t.Errorf("score of ones %v, want %v", s, 2*(treeLeaves-1))
	}
}
