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
// O*NET-SOC code in the O*NET-SOC code set), and, as subjectOf, its
// framework (frameworkLD) with its levels. The statements are not
// repeated: the page shows them, and the framework's encodings (CASE,
// normalized JSON, CSV) hold them for machines.
func OccupationLD(o *site.Occupation, s *site.Site) any {
	fw := frameworkLD(o, s, o.Path)
	c := codesOf(o)
	levels := make([]any, 0, len(o.Levels))
	for _, ol := range o.Levels {
		levels = append(levels, map[string]any{
			"@type":      "DefinedTermSet",
			"name":       ol.Label,
			"identifier": c.level(ol),
			"url":        link(s, o.Path, ol.Path, ""),
		})
	}
	fw["hasPart"] = levels
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
		"subjectOf": fw,
	}
	if d := description(o); d != "" {
		ld["description"] = d
	}
	return ld
}

// LevelLD returns the schema.org DefinedTermSet of a level page: the
// level with its code, part of its framework (frameworkRef), whose
// encodings, on the occupation's page, hold its statements.
func LevelLD(ol *site.OccupationLevel, s *site.Site) any {
	o := ol.Occupation
	return map[string]any{
		"@context":    schemaContext,
		"@type":       "DefinedTermSet",
		"name":        o.Title() + ": " + ol.Label,
		"description": ol.Label + " level of the " + o.Title() + " competency framework.",
		"identifier":  codesOf(o).level(ol),
		"url":         link(s, ol.Path, ol.Path, ""),
		"isPartOf":    frameworkRef(o, s, ol.Path),
	}
}

// frameworkLD is o's framework as a schema.org DefinedTermSet seen from
// the page from (frameworkRef) with its files as encodings (MediaObject
// with contentUrl and encodingFormat).
func frameworkLD(o *site.Occupation, s *site.Site, from string) map[string]any {
	var files []any
	for _, d := range Downloads(o, s.Config.Outputs) {
		files = append(files, map[string]any{
			"@type":          "MediaObject",
			"name":           d.Label,
			"contentUrl":     link(s, from, d.Path, ""),
			"encodingFormat": d.MediaType,
		})
	}
	fw := frameworkRef(o, s, from)
	fw["encoding"] = files
	return fw
}

// frameworkRef names o's framework as a schema.org DefinedTermSet seen
// from the page from: its name, code, version and page.
func frameworkRef(o *site.Occupation, s *site.Site, from string) map[string]any {
	fw := map[string]any{
		"@type":      "DefinedTermSet",
		"name":       o.Title() + " competency framework",
		"identifier": o.Code,
		"url":        link(s, from, o.Path, ""),
	}
	if o.Version != "" {
		fw["version"] = o.Version
	}
	return fw
}

// breadcrumbList and listItem are schema.org's BreadcrumbList and
// ListItem, their fields in the order of the keys json.Marshal writes for
// a map: a struct is encoded without sorting or boxing, and every page has
// a breadcrumb list.
type breadcrumbList struct {
	Context string     `json:"@context"`
	Type    string     `json:"@type"`
	Items   []listItem `json:"itemListElement"`
}

type listItem struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// BreadcrumbLD returns the schema.org BreadcrumbList of a page: its crumbs
// from the home page, then the page itself.
func BreadcrumbLD(p *site.Page, s *site.Site) any {
	items := make([]listItem, 0, len(p.Crumbs)+1)
	add := func(name, path string) {
		items = append(items, listItem{Type: "ListItem", Item: link(s, p.Path, path, ""), Name: name, Position: len(items) + 1})
	}
	for _, c := range p.Crumbs {
		add(c.Title, c.Path)
	}
	add(p.Title, p.Path)
	return breadcrumbList{Context: schemaContext, Type: "BreadcrumbList", Items: items}
}
