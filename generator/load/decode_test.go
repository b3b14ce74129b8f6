package load

import (
	"os"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/diag"
)

// valid is a minimal valid framework; cases below break one thing at a time.
const valid = `{
  "occupation": {"soc": "29-2012.00", "title": "Technicians", "jobZone": 3},
  "framework": {"levels": {
    "emerging": {"label": "Emerging", "statements": ["Topic — performance"]}
  }}
}`

func TestDecodeFrameworkErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // every diagnostic, formatted, in order
	}{
		{"empty file", "", []string{
			`f.json:1:1: empty file: expected a JSON object with "occupation" and "framework"`}},
		{"white space only", " \r\n ", []string{
			`f.json:1:1: empty file: expected a JSON object with "occupation" and "framework"`}},
		{"null", "null", []string{
			`f.json:1:1: expected a JSON object with "occupation" and "framework", found null`}},
		{"array", "[]", []string{
			`f.json:1:1: expected a JSON object with "occupation" and "framework", found an array`}},
		{"truncated", `{"occupation": {"soc": "x", "title": "T"}, "framework": {"levels": {"a": {"label": "A", "statements": ["x"`, []string{
			`f.json:1:107: framework.levels.a.statements: unexpected end of file: the JSON is truncated`}},
		{"invalid syntax", "{\n  \"occupation\": {\"soc\": \"x\",, \"title\": \"T\"}\n}", []string{
			`f.json:2:29: occupation: invalid JSON: invalid character ',' at start of value`}},
		{"invalid UTF-8", "{\"occupation\": {\"soc\": \"x\", \"title\": \"\xff\"}}", []string{
			`f.json:1:39: invalid UTF-8: the file must be saved as UTF-8`}},
		{"trailing text", valid + " x", []string{
			`f.json:6:3: unexpected text after the end of the JSON object`}},
		{"missing occupation and framework", `{}`, []string{
			`f.json:1:1: missing "occupation": expected an object`,
			`f.json:1:1: missing "framework": expected an object`}},
		{"missing soc and title", strings.Replace(valid, `"soc": "29-2012.00", "title": "Technicians", `, ``, 1), []string{
			`f.json:2:17: occupation: missing "soc": expected a string`,
			`f.json:2:17: occupation: missing "title": expected a string`}},
		{"path-escaping code", strings.Replace(valid, `"29-2012.00"`, `"../../etc"`, 1), []string{
			`f.json:2:25: occupation.soc: unsafe occupation code "../../etc": it must start with a letter, digit or underscore`}},
		{"slash in code", strings.Replace(valid, `"29-2012.00"`, `"a/b"`, 1), []string{
			`f.json:2:25: occupation.soc: unsafe occupation code "a/b": only letters, digits, '.', '-' and '_' are allowed`}},
		{"empty code", strings.Replace(valid, `"29-2012.00"`, `""`, 1), []string{
			`f.json:2:25: occupation.soc: expected a non-empty occupation code such as "29-2012.00"`}},
		{"code of wrong type", strings.Replace(valid, `"29-2012.00"`, `292012`, 1), []string{
			`f.json:2:25: occupation.soc: expected a string, found number 292012`}},
		{"null title", strings.Replace(valid, `"Technicians"`, `null`, 1), []string{
			`f.json:2:48: occupation.title: expected a string, found null`}},
		{"blank title", strings.Replace(valid, `"Technicians"`, `"  "`, 1), []string{
			`f.json:2:48: occupation.title: expected a non-empty title`}},
		{"string job zone", strings.Replace(valid, `"jobZone": 3`, `"jobZone": "3"`, 1), []string{
			`f.json:2:74: occupation.jobZone: expected an integer, found string "3"`}},
		{"job zone out of range", strings.Replace(valid, `"jobZone": 3`, `"jobZone": 7`, 1), []string{
			`f.json:2:74: occupation.jobZone: expected a job zone from 1 to 5, found 7`}},
		{"fractional job zone", strings.Replace(valid, `"jobZone": 3`, `"jobZone": 3.5`, 1), []string{
			`f.json:2:74: occupation.jobZone: expected an integer, found 3.5`}},
		{"inferred not a boolean", strings.Replace(valid, `"jobZone": 3`, `"jobZoneInferred": "yes"`, 1), []string{
			`f.json:2:82: occupation.jobZoneInferred: expected true or false, found string "yes"`}},
		{"no levels", strings.Replace(valid, `"emerging": {"label": "Emerging", "statements": ["Topic — performance"]}`, ``, 1), []string{
			`f.json:3:27: framework.levels: expected at least one proficiency level`}},
		{"levels not an object", `{"occupation": {"soc": "x", "title": "T"}, "framework": {"levels": []}}`, []string{
			`f.json:1:68: framework.levels: expected an object of proficiency levels, e.g. {"emerging": {...}}, found an array`}},
		{"missing levels", `{"occupation": {"soc": "x", "title": "T"}, "framework": {}}`, []string{
			`f.json:1:57: framework: missing "levels": expected an object of proficiency levels`}},
		{"null statements", strings.Replace(valid, `["Topic — performance"]`, `null`, 1), []string{
			`f.json:4:53: framework.levels.emerging.statements: expected an array of statement strings, found null`}},
		{"null statement", strings.Replace(valid, `["Topic — performance"]`, `["Topic — performance", null]`, 1), []string{
			`f.json:4:77: framework.levels.emerging.statements[1]: expected a string, found null`}},
		{"number statement", strings.Replace(valid, `["Topic — performance"]`, `[42]`, 1), []string{
			`f.json:4:54: framework.levels.emerging.statements[0]: expected a string, found number 42`}},
		{"no non-empty statement", strings.Replace(valid, `["Topic — performance"]`, `["", " "]`, 1), []string{
			`f.json:4:54: warning: framework.levels.emerging.statements[0]: empty statement (skipped)`,
			`f.json:4:58: warning: framework.levels.emerging.statements[1]: empty statement (skipped)`,
			`f.json:4:53: framework.levels.emerging.statements: expected at least one non-empty statement`}},
		{"missing label", strings.Replace(valid, `"label": "Emerging", `, ``, 1), []string{
			`f.json:4:17: framework.levels.emerging: missing "label": expected the level's name for people, e.g. "Emerging"`}},
		{"number label", strings.Replace(valid, `"label": "Emerging"`, `"label": 5`, 1), []string{
			`f.json:4:27: framework.levels.emerging.label: expected a string, found number 5`}},
		{"null label", strings.Replace(valid, `"label": "Emerging"`, `"label": null`, 1), []string{
			`f.json:4:27: framework.levels.emerging.label: empty "label": expected the level's name for people, e.g. "Emerging"`}},
		{"blank label", strings.Replace(valid, `"label": "Emerging"`, `"label": " "`, 1), []string{
			`f.json:4:27: framework.levels.emerging.label: empty "label": expected the level's name for people, e.g. "Emerging"`}},
		{"missing statements", strings.Replace(valid, `, "statements": ["Topic — performance"]`, ``, 1), []string{
			`f.json:4:17: framework.levels.emerging: missing "statements": expected an array of statement strings`}},
		{"level not an object", strings.Replace(valid, `{"label": "Emerging", "statements": ["Topic — performance"]}`, `"Emerging"`, 1), []string{
			`f.json:4:17: framework.levels.emerging: expected an object with "label" and "statements", found string "Emerging"`}},
		{"duplicate member", strings.Replace(valid, `"jobZone": 3`, `"jobZone": 3, "jobZone": 4`, 1), []string{
			`f.json:2:77: occupation.jobZone: duplicate member "jobZone": each name may appear only once in an object`}},
		{"bad date", strings.Replace(valid, `{`+"\n", `{"exportedAt": "last May",`+"\n", 1), []string{
			`f.json:1:16: exportedAt: expected an RFC 3339 date-time such as "2026-05-15T12:38:05Z", found "last May"`}},
		{"unknown field warns", strings.Replace(valid, `"jobZone": 3`, `"jobZone": 3, "colour": "red"`, 1), []string{
			`f.json:2:87: warning: occupation.colour: unknown field "colour" (ignored)`}},
		{"all errors of a file at once", `{"occupation": {"soc": "../x", "title": ""}, "framework": {"levels": {"a": {"label": "A", "statements": [null, 3]}}}}`, []string{
			`f.json:1:24: occupation.soc: unsafe occupation code "../x": it must start with a letter, digit or underscore`,
			`f.json:1:41: occupation.title: expected a non-empty title`,
			`f.json:1:106: framework.levels.a.statements[0]: expected a string, found null`,
			`f.json:1:112: framework.levels.a.statements[1]: expected a string, found number 3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, diags := DecodeFramework("f.json", []byte(tt.in), false)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if hasErrors := len(diags.Errors()) > 0; hasErrors != (f == nil) {
				t.Errorf("framework returned = %v with errors = %v", f != nil, hasErrors)
			}
		})
	}
}

func TestDecodeFrameworkStrict(t *testing.T) {
	in := strings.Replace(valid, `"jobZone": 3`, `"jobZone": 3, "colour": "red"`, 1)
	f, diags := DecodeFramework("f.json", []byte(in), true)
	want := `f.json:2:87: occupation.colour: unknown field "colour" (not allowed with --strict)`
	if f != nil || len(diags) != 1 || diags[0].Error() != want {
		t.Fatalf("got %v, %v; want error %q", f != nil, diags, want)
	}
}

func TestDecodeFrameworkKeepsOrderAndAcceptsBOMAndCRLF(t *testing.T) {
	in := "\xEF\xBB\xBF" + strings.ReplaceAll(`{"occupation": {"soc": "x", "title": "T"},
"framework": {"levels": {
  "zeta": {"label": "Z", "statements": ["a"]},
  "alpha": {"label": "A", "statements": ["b — c"]},
  "mid": {"label": "M", "statements": ["d"]}
}}}`, "\n", "\r\n")
	f, diags := DecodeFramework("f.json", []byte(in), false)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var keys []string
	for _, lv := range f.Levels {
		keys = append(keys, lv.Key)
	}
	if got := strings.Join(keys, ","); got != "zeta,alpha,mid" {
		t.Errorf("level order = %s, want zeta,alpha,mid", got)
	}
	if st := f.Levels[1].Statements[0]; st.Topic != "b" || st.Performance != "c" {
		t.Errorf("statement split = %+v", st)
	}
}

func TestDecodeSeeds(t *testing.T) {
	for _, name := range []string{"29-2012.00.json", "19-4021.00.json"} {
		data, err := os.ReadFile("../../content/frameworks/" + name)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := DecodeFramework(name, data, true)
		if len(diags) != 0 {
			t.Fatalf("%s: %v", name, diags)
		}
		if len(f.Levels) != 4 || f.Levels[0].Key != "emerging" || f.Levels[3].Key != "advanced" {
			t.Errorf("%s: levels %+v", name, f.Levels)
		}
		if f.Attribution != "© EBSCOed" || !f.UsesONET() {
			t.Errorf("%s: attribution %q, O*NET %v", name, f.Attribution, f.UsesONET())
		}
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\nçd\n")
	for _, tt := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {6, 2, 3}, {7, 3, 1}} {
		if l, c := diag.Position(data, tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}
