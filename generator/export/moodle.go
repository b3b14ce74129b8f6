package export

import (
	"encoding/json"
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// MoodleHeader is the header row of Moodle's competency framework import
// (admin tool tool_lpimportcsv), in its column order.
var MoodleHeader = []string{
	"Parent ID number", "ID number", "Short name", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)",
	"Rule config (optional)", "Cross-referenced competency ID numbers", "Exported ID (optional)",
	"Is framework", "Taxonomy",
}

// Moodle's text formats; descriptions are written as HTML.
const moodleFormatHTML = "1"

// moodleShortNameMax is the length Moodle's importer cuts short names and
// ID numbers to; ladder shortens them itself, at a word.
const moodleShortNameMax = 100

// MoodleCSV returns the framework in the CSV format of Moodle's competency
// framework import (Site administration › Competencies › Import competency
// framework), as Moodle's own importer reads it:
//
//   - the first row is the framework (Is framework 1): ID number the
//     occupation code, scale values the level labels from lowest to highest
//     joined by commas (a comma inside a label becomes ";"), scale
//     configuration the JSON Moodle expects, a first {"scaleid"} object the
//     importer fills in, then one {"id", "scaledefault", "proficient"} per
//     scale value: the proficient level (see CanvasCSV) is the default and
//     it and every level above it count as proficient; taxonomy
//     "level,competency";
//   - one row per level, ID number its code (29-2012.00.P), with an empty
//     parent: the importer attaches rows with an empty parent to the
//     framework, while a parent naming the framework's ID number would leave
//     them out;
//   - one row per statement, parent its level, ID number its code
//     (29-2012.00.P.3), short name its topic (the statement when it has
//     none) cut to 100 characters, description the statement.
//
// Descriptions are HTML (format 1) with "&", "<" and ">" escaped. The CSV
// is RFC 4180, UTF-8, CRLF line ends.
func MoodleCSV(o *site.Occupation, s *site.Site) ([]byte, error) {
	c := codesOf(o)
	mastery := masteryLevel(o)
	labels := make([]string, len(o.Levels))
	config := []any{map[string]string{"scaleid": "0"}}
	for i, ol := range o.Levels {
		labels[i] = strings.ReplaceAll(strings.TrimSpace(ol.Label), ",", ";")
		config = append(config, moodleScaleItem{ID: i + 1, ScaleDefault: flag(i == mastery), Proficient: flag(i >= mastery)})
	}
	scaleConfig, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}

	rows := [][]string{MoodleHeader}
	row := func(parent, id, name, desc, scale, scaleConfig, isFramework, taxonomy string) {
		rows = append(rows, []string{parent, id, name, desc, moodleFormatHTML, scale, scaleConfig, "", "", "", "", "", isFramework, taxonomy})
	}
	row("", o.Code, shorten(o.Title(), moodleShortNameMax), lmsDescription(o),
		strings.Join(labels, ","), string(scaleConfig), "1", "level,competency")
	for _, ol := range o.Levels {
		levelID := c.level(ol)
		row("", levelID, shorten(ol.Label, moodleShortNameMax),
			htmlText(ol.Label+" level of the "+o.Title()+" competency framework."), "", "", "0", "")
		for _, st := range ol.Statements {
			row(levelID, c.statement(ol, st), shorten(shortName(st), moodleShortNameMax), htmlText(st.Text), "", "", "0", "")
		}
	}
	return writeCSV(rows)
}

// moodleScaleItem is one value's entry in a Moodle scale configuration.
type moodleScaleItem struct {
	ID           int `json:"id"`
	ScaleDefault int `json:"scaledefault"`
	Proficient   int `json:"proficient"`
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
