package export

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/site"
)

// roundTrip checks that ladder's own decoder reads the normalized JSON of
// o back into the framework it came from, strictly (the "ladder" member is
// ladder's own), with no diagnostic.
func roundTrip(t testing.TB, o *site.Occupation) []byte {
	t.Helper()
	data, err := NormalizedJSON(o)
	if err != nil {
		t.Fatal(err)
	}
	fw, diags := load.DecodeFramework("normalized.json", data, true)
	if fw == nil {
		t.Fatalf("%s: normalized JSON does not load: %v", o.Code, diags)
	}
	if len(diags) != 0 {
		t.Errorf("%s: diagnostics %v, want none", o.Code, diags)
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
	for _, k := range []string{`"emerging":{`, `"developing":{`, `"proficient":{`, `"advanced":{`} {
		i := strings.Index(text, k)
		if i <= prev {
			t.Errorf("level %s missing or out of order", k)
		}
		prev = i
	}
	top := []string{`{"schemaVersion":`, `,"exportedAt":`, `,"occupation":`, `,"framework":`, `,"sources":`, `,"attribution":`, `,"ladder":`}
	prev = -1
	for _, k := range top {
		i := strings.Index(text, k)
		if i <= prev {
			t.Errorf("member %s missing or out of order", k)
		}
		prev = i
	}

	var doc struct {
		Framework struct {
			Version *string
			Levels  map[string]struct{ Statements []string }
		}
		Ladder struct {
			Code, URL string
			Levels    []struct {
				Code, URL  string
				Anchors    []string
				Alignments []*[2]string
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
	if l.Code != o.Code || l.URL != "index.html" || len(l.Levels) != len(o.Levels) {
		t.Fatalf("ladder member: code %q, url %q, %d levels", l.Code, l.URL, len(l.Levels))
	}
	// Each statement's code, URL and alignment follow from its position.
	for i, ol := range o.Levels {
		lv := l.Levels[i]
		if len(lv.Anchors) != len(ol.Statements) || len(lv.Alignments) != len(ol.Statements) {
			t.Fatalf("%s: %d anchors, %d alignments for %d statements", ol.Key, len(lv.Anchors), len(lv.Alignments), len(ol.Statements))
		}
		for n, st := range ol.Statements {
			code := lv.Code + "." + strconv.Itoa(n+1)
			url := lv.URL + "#" + lv.Anchors[n]
			if code != StatementCode(ol, st) || url != ol.Slug+"/index.html#"+st.Anchor {
				t.Errorf("%s statement %d: code %s, url %s; want %s, %s", ol.Key, n+1, code, url, StatementCode(ol, st), st.Anchor)
			}
			if doc.Framework.Levels[ol.Key].Statements[n] != st.Text {
				t.Errorf("%s statement %d: text %q", ol.Key, n+1, doc.Framework.Levels[ol.Key].Statements[n])
			}
			aligned := ol.Aligned != nil && ol.Aligned[n] != nil
			if got := lv.Alignments[n]; (got != nil) != aligned || aligned && got[0] != onet.URI(ol.Aligned[n].Element) {
				t.Errorf("%s statement %d: alignment %v", ol.Key, n+1, got)
			}
		}
	}
	// No statement's text is written twice.
	for _, ol := range o.Levels {
		for _, st := range ol.Statements {
			if c := strings.Count(text, st.Performance); c != 1 {
				t.Errorf("%q is written %d times", st.Performance, c)
			}
		}
	}

	h := hostile(t, offlineConfig())
	var hd struct {
		Framework struct{ Version *string }
	}
	hdata, _ := NormalizedJSON(h.Occupations[0])
	if err := json.Unmarshal(hdata, &hd); err != nil {
		t.Fatal(err)
	}
	if hd.Framework.Version != nil {
		t.Errorf("a missing version should be null: %s", hdata)
	}
	if strings.Contains(string(hdata), `\u003c`) {
		t.Error("normalized JSON escapes < although it is not HTML")
	}
}
