package translations

import (
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/site"
)

// occupation makes an occupation with levels of the given keys and
// statement counts.
func occupation(code string, levels ...any) *site.Occupation {
	o := &site.Occupation{Code: code, File: "frameworks/" + code + ".json"}
	for i := 0; i < len(levels); i += 2 {
		o.Levels = append(o.Levels, &site.OccupationLevel{Key: levels[i].(string), Statements: make([]site.Statement, levels[i+1].(int))})
	}
	return o
}

func siteIn(tag string, occupations ...*site.Occupation) Language {
	return Language{Tag: tag, Site: &site.Site{Config: config.Config{Language: tag}, Occupations: occupations}}
}

// TestCheck holds translations to the default language's level keys and
// statement counts, and leaves occupations in one language alone.
func TestCheck(t *testing.T) {
	en := siteIn("en", occupation("11-1011.00", "a", 2, "b", 3), occupation("22-2022.00", "a", 1))
	tests := []struct {
		name string
		fr   Language
		want []string
	}{
		{"same shape", siteIn("fr", occupation("11-1011.00", "a", 2, "b", 3)), nil},
		{"only in French", siteIn("fr", occupation("33-3033.00", "x", 9)), nil},
		{"a statement less", siteIn("fr", occupation("11-1011.00", "a", 2, "b", 2)), []string{
			"fr/frameworks/11-1011.00.json: framework.levels.b.statements: 2 statements, where the default language has 3: a translation keeps the statements in their order, so that their codes match (en/frameworks/11-1011.00.json, the en version)"}},
		{"a level renamed", siteIn("fr", occupation("22-2022.00", "z", 1)), []string{
			`fr/frameworks/22-2022.00.json: framework.levels.z: level "z" is not a level of this occupation in the default language: a translation keeps the level keys (en/frameworks/22-2022.00.json, the en version)`,
			`fr/frameworks/22-2022.00.json: framework.levels: no level "a", which this occupation has in the default language: a translation keeps the level keys (en/frameworks/22-2022.00.json, the en version)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := Check([]Language{en, tt.fr}, func(l Language, o *site.Occupation, pointer string) (string, int, int) {
				return l.Tag + "/" + o.File, 0, 0
			})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
