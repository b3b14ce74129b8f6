package export

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/site"
)

// roundTrip checks that ladder's own decoder reads the normalized JSON of
// o back into the framework it came from, with only the "ladder" member
// unknown.
func roundTrip(t testing.TB, o *site.Occupation) []byte {
	t.Helper()
	data, err := NormalizedJSON(o)
	if err != nil {
		t.Fatal(err)
	}
	fw, diags := load.DecodeFramework("normalized.json", data, false)
	if fw == nil {
		t.Fatalf("%s: normalized JSON does not load: %v", o.Code, diags)
	}
	if len(diags) != 1 || diags[0].Path != "ladder" {
		t.Errorf("%s: diagnostics %v, want only the unknown \"ladder\"", o.Code, diags)
	}
	want := *o.Framework
	if !fw.ExportedAt.Equal(want.ExportedAt) {
		t.Errorf("%s: exportedAt %v, want %v", o.Code, fw.ExportedAt, want.ExportedAt)
	}
	fw.ExportedAt = want.ExportedAt
	want.Attribution = strings.TrimSpace(want.Attribution)
	if !reflect.DeepEqual(*fw, want) {
		t.Errorf("%s: round trip changed the framework:\n got %+v\nwant %+v", o.Code, *fw, want)
	}
	return data
}

func TestNormalizedJSONRoundTrips(t *testing.T) {
	for _, s := range []*site.Site{seeds(t, offlineConfig()), hostile(t, offlineConfig()), dated(t, offlineConfig())} {
		for _, o := range s.Occupations {
			roundTrip(t, o)
		}
	}
}

func TestNormalizedJSONCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped with -short")
	}
	s := loadDir(t, corpusDir, offlineConfig())
	for _, o := range s.Occupations {
		roundTrip(t, o)
	}
	t.Logf("%d normalized frameworks read back unchanged", len(s.Occupations))
}

func TestNormalizedJSONShape(t *testing.T) {
	s := seeds(t, offlineConfig())
	o := s.Occupations[1] // 29-2012.00
	data := roundTrip(t, o)

	// Levels keep the file's order, which is not alphabetical.
	text := string(data)
	prev := -1
	for _, k := range []string{`"emerging": {`, `"developing": {`, `"proficient": {`, `"advanced": {`} {
		i := strings.Index(text, k)
		if i < prev {
			t.Errorf("level %s out of order", k)
		}
		prev = i
	}
	top := []string{`"schemaVersion"`, `"exportedAt"`, `"occupation"`, `"framework"`, `"sources"`, `"attribution"`, `"ladder"`}
	prev = -1
	for _, k := range top {
		i := strings.Index(text, "\n  "+k+":")
		if i < prev {
			t.Errorf("member %s missing or out of order", k)
		}
		prev = i
	}

	var doc struct {
		Framework struct {
			Version *string
		}
		Ladder struct {
			URL      string
			Original string
			Levels   []struct {
				Key, Code, URL string
				Statements     []struct {
					Number                          int
					Code, Text, Performance, Anchor string
					Topic                           *string
					URL                             string
				}
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Framework.Version == nil || *doc.Framework.Version != "v.26.05" {
		t.Errorf("version %v", doc.Framework.Version)
	}
	l := doc.Ladder
	st := l.Levels[2].Statements[2]
	src := o.Levels[2].Statements[2]
	got := []string{l.URL, l.Original, l.Levels[2].Key, l.Levels[2].Code, l.Levels[2].URL, st.Code, st.Text, *st.Topic, st.Performance, st.Anchor, st.URL}
	want := []string{"index.html", "29-2012.00.json", "proficient", "29-2012.00.P", "proficient/index.html", "29-2012.00.P.3",
		src.Text, src.Topic, src.Performance, src.Anchor, "proficient/index.html#" + src.Anchor}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ladder metadata\n got %q\nwant %q", got, want)
	}

	h := hostile(t, offlineConfig())
	var hd struct {
		Framework struct{ Version *string }
		Ladder    struct {
			Levels []struct{ Statements []struct{ Topic *string } }
		}
	}
	hdata, _ := NormalizedJSON(h.Occupations[0])
	if err := json.Unmarshal(hdata, &hd); err != nil {
		t.Fatal(err)
	}
	if hd.Framework.Version != nil || hd.Ladder.Levels[0].Statements[0].Topic != nil {
		t.Errorf("missing version and topic should be null: %s", hdata)
	}
	if strings.Contains(string(hdata), `\u003c`) {
		t.Error("normalized JSON escapes < although it is not HTML")
	}
}
