package pipeline

import (
	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/onet"
)

// StatementAlignment is one statement with its best O*NET matches, as
// `ladder align` prints it.
type StatementAlignment struct {
	File      string        `json:"file"`
	SOC       string        `json:"soc"`
	Level     string        `json:"level"`
	Index     int           `json:"index"` // 0-based in its level
	Statement string        `json:"statement"`
	Matches   []MatchedItem `json:"matches"`
}

// MatchedItem is one O*NET element a statement matches.
type MatchedItem struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Kind  string  `json:"kind"` // dwa, skill or knowledge
	Score float64 `json:"score"`
	Band  string  `json:"band"`
}

// Align loads the site and aligns every statement of every current
// framework, the site's alignment rules applied, giving the best k
// matches of each, in file order.
func Align(opts Options, k int) ([]StatementAlignment, diag.List, error) {
	in, diags := load.Site(opts.Source, opts.Defaults, load.Options{Strict: opts.Strict})
	if err := diags.Err(); err != nil {
		return nil, diags, err
	}
	a, err := NewAligner()
	if err != nil {
		return nil, diags, err
	}
	tax := a.Taxonomy()
	var out []StatementAlignment
	for _, f := range in.Frameworks {
		var rules []align.Rule
		for _, r := range in.Alignments {
			if e, ok := tax.Lookup(r.Element); ok && r.Occupation == f.Occupation.SOC {
				rules = append(rules, align.Rule{Reject: r.Reject, Level: r.Level, Index: r.Index, Topic: r.Topic, Element: e})
			}
		}
		for l, ms := range a.Framework(f.Framework, rules, k) {
			lv := f.Levels[l]
			for i, m := range ms {
				out = append(out, StatementAlignment{File: "content/" + f.File, SOC: f.Occupation.SOC, Level: lv.Key,
					Index: i, Statement: lv.Statements[i].Text, Matches: matchedItems(tax, m)})
			}
		}
	}
	return out, diags, nil
}

func matchedItems(tax *onet.Taxonomy, ms []align.Match) []MatchedItem {
	out := make([]MatchedItem, len(ms))
	for i, m := range ms {
		e := tax.Elements[m.Element]
		out[i] = MatchedItem{ID: e.ID, Title: e.Title, Kind: e.Kind.String(), Score: m.Score, Band: m.Band.String()}
	}
	return out
}
