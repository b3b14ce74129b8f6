package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// StatementRow is one statement as its level page lists it, with what
// the row says worked out in Go. A template pays a reflective lookup and
// call for each method it calls and each field it reaches through an
// embedded struct, a dozen a statement; a row's fields are plain.
type StatementRow struct {
	Statement   *site.Statement
	Anchor      string // the statement's fragment id on the level page
	Topic       string // "" for a statement without one
	Performance string
	Code        string      // the permanent code, e.g. 29-2012.00.E.3
	Aligned     *AlignedRow // nil when the site is not aligned or the statement has no match
	// Skill is the link to the statement's shared skill (the skill-link
	// fragment) on a site that is not aligned, "" when no other
	// occupation has it.
	Skill template.HTML
}

// AlignedRow is what a statement row says of the statement's O*NET match.
type AlignedRow struct {
	Alignment *site.Alignment
	Kind      string // "Detailed Work Activity:", in the page's language
	Title     string // the element's title
	// Link is the aligned-skill fragment, the title as a link to the
	// element's shared-skill page, "" when it has none.
	Link      template.HTML
	Band      string // the band's name, for the class
	BandLabel string // the band for people, in the page's language
	Shared    string // "shared by 5 occupations", "" without a shared-skill page
	// Restated is, in a progression table's cell (cellRow), the
	// skill-link fragment when the element's title is the statement's
	// topic (an exact match): the cell, which shows the topic, links the
	// shared skill by it alone. "" elsewhere, for other matches and
	// without a shared-skill page.
	Restated template.HTML
}

// StatementRows returns the rows of the level page's statements, nil on
// other pages.
func (v *View) StatementRows() ([]StatementRow, error) {
	ol := v.Page.Level
	if ol == nil {
		return nil, nil
	}
	rows := make([]StatementRow, len(ol.Statements))
	for i := range ol.Statements {
		if err := v.statementRow(ol, i, &rows[i]); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// statementRow sets row to the row of ol's statement i.
func (v *View) statementRow(ol *site.OccupationLevel, i int, row *StatementRow) error {
	st := &ol.Statements[i]
	*row = StatementRow{Statement: st, Anchor: st.Anchor, Topic: st.Topic, Performance: st.Performance, Code: export.StatementCode(ol, *st)}
	var err error
	switch {
	case ol.Aligned != nil:
		if a := ol.Aligned[i]; a != nil {
			row.Aligned, err = v.alignedRow(a)
		}
	case ol.Skills != nil && ol.Skills[i] != nil:
		row.Skill, err = v.FragmentCached("skill-link", ol.Skills[i], ol.Skills[i].Path)
	}
	return err
}

// cellRow returns the row of ol's statement i as its cell of the
// progression table shows it, on a site without level pages: with
// Restated set for an exact match.
func (v *View) cellRow(ol *site.OccupationLevel, i int) (*StatementRow, error) {
	row := new(StatementRow)
	if err := v.statementRow(ol, i, row); err != nil || row.Aligned == nil {
		return row, err
	}
	a := row.Aligned.Alignment
	if a.Skill == nil || a.Band != align.Exact {
		return row, nil
	}
	var err error
	row.Aligned.Restated, err = v.FragmentCached("skill-link", a.Skill, a.Skill.Path)
	return row, err
}

// alignedRow says what a level page's row shows of the match a.
func (v *View) alignedRow(a *site.Alignment) (*AlignedRow, error) {
	text := v.Site.Text
	row := &AlignedRow{
		Alignment: a,
		Kind:      text.T("level.kind", text.T("kind."+a.Element.Kind.Label())),
		Title:     a.Element.Title,
		Band:      a.Band.String(),
		BandLabel: text.T("band." + a.Band.String()),
	}
	if a.Skill == nil {
		return row, nil
	}
	row.Shared = text.T("skill.shared-by", a.Skill.Occupations)
	var err error
	row.Link, err = v.FragmentCached("aligned-skill", a.Skill, a.Skill.Path)
	return row, err
}

// RelatedCard is one related occupation as the occupation page's list
// shows it, worked out in Go (see StatementRow for why).
type RelatedCard struct {
	Related     site.Related
	URL         string // the related occupation's page, relative to this one
	Title, Code string
	Why         string // why they are related, in the page's language
	CompareURL  string // the comparison of the two
	CompareWith string // the compare link's words for a screen reader
}

// RelatedCards returns the cards of the page's occupation's related
// occupations, nil on other pages.
func (v *View) RelatedCards() []RelatedCard {
	o := v.Page.Occupation
	if o == nil {
		return nil
	}
	cards := make([]RelatedCard, len(o.Related))
	for i, rel := range o.Related {
		cards[i] = RelatedCard{
			Related:     rel,
			URL:         v.URL(rel.Path),
			Title:       rel.Title(),
			Code:        rel.Code,
			Why:         why(v.Site.Text, rel.Why),
			CompareURL:  v.CompareURL(rel.Compare),
			CompareWith: v.Site.Text.T("occ.compare-with", rel.Title()),
		}
	}
	return cards
}

// SkillRow is one use of a skill as its page's table shows it, worked
// out in Go (see StatementRow for why).
type SkillRow struct {
	Use site.SkillUse
	// Rowspan is, on an occupation's first row, how many rows it has;
	// 0 on its other rows, which its first row's cell spans.
	Rowspan int
	// Occupation is the skill-occupation fragment, on an occupation's
	// first row.
	Occupation  template.HTML
	LevelURL    string // the level page, relative to the skill page
	Anchor      string // the statement's fragment id on it
	Level       string // the level's label
	Topic       string // the statement's topic, "" when it is the skill's name
	Performance string
}

// SkillRows returns the rows of the skill page's table, each
// occupation's together, nil on other pages.
func (v *View) SkillRows() ([]SkillRow, error) {
	sk := v.Page.Skill
	if sk == nil {
		return nil, nil
	}
	rows := make([]SkillRow, 0, len(sk.Uses))
	for _, group := range sk.ByOccupation() {
		for i, u := range group.Uses {
			row := SkillRow{Use: u, LevelURL: v.URL(paths.Page(u.Level.Path)), Anchor: u.Statement.Anchor, Level: u.Level.Label, Performance: u.Statement.Performance}
			if u.Statement.Topic != sk.Name {
				row.Topic = u.Statement.Topic
			}
			if i == 0 {
				row.Rowspan = len(group.Uses)
				var err error
				if row.Occupation, err = v.FragmentCached("skill-occupation", u.Occupation, u.Occupation.Path); err != nil {
					return nil, err
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}
