package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPostings(t *testing.T) {
	tests := []struct {
		in, want []int
	}{
		{nil, []int{}},
		{[]int{0}, []int{1}},
		{[]int{5, 6, 7, 8, 20}, []int{6, -3, 12}},
		{[]int{0, 1, 2, 10, 12, 13}, []int{1, -2, 8, 2, -1}},
	}
	for _, tt := range tests {
		got := encodePostings(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("encodePostings(%v) = %v, want %v", tt.in, got, tt.want)
		}
		if back := decodePostings(got); !slices.Equal(back, tt.in) && len(tt.in) > 0 {
			t.Errorf("decodePostings(%v) = %v, want %v", got, back, tt.in)
		}
	}
	if off, docs := inverse([]int{2, 0, 2, 1}, 4); !slices.Equal(off, []int{0, 1, 2, 4, 4}) || !slices.Equal(docs, []int{1, 3, 0, 2}) {
		t.Errorf("inverse = %v %v", off, docs)
	}
	if got := base64Fixed([]int{0, 63, 64, 4095}, 4096); got != "AAA_BA__" {
		t.Errorf("base64Fixed = %q", got)
	}
	if got := base64Fixed([]int{0, 1}, 1); got != "AB" {
		t.Errorf("base64Fixed = %q", got)
	}
	got := frontCode([]string{"occupations/a/index.html", "occupations/a/b/index.html", "x", "é1", "é2", "😀a", "😀b"})
	want := []any{0, "occupations/a/index.html", 14, "b/index.html", 0, "x", 0, "é1", 1, "2", 0, "😀a", 2, "b"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("frontCode = %v, want %v", got, want)
	}
}

func TestEndingSuffix(t *testing.T) {
	const (
		blood  = "draw blood, under direct supervision, following written procedures."
		tubes  = "label tubes, under direct supervision, following written procedures."
		shared = ", under direct supervision, following written procedures."
	)
	for _, tt := range []struct {
		texts []string
		want  string
	}{
		{[]string{blood, tubes}, shared},
		{[]string{blood}, ""},                                         // one text: nothing to share
		{[]string{blood, tubes, "x"}, ""},                             // no separator in the common ending
		{[]string{"file reports, alone.", "file papers, alone."}, ""}, // too short: ", alone."
		{[]string{blood, blood}, shared},
		{[]string{"", blood}, ""},
	} {
		var e ending
		for _, text := range tt.texts {
			e.add(text)
		}
		if got := e.suffix(); got != tt.want {
			t.Errorf("ending of %q = %q, want %q", tt.texts, got, tt.want)
		}
	}
}

