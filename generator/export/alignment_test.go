package export

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAlignment(t *testing.T) {
	for _, c := range []struct {
		name    string
		base    bool
		wantURL string
	}{
		{"base URL", true, "https://example.org/frameworks/occupations/29-2012.00/proficient/#"},
		{"offline", false, "occupations/29-2012.00/proficient/index.html#"},
	} {
		cfg := offlineConfig()
		if c.base {
			cfg = baseConfig()
		}
		s := seeds(t, cfg)
		o := s.Occupations[1]
		ol := o.Levels[2]
		st := ol.Statements[2]
		got := Alignment(o, ol, st, s)
		want := map[string]any{
			"type":              []string{"Alignment"},
			"targetName":        "Reagent and solution preparation",
			"targetDescription": st.Text,
			"targetUrl":         c.wantURL + st.Anchor,
			"targetCode":        "29-2012.00.P.3",
			"targetFramework":   "Medical and Clinical Laboratory Technicians",
			"targetType":        "CFItem",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", c.name, got, want)
		}

		// The alignment names the same statement as the CASE package.
		p := readCASE(t, must(CASE(o, s)))
		found := false
		for _, it := range p.CFItems {
			if it.HumanCodingScheme == got["targetCode"] {
				found = true
				if c.base && it.URI != got["targetUrl"] {
					t.Errorf("%s: CFItem uri %s, alignment targetUrl %s", c.name, it.URI, got["targetUrl"])
				}
			}
		}
		if !found {
			t.Errorf("%s: no CFItem with code %v", c.name, got["targetCode"])
		}
		if _, err := json.Marshal(got); err != nil {
			t.Error(err)
		}
	}
}
