// Package preflight checks a site against what LMS importers enforce,
// before anyone uploads a file: `ladder check --lms moodle|canvas|
// brightspace|blackboard`. Each problem is a diagnostic located at the
// framework value that causes it (file, line:column, JSON path), so it
// can be fixed where it starts.
//
// The rules are those of the importers' code and documentation:
//
//   - Moodle's competency import (tool_lpimportcsv) cuts ID numbers and
//     short names to 100 characters and rates a framework on a global
//     scale it finds by its comma-separated values;
//   - Canvas's outcomes import keeps titles and display names of up to
//     255 characters, and tells ratings apart by their descriptions;
//   - SCORM 1.2 titles hold 200 characters (every LMS here imports SCORM);
//   - Moodle and Canvas name an activity or module item in up to 255
//     characters, and no Common Cartridge importer keeps links between
//     packaged pages, which only a base URL can replace.
//
// Brightspace and Blackboard import the SCORM packages and the Common
// Cartridge; their checks are the SCORM and cartridge rules. ladder's
// CSVs always start with a UTF-8 byte-order mark and its package paths
// are made of the characters occupation codes allow, so neither needs a
// check.
package preflight

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/site"
)

// LMSs are the systems Check knows, in the order help lists them.
func LMSs() []string { return []string{"moodle", "canvas", "brightspace", "blackboard"} }

// Limits of the importers, in characters.
const (
	moodleIDMax      = 100 // tool_lpimportcsv: shorten_text(idnumber, 100)
	moodleNameMax    = 100 // tool_lpimportcsv: shorten_text(shortname, 100)
	canvasTitleMax   = 255 // Canvas outcomes: title, display_name
	scorm12TitleMax  = 200 // SCORM 1.2 CAM: title, 200 characters
	activityTitleMax = 255 // Moodle course module names, Canvas module items
)

// Source gives a framework file's display name and bytes, to locate
// problems; bytes may be nil, and the problem then has no line.
type Source func(o *site.Occupation) (file string, data []byte)

// Result is what Check found: Problems to fix (errors stop an import or
// lose data; warnings say what ladder or the LMS will change) and Notes,
// what to do in the LMS before importing.
type Result struct {
	Problems diag.List
	Notes    []string
}

// Check returns what lms's importers would meet in s's files; config is
// the display name of the site's ladder.toml, where site-wide problems
// are located. It returns an error for an LMS it does not know.
func Check(s *site.Site, lms string, src Source, config string) (Result, error) {
	if !slices.Contains(LMSs(), lms) {
		return Result{}, fmt.Errorf("unknown LMS %q: use %s", lms, strings.Join(LMSs(), ", "))
	}
	var res Result
	for _, o := range s.Occupations {
		file, data := src(o)
		f := finder{file: file, data: data}
		if lms == "moodle" {
			moodleRules(o, &f)
		}
		if lms == "canvas" {
			canvasRules(o, &f)
		}
		if lms == "moodle" || lms == "canvas" {
			scaleRules(o, lms, &f)
			activityRules(o, lms, &f)
		}
		scormRules(o, &f)
		res.Problems = append(res.Problems, f.found...)
	}
	if s.Config.BaseURL == "" {
		res.Problems = append(res.Problems, diag.Diagnostic{File: config, Path: "base_url", Severity: diag.Warning,
			Message: "no base_url: the Common Cartridge's pages cannot link each other (no importer keeps links between packaged pages), so those links are plain text; set base_url to link the published pages"})
	}
	if lms == "moodle" {
		res.Notes = moodleScales(s)
	}
	res.Problems.Sort()
	return res, nil
}

// moodleRules are the competency import's limits.
func moodleRules(o *site.Occupation, f *finder) {
	if n := utf8.RuneCountInString(o.Code); n > moodleIDMax {
		f.errorf(occupationPointer("soc"), "occupation.soc", "Moodle cuts ID numbers to %d characters and this code has %d: the framework's competencies would clash", moodleIDMax, n)
	}
	f.cut(occupationPointer("title"), "occupation.title", o.Title(), moodleNameMax, "Moodle's framework short name")
	for _, ol := range o.Levels {
		f.cut(levelPointer(ol, "label"), levelPath(ol, "label"), ol.Label, moodleNameMax, "Moodle's competency short name")
		if strings.Contains(ol.Label, ",") {
			f.warnf(levelPointer(ol, "label"), levelPath(ol, "label"), "Moodle scale values are separated by commas: the comma in %q becomes \";\"", ol.Label)
		}
		for _, st := range ol.Statements {
			code := export.StatementCode(ol, st)
			if n := utf8.RuneCountInString(code); n > moodleIDMax {
				f.errorf(statementPointer(ol, st), statementPath(ol, st), "Moodle cuts ID numbers to %d characters and code %q has %d: statements would clash", moodleIDMax, code, n)
			}
			f.cut(statementPointer(ol, st), statementPath(ol, st), topic(st), moodleNameMax, "Moodle's competency short name")
		}
	}
}

