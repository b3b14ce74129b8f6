package site

import (
	"strings"
	"unicode"
)

// Index pages of the hubs and the A–Z list.
const (
	OccupationsPath = "occupations/index.html"
	SkillsPath      = "skills/index.html"
	SearchPath      = "search/index.html"
	LevelsPath      = "levels/index.html"
	GroupsPath      = "groups/index.html"
	SectorsPath     = "sectors/index.html"
	JobZonesPath    = "job-zones/index.html"
	NotFoundPath    = "404.html"
	HomePath        = "index.html"
)

// HubKindTitle names the hubs of a kind for people.
func HubKindTitle(k HubKind) string {
	switch k {
	case SectorHub:
		return "Industry sectors"
	case JobZoneHub:
		return "Job zones"
	}
	return "Occupational groups"
}

// HubKindIndex is the path of the page that lists the hubs of a kind.
func HubKindIndex(k HubKind) string {
	switch k {
	case SectorHub:
		return SectorsPath
	case JobZoneHub:
		return JobZonesPath
	}
	return GroupsPath
}

// hubs returns the hubs of a kind.
func (s *Site) hubs(k HubKind) []*Hub {
	switch k {
	case SectorHub:
		return s.Sectors
	case JobZoneHub:
		return s.JobZones
	}
	return s.Groups
}

// addPages lists every page to write. The order is stable; rendering may
// happen in any order.
func (s *Site) addPages() {
	home := Crumb{Title: "Home", Path: HomePath}
	add := func(p *Page) { s.Pages = append(s.Pages, p) }

	add(&Page{Kind: HomePage, Path: HomePath, Title: s.Config.Title, Description: s.Config.Description})
	add(&Page{Kind: NotFoundPage, Path: NotFoundPath, Title: "Page not found",
		Description: "The page you asked for is not part of this site."})

	occIndex := Crumb{Title: "Occupations A–Z", Path: OccupationsPath}
	add(&Page{Kind: OccupationsIndex, Path: OccupationsPath, Title: occIndex.Title, Crumbs: []Crumb{home},
		Description: "Every occupation with a competency framework on this site, A to Z."})
	for _, o := range s.Occupations {
		desc := o.Framework.Description
		if desc == "" {
			desc = o.ContextCovered
		}
		add(&Page{Kind: OccupationPage, Path: o.Path, Title: o.Title(), Description: desc, Occupation: o,
			Crumbs: []Crumb{home, occIndex}})
		occCrumb := Crumb{Title: o.Title(), Path: o.Path}
		for _, v := range o.History {
			add(&Page{Kind: VersionPage, Path: v.Path, Title: o.Title() + ": version " + v.Label,
				Description: "An earlier version of the " + o.Title() + " competency framework.",
				Occupation:  o, Version: v, Crumbs: []Crumb{home, occIndex, occCrumb}})
			c := v.Changes
			add(&Page{Kind: ChangesPage, Path: c.Path, Title: o.Title() + ": what changed in " + c.To,
				Description: "Changes to the " + o.Title() + " framework from " + c.From + " to " + c.To + ": " + c.Summary + ".",
				Occupation:  o, Changes: c, Crumbs: []Crumb{home, occIndex, occCrumb}})
		}
		for _, ol := range o.Levels {
			add(&Page{Kind: OccupationLevelPage, Path: ol.Path, Title: o.Title() + ": " + ol.Label,
				Description: ol.Label + " level of the " + o.Title() + " competency framework.",
				Occupation:  o, Level: ol, Crumbs: []Crumb{home, occIndex, occCrumb}})
		}
		// The iframe-friendly variants, for LMS courses and SCORM packages.
		add(&Page{Kind: EmbedPage, Path: o.EmbedPath, Title: o.Title(), Description: desc, Occupation: o})
		for _, ol := range o.Levels {
			add(&Page{Kind: EmbedLevelPage, Path: ol.EmbedPath, Title: o.Title() + ": " + ol.Label,
				Description: ol.Label + " level of the " + o.Title() + " competency framework.", Occupation: o, Level: ol})
		}
	}

	add(&Page{Kind: EmbedIndexPage, Path: EmbedIndexPath, Title: s.Config.Title, Description: s.Config.Description})

	levels := Crumb{Title: "Proficiency levels", Path: LevelsPath}
	add(&Page{Kind: LevelsIndex, Path: LevelsPath, Title: levels.Title, Crumbs: []Crumb{home},
		Description: "The proficiency levels of the frameworks, from entry to leadership."})
	for _, lv := range s.Levels {
		add(&Page{Kind: LevelHubPage, Path: lv.Path, Title: lv.Label + " level", LevelHub: lv, Crumbs: []Crumb{home, levels},
			Description: "What every occupation expects at the " + lv.Label + " level."})
	}

	for _, k := range []HubKind{GroupHub, SectorHub, JobZoneHub} {
		idx := Crumb{Title: HubKindTitle(k), Path: HubKindIndex(k)}
		add(&Page{Kind: HubsIndex, Path: idx.Path, Title: idx.Title, Hubs: s.hubs(k), HubKind: k, Crumbs: []Crumb{home}})
		for _, h := range s.hubs(k) {
			add(&Page{Kind: HubPage, Path: h.Path, Title: h.Title, Description: h.Description, Hub: h, HubKind: k,
				Crumbs: []Crumb{home, idx}})
		}
	}

	skills := Crumb{Title: "Shared skills", Path: SkillsPath}
	add(&Page{Kind: SkillsIndex, Path: SkillsPath, Title: skills.Title, Crumbs: []Crumb{home},
		Description: "Skills that several occupations share, and where each appears."})
	for _, sk := range s.Skills {
		add(&Page{Kind: SkillPageKind, Path: sk.Path, Title: sk.Name, Skill: sk, Crumbs: []Crumb{home, skills},
			Description: "Every occupation and level where " + sk.Name + " appears."})
	}
	for _, c := range s.Comparisons {
		add(&Page{Kind: ComparePage, Path: c.Path, Title: c.A.Title() + " and " + c.B.Title(), Comparison: c,
			Crumbs:      []Crumb{home, occIndex, {Title: c.A.Title(), Path: c.A.Path}},
			Description: "The " + c.A.Title() + " and " + c.B.Title() + " frameworks side by side, level by level."})
	}
	add(&Page{Kind: SearchPage, Path: SearchPath, Title: "Search", Crumbs: []Crumb{home},
		Description: "Search occupations and statements."})

	for _, c := range s.ContentPages {
		add(&Page{Kind: ContentPageKind, Path: c.Path, Title: c.Title, Description: c.Description, Content: c,
			Crumbs: []Crumb{home}})
	}
}

// LetterGroup is the occupations whose titles start with one letter.
type LetterGroup struct {
	Letter      string
	ID          string // fragment id of the group on the A–Z page
	Occupations []*Occupation
}

// Alphabet groups the occupations by the first letter of their titles,
// for the A–Z list. Titles starting with a non-letter go under "#".
func (s *Site) Alphabet() []LetterGroup {
	var out []LetterGroup
	for _, o := range s.Occupations {
		letter := "#"
		for _, r := range strings.ToUpper(o.Title()) {
			if unicode.IsLetter(r) {
				letter = string(r)
			}
			break
		}
		if n := len(out); n == 0 || out[n-1].Letter != letter {
			id := "letter-" + Slugify(letter, 8)
			if letter == "#" {
				id = "letter-other"
			}
			out = append(out, LetterGroup{Letter: letter, ID: id})
		}
		out[len(out)-1].Occupations = append(out[len(out)-1].Occupations, o)
	}
	return out
}
