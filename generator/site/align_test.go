package site

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/onet"
)

// TestChoose checks when a statement takes a runner-up that other
// occupations share instead of its own best match.
func TestChoose(t *testing.T) {
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	const own, sharedEl, other = 10, 20, 30 // element indexes; only their identity matters
	m := func(e int, score float64, b align.Band) align.Match {
		return align.Match{Element: e, Score: score, Band: b}
	}
	tests := []struct {
		name  string
		cands []align.Match // the statement's candidates in occupation A
		want  int
	}{
		{"best is shared already", []align.Match{m(sharedEl, 0.5, align.Medium), m(other, 0.4, align.Low)}, sharedEl},
		{"runner-up shared and close", []align.Match{m(own, 0.5, align.Medium), m(sharedEl, 0.35, align.Low)}, sharedEl},
		{"runner-up shared but far", []align.Match{m(own, 0.5, align.Medium), m(sharedEl, 0.2, align.Low)}, own},
		{"runner-up not shared", []align.Match{m(own, 0.5, align.Medium), m(other, 0.45, align.Low)}, own},
		{"exact stays", []align.Match{m(own, 1, align.Exact), m(sharedEl, 0.9, align.High)}, own},
		{"pinned stays", []align.Match{m(own, 1, align.Pinned), m(sharedEl, 0.9, align.High)}, own},
	}
	for _, tt := range tests {
		a := &Occupation{Code: "A"}
		b := &Occupation{Code: "B"}
		a.Levels = []*OccupationLevel{{Occupation: a, Statements: make([]Statement, 1), candidates: [][]align.Match{tt.cands}}}
		b.Levels = []*OccupationLevel{{Occupation: b, Statements: make([]Statement, 1), candidates: [][]align.Match{{m(sharedEl, 0.9, align.High)}}}}
		s := &Site{Occupations: []*Occupation{a, b}}
		s.choose(tax)
		if got := a.Levels[0].Aligned[0].Element; got != &tax.Elements[tt.want] {
			t.Errorf("%s: chose %s, want %s", tt.name, got.ID, tax.Elements[tt.want].ID)
		}
	}
}

// TestOnce checks that a model made Once aligns every statement as any
// other does, and keeps none of the runner-up matches only Reuse needs.
func TestOnce(t *testing.T) {
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := align.New(tax)
	f := &framework.Framework{Occupation: framework.Occupation{SOC: "29-2012.00", Title: "Medical Laboratory Technicians"}}
	f.Levels = []framework.Level{{Key: "emerging", Label: "Emerging", Statements: []framework.Statement{
		framework.Split("Specimen handling — label and store specimens under supervision."),
		framework.Split("Quality control — run quality control on the analysers."),
	}}}
	in := Input{Config: config.Default(), Frameworks: []Framework{{Framework: f, File: "frameworks/a.json", Sum: 1}}}
	kept, _ := New(in, WithAligner(a))
	once, _ := New(in, WithAligner(a), Once())
	for l, ol := range once.Occupations[0].Levels {
		other := kept.Occupations[0].Levels[l]
		if ol.candidates != nil || other.candidates == nil {
			t.Errorf("level %s: candidates kept %v with Once, %v without", ol.Key, ol.candidates != nil, other.candidates != nil)
		}
		for i, al := range ol.Aligned {
			if al.Element != other.Aligned[i].Element || al.Score != other.Aligned[i].Score {
				t.Errorf("level %s statement %d: %s (%.3f) with Once, %s (%.3f) without", ol.Key, i,
					al.Element.ID, al.Score, other.Aligned[i].Element.ID, other.Aligned[i].Score)
			}
		}
	}
}
