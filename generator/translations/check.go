package translations

import (
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/site"
)

// Locate names an occupation's framework file in diagnostics and, where
// it can, the line and column of the value at pointer (a JSON Pointer,
// "" for none) in it.
type Locate func(l Language, o *site.Occupation, pointer string) (file string, line, col int)

// Check holds each translated occupation to the default language's: the
// same level keys, and as many statements in each level, so that every
// statement's code (SOC code, level, number) names the same statement in
// every language.
func Check(langs []Language, locate Locate) diag.List {
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
			refFile, _, _ := locate(def, ref, "")
			errorf := func(path, pointer, format string, args ...any) {
				d := diag.Diagnostic{Path: path, Severity: diag.Error,
					Message: fmt.Sprintf(format, args...) + fmt.Sprintf(" (%s, the %s version)", refFile, def.Tag)}
				d.File, d.Line, d.Column = locate(l, o, pointer)
				diags = append(diags, d)
			}
			compareLevels(o, ref, errorf)
		}
	}
	return diags
}

// compareLevels reports through errorf each level of o that ref lacks or
// whose statements ref has another number of, and each level of ref o
// lacks.
func compareLevels(o, ref *site.Occupation, errorf func(path, pointer, format string, args ...any)) {
	refLevels := map[string]*site.OccupationLevel{}
	for _, ol := range ref.Levels {
		refLevels[ol.Key] = ol
	}
	have := map[string]bool{}
	for _, ol := range o.Levels {
		have[ol.Key] = true
		r := refLevels[ol.Key]
		path, pointer := "framework.levels."+ol.Key, "/framework/levels/"+escape(ol.Key)
		switch {
		case r == nil:
			errorf(path, pointer, "level %q is not a level of this occupation in the default language: a translation keeps the level keys", ol.Key)
		case len(r.Statements) != len(ol.Statements):
			errorf(path+".statements", pointer+"/statements", "%d %s, where the default language has %d: a translation keeps the statements in their order, so that their codes match",
				len(ol.Statements), diag.Plural(len(ol.Statements), "statement", "statements"), len(r.Statements))
		}
	}
	for _, r := range ref.Levels {
		if !have[r.Key] {
			errorf("framework.levels", "/framework/levels", "no level %q, which this occupation has in the default language: a translation keeps the level keys", r.Key)
		}
	}
}

// escape escapes a JSON Pointer reference token (RFC 6901).
func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
