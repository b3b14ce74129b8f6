package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/site"
)

// readCSV parses data as RFC 4180 CSV after its UTF-8 byte-order mark
// (which it requires, as spreadsheets do to read UTF-8), every record as
// wide as the header.
func readCSV(t testing.TB, data []byte) [][]string {
	t.Helper()
	if !utf8.Valid(data) {
		t.Fatal("CSV is not UTF-8")
	}
	if !bytes.HasPrefix(data, []byte(utf8BOM)) {
		t.Fatalf("CSV starts with %q, not a UTF-8 byte-order mark", data[:min(3, len(data))])
	}
	rows, err := csv.NewReader(bytes.NewReader(data[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	return rows
}

// checkMoodle checks a Moodle CSV the way tool_lpimportcsv's importer and
// core_competency read it, returning the first problem.
func checkMoodle(rows [][]string) error {
	if len(rows) < 2 || !slices.Equal(rows[0], MoodleHeader) {
		return fmt.Errorf("header %q", rows[0])
	}
	const (
		parent, idnumber, shortname, desc, format, scale, scaleConfig, ruleType = 0, 1, 2, 3, 4, 5, 6, 7
		isFramework, taxonomy                                                   = 12, 13
	)
	taxonomies := map[string]bool{"behaviour": true, "competency": true, "concept": true, "domain": true,
		"indicator": true, "level": true, "outcome": true, "practice": true, "proficiency": true, "skill": true, "value": true}
	fw := rows[1]
	if fw[isFramework] != "1" {
		return fmt.Errorf("first row is not the framework: %q", fw)
	}
	for _, term := range strings.Split(fw[taxonomy], ",") {
		if !taxonomies[term] {
			return fmt.Errorf("taxonomy %q", term)
		}
	}
	values := strings.Split(fw[scale], ",")
	var config []map[string]any
	if err := json.Unmarshal([]byte(fw[scaleConfig]), &config); err != nil {
		return fmt.Errorf("scale configuration: %v", err)
	}
	if len(config) != len(values)+1 || config[0]["scaleid"] == nil {
		return fmt.Errorf("scale configuration %s for %d values", fw[scaleConfig], len(values))
	}
	defaults, proficient := 0, 0
	for i, c := range config[1:] {
		if c["id"] != float64(i+1) {
			return fmt.Errorf("scale item %d has id %v", i+1, c["id"])
		}
		defaults += int(c["scaledefault"].(float64))
		proficient += int(c["proficient"].(float64))
	}
	if defaults != 1 || proficient < 1 {
		return fmt.Errorf("scale configuration %s: %d defaults, %d proficient", fw[scaleConfig], defaults, proficient)
	}
	// The importer attaches rows with an empty parent to the framework and
	// every other row to the row with its parent's ID number.
	ids := map[string]bool{}
	for _, r := range rows[2:] {
		if r[isFramework] != "0" {
			return fmt.Errorf("second framework row %q", r)
		}
		if r[parent] != "" && !ids[r[parent]] {
			return fmt.Errorf("%s: parent %q is not an earlier row", r[idnumber], r[parent])
		}
		if r[idnumber] == "" || ids[r[idnumber]] || utf8.RuneCountInString(r[idnumber]) > 100 {
			return fmt.Errorf("ID number %q empty, repeated or too long", r[idnumber])
		}
		ids[r[idnumber]] = true
		if r[shortname] == "" || utf8.RuneCountInString(r[shortname]) > 100 {
			return fmt.Errorf("%s: short name %q", r[idnumber], r[shortname])
		}
		if r[format] != "1" || r[ruleType] != "" {
			return fmt.Errorf("%s: format %q, rule %q", r[idnumber], r[format], r[ruleType])
		}
		// A competency's own scale: its configuration names each value.
		if (r[scale] == "") != (r[scaleConfig] == "") {
			return fmt.Errorf("%s: scale values %q with configuration %q", r[idnumber], r[scale], r[scaleConfig])
		}
		if r[scale] != "" {
			var own []map[string]any
			if err := json.Unmarshal([]byte(r[scaleConfig]), &own); err != nil || len(own) != len(strings.Split(r[scale], ","))+1 {
				return fmt.Errorf("%s: scale configuration %s for %q", r[idnumber], r[scaleConfig], r[scale])
			}
		}
	}
	return nil
}

// checkCanvas checks a Canvas outcomes CSV the way Canvas's importer
// (Outcomes::CSVImporter and Outcomes::Import) reads it.
func checkCanvas(rows [][]string) error {
	h := rows[0]
	ri := slices.Index(h, "ratings")
	if ri < 0 || !slices.Equal(h[:ri], CanvasHeader) {
		return fmt.Errorf("header %q", h)
	}
	for _, extra := range h[ri+1:] {
		if extra != "" {
			return fmt.Errorf("named column %q after ratings", extra)
		}
	}
	col := func(r []string, name string) string { return r[slices.Index(h, name)] }
	groups := map[string]bool{}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		guid := col(r, "vendor_guid")
		if guid == "" || strings.ContainsAny(guid, " \t\n") || seen[guid] {
			return fmt.Errorf("vendor_guid %q empty, spaced or repeated", guid)
		}
		seen[guid] = true
		if t := col(r, "title"); t == "" || utf8.RuneCountInString(t) > 255 {
			return fmt.Errorf("%s: title %q", guid, t)
		}
		if ws := col(r, "workflow_state"); ws != "active" && ws != "deleted" && ws != "" {
			return fmt.Errorf("%s: workflow_state %q", guid, ws)
		}
		for _, p := range strings.Fields(col(r, "parent_guids")) {
			if !groups[p] {
				return fmt.Errorf("%s: parent %q is not an earlier group", guid, p)
			}
		}
		ratings := r[ri:]
		for len(ratings) > 0 && ratings[len(ratings)-1] == "" {
			ratings = ratings[:len(ratings)-1]
		}
		switch col(r, "object_type") {
		case "group":
			if len(strings.Fields(col(r, "parent_guids"))) > 1 {
				return fmt.Errorf("%s: group with two parents", guid)
			}
			if col(r, "calculation_method") != "" || col(r, "calculation_int") != "" || col(r, "mastery_points") != "" || len(ratings) > 0 {
				return fmt.Errorf("%s: group with outcome fields", guid)
			}
			groups[guid] = true
		case "outcome":
			if m := col(r, "calculation_method"); !slices.Contains([]string{"decaying_average", "n_mastery", "highest", "latest", ""}, m) {
				return fmt.Errorf("%s: calculation_method %q", guid, m)
			}
			if len(ratings) == 0 || len(ratings)%2 != 0 {
				return fmt.Errorf("%s: ratings %q", guid, ratings)
			}
			prior := 1e18
			for i := 0; i < len(ratings); i += 2 {
				p, err := strconv.ParseFloat(ratings[i], 64)
				if err != nil || p > prior || ratings[i+1] == "" {
					return fmt.Errorf("%s: rating %q %q after %v", guid, ratings[i], ratings[i+1], prior)
				}
				prior = p
			}
			top, _ := strconv.ParseFloat(ratings[0], 64)
			if m, err := strconv.ParseFloat(col(r, "mastery_points"), 64); err != nil || m < prior || m > top {
				return fmt.Errorf("%s: mastery_points %q outside the ratings", guid, col(r, "mastery_points"))
			}
		default:
			return fmt.Errorf("%s: object_type %q", guid, col(r, "object_type"))
		}
	}
	return nil
}

// lmsSites are the sites every CSV is checked on.
func lmsSites(t *testing.T) []*site.Site {
	var out []*site.Site
	for _, c := range configs {
		out = append(out, seeds(t, c.cfg()), hostile(t, c.cfg()), dated(t, c.cfg()))
	}
	return out
}

func TestCSVsImportable(t *testing.T) {
	formats := []struct {
		name  string
		make  func(*site.Occupation, *site.Site) ([]byte, error)
		check func([][]string) error
	}{
		{"moodle", MoodleCSV, checkMoodle},
		{"canvas", CanvasCSV, checkCanvas},
	}
	for _, f := range formats {
		for _, s := range lmsSites(t) {
			for _, o := range s.Occupations {
				data, err := f.make(o, s)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasSuffix(data, []byte("\r\n")) {
					t.Errorf("%s %s: lines do not end in CRLF", f.name, o.Code)
				}
				if err := f.check(readCSV(t, data)); err != nil {
					t.Errorf("%s %s: %v", f.name, o.Code, err)
				}
			}
		}
	}
}

func TestCSVsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped with -short")
	}
	s := loadDir(t, corpusDir, baseConfig())
	for _, o := range s.Occupations {
		m, err := MoodleCSV(o, s)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkMoodle(readCSV(t, m)); err != nil {
			t.Fatalf("moodle %s: %v", o.Code, err)
		}
		c, err := CanvasCSV(o, s)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkCanvas(readCSV(t, c)); err != nil {
			t.Fatalf("canvas %s: %v", o.Code, err)
		}
	}
	t.Logf("%d Moodle and %d Canvas CSVs importable", len(s.Occupations), len(s.Occupations))
}

