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
	ref := frameworkRef(o, s, o.Path)
	fw := frameworkLD{Type: ref.Type, Identifier: ref.Identifier, Name: ref.Name, URL: ref.URL, Version: ref.Version}
	for _, d := range Downloads(o, s.Config.Outputs) {
		fw.Encoding = append(fw.Encoding, mediaObject{Type: "MediaObject", ContentURL: link(s, o.Path, d.Path, ""),
			EncodingFormat: d.MediaType, Name: d.Label})
	}
	c := codesOf(o)
	fw.HasPart = make([]termSetLD, 0, len(o.Levels))
	for _, ol := range o.Levels {
		fw.HasPart = append(fw.HasPart, termSetLD{Type: "DefinedTermSet", Identifier: c.level(ol), Name: ol.Label,
			URL: link(s, o.Path, ol.Path, "")})
	}
	return occupationLD{Context: schemaContext, Type: "Occupation", Description: description(o), Name: o.Title(),
		Category: categoryCode{Type: "CategoryCode", CodeValue: o.Code, Name: o.Title(),
			InCodeSet: codeSet{Type: "CategoryCodeSet", Name: "O*NET-SOC", URL: "https://www.onetcenter.org/taxonomy.html"}},
		SubjectOf: fw, URL: link(s, o.Path, o.Path, "")}
}

// LevelLD returns the schema.org DefinedTermSet of a level page: the
// level with its code, part of its framework (frameworkRef), whose
// encodings, on the occupation's page, hold its statements.
func LevelLD(ol *site.OccupationLevel, s *site.Site) any {
	o := ol.Occupation
	return levelLD{Context: schemaContext, Type: "DefinedTermSet",
		Description: ol.Label + " level of the " + o.Title() + " competency framework.",
		Identifier:  codesOf(o).level(ol), IsPartOf: frameworkRef(o, s, ol.Path),
		Name: o.Title() + ": " + ol.Label, URL: link(s, ol.Path, ol.Path, "")}
}

// frameworkRef names o's framework as a schema.org DefinedTermSet seen
// from the page from: its name, code, version and page.
func frameworkRef(o *site.Occupation, s *site.Site, from string) frameworkRefLD {
	return frameworkRefLD{Type: "DefinedTermSet", Identifier: o.Code, Name: o.Title() + " competency framework",
		URL: link(s, from, o.Path, ""), Version: o.Version}
}

// The JSON-LD values are structs whose fields are in the order of the
// keys json.Marshal writes for a map: html/template marshals them on
// every page, and a struct is encoded without sorting keys or boxing.
type (
	occupationLD struct {
		Context     string       `json:"@context"`
		Type        string       `json:"@type"`
		Description string       `json:"description,omitempty"`
		Name        string       `json:"name"`
		Category    categoryCode `json:"occupationalCategory"`
		SubjectOf   frameworkLD  `json:"subjectOf"`
		URL         string       `json:"url"`
	}
	categoryCode struct {
		Type      string  `json:"@type"`
		CodeValue string  `json:"codeValue"`
		InCodeSet codeSet `json:"inCodeSet"`
		Name      string  `json:"name"`
	}
	codeSet struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	// frameworkLD is frameworkRefLD with the framework's files as
	// encodings and its levels as parts, in the keys' order.
	frameworkLD struct {
		Type       string        `json:"@type"`
		Encoding   []mediaObject `json:"encoding"`
		HasPart    []termSetLD   `json:"hasPart"`
		Identifier string        `json:"identifier"`
		Name       string        `json:"name"`
		URL        string        `json:"url"`
		Version    string        `json:"version,omitempty"`
	}
	frameworkRefLD struct {
		Type       string `json:"@type"`
		Identifier string `json:"identifier"`
		Name       string `json:"name"`
		URL        string `json:"url"`
		Version    string `json:"version,omitempty"`
	}
	mediaObject struct {
		Type           string `json:"@type"`
		ContentURL     string `json:"contentUrl"`
		EncodingFormat string `json:"encodingFormat"`
		Name           string `json:"name"`
	}
	termSetLD struct {
		Type       string `json:"@type"`
		Identifier string `json:"identifier"`
		Name       string `json:"name"`
		URL        string `json:"url"`
	}
	levelLD struct {
		Context     string         `json:"@context"`
		Type        string         `json:"@type"`
		Description string         `json:"description"`
		Identifier  string         `json:"identifier"`
		IsPartOf    frameworkRefLD `json:"isPartOf"`
		Name        string         `json:"name"`
		URL         string         `json:"url"`
	}
)

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
