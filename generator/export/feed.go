package export

import (
	"bytes"
	"encoding/xml"
	"github.com/ladder-ssg/ladder/generator/paths"
	"sort"

	"github.com/ladder-ssg/ladder/generator/site"
)

// atomFeed and the types below are the parts of Atom 1.0 (RFC 4287) the
// feed uses.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Links     []atomLink  `xml:"link"`
	Generator atomGen     `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomGen struct {
	URI  string `xml:"uri,attr"`
	Name string `xml:",chardata"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// Feed returns an Atom 1.0 feed of the site's frameworks, newest export
// first (ties and frameworks without an export date, which count as
// 2000-01-01, in code order). Entry ids are urn:uuid URIs of the
// frameworks' CASE document identifiers and the feed's id one of the
// site's namespace, so they are stable across builds. The feed was
// updated when its newest framework was exported. Each entry links to
// the occupation page and, as related, to the CASE package; with a base
// URL every link is absolute and the feed links to itself, otherwise links
// are relative to the feed at the site's root (paths.Feed).
func Feed(s *site.Site) ([]byte, error) {
	x := siteIDs(s)
	occs := append([]*site.Occupation(nil), s.Occupations...)
	sort.SliceStable(occs, func(i, j int) bool {
		a, b := dateOr(occs[i].ExportedAt), dateOr(occs[j].ExportedAt)
		if !a.Equal(b) {
			return a.After(b)
		}
		return occs[i].Code < occs[j].Code
	})
	author := s.Config.Publisher
	if author == "" {
		author = s.Config.Title
	}
	f := atomFeed{
		Lang:      s.Config.Language,
		ID:        "urn:uuid:" + x.feed(),
		Title:     s.Config.Title,
		Subtitle:  s.Config.Description,
		Updated:   formatTime(fixedTime),
		Author:    atomPerson{author},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: link(s, paths.Feed, paths.Home, "")}},
		Generator: atomGen{URI: "https://github.com/ladder-ssg/ladder", Name: "ladder"},
	}
	if absolute(s) {
		f.Links = append(f.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: link(s, paths.Feed, paths.Feed, "")})
	}
	if len(occs) > 0 {
		f.Updated = formatTime(dateOr(occs[0].ExportedAt))
	}
	for _, o := range occs {
		e := atomEntry{
			ID:      "urn:uuid:" + x.document(o),
			Title:   o.Title(),
			Updated: formatTime(dateOr(o.ExportedAt)),
			Links: []atomLink{
				{Rel: "alternate", Type: "text/html", Href: link(s, paths.Feed, o.Path, "")},
			},
			Summary: description(o),
		}
		if s.Config.Outputs.CASE {
			e.Links = append(e.Links, atomLink{Rel: "related", Type: "application/json", Href: link(s, paths.Feed, downloadPath(o, FormatCASE), "")})
		}
		if g := o.Framework.Occupation.Group; g != "" {
			e.Categories = append(e.Categories, atomCategory{Term: g})
		}
		e.Categories = append(e.Categories, atomCategory{Term: o.Code, Label: "O*NET-SOC " + o.Code})
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