// TestFragmentsStored holds which fragments the index stores: none that
// search.js derives from titles, a repeated title's "-2" included, and
// every fragment of a page met again after another page.
func TestFragmentsStored(t *testing.T) {
	st := func(title, url string) Doc { return Doc{Kind: KindStatement, Title: title, URL: url} }
	for _, tt := range []struct {
		name string
		docs []Doc
		want []bool // stored, by document
	}{
		{"derived", []Doc{st("Draw blood", "a.html#draw-blood"), st("Draw blood", "a.html#draw-blood-2")}, []bool{false, false}},
		{"not the title's", []Doc{st("Draw blood", "a.html#other")}, []bool{true}},
		{"non-ASCII title", []Doc{st("Prélever", "a.html#s-1")}, []bool{true}},
		{"an occupation's", []Doc{{Kind: KindOccupation, Title: "Nurses", URL: "o.html#x"}}, []bool{true}},
		{"a page met again", []Doc{st("Draw blood", "a.html#draw-blood"), st("Label tubes", "b.html#label-tubes"),
			st("File reports", "a.html#file-reports")}, []bool{false, false, true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFragments()
			for i, d := range tt.docs {
				if _, stored := f.of(d); stored != tt.want[i] {
					t.Errorf("document %d (%s): stored %v, want %v", i, d.URL, stored, tt.want[i])
				}
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	_, err := Build(List{{Kind: KindStatement, Title: "a"}, {Title: "b", URL: "x.html"}})
	if err == nil || !strings.Contains(err.Error(), "no URL") || !strings.Contains(err.Error(), "no kind") {
		t.Errorf("Build: %v", err)
	}
	ix, err := Build(List(nil))
	if err != nil {
		t.Fatal(err)
	}
	if hits, n := ix.Search("x", Filter{}, 0); len(hits) != 0 || n != 0 {
		t.Errorf("empty index found %v", hits)
	}
}

func TestDeterministic(t *testing.T) {
	docs := FromSite(fixtureSite(t))
	a, err := Build(docs, WithTermFileBytes(100), WithTextShard(2))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Build(docs, WithTermFileBytes(100), WithTextShard(2))
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Files()) != len(b.Files()) {
			t.Fatal("file counts differ between builds")
		}
		for i, f := range a.Files() {
			if g := b.Files()[i]; f.Path != g.Path || !bytes.Equal(f.Data, g.Data) {
				t.Errorf("%s differs between builds", f.Path)
			}
		}
	}
}

func TestFiles(t *testing.T) {
	ix, err := Build(FromSite(fixtureSite(t)), WithTermFileBytes(100), WithTextShard(2))
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	if files[0].Path != "search/keys.js" || files[1].Path != "search/meta.js" {
		t.Errorf("first files %s, %s", files[0].Path, files[1].Path)
	}
	seen := map[string]bool{}
	var terms, texts int
	for _, f := range files {
		if seen[f.Path] {
			t.Errorf("%s twice", f.Path)
		}
		seen[f.Path] = true
		if !bytes.HasPrefix(f.Data, []byte("ladderSearch.add(")) || !bytes.HasSuffix(f.Data, []byte(");\n")) {
			t.Errorf("%s is not one ladderSearch.add call: %.40q…", f.Path, f.Data)
		}
		switch {
		case strings.HasPrefix(f.Path, "search/terms-"):
			terms++
		case strings.HasPrefix(f.Path, "search/texts-"):
			texts++
		}
	}
	if terms < 2 || texts != (len(ix.texts.list)+1)/2 {
		t.Errorf("%d terms files, %d texts files for %d texts", terms, texts, len(ix.texts.list))
	}
	// Each key is in exactly one file: the one meta.js names.
	ks := map[string]int{}
	for w := range ix.words {
		ks[key(ix.words[w])]++
	}
	var m keys
	unmarshalCall(t, files[0].Data, &m)
	for k := range ks {
		f, ok := m.Terms[k]
		if !ok {
			t.Errorf("key %q in no terms file", k)
			continue
		}
		var data map[string][]any
		unmarshalCall(t, files[2+f].Data, &data)
		if _, ok := data[k]; !ok {
			t.Errorf("key %q not in terms file %d", k, f)
		}
	}
	if len(m.Terms) != len(ks) {
		t.Errorf("keys.js lists %d keys, the index has %d", len(m.Terms), len(ks))
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"blood": "bl", "b": "b", "é": "é", "σεις": "σε", "日本語": "日本", "²x": "²x"} {
		if got := key(in); got != want {
			t.Errorf("key(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRanking checks the order rules on the fixture site.
func TestRanking(t *testing.T) {
	ix, err := Build(FromSite(fixtureSite(t)))
	if err != nil {
		t.Fatal(err)
	}
	titles := func(q string, f Filter) []string {
		hits, _ := ix.Search(q, f, 0)
		var out []string
		for _, h := range hits {
			d := ix.Doc(h.Doc)
			s := d.Kind[:1] + ":" + d.Title + "@" + d.Level
			for i, a := range h.Also {
				s += map[bool]string{true: "+", false: ","}[i == 0] + ix.Doc(a).Level
			}
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		q    string
		f    Filter
		want []string
	}{
		// An occupation whose title matches comes first, then topics
		// (shorter first), then performance text, then the context.
		{"phlebotomistes", Filter{}, []string{
			"o:Phlébotomistes@", "s:Main@Emerging", "s:Sécurité biologique@Emerging", "s:2024 plan@Proficient",
			"s:Collect blood specimens@Emerging+Emerging,Proficient",
			"s:Draw blood for PCR testing.@Emerging"}},
		// Whole word in the topic (fewer title words first), then in the
		// text ("blood-borne" is two words).
		{"blood", Filter{}, []string{
			"s:Collect blood specimens@Emerging+Emerging,Proficient",
			"s:Draw blood for PCR testing.@Emerging", "s:PCR testing@Emerging level"}},
		// A prefix ranks below the whole word.
		{"tes", Filter{}, []string{"s:PCR testing@Emerging level", "s:Draw blood for PCR testing.@Emerging"}},
		{"blood", Filter{LevelKey: "proficient"}, []string{"s:Collect blood specimens@Proficient"}},
		{"blood", Filter{Group: "Construction"}, nil},
		// "specimen" is not the last word: whole word or near words only.
		{"specimen handling", Filter{}, []string{"s:Specimen handling@Emerging level"}},
		{"specimens coll", Filter{}, []string{"s:Collect blood specimens@Emerging+Emerging,Proficient"}},
		// Near words: "biosafety" in a topic beats it in a text.
		{"biosafety", Filter{}, []string{"s:Biosafety@Advanced", "s:Sécurité biologique@Emerging"}},
		{"securite", Filter{}, []string{"s:Sécurité biologique@Emerging"}},
		{"47-2031", Filter{}, []string{"o:Carpenters@", "s:Measuring@Emerging", "s:Cutting timber@Emerging"}},
		{"laboratory", Filter{}, []string{"o:Medical Laboratory Technicians@", "s:Biosafety@Advanced", "s:Quality control@Advanced",
			"s:Specimen handling@Emerging level", "s:PCR testing@Emerging level"}},
		{"nothing", Filter{}, nil},
	}
	for _, tt := range tests {
		if got := titles(tt.q, tt.f); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, %+v):\n got %q\nwant %q", tt.q, tt.f, got, tt.want)
		}
	}
}

// unmarshalCall decodes the data of a ladderSearch.add call.
func unmarshalCall(t *testing.T, call []byte, v any) {
	t.Helper()
	s := string(call)
	i := strings.Index(s, "JSON.parse('")
	if i < 0 || !strings.HasSuffix(s, "'));\n") {
		t.Fatalf("not a JSON.parse call: %.60q", s)
	}
	body := s[i+len("JSON.parse('") : len(s)-len("'));\n")]
	body = strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(body)
	if err := jsonUnmarshal([]byte(body), v); err != nil {
		t.Fatal(err)
	}
}

func TestScores(t *testing.T) {
	// Within a field: whole word > prefix > near; any title match beats
	// any text match, which beats any context match.
	order := [][2]int{
		{unitTitle, matchExact}, {unitTitle, matchPrefix}, {unitTitle, matchNear},
		{unitText, matchExact}, {unitText, matchPrefix}, {unitText, matchNear},
		{unitOcc, matchExact}, {unitOcc, matchPrefix},
	}
	for i := 1; i < len(order); i++ {
		a, b := score(order[i-1][0], order[i-1][1], false), score(order[i][0], order[i][1], false)
		if a <= b {
			t.Errorf("score%v = %d, not above score%v = %d", order[i-1], a, order[i], b)
		}
	}
	if score(unitSuffix, matchExact, false) != score(unitText, matchExact, false) {
		t.Error("a text's ending scores as its text")
	}
	if score(unitOcc, matchExact, true) != score(unitTitle, matchExact, false) {
		t.Error("an occupation's own title and code score as title")
	}
}
