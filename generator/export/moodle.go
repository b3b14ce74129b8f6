package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
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
//   - one row per level, ID number its code (29-2012.00.P), short name its
//     label and no description, with an empty parent: the importer
//     attaches rows with an empty parent to the framework, while a parent
//     naming the framework's ID number would leave them out;
//   - one row per statement, parent its level, ID number its code
//     (29-2012.00.P.3), short name its topic (the statement when it has
//     none) cut to 100 characters, description what the short name does
//     not say (lmsStatement): the performance after a whole topic,
//     nothing after a whole statement, else the statement.
//
// The importer looks a scale up by its values among the site's global
// scales and creates one only when none matches, so every framework of one
// level scheme (see LevelScheme) is rated on one Moodle scale.
//
// Descriptions are HTML (format 1) with "&", "<" and ">" escaped. The CSV
// is RFC 4180, UTF-8 with a byte-order mark (so that spreadsheets read it
// as UTF-8; Moodle's CSV reader drops it), CRLF line ends.
func MoodleCSV(o *site.Occupation, s *site.Site) ([]byte, error) { return appendMoodleCSV(nil, o, s) }

// appendMoodleCSV appends MoodleCSV's file to dst.
func appendMoodleCSV(dst []byte, o *site.Occupation, s *site.Site) ([]byte, error) {
	values, config, err := moodleScale(o)
	if err != nil {
		return nil, err
	}
	return appendCSVFile(dst, func(cw *csv.Writer) {
		cw.Write(MoodleHeader)
		cw.Write(moodleRow(nil, "", o.Code, shorten(o.Title(), moodleShortNameMax), lmsDescription(o), values, config, "1", "level,competency"))
		writeMoodleLevelRows(cw, o, "", "", "")
	})
}

// WriteSiteMoodleCSV writes every framework of s in one Moodle competency
// framework import, an occupation's rows at a time (the file holds every
// framework: a large site's would not fit in memory whole). Moodle's
// importer makes one framework of one file (a second framework row would
// replace the first), so the file is one framework named after the site
// whose top competencies are the occupations (ID number the occupation
// code, description as in MoodleCSV), each holding its levels and
// statements as MoodleCSV does; taxonomy "domain,level,competency". The
// framework's scale is the level scheme most occupations use; an
// occupation of another scheme carries its own scale on its rows.
func WriteSiteMoodleCSV(w io.Writer, s *site.Site) error {
	primary, err := primaryScheme(s)
	if err != nil {
		return err
	}
	cw := newCSVWriter(w)
	cw.Write(MoodleHeader)
	cw.Write(moodleRow(nil, "", siteIDs(s).id("moodle-framework"), shorten(s.Config.Title, moodleShortNameMax),
		htmlText(s.Config.Description), primary[0], primary[1], "1", "domain,level,competency"))
	for _, o := range s.Occupations {
		values, config, err := moodleScale(o)
		if err != nil {
			return err
		}
		if values == primary[0] {
			values, config = "", ""
		}
		cw.Write(moodleRow(nil, "", o.Code, shorten(o.Title(), moodleShortNameMax), lmsDescription(o), values, config, "0", ""))
		writeMoodleLevelRows(cw, o, o.Code, values, config)
	}
	cw.Flush()
	return cw.Error()
}

// primaryScheme returns the scale values and configuration of the level
// scheme most occupations of s use (the first in A–Z order on a tie).
func primaryScheme(s *site.Site) ([2]string, error) {
	count := map[string]int{}
	var best [2]string
	for _, o := range s.Occupations {
		values, config, err := moodleScale(o)
		if err != nil {
			return best, err
		}
		count[values]++
		if best[0] == "" || count[values] > count[best[0]] {
			best = [2]string{values, config}
		}
	}
	return best, nil
}

// moodleRow is one row of a Moodle import, in row's array when it has
// room.
func moodleRow(row []string, parent, id, name, desc, scale, scaleConfig, isFramework, taxonomy string) []string {
	return append(row[:0], parent, id, name, desc, moodleFormatHTML, scale, scaleConfig, "", "", "", "", "", isFramework, taxonomy)
}

// writeMoodleLevelRows writes the rows of o's levels, each below parent,
// and of their statements, with the scale values and configuration given
// (empty when the framework's scale applies).
func writeMoodleLevelRows(cw *csv.Writer, o *site.Occupation, parent, values, config string) {
	c := codesOf(o)
	var row []string // reused: Write copies the fields
	for _, ol := range o.Levels {
		levelID := c.level(ol)
		row = moodleRow(row, parent, levelID, shorten(ol.Label, moodleShortNameMax), "", values, config, "0", "")
		cw.Write(row)
		for _, st := range ol.Statements {
			name, desc := lmsStatement(st, moodleShortNameMax)
			row = moodleRow(row, levelID, c.statement(ol, st), name, desc, values, config, "0", "")
			cw.Write(row)
		}
	}
}

// moodleScale returns the scale values of o's levels (their labels from
// lowest to highest, joined by commas, a comma inside a label made ";")
// and the scale configuration (see MoodleCSV).
func moodleScale(o *site.Occupation) (values, config string, err error) {
	mastery := masteryLevel(o)
	labels := make([]string, len(o.Levels))
	items := []any{map[string]string{"scaleid": "0"}}
	for i, ol := range o.Levels {
		labels[i] = strings.ReplaceAll(strings.TrimSpace(ol.Label), ",", ";")
		items = append(items, moodleScaleItem{ID: i + 1, ScaleDefault: flag(i == mastery), Proficient: flag(i >= mastery)})
	}
	data, err := json.Marshal(items)
	if err != nil {
		return "", "", err
	}
	return strings.Join(labels, ","), string(data), nil
}

// LevelScheme names o's level scheme for people: its first and last level
// labels joined by an en dash ("Emerging – Advanced"), or its one label.
// The name to give the Moodle scale its frameworks share.
func LevelScheme(o *site.Occupation) string {
	if len(o.Levels) == 0 {
		return ""
	}
	first, last := strings.TrimSpace(o.Levels[0].Label), strings.TrimSpace(o.Levels[len(o.Levels)-1].Label)
	if len(o.Levels) == 1 {
		return first
	}
	return first + " – " + last
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
