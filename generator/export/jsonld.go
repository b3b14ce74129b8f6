package export

import (
	"github.com/ladder-ssg/ladder/generator/site"
)

// schemaContext is the JSON-LD context of every value below.
const schemaContext = "https://schema.org"

// The JSON-LD functions return values, not text: a template writes them as
// <script type="application/ld+json">{{.}}</script> and html/template
// marshals and escapes them itself, so no text of a framework can end the
// script element. URLs are absolute with a base URL, else relative to the
// page the value is on.

// OccupationLD returns the schema.org Occupation of an occupation page:
// name, description, url, occupationalCategory as a CategoryCode (the
// O*NET-SOC code in the O*NET-SOC code set), and skills as a DefinedTerm
// per statement (name its topic, termCode its code, url its anchor).
func OccupationLD(o *site.Occupation, s *site.Site) any {
	c := codesOf(o)
	skills := []any{}
	for _, ol := range o.Levels {
		for _, st := range ol.Statements {
			skills = append(skills, definedTerm(s, o.Path, ol, st, c))
		}
	}
	ld := map[string]any{
		"@context": schemaContext,
		"@type":    "Occupation",
		"name":     o.Title(),
		"url":      link(s, o.Path, o.Path, ""),
		"occupationalCategory": map[string]any{
			"@type":     "CategoryCode",
			"codeValue": o.Code,
			"name":      o.Title(),
			"inCodeSet": map[string]any{
				"@type": "CategoryCodeSet",
				"name":  "O*NET-SOC",
				"url":   "https://www.onetcenter.org/taxonomy.html",
			},
		},
		"skills": skills,
	}
	if d := description(o); d != "" {
		ld["description"] = d
	}
	return ld
}

// LevelLD returns the schema.org DefinedTermSet of a level page: the
// level's statements as DefinedTerms with their codes and anchor URLs.
func LevelLD(ol *site.OccupationLevel, s *site.Site) any {
	o := ol.Occupation
	c := codesOf(o)
	terms := make([]any, 0, len(ol.Statements))
	for _, st := range ol.Statements {
		terms = append(terms, definedTerm(s, ol.Path, ol, st, c))
	}
	return map[string]any{
		"@context":       schemaContext,
		"@type":          "DefinedTermSet",
		"name":           o.Title() + ": " + ol.Label,
		"description":    ol.Label + " level of the " + o.Title() + " competency framework.",
		"identifier":     c.level(ol),
		"url":            link(s, ol.Path, ol.Path, ""),
		"hasDefinedTerm": terms,
	}
}

// definedTerm is a statement as a schema.org DefinedTerm, on the page from.
func definedTerm(s *site.Site, from string, ol *site.OccupationLevel, st site.Statement, c codes) map[string]any {
	return map[string]any{
		"@type":       "DefinedTerm",
		"name":        shortName(st),
		"description": st.Text,
		"termCode":    c.statement(ol, st),
		"url":         link(s, from, ol.Path, st.Anchor),
	}
}

// BreadcrumbLD returns the schema.org BreadcrumbList of a page: its crumbs
// from the home page, then the page itself.
func BreadcrumbLD(p *site.Page, s *site.Site) any {
	items := make([]any, 0, len(p.Crumbs)+1)
	add := func(name, path string) {
		items = append(items, map[string]any{
			"@type":    "ListItem",
			"position": len(items) + 1,
			"name":     name,
			"item":     link(s, p.Path, path, ""),
		})
	}
	for _, c := range p.Crumbs {
		add(c.Title, c.Path)
	}
	add(p.Title, p.Path)
	return map[string]any{
		"@context":        schemaContext,
		"@type":           "BreadcrumbList",
		"itemListElement": items,
	}
}
