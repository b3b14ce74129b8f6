package markup

import (
	"errors"
	"reflect"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want FrontMatter
		body string
	}{
		{
			name: "no front matter",
			src:  "# Title\n\nText.\n",
			body: "# Title\n\nText.\n",
		},
		{
			name: "empty file",
			src:  "",
			body: "",
		},
		{
			name: "thematic break later in the file is not front matter",
			src:  "Text\n---\nMore\n",
			body: "Text\n---\nMore\n",
		},
		{
			name: "yaml all fields",
			src: "---\ntitle: Registered Nurse\ndescription: \"Cares for patients\"\nweight: 3\ndraft: true\nslug: rn\n" +
				"params:\n  code: 29-1141.00\n  tags: [care, health]\n---\n# Body\n",
			want: FrontMatter{
				Title: "Registered Nurse", Description: "Cares for patients", Weight: 3, Draft: true, Slug: "rn",
				Params: map[string]any{"code": "29-1141.00", "tags": []any{"care", "health"}},
			},
			body: "# Body\n",
		},
		{
			name: "toml all fields",
			src: "+++\ntitle = \"Registered Nurse\"\ndescription = 'Cares'\nweight = -2\ndraft = false\nslug = \"rn\"\n" +
				"[params]\ncode = \"29-1141.00\"\nlevel = 4\n+++\nBody\n",
			want: FrontMatter{
				Title: "Registered Nurse", Description: "Cares", Weight: -2, Slug: "rn",
				Params: map[string]any{"code": "29-1141.00", "level": int64(4)},
			},
			body: "Body\n",
		},
		{
			name: "BOM and CRLF",
			src:  "\ufeff---\r\ntitle: Pflege\r\nweight: 1\r\n---\r\nKörper\r\n",
			want: FrontMatter{Title: "Pflege", Weight: 1},
			body: "Körper\r\n",
		},
		{
			name: "toml with CRLF",
			src:  "+++\r\ntitle = \"x\"\r\n+++\r\nbody",
			want: FrontMatter{Title: "x"},
			body: "body",
		},
		{
			name: "trailing spaces on delimiters, no body",
			src:  "--- \ntitle: x\n---\t",
			want: FrontMatter{Title: "x"},
			body: "",
		},
		{
			name: "empty yaml block",
			src:  "---\n---\nbody\n",
			body: "body\n",
		},
		{
			name: "comment-only yaml block",
			src:  "---\n# nothing yet\n---\nbody\n",
			body: "body\n",
		},
		{
			name: "null values leave zero values",
			src:  "---\ntitle:\nweight: ~\ndraft: null\n---\n",
			body: "",
		},
		{
			name: "numeric title is kept as written",
			src:  "---\ntitle: 1984\ndescription: 2.50\n---\n",
			want: FrontMatter{Title: "1984", Description: "2.50"},
		},
		{
			name: "block scalar description",
			src:  "---\ndescription: |\n  Line one.\n  Line two.\n---\n",
			want: FrontMatter{Description: "Line one.\nLine two.\n"},
		},
		{
			name: "anchors are followed",
			src:  "---\ntitle: &t Nurse\n---\n",
			want: FrontMatter{Title: "Nurse"},
		},
		{
			name: "unknown yaml keys in order",
			src:  "---\ntitle: x\nTitle: y\nauthor: me\ntags: [a]\n---\n",
			want: FrontMatter{Title: "x", Unknown: []string{"Title", "author", "tags"}},
		},
		{
			name: "unknown toml keys in order, nested keys not listed",
			src:  "+++\nzeta = 1\nalpha = 2\n[extra]\nx = 1\n[params]\ny = 2\n+++\n",
			want: FrontMatter{Unknown: []string{"zeta", "alpha", "extra"}, Params: map[string]any{"y": int64(2)}},
		},
		{
			name: "first line must be the delimiter exactly",
			src:  "----\ntitle: x\n----\n",
			body: "----\ntitle: x\n----\n",
		},
		{
			name: "yaml closed only by ---, not +++",
			src:  "---\ntitle: x\n---\nbody +++\n+++\n",
			want: FrontMatter{Title: "x"},
			body: "body +++\n+++\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := SplitFrontMatter([]byte(tt.src))
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(fm, tt.want) {
				t.Errorf("front matter\n got %#v\nwant %#v", fm, tt.want)
			}
			if string(body) != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
		})
	}
}

func TestSplitFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "unterminated yaml",
			src:  "---\ntitle: x\n\nbody\n",
			want: `line 1:1: front matter opened here with "---" is not closed: expected a line reading "---"`,
		},
		{
			name: "unterminated toml after BOM",
			src:  "\ufeff+++\ntitle = 'x'\n",
			want: `line 1:1: front matter opened here with "+++" is not closed: expected a line reading "+++"`,
		},
		{
			name: "yaml weight is a word",
			src:  "---\ntitle: Nurse\nweight: high\n---\n",
			want: `line 3:9: weight: expected an integer, found string "high"`,
		},
		{
			name: "yaml weight is a float",
			src:  "---\nweight: 1.5\n---\n",
			want: `line 2:9: weight: expected an integer, found number 1.5`,
		},
		{
			name: "yaml weight is a quoted number",
			src:  "---\nweight: \"3\"\n---\n",
			want: `line 2:9: weight: expected an integer, found string "3"`,
		},
		{
			name: "yaml weight overflows int",
			src:  "---\nweight: 99999999999999999999\n---\n",
			want: `line 2:9: weight: expected an integer, found 99999999999999999999 (out of range)`,
		},
		{
			name: "yaml draft is yes",
			src:  "---\ndraft: yes\n---\n",
			want: `line 2:8: draft: expected true or false, found string "yes"`,
		},
		{
			name: "yaml title is a list",
			src:  "---\ntitle:\n  - a\n  - b\n---\n",
			want: `line 2:1: title: expected a string, found a list`,
		},
		{
			name: "yaml title is a boolean",
			src:  "---\ntitle: true\n---\n",
			want: `line 2:8: title: expected a string, found boolean true`,
		},
		{
			name: "yaml slug is a mapping",
			src:  "---\nslug: {a: 1}\n---\n",
			want: `line 2:1: slug: expected a string, found a mapping`,
		},
		{
			name: "yaml params is a string",
			src:  "---\nparams: none\n---\n",
			want: `line 2:9: params: expected a mapping, found string "none"`,
		},
		{
			name: "yaml column counts characters",
			src:  "---\n\"wéïght\": 1\nweight: zwölf\n---\n",
			want: `line 3:9: weight: expected an integer, found string "zwölf"`,
		},
		{
			name: "yaml long found value is shortened",
			src:  "---\nweight: this is a very long sentence that goes on and on and on\n---\n",
			want: `line 2:9: weight: expected an integer, found string "this is a very long sentence that goes o…"`,
		},
		{
			name: "yaml top level is a list",
			src:  "---\n- a\n- b\n---\n",
			want: `line 2:1: expected key: value lines, found a list`,
		},
		{
			name: "yaml syntax error",
			src:  "---\ntitle: \"unclosed\nweight: 1\n---\n",
			want: `line 2:8: invalid YAML: could not find end character of double-quoted text`,
		},
		{
			name: "yaml duplicate key names the first in file lines",
			src:  "---\ntitle: a\ntitle: b\n---\n",
			want: `line 3:1: invalid YAML: mapping key "title" already defined at line 2:1`,
		},
		{
			name: "yaml error after CRLF",
			src:  "---\r\ntitle: x\r\nweight: [1\r\n---\r\n",
			want: `line 3:9: invalid YAML: sequence end token ']' not found`,
		},
		{
			name: "toml weight is a string",
			src:  "+++\ntitle = \"Nurse\"\nweight = \"high\"\n+++\n",
			want: `line 3:10: weight: expected an integer, found string "high"`,
		},
		{
			name: "toml draft is a string",
			src:  "+++\n  draft   =   \"true\"\n+++\n",
			want: `line 2:15: draft: expected true or false, found string "true"`,
		},
		{
			name: "toml title is an array",
			src:  "+++\ntitle = [\"a\"]\n+++\n",
			want: `line 2:9: title: expected a string, found an array`,
		},
		{
			name: "toml title is a dotted key",
			src:  "+++\ntitle.en = \"a\"\n+++\n",
			want: `line 2:1: title: expected a string, found a table`,
		},
		{
			name: "toml offset date-time",
			src:  "+++\ndescription = 1979-05-27T07:32:00Z\n+++\n",
			want: `line 2:15: description: expected a string, found date-time 1979-05-27T07:32:00Z`,
		},
		{
			name: "toml weight overflows int64",
			src:  "+++\nweight = 99999999999999999999\n+++\n",
			want: `line 2:10: invalid TOML: 99999999999999999999 is out of range for int64`,
		},
		{
			name: "toml weight is a float",
			src:  "+++\nweight = 2.5\n+++\n",
			want: `line 2:10: weight: expected an integer, found float 2.5`,
		},
		{
			name: "toml params is a string",
			src:  "+++\nparams = \"x\"\n+++\n",
			want: `line 2:10: params: expected a table, found string "x"`,
		},
		{
			name: "toml quoted key",
			src:  "+++\n\"slug\" = 7\n+++\n",
			want: `line 2:10: slug: expected a string, found integer 7`,
		},
		{
			name: "toml date",
			src:  "+++\ntitle = 2024-01-02\n+++\n",
			want: `line 2:9: title: expected a string, found date 2024-01-02`,
		},
		{
			name: "toml syntax error",
			src:  "+++\ntitle = \"x\"\nweight = \n+++\n",
			want: `line 3:10: invalid TOML: expected value but found '\n' instead`,
		},
		{
			name: "toml duplicate key",
			src:  "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n",
			want: `line 3:12: invalid TOML: Key 'title' has already been defined.`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := SplitFrontMatter([]byte(tt.src))
			if err == nil {
				t.Fatalf("no error; got %#v, body %q", fm, body)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			var fe *FrontMatterError
			if !errors.As(err, &fe) {
				t.Fatalf("error is %T, want *FrontMatterError", err)
			}
			if fe.Line < 1 || fe.Column < 1 {
				t.Errorf("position %d:%d, want both >= 1", fe.Line, fe.Column)
			}
			if !reflect.DeepEqual(fm, FrontMatter{}) || body != nil {
				t.Errorf("on error got %#v and body %q, want zero values", fm, body)
			}
		})
	}
}

func TestFrontMatterErrorUnwrapsParserError(t *testing.T) {
	_, _, err := SplitFrontMatter([]byte("+++\n= x\n+++\n"))
	var fe *FrontMatterError
	if !errors.As(err, &fe) || fe.Err == nil || errors.Unwrap(err) != fe.Err {
		t.Fatalf("want a *FrontMatterError wrapping the TOML error, got %#v", err)
	}
}