// TestSiteCSVs checks the site-wide Moodle and Canvas files on every test
// site: each imports as its LMS reads it and holds every framework; in the
// Moodle file, occupations are top competencies, the framework's scale is
// the scheme most occupations use, and only the others carry their own.
func TestSiteCSVs(t *testing.T) {
	for _, s := range lmsSites(t) {
		var m, c bytes.Buffer
		if err := WriteSiteMoodleCSV(&m, s); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, m.Bytes())
		if err := checkMoodle(rows); err != nil {
			t.Errorf("moodle: %v", err)
		}
		if err := WriteSiteCanvasCSV(&c, s); err != nil {
			t.Fatal(err)
		}
		crows := readCSV(t, c.Bytes())
		if err := checkCanvas(crows); err != nil {
			t.Errorf("canvas: %v", err)
		}
		want := 2
		byID := map[string][]string{}
		for _, r := range rows {
			byID[r[1]] = r
		}
		for _, o := range s.Occupations {
			want += 1 + len(o.Levels)
			for _, ol := range o.Levels {
				want += len(ol.Statements)
			}
			r := byID[o.Code]
			values, _, _ := moodleScale(o)
			own := values != rows[1][5]
			if r == nil || r[0] != "" || (r[5] != "") != own || byID[codesOf(o).level(o.Levels[0])][0] != o.Code {
				t.Errorf("moodle: occupation %s: row %q, own scale %v", o.Code, r, own)
			}
		}
		if len(rows) != want || len(crows) != want-1 {
			t.Errorf("moodle %d rows, canvas %d, want %d and %d", len(rows), len(crows), want, want-1)
		}
	}
}