// canvasRules are the outcomes import's limits.
func canvasRules(o *site.Occupation, f *finder) {
	f.cut(occupationPointer("title"), "occupation.title", o.Title(), canvasTitleMax, "Canvas's outcome group title")
	for _, ol := range o.Levels {
		f.cut(levelPointer(ol, "label"), levelPath(ol, "label"), ol.Label, canvasTitleMax, "Canvas's outcome group title")
		for _, st := range ol.Statements {
			f.cut(statementPointer(ol, st), statementPath(ol, st), topic(st)+" ("+ol.Label+")", canvasTitleMax, "Canvas's outcome display name")
		}
	}
}

// scaleRules: a scale (Moodle) or rating list (Canvas) cannot hold two
// equal values.
func scaleRules(o *site.Occupation, lms string, f *finder) {
	seen := map[string]bool{}
	for _, ol := range o.Levels {
		k := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(ol.Label, ",", ";")))
		if seen[k] {
			what := map[string]string{"moodle": "Moodle's scale", "canvas": "Canvas's ratings"}[lms]
			f.errorf(levelPointer(ol, "label"), levelPath(ol, "label"), "two levels are labelled %q: %s could not tell them apart", ol.Label, what)
		}
		seen[k] = true
	}
}

// activityRules: the cartridge's item titles ("Occupation: Level") as
// Moodle and Canvas name activities and module items.
func activityRules(o *site.Occupation, lms string, f *finder) {
	for _, ol := range o.Levels {
		title := o.Title() + ": " + ol.Label
		if n := utf8.RuneCountInString(title); n > activityTitleMax {
			f.warnf(levelPointer(ol, "label"), levelPath(ol, "label"), "the Common Cartridge item %q has %d characters; %s keeps %d", shortened(title), n, map[string]string{"moodle": "Moodle", "canvas": "Canvas"}[lms], activityTitleMax)
		}
	}
}

// scormRules are SCORM 1.2's, which every LMS here imports.
func scormRules(o *site.Occupation, f *finder) {
	if n := utf8.RuneCountInString(strings.TrimSpace(o.Title())); n > scorm12TitleMax {
		f.warnf(occupationPointer("title"), "occupation.title", "SCORM 1.2 titles hold %d characters and this one has %d: the SCORM packages cut it", scorm12TitleMax, n)
	}
}

// moodleScales returns a note per level scheme: the scale to create in
// Moodle before the first import, so that the importer reuses it.
func moodleScales(s *site.Site) []string {
	type scheme struct {
		name, values string
		count        int
	}
	var schemes []*scheme
	for _, o := range s.Occupations {
		labels := make([]string, len(o.Levels))
		for i, ol := range o.Levels {
			labels[i] = strings.ReplaceAll(strings.TrimSpace(ol.Label), ",", ";")
		}
		values := strings.Join(labels, ",")
		i := slices.IndexFunc(schemes, func(sc *scheme) bool { return sc.values == values })
		if i < 0 {
			schemes = append(schemes, &scheme{name: export.LevelScheme(o), values: values})
			i = len(schemes) - 1
		}
		schemes[i].count++
	}
	var notes []string
	for _, sc := range schemes {
		notes = append(notes, fmt.Sprintf("Moodle scale %q, values %q (%d %s): create it in Site administration › Grades › Scales before the first import, and every framework of the scheme will use it",
			sc.name, sc.values, sc.count, plural(sc.count, "framework", "frameworks")))
	}
	return notes
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// topic is a statement's topic, or the statement when it has none.
func topic(st site.Statement) string {
	if st.Topic != "" {
		return st.Topic
	}
	return st.Text
}

// shortened cuts s to 60 characters for a message.
func shortened(s string) string {
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:59]) + "…"
}
