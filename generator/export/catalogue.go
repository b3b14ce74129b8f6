package export

import (
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

type catalogue struct {
	Title      string               `json:"title"`
	URL        string               `json:"url"`
	Feed       string               `json:"feed"`
	Bundle     *catalogueDownload   `json:"bundle"` // null when the bundle output is off
	Count      int                  `json:"count"`
	Frameworks []catalogueFramework `json:"frameworks"`
}

type catalogueFramework struct {
	Code       string              `json:"code"`
	Title      string              `json:"title"`
	Identifier string              `json:"identifier"`
	Group      *string             `json:"group"`
	Sector     *catalogueSector    `json:"sector"`
	JobZone    *int                `json:"jobZone"`
	Version    *string             `json:"version"`
	ExportedAt *string             `json:"exportedAt"`
	URL        string              `json:"url"`
	Levels     []string            `json:"levels"`
	Downloads  []catalogueDownload `json:"downloads"`
}

type catalogueSector struct {
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

type catalogueDownload struct {
	Format    string `json:"format,omitempty"`
	Label     string `json:"label"`
	URL       string `json:"url"`
	MediaType string `json:"mediaType"`
}

// Catalogue returns frameworks.json: the site's title and home page, the
// feed and the bundle of every export, and every framework in the site's
// A–Z order with its code, title, CASE document identifier, group,
// sector (NAICS code and name), job zone, version, export date, page,
// level labels and the files downloads lists for it (pass Downloads for
// the standard ones). Missing values are null. URLs are absolute with a
// base URL, else relative to the catalogue at the site's root
// (paths.Catalogue).
func Catalogue(s *site.Site, downloads func(o *site.Occupation) []Download) ([]byte, error) {
	x := siteIDs(s)
	ref := func(target string) string { return link(s, paths.Catalogue, target, "") }
	c := catalogue{
		Title:      s.Config.Title,
		URL:        ref(paths.Home),
		Feed:       ref(paths.Feed),
		Count:      len(s.Occupations),
		Frameworks: make([]catalogueFramework, 0, len(s.Occupations)),
	}
	if s.Config.Outputs.Bundle {
		c.Bundle = &catalogueDownload{Label: "Every framework's data (zip)", URL: ref(paths.Bundle), MediaType: "application/zip"}
	}
	for _, o := range s.Occupations {
		occ := o.Framework.Occupation
		f := catalogueFramework{
			Code:       o.Code,
			Title:      o.Title(),
			Identifier: x.document(o),
			Group:      optional(occ.Group),
			Version:    optional(o.Version),
			URL:        ref(o.Path),
			Levels:     make([]string, len(o.Levels)),
			Downloads:  []catalogueDownload{},
		}
		if occ.Sector != "" {
			f.Sector = &catalogueSector{Code: occ.Sector, Name: framework.SectorName(occ.Sector)}
		}
		if occ.JobZone != 0 {
			f.JobZone = &occ.JobZone
		}
		if !o.ExportedAt.IsZero() {
			f.ExportedAt = optional(formatTime(o.ExportedAt))
		}
		for i, ol := range o.Levels {
			f.Levels[i] = ol.Label
		}
		for _, d := range downloads(o) {
			f.Downloads = append(f.Downloads, catalogueDownload{Format: d.Format, Label: d.Label, URL: ref(d.Path), MediaType: d.MediaType})
		}
		c.Frameworks = append(c.Frameworks, f)
	}
	return marshalJSON(c)
}

// optional returns a pointer to s, or nil when s is empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