// TestLevelScheme names level schemes.
func TestLevelScheme(t *testing.T) {
	for _, c := range []struct {
		labels []string
		want   string
	}{
		{[]string{"Emerging", "Developing", "Proficient", "Advanced"}, "Emerging – Advanced"},
		{[]string{" Novice ", "Expert"}, "Novice – Expert"},
		{[]string{"Only"}, "Only"},
		{nil, ""},
	} {
		o := &site.Occupation{}
		for _, l := range c.labels {
			o.Levels = append(o.Levels, &site.OccupationLevel{Label: l})
		}
		if got := LevelScheme(o); got != c.want {
			t.Errorf("LevelScheme(%q) = %q, want %q", c.labels, got, c.want)
		}
	}
}

func TestMoodleRows(t *testing.T) {
	s := seeds(t, baseConfig())
	o := s.Occupations[1] // 29-2012.00
	data, err := MoodleCSV(o, s)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, data)
	if want := 1 + 1 + len(o.Levels) + 40; len(rows) != want {
		t.Fatalf("%d rows, want %d", len(rows), want)
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[1]] = r
	}
	cases := []struct {
		id, col string
		i       int
		want    string
	}{
		{"29-2012.00", "Scale values", 5, "Emerging,Developing,Proficient,Advanced"},
		{"29-2012.00", "Scale configuration", 6, `[{"scaleid":"0"},{"id":1,"scaledefault":0,"proficient":0},{"id":2,"scaledefault":0,"proficient":0},{"id":3,"scaledefault":1,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]`},
		{"29-2012.00", "Taxonomy", 13, "level,competency"},
		{"29-2012.00", "Short name", 2, "Medical and Clinical Laboratory Technicians"},
		{"29-2012.00.P", "Parent ID number", 0, ""},
		{"29-2012.00.P", "Short name", 2, "Proficient"},
		{"29-2012.00.P.3", "Parent ID number", 0, "29-2012.00.P"},
		{"29-2012.00.P.3", "Short name", 2, "Reagent and solution preparation"},
		{"29-2012.00.P.3", "Description", 3, o.Levels[2].Statements[2].Performance},
		{"29-2012.00.P", "Description", 3, ""},
		{"29-2012.00.P.3", "Is framework", 12, "0"},
	}
	for _, c := range cases {
		r, ok := byID[c.id]
		if !ok {
			t.Errorf("no row %s", c.id)
			continue
		}
		if r[c.i] != c.want {
			t.Errorf("%s %s = %q, want %q", c.id, c.col, r[c.i], c.want)
		}
	}
	if d := byID["29-2012.00"][3]; !strings.Contains(d, "<br>Source (onet): v30.2 (CC BY 4.0)") || !strings.Contains(d, "Attribution: © EBSCOed") {
		t.Errorf("framework description lacks sources and attribution: %q", d)
	}
}

