package site

import (
	"slices"
	"testing"
)

func TestSkillByOccupation(t *testing.T) {
	a, b, c := &Occupation{Code: "a"}, &Occupation{Code: "b"}, &Occupation{Code: "c"}
	cases := []struct {
		name string
		uses []*Occupation
		want []string // each group's code and its number of uses
	}{
		{"none", nil, nil},
		{"one", []*Occupation{a}, []string{"a1"}},
		{"runs", []*Occupation{a, a, b, c, c, c}, []string{"a2", "b1", "c3"}},
		{"apart", []*Occupation{a, b, a}, []string{"a1", "b1", "a1"}},
	}
	for _, tc := range cases {
		p := &SkillPage{}
		for _, o := range tc.uses {
			p.Uses = append(p.Uses, SkillUse{Occupation: o})
		}
		var got []string
		n := 0
		for _, g := range p.ByOccupation() {
			for _, u := range g.Uses {
				if u.Occupation != g.Occupation {
					t.Errorf("%s: a use of %s in the group of %s", tc.name, u.Occupation.Code, g.Occupation.Code)
				}
			}
			got = append(got, g.Occupation.Code+string(rune('0'+len(g.Uses))))
			n += len(g.Uses)
		}
		if !slices.Equal(got, tc.want) || n != len(tc.uses) {
			t.Errorf("%s: groups %v (%d uses), want %v", tc.name, got, n, tc.want)
		}
	}
}
