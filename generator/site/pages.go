package site

import (
	"maps"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"
	"unicode"

	"github.com/ladder-ssg/ladder/generator/i18n"

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
// happen in any order. The pages of an occupation reused from previous
// are previous's, when they say the same (see pageList.reuse).
func (s *Site) addPages(previous *Site) {
	l := newPageList(s)
	l.sameText = previous != nil && sameMessages(previous.Text, s.Text, pageKeys)
	l.add(Page{Kind: HomePage, Path: paths.Home, Title: s.Config.Title, Description: s.Config.Description})
	l.add(Page{Kind: NotFoundPage, Path: paths.NotFound, Title: l.t("page.not-found"),
		Description: l.t("page.not-found-description")})
	l.addOccupations()
	l.add(Page{Kind: EmbedIndexPage, Path: paths.EmbedIndex, Title: s.Config.Title, Description: s.Config.Description})
	l.addLevels()
	l.addHubs()
	l.addSkills()
	l.addComparison()
	l.add(Page{Kind: SearchPage, Path: paths.Search, Title: l.t("page.search"), Crumbs: l.toHome,
		Description: l.t("page.search-description")})
	for _, c := range s.ContentPages {
		l.add(Page{Kind: ContentPageKind, Path: c.Path, Title: c.Title, Description: c.Description, Content: c, Crumbs: l.toHome})
	}
	if len(l.slab) != cap(l.slab) {
		panic("site: pageCount is out of step with addPages")
	}
}

// pageList fills Site.Pages from one allocation for every page, with
// crumb trails shared by the pages that have the same one: a large site
// has tens of thousands of pages, and a rebuild in watch mode makes them
// all again.
type pageList struct {
	s      *Site
	slab   []Page
	t      func(key string, args ...any) string
	home   Crumb
	toHome []Crumb
	// toOccIndex is the trail of the pages below the A–Z list.
	toOccIndex []Crumb
	// sameText is set when the previous model's catalogue has the same
	// messages of pageKeys, with which occupation pages are named.
	sameText bool
}

// pageKeys are the messages the pages of an occupation without history
// are named with.
var pageKeys = []string{"page.home", "page.occupations", "page.level", "page.level-description"}

func newPageList(s *Site) *pageList {
	l := &pageList{s: s, slab: make([]Page, 0, s.pageCount()), t: s.Text.T}
	s.Pages = make([]*Page, 0, cap(l.slab))
	l.home = Crumb{Title: l.t("page.home"), Path: paths.Home}
	l.toHome = []Crumb{l.home}
	return l
}

func (l *pageList) add(p Page) {
	l.slab = append(l.slab, p)
	l.s.Pages = append(l.s.Pages, &l.slab[len(l.slab)-1])
}

// addIndex adds an index page below the home page and returns the
// crumb trail of the pages it lists.
func (l *pageList) addIndex(kind PageKind, path, titleKey, descriptionKey string) []Crumb {
	title := l.t(titleKey)
	l.add(Page{Kind: kind, Path: path, Title: title, Crumbs: l.toHome, Description: l.t(descriptionKey)})
	return []Crumb{l.home, {Title: title, Path: path}}
}

// addOccupations adds the occupations A–Z and every occupation's pages:
// its own (with its matrix), its versions and their changes, its levels and
// their embed variants.
func (l *pageList) addOccupations() {
	toOccIndex := l.addIndex(OccupationsIndex, paths.Occupations, "page.occupations", "page.occupations-description")
	l.toOccIndex = toOccIndex
	for _, o := range l.s.Occupations {
		start := len(l.slab)
		if !l.reuse(o) {
			l.addOccupation(o)
		}
		o.pages = l.slab[start:len(l.slab):len(l.slab)]
	}
}

// reuse adds the previous model's pages of o when o is the same framework
// and the pages are named alike: the same values, pointing at o. Pages
// of versions, whose changes are described again, are made anew.
func (l *pageList) reuse(o *Occupation) bool {
	prev := o.prev
	if prev == nil || !l.sameText || len(o.History) > 0 || len(prev.History) > 0 {
		return false
	}
	for _, p := range prev.pages {
		p.Occupation = o
		if p.Level != nil {
			p.Level = o.Levels[p.Level.Number-1]
		}
		l.add(p)
	}
	return true
}

// addOccupation adds the pages of one occupation.
func (l *pageList) addOccupation(o *Occupation) {
	t, toOccIndex := l.t, l.toOccIndex
	desc := o.Framework.Description
	if desc == "" {
		desc = o.ContextCovered
	}
	title := o.Title()
	l.add(Page{Kind: OccupationPage, Path: o.Path, Title: title, Description: desc, Occupation: o, Crumbs: toOccIndex})
	crumbs := append(toOccIndex[:2:2], Crumb{Title: title, Path: o.Path})
	l.addHistory(o, crumbs)
	for _, ol := range o.Levels {
		if !l.s.Config.Outputs.LevelPages {
			break // each level is a part of the occupation page
		}
		l.add(Page{Kind: OccupationLevelPage, Path: ol.Path, Title: t("page.level", title, ol.Label),
			Description: t("page.level-description", ol.Label, title),
			Occupation:  o, Level: ol, Crumbs: crumbs})
	}
	// The iframe-friendly variant, for LMS courses and SCORM packages:
	// every level is a section of it (OccupationLevel.EmbedPath).
	l.add(Page{Kind: EmbedPage, Path: o.EmbedPath, Title: title, Description: desc, Occupation: o})
}

// addHistory adds the pages of an occupation's earlier versions and of
// what changed in each newer one.
func (l *pageList) addHistory(o *Occupation, crumbs []Crumb) {
	t, title := l.t, o.Title()
	for _, v := range o.History {
		l.add(Page{Kind: VersionPage, Path: v.Path, Title: t("page.version", title, v.Label),
			Description: t("page.version-description", title),
			Occupation:  o, Version: v, Crumbs: crumbs})
		c := v.Changes
		l.add(Page{Kind: ChangesPage, Path: c.Path, Title: t("page.changes", title, c.To),
			Description: t("page.changes-description", title, c.From, c.To, c.Summary),
			Occupation:  o, Changes: c, Crumbs: crumbs})
	}
}

// addLevels adds the levels index and the level hubs.
func (l *pageList) addLevels() {
	t := l.t
	toLevels := l.addIndex(LevelsIndex, paths.Levels, "page.levels", "page.levels-description")
	for _, lv := range l.s.Levels {
		l.add(Page{Kind: LevelHubPage, Path: lv.Path, Title: t("page.level-hub", lv.Label), LevelHub: lv, Crumbs: toLevels,
			Description: t("page.level-hub-description", lv.Label)})
	}
}

// addHubs adds the index and the hubs of each kind: groups, sectors, job zones.
func (l *pageList) addHubs() {
	for _, k := range []HubKind{GroupHub, SectorHub, JobZoneHub} {
		idx := Crumb{Title: l.t(HubKindKey(k)), Path: HubKindIndex(k)}
		l.add(Page{Kind: HubsIndex, Path: idx.Path, Title: idx.Title, Hubs: l.s.hubs(k), HubKind: k, Crumbs: l.toHome})
		toIdx := []Crumb{l.home, idx}
		for _, h := range l.s.hubs(k) {
			l.add(Page{Kind: HubPage, Path: h.Path, Title: h.Title, Description: h.Description, Hub: h, HubKind: k, Crumbs: toIdx})
		}
	}
}

// addSkills adds the skills index and the shared-skill pages.
func (l *pageList) addSkills() {
	t := l.t
	toSkills := l.addIndex(SkillsIndex, paths.Skills, "page.skills", "page.skills-description")
	for _, sk := range l.s.Skills {
		l.add(Page{Kind: SkillPageKind, Path: sk.Path, Title: sk.Name, Skill: sk, Crumbs: toSkills,
			Description: t("page.skill-description", sk.Name)})
	}
}

// addComparison adds the one comparison page, which assembles any two
// occupations' comparison in the browser.
func (l *pageList) addComparison() {
	if l.s.comparable() {
		l.add(Page{Kind: ComparePage, Path: paths.Compare, Title: l.t("page.compare-any"), Crumbs: l.toOccIndex,
			Description: l.t("page.compare-any-description")})
	}
}

// pageCount is how many pages addPages makes.
func (s *Site) pageCount() int {
	n := 7 + len(s.Levels) + len(s.Skills) + len(s.ContentPages)
	if s.comparable() {
		n++
	}
	for _, k := range []HubKind{GroupHub, SectorHub, JobZoneHub} {
		n += 1 + len(s.hubs(k))
	}
	for _, o := range s.Occupations {
		n += 2 + 2*len(o.History)
		if s.Config.Outputs.LevelPages {
			n += len(o.Levels)
		}
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

// comparable reports whether the site has the comparison page: it has
// two occupations or more.
func (s *Site) comparable() bool { return len(s.Occupations) > 1 }

// sameMessages reports whether catalogues a and b say the messages of
// keys alike, whatever they are filled with.
func sameMessages(a, b *i18n.Catalogue, keys []string) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Lang() != b.Lang() {
		return false
	}
	for _, k := range keys {
		ma, oka := a.Message(k)
		mb, okb := b.Message(k)
		if oka != okb || ma.Text != mb.Text || !maps.Equal(ma.Forms, mb.Forms) {
			return false
		}
	}
	return true
}
