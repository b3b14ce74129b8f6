package search

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/site"
)

// node returns the path of node, skipping the test when it is missing,
// or failing it when CI=true or LADDER_REQUIRE_TOOLS=1.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("LADDER_REQUIRE_TOOLS") == "1" {
			t.Fatalf("node is required: %v", err)
		}
		t.Skipf("node not found: %v", err)
	}
	return p
}

// jsCases is what testdata/harness.js answers.
type jsCases struct {
	Words     []string    `json:"words"`
	Queries   []string    `json:"queries"`
	Anchors   []string    `json:"anchors"`
	Stems     []string    `json:"stems"`
	Languages [][2]string `json:"languages"` // [tag, query]
	StemWords [][2]string `json:"stemWords"` // [tag, word as written]
	Lang      string      `json:"lang"`      // of the segments' queries
	Search    []jsQuery   `json:"search"`
	Docs      any         `json:"docs,omitempty"` // true for all, or a list
	Segments  [][2]string `json:"segments,omitempty"`
}

type jsQuery struct {
	Q     string `json:"q"`
	Level string `json:"level,omitempty"`
	Group string `json:"group,omitempty"`
	Limit int    `json:"limit,omitempty"`
}

type jsAnswers struct {
	Words      [][]string  `json:"words"`
	Queries    [][][2]any  `json:"queries"`
	Anchors    []*string   `json:"anchors"`
	Stems      []string    `json:"stems"`
	Languages  [][][3]any  `json:"languages"`
	StemWords  []string    `json:"stemWords"`
	MetaMillis float64     `json:"metaMillis"`
	Search     []jsResult  `json:"search"`
	Docs       [][9]string `json:"docs"`
	Segments   [][][2]any  `json:"segments"`
}

type jsResult struct {
	Hits       []int    `json:"hits"`
	Also       [][]int  `json:"also"`
	Suggestion string   `json:"suggestion"`
	Total      int      `json:"total"`
	Millis     float64  `json:"millis"`
	Loads      []string `json:"loads"`
}

// runJS writes the index into a temporary site folder and answers the
// cases with assets/search.js in node, adding the text cases of
// testdata/text.json.
func runJS(t *testing.T, ix *Index, c jsCases) jsAnswers {
	t.Helper()
	bin := node(t)
	text := readTextCases(t)
	for _, w := range text.Words {
		c.Words = append(c.Words, unmarshal[string](t, w[0]))
	}
	for _, q := range text.Queries {
		c.Queries = append(c.Queries, unmarshal[string](t, q[0]))
	}
	for _, a := range text.Anchors {
		c.Anchors = append(c.Anchors, unmarshal[string](t, a[0]))
	}
	for _, st := range text.Stems {
		c.Stems = append(c.Stems, st[0])
	}
	for _, l := range text.Languages {
		c.Languages = append(c.Languages, [2]string{unmarshal[string](t, l[0]), unmarshal[string](t, l[1])})
	}
	dir := t.TempDir()
	for _, f := range ix.Files() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	casesFile := filepath.Join(dir, "cases.json")
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(casesFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "testdata/harness.js", "../../assets/search.js", dir, casesFile)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var a jsAnswers
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatal(err)
	}
	// The text cases: search.js must split, parse and derive as Go does.
	for i, w := range text.Words {
		want := unmarshal[[]string](t, w[1])
		if !slices.Equal(a.Words[i], want) {
			t.Errorf("search.js words(%q) = %q, want %q", c.Words[i], a.Words[i], want)
		}
	}
	for i, q := range text.Queries {
		want := unmarshal[[][2]any](t, q[1])
		if fmt.Sprint(a.Queries[i]) != fmt.Sprint(want) {
			t.Errorf("search.js parseQuery(%q) = %v, want %v", c.Queries[i], a.Queries[i], want)
		}
	}
	for i, an := range text.Anchors {
		want := unmarshal[*string](t, an[1])
		got := a.Anchors[i]
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("search.js anchorBase(%q) = %v, want %v", c.Anchors[i], deref(got), deref(want))
		}
	}
	for i, st := range text.Stems {
		if a.Stems[i] != st[1] {
			t.Errorf("search.js nearStem(%q) = %q, want %q", st[0], a.Stems[i], st[1])
		}
	}
	for i, l := range text.Languages {
		want := unmarshal[[][3]any](t, l[2])
		if fmt.Sprint(a.Languages[i]) != fmt.Sprint(want) {
			t.Errorf("search.js %s parseQuery(%q) = %v, want %v", c.Languages[i][0], c.Languages[i][1], a.Languages[i], want)
		}
	}
	return a
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *s)
}

