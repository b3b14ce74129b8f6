package relate

import (
	"reflect"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
)

// cloneFramework copies f deeply enough to edit its levels and statements.
func cloneFramework(f *framework.Framework) *framework.Framework {
	c := *f
	c.Levels = make([]framework.Level, len(f.Levels))
	for i, l := range f.Levels {
		c.Levels[i] = l
		c.Levels[i].Statements = append([]framework.Statement(nil), l.Statements...)
	}
	return &c
}

func TestFits(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(f *framework.Framework)
		want    bool
		aligned bool // what FitsAligned says, when it differs from Fits
	}{
		{"the same values", func(*framework.Framework) {}, true, true},
		{"performance reworded", func(f *framework.Framework) {
			st := &f.Levels[0].Statements[0]
			st.Performance += " with care"
			st.Text = st.Topic + framework.TopicSeparator + st.Performance
		}, true, true},
		{"description changed", func(f *framework.Framework) { f.Description = "Another description." }, true, true},
		{"topic renamed", func(f *framework.Framework) { f.Levels[0].Statements[0].Topic = "Something else entirely" }, false, true},
		{"topic respelled", func(f *framework.Framework) {
			st := &f.Levels[0].Statements[0]
			st.Topic = st.Topic + "s"
		}, false, true},
		{"statement added", func(f *framework.Framework) {
			f.Levels[0].Statements = append(f.Levels[0].Statements, framework.Statement{Text: "New — new", Topic: "New", Performance: "new"})
		}, false, false},
		{"statement removed", func(f *framework.Framework) { f.Levels[0].Statements = f.Levels[0].Statements[1:] }, false, false},
		{"level relabelled", func(f *framework.Framework) { f.Levels[0].Label = "Beginning" }, false, false},
		{"level key changed", func(f *framework.Framework) { f.Levels[0].Key = "beginning" }, false, false},
		{"level removed", func(f *framework.Framework) { f.Levels = f.Levels[1:] }, false, false},
		{"title changed", func(f *framework.Framework) { f.Occupation.Title += " (new)" }, false, false},
		{"group changed", func(f *framework.Framework) { f.Occupation.Group = "Other" }, false, false},
		{"sector changed", func(f *framework.Framework) { f.Occupation.Sector = "99" }, false, false},
		{"code changed", func(f *framework.Framework) { f.Occupation.SOC = "99-9999.00" }, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fws := fixture()
			r := New(fws)
			edited := append([]*framework.Framework(nil), fws...)
			edited[0] = cloneFramework(fws[0])
			tt.edit(edited[0])
			if got := r.FitsAligned(edited); got != tt.aligned {
				t.Errorf("FitsAligned = %v, want %v", got, tt.aligned)
			}
			if got := r.Fits(edited); got != tt.want {
				t.Fatalf("Fits = %v, want %v", got, tt.want)
			}
			if !tt.want {
				return
			}
			// What Fits promises: skills, their uses and names, and the
			// level pairing are what relating afresh gives.
			fresh := New(edited)
			if !reflect.DeepEqual(fresh.Skills(), r.Skills()) {
				t.Error("skills differ from relating afresh")
			}
			for i := range edited {
				for j := range edited {
					if i != j && !reflect.DeepEqual(fresh.Compare(i, j), r.Compare(i, j)) {
						t.Errorf("Compare(%d, %d) differs from relating afresh", i, j)
					}
				}
			}
		})
	}
	fws := fixture()
	if r := New(fws); r.Fits(fws[1:]) || r.FitsAligned(fws[1:]) {
		t.Error("fits a different number of frameworks")
	}
}
