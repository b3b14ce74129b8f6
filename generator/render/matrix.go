package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// MatrixRow is one row of an occupation's skill-by-level matrix: a topic
// (or a statement number) and, for each level, its statement in that row
// or nil.
type MatrixRow struct {
	Label string
	Cells []*MatrixCell
}

// MatrixCell is one statement in the matrix, with its level, and what
// its cell shows worked out in Go (see StatementRow for why).
type MatrixCell struct {
	Level     *site.OccupationLevel
	Statement *site.Statement
	// Topic is the statement's topic when the cell shows it: "" in a
	// matrix whose rows are topics.
	Topic       string
	Performance string
	LevelURL    string // the level page's URL, relative to the page; "" when it is this page
	Anchor      string // the statement's fragment id on it
	Code        string // the statement's code without its occupation's, e.g. E.3
	// Row is the statement's row, on a site without level pages, where
	// the cell takes the row's place: its anchor, alignment and
	// permanent code. Nil when the level has a page.
	Row *StatementRow
}

// MatrixTable is an occupation's skill-by-level matrix.
type MatrixTable struct {
	Rows    []MatrixRow
	ByTopic bool // whether each row is a topic, else a statement number
}

// Matrix returns the skill-by-level matrix of the page's occupation. When every level has the same
// topics, each row is a topic and its cells say what each level expects
// of it; otherwise the n-th row holds each level's n-th statement, whose
// topic its cell shows.
func (v *View) Matrix() (MatrixTable, error) {
	o := v.Page.Occupation
	if o == nil || len(o.Levels) == 0 {
		return MatrixTable{}, nil
	}
	levelURLs := make([]string, len(o.Levels))
	for i, ol := range o.Levels {
		if page := paths.Page(ol.Path); page != v.Page.Path {
			levelURLs[i] = v.URL(page)
		} // else the level is a part of this page: its links are fragments
	}
	var err error
	cell := func(i int, st *site.Statement, byTopic bool) *MatrixCell {
		ol := o.Levels[i]
		c := &MatrixCell{Level: ol, Statement: st, Performance: st.Performance, LevelURL: levelURLs[i], Anchor: st.Anchor, Code: shortCode(ol, st)}
		if !byTopic {
			c.Topic = st.Topic
		}
		if !v.Site.Config.Outputs.LevelPages && err == nil {
			c.Row, err = v.cellRow(ol, st.Number-1)
		}
		return c
	}
	var rows []MatrixRow
	if order, ok := sharedTopics(o); ok {
		for _, topic := range order {
			row := MatrixRow{Label: topic, Cells: make([]*MatrixCell, len(o.Levels))}
			for i, ol := range o.Levels {
				for j := range ol.Statements {
					if strings.EqualFold(ol.Statements[j].Topic, topic) {
						row.Cells[i] = cell(i, &ol.Statements[j], true)
						break
					}
				}
			}
			rows = append(rows, row)
		}
		return MatrixTable{rows, true}, err
	}
	n := 0
	for _, ol := range o.Levels {
		n = max(n, len(ol.Statements))
	}
	for k := range n {
		row := MatrixRow{Label: strconv.Itoa(k + 1), Cells: make([]*MatrixCell, len(o.Levels))}
		for i, ol := range o.Levels {
			if k < len(ol.Statements) {
				row.Cells[i] = cell(i, &ol.Statements[k], false)
			}
		}
		rows = append(rows, row)
	}
	return MatrixTable{rows, false}, err
}

// sharedTopics returns the topics of o's first level, in order, when
// every level has exactly those topics (ignoring case) and none twice.
func sharedTopics(o *site.Occupation) ([]string, bool) {
	set := func(ol *site.OccupationLevel) ([]string, bool) {
		var keys []string
		for _, st := range ol.Statements {
			k := strings.ToLower(st.Topic)
			if k == "" || slices.Contains(keys, k) {
				return nil, false
			}
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return keys, true
	}
	first, ok := set(o.Levels[0])
	if !ok || len(o.Levels) < 2 {
		return nil, false
	}
	for _, ol := range o.Levels[1:] {
		keys, ok := set(ol)
		if !ok || !slices.Equal(keys, first) {
			return nil, false
		}
	}
	order := make([]string, 0, len(first))
	for _, st := range o.Levels[0].Statements {
		order = append(order, st.Topic)
	}
	return order, true
}

// StatementCount is the number of statements of the page's occupation.
func (v *View) StatementCount() int {
	n := 0
	if o := v.Page.Occupation; o != nil {
		for _, ol := range o.Levels {
			n += len(ol.Statements)
		}
	}
	return n
}

// ShortCode returns a statement's code without its occupation's, e.g.
// E.3 for 29-2012.00.E.3: what a cell of the matrix shows, under a
// heading that gives the occupation's code. The matrix's cells hold it
// (MatrixCell.Code); templates a site wrote against the cells' Level and
// Statement call this.
func (v *View) ShortCode(ol *site.OccupationLevel, st *site.Statement) string {
	return shortCode(ol, st)
}

func shortCode(ol *site.OccupationLevel, st *site.Statement) string {
	return strings.TrimPrefix(export.StatementCode(ol, *st), ol.Occupation.Code+".")
}
