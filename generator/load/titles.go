package load

import (
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diag"
)

// titleConflicts reports files that share an occupation code with another
// file but not its occupation: versions of one framework must carry the
// same title, or say which title they rename (occupation.renamedFrom).
// Titles are linked when equal (ignoring case and spacing) or when one
// version renames the other's; every title of a code must be linked to
// the title of the code's first file, and each file that is not is
// reported at its title: a warning, or an error with strict, since the
// file would otherwise be published as a version of another occupation.
func titleConflicts(fws []*Framework, label func(string) string, strict bool) diag.List {
	byCode := map[string][]*Framework{}
	var codes []string
	for _, f := range fws {
		key := strings.ToLower(f.Occupation.SOC)
		if byCode[key] == nil {
			codes = append(codes, key)
		}
		byCode[key] = append(byCode[key], f)
	}
	var diags diag.List
	for _, code := range codes {
		diags = append(diags, codeTitleConflicts(byCode[code], label, strict)...)
	}
	return diags
}

// codeTitleConflicts checks the files of one code; the first is the
// reference.
func codeTitleConflicts(group []*Framework, label func(string) string, strict bool) diag.List {
	if len(group) < 2 {
		return nil
	}
	linked := linkedTitles(group)
	first := group[0]
	sev, consequence := diag.Warning, "it is published as an earlier or later version of that occupation"
	if strict {
		sev, consequence = diag.Error, "it would be published as a version of that occupation (not allowed with --strict)"
	}
	var diags diag.List
	for _, f := range group[1:] {
		if linked[titleKey(f.Occupation.Title)] {
			continue
		}
		msg := fmt.Sprintf("occupation code %q is %q in %s, but this file titles it %q: %s; "+
			"if this file is another occupation, give it its own code; if the occupation was renamed, "+
			"set occupation.renamedFrom to %q", f.Occupation.SOC, first.Occupation.Title, label(first.File),
			f.Occupation.Title, consequence, first.Occupation.Title)
		diags = append(diags, diag.Diagnostic{File: label(f.File), Line: f.Places.Title.Line, Column: f.Places.Title.Column,
			Path: "occupation.title", Severity: sev, Message: msg})
	}
	return diags
}

// linkedTitles returns the titles linked to the first file's title by
// renames, in either direction and through any number of steps.
func linkedTitles(group []*Framework) map[string]bool {
	linked := map[string]bool{titleKey(group[0].Occupation.Title): true}
	for grew := true; grew; {
		grew = false
		for _, f := range group {
			title, from := titleKey(f.Occupation.Title), titleKey(f.Occupation.RenamedFrom)
			if from == "" || linked[title] == linked[from] {
				continue
			}
			linked[title], linked[from], grew = true, true, true
		}
	}
	return linked
}

// titleKey is a title compared as people read it: case and runs of
// spaces do not matter.
func titleKey(title string) string {
	return strings.ToLower(strings.Join(strings.Fields(title), " "))
}