// compareSearch checks that search.js found what Search finds.
func compareSearch(t *testing.T, ix *Index, qs []jsQuery, got []jsResult) {
	t.Helper()
	for i, q := range qs {
		hits, total := ix.Search(q.Q, Filter{LevelKey: q.Level, Group: q.Group}, q.Limit)
		want := []int{}
		for k, h := range hits {
			want = append(want, h.Doc)
			if k < len(got[i].Also) && !slices.Equal(got[i].Also[k], append([]int{}, h.Also...)) {
				t.Errorf("query %+v: search.js groups %v under %d, Go %v", q, got[i].Also[k], h.Doc, h.Also)
			}
		}
		if got[i].Total != total || !slices.Equal(got[i].Hits, want) {
			t.Errorf("query %+v: search.js found %d %v, Go %d %v", q, got[i].Total, got[i].Hits, total, want)
		}
		if s := ix.Suggest(q.Q); got[i].Suggestion != s {
			t.Errorf("query %+v: search.js suggests %q, Go %q", q, got[i].Suggestion, s)
		}
	}
}

// compareDocs checks that search.js rebuilds the documents.
func compareDocs(t *testing.T, ix *Index, ids []int, got [][9]string) {
	t.Helper()
	bad := 0
	for k, d := range ids {
		doc := ix.Doc(d)
		want := [9]string{doc.Kind, doc.Title, doc.Text, doc.Code, doc.Occupation, doc.Level, doc.LevelKey, doc.Group, doc.URL}
		if got[k] != want {
			if bad++; bad <= 10 {
				t.Errorf("document %d: search.js has\n%q\nwant\n%q", d, got[k], want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("… %d documents differ in all", bad)
	}
}

// lvl is a level for fw: key, label, then statements.
type lvl []string

func fw(code, title, group string, levels ...lvl) site.Framework {
	f := &framework.Framework{Occupation: framework.Occupation{SOC: code, Title: title, Group: group}}
	f.Description = "Work as " + title + "."
	for _, l := range levels {
		lv := framework.Level{Key: l[0], Label: l[1]}
		for _, s := range l[2:] {
			lv.Statements = append(lv.Statements, framework.Split(s))
		}
		f.Levels = append(f.Levels, lv)
	}
	return site.Framework{File: "frameworks/" + code + ".json", Framework: f}
}

// fixtureSite is a small site with what makes search hard: accents,
// repeated topics on one page, a topic that is not ASCII, a statement
// without topic, one level key with two labels, shared level endings.
func fixtureSite(t *testing.T) *site.Site {
	in := site.Input{Config: config.Default(), Frameworks: []site.Framework{
		fw("31-9097.00", "Phlébotomistes", "Healthcare Support",
			lvl{"emerging", "Emerging",
				"Collect blood specimens — draw blood from patients, under direct supervision, following written procedures.",
				"Collect blood specimens — label tubes, under direct supervision, following written procedures.",
				"Sécurité biologique — apply biosafety rules, under direct supervision, following written procedures.",
				"Draw blood for PCR testing.",
				"Main — the main duty, under direct supervision, following written procedures."},
			lvl{"proficient", "Proficient",
				"Collect blood specimens — draw blood from difficult veins, autonomously across non-routine cases, coaching peers.",
				"2024 plan — plan the year, autonomously across non-routine cases, coaching peers."}),
		fw("29-2012.00", "Medical Laboratory Technicians", "Healthcare Practitioners & Technical",
			lvl{"emerging", "Emerging level",
				"Specimen handling — receive and log specimens, under direct supervision, following written procedures.",
				"PCR testing — run PCR assays for blood-borne pathogens, under direct supervision, following written procedures."},
			lvl{"advanced", "Advanced",
				"Biosafety — set biosafety policy for the laboratory.",
				"Quality control — review control charts for the laboratory."}),
		fw("47-2031.00", "Carpenters", "Construction",
			lvl{"emerging", "Emerging",
				"Measuring — measure boards, under direct supervision, following written procedures.",
				"Cutting timber — cut boards to length, under direct supervision, following written procedures."}),
		fw("11-1011.00", "Chief Executives", "",
			lvl{"strategic", "Strategic", "Plan strategy — set the direction of the organisation."}),
	}}
	s, diags := site.New(in)
	if len(diags.Errors()) > 0 {
		t.Fatal(diags)
	}
	return s
}

var fixtureQueries = []jsQuery{
	{Q: "blood"}, {Q: "blood "}, {Q: "blo"}, {Q: "bl"}, {Q: "b"}, {Q: "BLOOD draw"}, {Q: "draw blood"},
	{Q: "phleb"}, {Q: "PHLÉBO"}, {Q: "phlebotomistes"}, {Q: "pcr"}, {Q: "pcr testing"},
	{Q: "specimen handling"}, {Q: "specimens"}, {Q: "31-9097"}, {Q: "29"}, {Q: "biosafety"},
	{Q: "sécurité"}, {Q: "securite biologique"}, {Q: "supervision"}, {Q: "under direct"},
	{Q: "blood", Level: "emerging"}, {Q: "blood", Level: "proficient"}, {Q: "blood", Level: "nope"},
	{Q: "emerging"}, {Q: "boards", Group: "Construction"}, {Q: "blood", Group: "Construction"},
	{Q: "lab", Group: "Healthcare Practitioners & Technical", Level: "emerging"},
	{Q: "xyzzy"}, {Q: "a"}, {Q: "the"}, {Q: "main"}, {Q: "medical lab tech"}, {Q: "work"},
	{Q: "chief"}, {Q: "plan"}, {Q: "2024"}, {Q: "blood", Limit: 2},
	// Typos, abbreviations, shared skills and skills at several levels.
	{Q: "bloood"}, {Q: "specimns"}, {Q: "labortory"}, {Q: "phlebotomsites"}, {Q: "carpentrs"}, {Q: "blood speciment"},
	{Q: "mlt"}, {Q: "collect blood"}, {Q: "collect"},
}

func TestSearchJS(t *testing.T) {
	s := fixtureSite(t)
	ix, err := Build(FromSite(s), WithTextShard(3), WithTermFileBytes(200))
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.frags) != 1 {
		t.Errorf("%d stored fragments, want 1 (sécurité-biologique): %v", len(ix.frags), ix.frags)
	}
	a := runJS(t, ix, jsCases{Search: fixtureQueries, Docs: true, Segments: [][2]string{
		{"Collect blood specimens", "blo spec"},
		{"Phlébotomistes (31-9097.00)", "31 phlebo"},
		{"patient's blood", "patients"},
		{"", "x"},
	}})
	compareSearch(t, ix, fixtureQueries, a.Search)
	ids := make([]int, len(a.Docs))
	for i := range ids {
		ids[i] = i
	}
	compareDocs(t, ix, ids, a.Docs)
	wantSegs := `[[[Collect blood  false] [specimens true]] [[Phlébotomistes true] [ ( false] [31 true] [-9097.00) false]] [[patient's true] [ blood false]] []]`
	if got := fmt.Sprint(a.Segments); got != wantSegs {
		t.Errorf("segments\n got %s\nwant %s", got, wantSegs)
	}
}
