package translations

import (
	"fmt"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/site"
)

// Check holds each translated occupation to the default language's: the
// same level keys, and as many statements in each level, so that every
// statement's code (SOC code, level, number) names the same statement in
// every language. file names an occupation's framework file in
// diagnostics.
func Check(langs []Language, file func(l Language, o *site.Occupation) string) diag.List {
	if len(langs) < 2 {
		return nil
	}
	def := langs[0]
	byCode := map[string]*site.Occupation{}
	for _, o := range def.Site.Occupations {
		byCode[o.Code] = o
	}
	var diags diag.List
	for _, l := range langs[1:] {
		for _, o := range l.Site.Occupations {
			ref := byCode[o.Code]
			if ref == nil {
				continue
			}
			name := file(l, o)
			errorf := func(path, format string, args ...any) {
				diags = append(diags, diag.Diagnostic{File: name, Path: path, Severity: diag.Error,
					Message: fmt.Sprintf(format, args...) + fmt.Sprintf(" (%s, the %s version)", file(def, ref), def.Tag)})
			}
			compareLevels(o, ref, errorf)
		}
	}
	return diags
}

// compareLevels reports through errorf each level of o that ref lacks or
// whose statements ref has another number of, and each level of ref o
// lacks.
func compareLevels(o, ref *site.Occupation, errorf func(path, format string, args ...any)) {
	refLevels := map[string]*site.OccupationLevel{}
	for _, ol := range ref.Levels {
		refLevels[ol.Key] = ol
	}
	have := map[string]bool{}
	for _, ol := range o.Levels {
		have[ol.Key] = true
		r := refLevels[ol.Key]
		path := "framework.levels." + ol.Key
		switch {
		case r == nil:
			errorf(path, "level %q is not a level of this occupation in the default language: a translation keeps the level keys", ol.Key)
		case len(r.Statements) != len(ol.Statements):
			errorf(path+".statements", "%d %s, where the default language has %d: a translation keeps the statements in their order, so that their codes match",
				len(ol.Statements), diag.Plural(len(ol.Statements), "statement", "statements"), len(r.Statements))
		}
	}
	for _, r := range ref.Levels {
		if !have[r.Key] {
			errorf("framework.levels", "no level %q, which this occupation has in the default language: a translation keeps the level keys", r.Key)
		}
	}
}
