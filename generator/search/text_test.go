package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/words"
)

// textCases is testdata/text.json: tokenisation, query and anchor cases
// that search.js must answer as Go does (see TestSearchJS).
type textCases struct {
	Words   [][2]json.RawMessage `json:"words"`
	Queries [][2]json.RawMessage `json:"queries"`
	Anchors [][2]json.RawMessage `json:"anchors"`
	Stems   [][2]string          `json:"stems"`
	// [language tag, query, [[word, prefix, stem], …]]
	Languages [][3]json.RawMessage `json:"languages"`
}

func readTextCases(t *testing.T) textCases {
	t.Helper()
	data, err := os.ReadFile("testdata/text.json")
	if err != nil {
		t.Fatal(err)
	}
	var c textCases
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func unmarshal[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestWords(t *testing.T) {
	for _, c := range readTextCases(t).Words {
		in, want := unmarshal[string](t, c[0]), unmarshal[[]string](t, c[1])
		if got := words.Words(in); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range readTextCases(t).Queries {
		in := unmarshal[string](t, c[0])
		var want []Term
		for _, p := range unmarshal[[][2]any](t, c[1]) {
			want = append(want, Term{Word: p[0].(string), Prefix: p[1].(bool)})
		}
		got := ParseQuery(in, words.LanguageOf("en"))
		for i := range got {
			got[i].Stem = ""
		}
		if !slices.Equal(got, want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", in, got, want)
		}
	}
}

// TestParseQueryLanguages checks the terms of queries in the languages
// with rules: words, prefixes and stems (search.js must agree: see
// TestSearchJS).
func TestParseQueryLanguages(t *testing.T) {
	for _, c := range readTextCases(t).Languages {
		lang, in := unmarshal[string](t, c[0]), unmarshal[string](t, c[1])
		var want []Term
		for _, p := range unmarshal[[][3]any](t, c[2]) {
			want = append(want, Term{Word: p[0].(string), Prefix: p[1].(bool), Stem: p[2].(string)})
		}
		if got := ParseQuery(in, words.LanguageOf(lang)); !slices.Equal(got, want) {
			t.Errorf("%s ParseQuery(%q) = %+v, want %+v", lang, in, got, want)
		}
	}
}

func TestAnchorBase(t *testing.T) {
	for _, c := range readTextCases(t).Anchors {
		in, want := unmarshal[string](t, c[0]), unmarshal[*string](t, c[1])
		got, ok := anchorBase(in)
		switch {
		case want == nil && ok:
			t.Errorf("anchorBase(%q) = %q, want none", in, got)
		case want != nil && (!ok || got != *want):
			t.Errorf("anchorBase(%q) = %q, %v, want %q", in, got, ok, *want)
		}
	}
}

func TestNamer(t *testing.T) {
	nm := newNamer()
	var got []string
	for _, b := range []string{"a", "a", "main", "a-2", "a", "b"} {
		next := nm.next(b)
		n := nm.name(b)
		if next != n {
			t.Errorf("next(%q) = %q, name gives %q", b, next, n)
		}
		got = append(got, n)
	}
	if want := []string{"a", "a-2", "main-2", "a-2-2", "a-3", "b"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	nm.claim("c")
	if n := nm.name("c"); n != "c-2" {
		t.Errorf("after claim(c), name(c) = %q", n)
	}
}

func TestNearStem(t *testing.T) {
	for _, c := range readTextCases(t).Stems {
		if got := NearStem(c[0]); got != c[1] {
			t.Errorf("NearStem(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
