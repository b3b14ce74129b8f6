package search

import (
	"sort"

	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
)

// KindSkill is the kind of a shared skill's document: Title its name,
// Level how many occupations share it, in the site's language ("Shared by
// 3 occupations", shown with the result but not searched; LevelKey is
// empty, so a level filter leaves skills out), URL its page.
const KindSkill = "skill"

// FromSite lists the documents of a site model in the order Build works
// best with: every occupation A–Z, every shared skill A–Z (before the
// statements, so that a skill ranks above its statements of equal
// score), then every statement by occupation, level and position. An
// occupation's Text is its description. The level filter's values are
// the site-wide level slugs (site.Level.Slug) and the group filter's are
// the group names (site.Hub.Key of s.Groups). Each document is made when
// asked for, from the model.
func FromSite(s *site.Site) Docs {
	d := &siteDocs{s: s, skills: len(s.Occupations)}
	d.statements = d.skills + len(s.Skills)
	d.n = d.statements
	activity := map[*onet.Element]string{} // words.Key of each element's title
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			if len(ol.Statements) == 0 {
				continue
			}
			d.levels = append(d.levels, ol)
			d.starts = append(d.starts, d.n)
			d.n += len(ol.Statements)
			d.markActivities(ol, activity)
		}
	}
	return d
}

// siteDocs are the documents of a site model: its occupations, then its
// shared skills, then the statements of its levels.
type siteDocs struct {
	s                  *site.Site
	skills, statements int // the first skill's and first statement's documents
	n                  int
	levels             []*site.OccupationLevel // the levels with statements
	starts             []int                   // the first statement's document of each level
	// withActivity tells, for each statement (by its document less
	// statements), whether its text adds its aligned activity's title
	// (see markActivities).
	withActivity []bool
}

func (d *siteDocs) Len() int { return d.n }

func (d *siteDocs) Doc(i int) Doc {
	s := d.s
	switch {
	case i < d.skills:
		o := s.Occupations[i]
		return Doc{Kind: KindOccupation, Title: o.Title(), Text: o.Description, Code: o.Code,
			Occupation: o.Title(), Group: group(o), URL: o.Path}
	case i < d.statements:
		sk := s.Skills[i-d.skills]
		return Doc{Kind: KindSkill, Title: sk.Name, Level: s.Text.T("search.shared-by", sk.Occupations), URL: sk.Path}
	}
	l := sort.SearchInts(d.starts, i+1) - 1
	ol, k := d.levels[l], i-d.starts[l]
	st := &ol.Statements[k]
	o := ol.Occupation
	key := ""
	if ol.Level != nil {
		key = ol.Level.Slug
	}
	doc := Doc{Kind: KindStatement, Title: st.Topic, Text: st.Performance, Code: o.Code,
		Occupation: o.Title(), Level: ol.Label, LevelKey: key, Group: group(o),
		URL: paths.WithFragment(ol.Path, st.Anchor)}
	if doc.Title == "" {
		doc.Title, doc.Text = st.Performance, ""
	}
	if d.withActivity[i-d.statements] {
		doc.Text = withActivity(doc.Text, ol.Aligned[k].Element.Title)
	}
	return doc
}

// group is the group filter's value of an occupation.
func group(o *site.Occupation) string {
	if o.Group == nil {
		return ""
	}
	return o.Group.Key
}

// markActivities records which statements of ol are searchable by the
// title of the O*NET element they are aligned to, so that a search for
// the activity finds them: all aligned ones whose topic does not already
// say it (as in frameworks whose topics are O*NET titles). keys holds
// each element's title's words.Key, as elements repeat.
func (d *siteDocs) markActivities(ol *site.OccupationLevel, keys map[*onet.Element]string) {
	for i, st := range ol.Statements {
		with := false
		if ol.Aligned != nil && ol.Aligned[i] != nil {
			e := ol.Aligned[i].Element
			key, ok := keys[e]
			if !ok {
				key = words.Key(e.Title)
				keys[e] = key
			}
			topic := st.Topic
			if topic == "" {
				topic = st.Performance // a statement without topic is titled by its performance
			}
			with = key != words.Key(topic)
		}
		d.withActivity = append(d.withActivity, with)
	}
}

// withActivity adds the title of a statement's aligned activity to its
// searchable text.
func withActivity(text, title string) string {
	if text == "" {
		return title
	}
	return text + " (" + title + ")"
}
