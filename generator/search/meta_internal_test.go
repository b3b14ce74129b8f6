package search

import (
	"bytes"
	"testing"
)

// TestJSCallFieldsAsJSCall holds meta.js, encoded a field at a time, to
// the bytes jsCall writes of the whole value: for a hand-made meta with
// every character the JavaScript string or JSON must escape, and for the
// meta of a built index.
func TestJSCallFieldsAsJSCall(t *testing.T) {
	hand := meta{V: 1, N: 3, Kinds: []string{"occupation", `it's "quoted" \ and <b>&</b>`},
		Occ: [][2]string{{"Welders, cutters", "51-4121.00"}}, Groups: []string{"Production"},
		Sufs: nil, URLs: []any{0, "occupations/a/index.html", 12, "b/index.html"},
		Ctx: []int{0, 0, -1, -1, -1, 0}, Runs: []int{2, 0, 1, 1}, Titles: []string{"Café — naïve\u2028line", "x"},
		TL: "12", TI: "AAB", XI: "ABA", TO: "AB", TD: "BA", XO: "AC", XD: "CA", NX: 2, Shard: 512,
		Frags: map[string]string{"2": "b'c", "0": "a", "10": `\`}}
	docs := List{
		{Kind: "occupation", Title: "Welders", Text: "Join metal parts — it's hot & <bright>", Code: "51-4121.00", URL: "occupations/51-4121.00/index.html"},
		{Kind: "statement", Title: "Weld joints", Text: `Weld flat joints \ under "supervision"`, Occupation: "Welders", Level: "Entry", LevelKey: "entry", Group: "Production", URL: "occupations/51-4121.00/entry/index.html#weld"},
		{Kind: "skill", Title: "Welding", Text: "Weld", URL: "skills/welding/index.html"},
	}
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	var built []byte
	for _, f := range ix.Files() {
		if bytes.HasPrefix(f.Data, []byte(`ladderSearch.add("meta"`)) {
			built = f.Data
		}
	}
	if built == nil {
		t.Fatal("the index has no meta.js")
	}
	for _, tc := range []struct {
		name string
		m    meta
	}{{"hand-made", hand}, {"empty", meta{}}} {
		want, err := jsCall("meta", 0, tc.m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := jsCallFields("meta", 0, &tc.m, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want)
		}
	}
	if !bytes.Contains(built, []byte(`"frags":`)) || !bytes.HasSuffix(built, []byte("}'));\n")) {
		t.Errorf("the built index's meta.js is not a whole call:\n%s", built)
	}
}
