package site

import (
	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/paths"
	"strings"
	"unicode"

	"github.com/ladder-ssg/ladder/generator/ids"
)

// HubKindTitle names the hubs of a kind for people, in English.
func HubKindTitle(k HubKind) string {
	return i18n.Shipped(i18n.Reference).T(HubKindKey(k))
}

// HubKindKey is the message key (see i18n) of the name of the hubs of a kind.
func HubKindKey(k HubKind) string {
	switch k {
	case SectorHub:
		return "page.sectors"
	case JobZoneHub:
		return "page.job-zones"
	}
	return "page.groups"
}

// HubKindIndex is the path of the page that lists the hubs of a kind.
func HubKindIndex(k HubKind) string {
	switch k {
	case SectorHub:
		return paths.Sectors
	case JobZoneHub:
		return paths.JobZones
	}
	return paths.Groups
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
	// One allocation for every page, and crumb trails shared by the pages
	// that have the same one: a large site has tens of thousands of pages,
	// and a rebuild in watch mode makes them all again.
	slab := make([]Page, 0, s.pageCount())
	s.Pages = make([]*Page, 0, cap(slab))
	add := func(p Page) {
		slab = append(slab, p)
		s.Pages = append(s.Pages, &slab[len(slab)-1])
	}
	t := s.Text.T
	home := Crumb{Title: t("page.home"), Path: paths.Home}
	toHome := []Crumb{home}

	add(Page{Kind: HomePage, Path: paths.Home, Title: s.Config.Title, Description: s.Config.Description})
	add(Page{Kind: NotFoundPage, Path: paths.NotFound, Title: t("page.not-found"),
		Description: t("page.not-found-description")})

	occIndex := Crumb{Title: t("page.occupations"), Path: paths.Occupations}
	toOccIndex := []Crumb{home, occIndex}
	add(Page{Kind: OccupationsIndex, Path: paths.Occupations, Title: occIndex.Title, Crumbs: toHome,
		Description: t("page.occupations-description")})
	toOcc := make(map[*Occupation][]Crumb, len(s.Occupations))
	for _, o := range s.Occupations {
		desc := o.Framework.Description
		if desc == "" {
			desc = o.ContextCovered
		}
		title := o.Title()
		add(Page{Kind: OccupationPage, Path: o.Path, Title: title, Description: desc, Occupation: o, Crumbs: toOccIndex})
		crumbs := []Crumb{home, occIndex, {Title: title, Path: o.Path}}
		toOcc[o] = crumbs
		for _, v := range o.History {
			add(Page{Kind: VersionPage, Path: v.Path, Title: t("page.version", title, v.Label),
				Description: t("page.version-description", title),
				Occupation:  o, Version: v, Crumbs: crumbs})
			c := v.Changes
			add(Page{Kind: ChangesPage, Path: c.Path, Title: t("page.changes", title, c.To),
				Description: t("page.changes-description", title, c.From, c.To, c.Summary),
				Occupation:  o, Changes: c, Crumbs: crumbs})
		}
		add(Page{Kind: MatrixPage, Path: o.MatrixPath, Title: t("page.matrix", title),
			Description: t("page.matrix-description", title),
			Occupation:  o, Crumbs: crumbs})
		first := len(slab)
		for _, ol := range o.Levels {
			add(Page{Kind: OccupationLevelPage, Path: ol.Path, Title: t("page.level", title, ol.Label),
				Description: t("page.level-description", ol.Label, title),
				Occupation:  o, Level: ol, Crumbs: crumbs})
		}
		// The iframe-friendly variants, for LMS courses and SCORM packages.
		add(Page{Kind: EmbedPage, Path: o.EmbedPath, Title: title, Description: desc, Occupation: o})
		for i, ol := range o.Levels {
			lp := &slab[first+i]
			add(Page{Kind: EmbedLevelPage, Path: ol.EmbedPath, Title: lp.Title, Description: lp.Description, Occupation: o, Level: ol})
		}
	}

	add(Page{Kind: EmbedIndexPage, Path: paths.EmbedIndex, Title: s.Config.Title, Description: s.Config.Description})

	levels := Crumb{Title: t("page.levels"), Path: paths.Levels}
	add(Page{Kind: LevelsIndex, Path: paths.Levels, Title: levels.Title, Crumbs: toHome,
		Description: t("page.levels-description")})
	toLevels := []Crumb{home, levels}
	for _, lv := range s.Levels {
		add(Page{Kind: LevelHubPage, Path: lv.Path, Title: t("page.level-hub", lv.Label), LevelHub: lv, Crumbs: toLevels,
			Description: t("page.level-hub-description", lv.Label)})
	}

	for _, k := range []HubKind{GroupHub, SectorHub, JobZoneHub} {
		idx := Crumb{Title: t(HubKindKey(k)), Path: HubKindIndex(k)}
		add(Page{Kind: HubsIndex, Path: idx.Path, Title: idx.Title, Hubs: s.hubs(k), HubKind: k, Crumbs: toHome})
		toIdx := []Crumb{home, idx}
		for _, h := range s.hubs(k) {
			add(Page{Kind: HubPage, Path: h.Path, Title: h.Title, Description: h.Description, Hub: h, HubKind: k, Crumbs: toIdx})
		}
	}

	skills := Crumb{Title: t("page.skills"), Path: paths.Skills}
	add(Page{Kind: SkillsIndex, Path: paths.Skills, Title: skills.Title, Crumbs: toHome,
		Description: t("page.skills-description")})
	toSkills := []Crumb{home, skills}
	for _, sk := range s.Skills {
		add(Page{Kind: SkillPageKind, Path: sk.Path, Title: sk.Name, Skill: sk, Crumbs: toSkills,
			Description: t("page.skill-description", sk.Name)})
	}
	for _, c := range s.Comparisons {
		a, b := c.A.Title(), c.B.Title()
		add(Page{Kind: ComparePage, Path: c.Path, Title: t("page.compare", a, b), Comparison: c, Crumbs: toOcc[c.A],
			Description: t("page.compare-description", a, b)})
	}
	add(Page{Kind: SearchPage, Path: paths.Search, Title: t("page.search"), Crumbs: toHome,
		Description: t("page.search-description")})

	for _, c := range s.ContentPages {
		add(Page{Kind: ContentPageKind, Path: c.Path, Title: c.Title, Description: c.Description, Content: c, Crumbs: toHome})
	}
	if len(slab) != cap(slab) {
		panic("site: pageCount is out of step with addPages")
	}
}

// pageCount is how many pages addPages makes.
func (s *Site) pageCount() int {
	n := 7 + len(s.Levels) + len(s.Skills) + len(s.Comparisons) + len(s.ContentPages)
	for _, k := range []HubKind{GroupHub, SectorHub, JobZoneHub} {
		n += 1 + len(s.hubs(k))
	}
	for _, o := range s.Occupations {
		n += 3 + 2*len(o.History) + 2*len(o.Levels)
	}
	return n
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
			id := "letter-" + ids.Slug(letter, 8)
			if letter == "#" {
				id = "letter-other"
			}
			out = append(out, LetterGroup{Letter: letter, ID: id})
		}
		out[len(out)-1].Occupations = append(out[len(out)-1].Occupations, o)
	}
	return out
}
