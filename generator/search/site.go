package search

import (
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
// score), then every statement by occupation, level and position. An occupation's Text is its description. The level
// filter's values are the site-wide level slugs (site.Level.Slug) and the
// group filter's are the group names (site.Hub.Key of s.Groups).
func FromSite(s *site.Site) []Doc {
	// Of the exact size: a large site has hundreds of thousands of
	// statements, and the search step is its build's largest heap.
	n := len(s.Occupations) + len(s.Skills)
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			n += len(ol.Statements)
		}
	}
	docs := make([]Doc, 0, n)
	group := func(o *site.Occupation) string {
		if o.Group == nil {
			return ""
		}
		return o.Group.Key
	}
	for _, o := range s.Occupations {
		docs = append(docs, Doc{Kind: KindOccupation, Title: o.Title(), Text: o.Description, Code: o.Code,
			Occupation: o.Title(), Group: group(o), URL: o.Path})
	}
	for _, sk := range s.Skills {
		docs = append(docs, Doc{Kind: KindSkill, Title: sk.Name,
			Level: s.Text.T("search.shared-by", sk.Occupations), URL: sk.Path})
	}
	for _, o := range s.Occupations {
		for _, ol := range o.Levels {
			key := ""
			if ol.Level != nil {
				key = ol.Level.Slug
			}
			for i, st := range ol.Statements {
				d := Doc{Kind: KindStatement, Title: st.Topic, Text: withActivity(st.Performance, st.Topic, ol, i), Code: o.Code,
					Occupation: o.Title(), Level: ol.Label, LevelKey: key, Group: group(o),
					URL: paths.WithFragment(ol.Path, st.Anchor)}
				if d.Title == "" {
					d.Title, d.Text = st.Performance, withActivity("", st.Performance, ol, i)
				}
				docs = append(docs, d)
			}
		}
	}
	return docs
}

// withActivity adds to a statement's searchable text the title of the
// O*NET element it is aligned to, so that a search for the activity finds
// it, unless the topic already says it (as in frameworks whose topics are
// O*NET titles).
func withActivity(text, topic string, ol *site.OccupationLevel, i int) string {
	if ol.Aligned == nil || ol.Aligned[i] == nil {
		return text
	}
	t := ol.Aligned[i].Element.Title
	if words.Key(t) == words.Key(topic) {
		return text
	}
	if text == "" {
		return t
	}
	return text + " (" + t + ")"
}