func TestCanvasRows(t *testing.T) {
	s := seeds(t, baseConfig())
	o := s.Occupations[1] // 29-2012.00
	data, err := CanvasCSV(o, s)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, data)
	wantHeader := "vendor_guid,object_type,title,description,display_name,calculation_method,calculation_int,parent_guids,workflow_state,mastery_points,ratings,,,,,,,"
	if got := strings.SplitN(strings.TrimPrefix(string(data), utf8BOM), "\r\n", 2)[0]; got != wantHeader {
		t.Errorf("header\n%s\nwant\n%s", got, wantHeader)
	}
	x := siteIDs(s)
	ol := o.Levels[2]
	st := ol.Statements[2]
	want := []string{x.statement(ol, st), "outcome", "Reagent and solution preparation", st.Performance, "Reagent and solution preparation (Proficient)",
		"highest", "", x.level(ol), "active", "3", "4", "Advanced", "3", "Proficient", "2", "Developing", "1", "Emerging"}
	found := false
	for _, r := range rows {
		if r[0] == want[0] {
			found = true
			if !slices.Equal(r, want) {
				t.Errorf("row\n%q\nwant\n%q", r, want)
			}
		}
	}
	if !found {
		t.Error("no row for 29-2012.00.P.3")
	}
	if rows[1][1] != "group" || rows[1][0] != x.document(o) || rows[2][7] != x.document(o) {
		t.Errorf("framework group rows %q %q", rows[1], rows[2])
	}
}

func TestMasteryLevel(t *testing.T) {
	cases := []struct {
		keys []string
		want int
	}{
		{[]string{"emerging", "developing", "proficient", "advanced"}, 2},
		{[]string{"a", "Proficient"}, 1},
		{[]string{"a", "b", "c", "d"}, 2},
		{[]string{"a", "b", "c"}, 1},
		{[]string{"a", "b", "c", "d", "e"}, 2},
		{[]string{"a"}, 0},
	}
	for _, c := range cases {
		o := &site.Occupation{}
		for _, k := range c.keys {
			o.Levels = append(o.Levels, &site.OccupationLevel{Key: k, Label: strings.ToUpper(k)})
		}
		if got := masteryLevel(o); got != c.want {
			t.Errorf("masteryLevel(%q) = %d, want %d", c.keys, got, c.want)
		}
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"plain":                      "plain",
		"a < b & c > d":              "a &lt; b &amp; c &gt; d",
		"&amp; stays text":           "&amp;amp; stays text",
		`"quotes" and 'apostrophes'`: `"quotes" and 'apostrophes'`,
		"<script>é</script>":         "&lt;script&gt;é&lt;/script&gt;",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLMSStatement: an LMS row's description says what its name does
// not, and nothing twice.
func TestLMSStatement(t *testing.T) {
	long := strings.Repeat("word ", 30) + "end"
	for _, c := range []struct {
		text, topic, performance string
		max                      int
		name, desc               string
	}{
		{"Greeting — welcomes <visitors>", "Greeting", "welcomes <visitors>", 100, "Greeting", "welcomes &lt;visitors&gt;"},
		{"Welcomes visitors", "", "Welcomes visitors", 100, "Welcomes visitors", ""},
		{long, "", long, 100, shorten(long, 100), long},
		{long + " — does it", long, "does it", 100, shorten(long, 100), long + " — does it"},
	} {
		st := site.Statement{Statement: &framework.Statement{Text: c.text, Topic: c.topic, Performance: c.performance}}
		if name, desc := lmsStatement(st, c.max); name != c.name || desc != c.desc {
			t.Errorf("%q: name %q, description %q; want %q, %q", c.text, name, desc, c.name, c.desc)
		}
	}
}
