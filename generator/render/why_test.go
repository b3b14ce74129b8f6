package render

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/site"
)

// TestWhy holds the reasons of related occupations, written from
// site.Why with the catalogue, to the sentences relate writes in English,
// and checks them in French and Arabic.
func TestWhy(t *testing.T) {
	developing := &site.OccupationLevel{Label: "Developing"}
	names := []string{"Analyze test data", "Maintain equipment", "PCR testing"}
	tests := []struct {
		lang string
		why  site.Why
		want string
	}{
		{"en", site.Why{}, "Similar work"},
		{"en", site.Why{SameGroup: true, SameSector: true}, "Same occupational group and sector"},
		{"en", site.Why{SameSector: true}, "Same sector"},
		{"en", site.Why{Shared: 6, Names: names, AtLevel: developing, AtCount: 3},
			"Shares 6 skills, 3 at developing level: analyze test data, maintain equipment, PCR testing, …"},
		{"en", site.Why{Shared: 2, Names: names[:2], AtLevel: developing, AtCount: 2},
			"Shares 2 developing-level skills: analyze test data, maintain equipment"},
		{"en", site.Why{SameGroup: true, Shared: 1, Names: []string{"Sort, label"}, AtLevel: developing, AtCount: 1},
			"Same occupational group; shares 1 developing-level skill: sort, label"},
		{"en", site.Why{Shared: 4, Names: []string{"Sort, label", "File"}, AtLevel: developing, AtCount: 1},
			"Shares 4 skills: sort, label; file; …"},
		{"fr", site.Why{SameSector: true, Shared: 6, Names: names, AtLevel: developing, AtCount: 3},
			"Même secteur ; partage 6 compétences, dont 3 au niveau developing : analyze test data, maintain equipment, PCR testing, …"},
		{"ar", site.Why{Shared: 2, Names: names[:2]}, "تشترك في مهارتين: analyze test data، maintain equipment"},
		{"ar", site.Why{SameGroup: true}, "المجموعة المهنية نفسها"},
	}
	for _, tt := range tests {
		if got := why(i18n.Shipped(tt.lang), tt.why); got != tt.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", tt.lang, tt.why, got, tt.want)
		}
	}
}
