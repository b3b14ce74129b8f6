package render

import "testing"

func TestGenerations(t *testing.T) {
	g := newGenerations[int, string](3)
	for i := range 3 {
		g.put(i, "v")
	}
	if _, ok := g.get(0); !ok {
		t.Fatal("0 missing while the first generation is not full")
	}
	g.put(3, "v") // the first generation, 0–2, becomes the old one
	if _, ok := g.get(1); !ok {
		t.Fatal("1 missing from the old generation")
	}
	// 1 moved to the current generation with 3; 0 and 2 stay old.
	g.put(4, "v")
	g.put(5, "v") // full again: 0 and 2 are dropped
	for k, want := range map[int]bool{0: false, 2: false, 1: true, 3: true, 4: true, 5: true} {
		if _, ok := g.get(k); ok != want {
			t.Errorf("get(%d) found %v, want %v", k, ok, want)
		}
	}
	if n := g.len(); n > 2*3 {
		t.Errorf("holds %d entries, limit 3", n)
	}
}
