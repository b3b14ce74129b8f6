package align

import (
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/onet"
)

// testAligner is an aligner over every example, made once per test.
func testAligner(t *testing.T) *Aligner {
	t.Helper()
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	return New(tax)
}

// elementByTitle returns the taxonomy index of the element titled title.
func elementByTitle(t *testing.T, tax *onet.Taxonomy, title string) int {
	t.Helper()
	i := slices.IndexFunc(tax.Elements, func(e onet.Element) bool { return e.Title == title })
	if i < 0 {
		t.Fatalf("no element %q", title)
	}
	return i
}

// TestClearAlignments checks statements whose alignment no reader would
// doubt.
func TestClearAlignments(t *testing.T) {
	a := testAligner(t)
	fw := &framework.Framework{Occupation: framework.Occupation{Title: "Medical Laboratory Technologist"},
		Description: "Perform complex medical laboratory tests for diagnosis, treatment, and prevention of disease."}
	c := a.Occupation(fw)
	tests := []struct {
		text, want string
		within     int
		band       Band // the least band the first match may have
	}{
		{"Analyze biological samples — Run assays on patient samples.", "Analyze biological samples", 1, Exact},
		{"Specimen analysis — Analyze laboratory findings to check the accuracy of the results.", "Analyze laboratory findings", 3, Low},
		{"Collect blood or tissue samples from patients.", "Collect biological specimens from patients", 3, Low},
		{"Operate analyzers and microscopes to test medical samples.", "Operate laboratory equipment to analyze medical samples", 5, Low},
		{"Active Listening — Give full attention to what other people are saying.", "Active Listening", 1, Low},
		{"Diagnose malfunctions of laboratory equipment and repair them.", "Diagnose equipment malfunctions", 5, Low},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			want := elementByTitle(t, a.Taxonomy(), tc.want)
			ms := a.Statement(c, framework.Split(tc.text), 5)
			i := slices.IndexFunc(ms, func(m Match) bool { return m.Element == want })
			if i < 0 || i >= tc.within {
				var got []string
				for _, m := range ms {
					got = append(got, a.Taxonomy().Elements[m.Element].Title)
				}
				t.Fatalf("%q at %d, want within %d: %q", tc.want, i, tc.within, got)
			}
			if ms[0].Band < tc.band {
				t.Errorf("band %v, want at least %v", ms[0].Band, tc.band)
			}
			for _, m := range ms {
				if m.Score <= 0 || m.Score > 1 {
					t.Errorf("score %v out of (0, 1]", m.Score)
				}
			}
		})
	}
}

// TestExactFastPath checks that an exact topic asked for one match is
// that element, Exact, and the same as the first of five.
func TestExactFastPath(t *testing.T) {
	a := testAligner(t)
	s := framework.Split("Analyze biological samples — Run assays on patient samples.")
	one := a.Statement(Context{}, s, 1)
	five := a.Statement(Context{}, s, 5)
	if len(one) != 1 || one[0].Band != Exact || len(five) == 0 || five[0] != one[0] {
		t.Fatalf("one %v, five %v", one, five)
	}
}

// TestDeterministic checks that two aligners, and goroutines sharing
// one, give the same matches.
func TestDeterministic(t *testing.T) {
	a, b := testAligner(t), testAligner(t)
	oc := a.Taxonomy().Examples()[7]
	fw := exampleFramework(oc)
	ca, cb := a.Occupation(fw), b.Occupation(fw)
	want := make([][]Match, len(oc.Tasks))
	for i, s := range fw.Levels[0].Statements {
		want[i] = a.Statement(ca, s, 5)
		if got := b.Statement(cb, s, 5); !slices.Equal(got, want[i]) {
			t.Fatalf("task %d: %v, then %v", i, want[i], got)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, s := range fw.Levels[0].Statements {
				if got := a.Statement(ca, s, 5); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent task %d: %v, want %v", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

// TestHeldOutSmall aligns the tasks of a few dozen occupations the
// aligner did not learn from and checks a floor well below what the
// 5-fold measurement (TestTrain) gives.
func TestHeldOutSmall(t *testing.T) {
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	fold := func(soc string) int {
		h := fnv.New32a()
		h.Write([]byte(soc))
		return int(h.Sum32() % 12)
	}
	top1, top5, n, _ := heldOutFold(tax, fold, 0, LearnFrom(func(soc string) bool { return fold(soc) != 0 }))
	t.Logf("%d held-out tasks: top-1 %.3f, top-5 %.3f", n, top1, top5)
	if top1 < 0.3 || top5 < 0.55 {
		t.Errorf("top-1 %.3f, top-5 %.3f: below 0.30, 0.55", top1, top5)
	}
}

func TestFastLog(t *testing.T) {
	for _, x := range []float64{1e-3, 0.01, 0.0123, 0.5, 0.7071, 1, 1.4142, 2, 3, 10, 123.4, 1e4} {
		if d := math.Abs(fastLog(x) - math.Log(x)); d > 1e-9 {
			t.Errorf("fastLog(%v) off by %v", x, d)
		}
	}
}

func TestTopOf(t *testing.T) {
	v := []float64{0.5, 0, 2, 2, -1, 0.7, 3}
	hit := []int32{6, 0, 1, 2, 3, 4, 5}
	tests := []struct {
		n    int
		want []int32
	}{
		{1, []int32{6}},
		{3, []int32{6, 2, 3}},
		{10, []int32{6, 2, 3, 5, 0}},
	}
	for _, tc := range tests {
		var got []int32
		for _, r := range topOf(hit, v, tc.n, nil) {
			got = append(got, r.i)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("top %d: %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestSOCKin(t *testing.T) {
	a := &Aligner{o: options{kin: [4]float64{4, 3, 2, 1}}}
	for _, c := range []struct {
		x, y string
		want float64
	}{
		{"29-2011.01", "29-2011.02", 4}, // one detailed occupation
		{"29-2011.00", "29-2012.00", 3}, // one broad group
		{"29-2011.00", "29-2099.05", 2}, // one minor group
		{"29-2011.00", "29-1141.00", 1}, // one major group
		{"29-2011.00", "19-4021.00", 0},
		{"29-2011.00", "", 0},
		{"29", "29-2011.00", 0}, // too short to be a code
	} {
		var y socCode
		copy(y[:], c.y)
		if got := a.socKin(c.x, y); got != c.want {
			t.Errorf("socKin(%q, %q) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
