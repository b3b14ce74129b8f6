package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/ladder-ssg/ladder/generator/site"
)

// CanvasHeader is the header of Canvas's outcomes import up to the rating
// columns; CanvasCSV adds "ratings" and one unnamed column per further
// rating field.
var CanvasHeader = []string{
	"vendor_guid", "object_type", "title", "description", "display_name",
	"calculation_method", "calculation_int", "parent_guids", "workflow_state", "mastery_points",
}

// canvasTitleMax is the longest title Canvas keeps.
const canvasTitleMax = 255

// CanvasCSV returns the framework in Canvas's outcomes import format
// (Outcomes CSV Format): a group for the framework, a group for each
// level inside it, and an outcome for each statement inside its level.
// vendor_guid is the item's CASE identifier, so re-imports update rather
// than duplicate and never clash with another framework or site.
// A level's group has its label for title and no description. An
// outcome's title is the statement's topic (the statement when it has
// none, cut to 255 characters), its description what the title does not
// say (see lmsStatement; HTML with "&", "<" and ">" escaped), its display
// name, which Canvas shows in
// reports, the topic with its level ("Critical test results
// (Proficient)"), its calculation method "highest". Its ratings map the
// levels to points, highest first: with n levels the last is worth n
// points and the first 1, each described by its label. mastery_points is
// the points of the level keyed or labelled "proficient", or of the middle
// level when there is none (the upper middle one for an even count: the
// third of four). The header ends in "ratings" and enough unnamed columns
// for every rating, and every row has as many fields. The CSV is UTF-8
// with a byte-order mark, CRLF line ends.
func CanvasCSV(o *site.Occupation, s *site.Site) ([]byte, error) { return appendCanvasCSV(nil, o, s) }

// appendCanvasCSV appends CanvasCSV's file to dst.
func appendCanvasCSV(dst []byte, o *site.Occupation, s *site.Site) ([]byte, error) {
	width := canvasWidth(len(o.Levels))
	return appendCSVFile(dst, func(cw *csv.Writer) {
		cw.Write(canvasHeader(width))
		writeCanvasRows(cw, o, s, width)
	})
}

// WriteSiteCanvasCSV writes every framework of s in one Canvas outcomes
// import, an occupation's rows at a time: the rows of CanvasCSV for each,
// under one header as wide as the framework with the most levels needs.
func WriteSiteCanvasCSV(w io.Writer, s *site.Site) error {
	most := 0
	for _, o := range s.Occupations {
		most = max(most, len(o.Levels))
	}
	width := canvasWidth(most)
	cw := newCSVWriter(w)
	cw.Write(canvasHeader(width))
	for _, o := range s.Occupations {
		writeCanvasRows(cw, o, s, width)
	}
	cw.Flush()
	return cw.Error()
}

// canvasWidth is the number of columns for ratings of n levels.
func canvasWidth(n int) int { return len(CanvasHeader) + 2*n }

// canvasHeader is the header row, width columns wide.
func canvasHeader(width int) []string {
	return pad(append(append([]string(nil), CanvasHeader...), "ratings"), width)
}

// writeCanvasRows writes o's rows of a Canvas outcomes import, width
// columns wide.
func writeCanvasRows(cw *csv.Writer, o *site.Occupation, s *site.Site, width int) {
	x := siteIDs(s)
	n := len(o.Levels)
	var ratings []string
	for i := n - 1; i >= 0; i-- {
		ratings = append(ratings, strconv.Itoa(i+1), o.Levels[i].Label)
	}
	mastery := strconv.Itoa(masteryLevel(o) + 1)

	row := make([]string, 0, width) // reused: Write copies the fields
	docID := x.document(o)
	cw.Write(pad(append(row, docID, "group", shorten(o.Title(), canvasTitleMax), lmsDescription(o),
		"", "", "", "", "active", ""), width))
	for _, ol := range o.Levels {
		levelID := x.level(ol)
		cw.Write(pad(append(row[:0], levelID, "group", shorten(ol.Label, canvasTitleMax), "",
			"", "", "", docID, "active", ""), width))
		for _, st := range ol.Statements {
			title, desc := lmsStatement(st, canvasTitleMax)
			row = append(row[:0], x.statement(ol, st), "outcome", title, desc,
				shorten(shortName(st)+" ("+ol.Label+")", canvasTitleMax), "highest", "", levelID, "active", mastery)
			cw.Write(pad(append(row, ratings...), width))
		}
	}
}
