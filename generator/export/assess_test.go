package export

import (
	"encoding/json"
	"github.com/ladder-ssg/ladder/generator/paths"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
)

// TestAssessData checks the self-assessment's data script of each seed:
// it sets window.ladderData[code] to the framework with every statement's
// stable code and anchor, the shared skill it is matched by in the gap
// view (the aligned element's, when the statement has a shared skill),
// and the related occupations most related first; the index lists every
// occupation's data script.
func TestAssessData(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  func() config.Config
	}{{"with a base URL", baseConfig}, {"offline", offlineConfig}} {
		s := seeds(t, c.cfg())
		for _, o := range s.Occupations {
			d := decodeData(t, must(AssessData(o, s)), o.Code)
			if d.Code != o.Code || d.Base != s.Config.BaseURL || d.Index != paths.AssessIndex || len(d.Levels) != len(o.Levels) {
				t.Fatalf("%s %s: %+v", c.name, o.Code, d)
			}
			if len(o.Related) > 0 && (len(d.Related) != len(o.Related) || d.Related[0] != o.Related[0].Code) {
				t.Errorf("%s %s: related %v", c.name, o.Code, d.Related)
			}
			for i, ol := range o.Levels {
				for j, st := range ol.Statements {
					got := d.Levels[i].Statements[j]
					if got.Code != StatementCode(ol, st) || got.Anchor != st.Anchor || got.Text != st.Performance {
						t.Errorf("%s %s: statement %+v", c.name, o.Code, got)
					}
					if sk := ol.Skills; sk != nil && sk[j] != nil && got.Skill != "skill:"+sk[j].Key {
						t.Errorf("%s %s: %s has skill %q, want %q", c.name, o.Code, got.Code, got.Skill, sk[j].Key)
					}
				}
			}
		}
		var index [][3]string
		decode(t, must(AssessIndex(s)), "_index", &index)
		if len(index) != len(s.Occupations) || index[0][2] != s.Occupations[0].DataPath {
			t.Errorf("%s: index %v", c.name, index)
		}
	}
}

func decodeData(t *testing.T, script []byte, key string) assessData {
	var d assessData
	decode(t, script, key, &d)
	return d
}

// decode reads the value a data script sets window.ladderData[key] to.
func decode(t *testing.T, script []byte, key string, v any) {
	t.Helper()
	prefix := `(window.ladderData=window.ladderData||{})["` + key + `"]=`
	s := string(script)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("script %.80q…", s)
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), ";\n")), v); err != nil {
		t.Fatal(err)
	}
}
