package render

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/i18n"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Why says in the page's language why rel is related to the occupation
// of the page: the group or sector they have in common, and the skills
// they share ("Same sector; shares 6 skills, 3 at developing level: a,
// b, c, …"), from site.Why. RelatedCards hold it; a site's own
// occupation template may call this.
func (v *View) Why(rel site.Related) string { return why(v.Site.Text, rel.Why) }

// why writes w with the messages of c.
func why(c *i18n.Catalogue, w site.Why) string {
	same := ""
	switch {
	case w.SameGroup && w.SameSector:
		same = c.T("occ.why-group-sector")
	case w.SameGroup:
		same = c.T("occ.why-group")
	case w.SameSector:
		same = c.T("occ.why-sector")
	}
	if w.Shared == 0 {
		if same == "" {
			return c.T("occ.why-similar")
		}
		return same
	}
	shares := c.T("occ.why-shares", w.Shared, whyNames(c, w))
	if w.AtLevel != nil {
		level := words.LowerFirst(w.AtLevel.Label)
		switch {
		case w.AtCount == w.Shared && level != "":
			shares = c.T("occ.why-shares-level", w.Shared, level, whyNames(c, w))
		case w.AtCount >= 2 && level != "":
			shares = c.T("occ.why-shares-at", w.Shared, w.AtCount, level, whyNames(c, w))
		}
	}
	if same == "" {
		return shares
	}
	return c.T("occ.why-and", same, words.LowerFirst(shares))
}

// whyNames lists the shared skills w names, lower-cased to sit inside a
// sentence, with "…" when there are more; the separator is the long one
// when a name has a comma.
func whyNames(c *i18n.Catalogue, w site.Why) string {
	names := make([]string, 0, len(w.Names)+1)
	sep := c.T("occ.why-list")
	for _, n := range w.Names {
		if strings.Contains(n, ",") {
			sep = c.T("occ.why-list-long")
		}
		names = append(names, words.LowerFirst(n))
	}
	if w.Shared > len(w.Names) {
		names = append(names, "…")
	}
	return strings.Join(names, sep)
}
