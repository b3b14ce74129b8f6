package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
	"github.com/ladder-ssg/ladder/tests/qa"
)

// assessFull is an occupation as the readers of the data scripts use it
// (assets/assess.js, assets/compare.js): what a script's own function
// rebuilds from its compact record.
type assessFull struct {
	Code    string      `json:"code"`
	Title   string      `json:"title"`
	Version string      `json:"version"`
	Date    string      `json:"date,omitempty"`
	Page    string      `json:"page"`
	Matrix  string      `json:"matrix"`
	Base    string      `json:"base,omitempty"`
	Related []string    `json:"related"`
	Index   string      `json:"index"`
	Levels  []fullLevel `json:"levels"`
}

type fullLevel struct {
	Key        string          `json:"key"`
	Match      string          `json:"match,omitempty"`
	Label      string          `json:"label"`
	Path       string          `json:"path"`
	Embed      string          `json:"embed"`
	Statements []fullStatement `json:"statements"`
}

type fullStatement struct {
	Code      string `json:"code"`
	Anchor    string `json:"anchor"`
	Topic     string `json:"topic,omitempty"`
	Text      string `json:"text"`
	Skill     string `json:"skill,omitempty"`
	SkillName string `json:"skillName,omitempty"`
	SkillPath string `json:"skillPath,omitempty"`
}

// wantFull is o as the readers should see it, from the model.
func wantFull(o *site.Occupation, s *site.Site) assessFull {
	d := assessFull{Code: o.Code, Title: o.Title(), Version: o.Version, Page: o.Path, Matrix: o.MatrixPath,
		Base: s.Config.BaseURL, Related: []string{}, Index: paths.AssessIndex}
	if !o.ExportedAt.IsZero() {
		d.Date = o.ExportedAt.Format("2006-01-02")
	}
	for _, r := range o.Related {
		d.Related = append(d.Related, r.Code)
	}
	for _, ol := range o.Levels {
		l := fullLevel{Key: ol.Key, Label: ol.Label, Path: ol.Path, Embed: ol.EmbedPath, Statements: []fullStatement{}}
		if m := words.Fold(ol.Key); m != ol.Key {
			l.Match = m
		}
		for i, st := range ol.Statements {
			f := fullStatement{Code: StatementCode(ol, st), Anchor: st.Anchor, Topic: st.Topic, Text: st.Performance}
			switch {
			case ol.Skills != nil && ol.Skills[i] != nil:
				sk := ol.Skills[i]
				f.Skill, f.SkillName, f.SkillPath = "skill:"+sk.Key, sk.Name, sk.Path
			case ol.Aligned != nil && ol.Aligned[i] != nil:
				el := ol.Aligned[i].Element
				f.Skill, f.SkillName = "skill:"+el.ID, el.Title
			}
			l.Statements = append(l.Statements, f)
		}
		d.Levels = append(d.Levels, l)
	}
	return d
}

// TestAssessData runs the data scripts of the seeds in node, as a page
// would: each occupation's own script and its group's set
// window.ladderData[code] to the occupation with every statement's stable
// code and anchor, the shared skill the gap view matches it by (the
// aligned element's, when the statement has a shared skill) and its page,
// every path the readers follow, and the related occupations most related
// first. The index lists every occupation's script.
func TestAssessData(t *testing.T) {
	bin := qa.Node(t)
	for _, c := range []struct {
		name string
		cfg  func() config.Config
	}{{"with a base URL", baseConfig}, {"offline", offlineConfig}} {
		s := seeds(t, c.cfg())
		names, members := AssessShards(s)
		if len(names) == 0 {
			t.Fatal("no data script")
		}
		for _, name := range names {
			shard := runData(t, bin, must(AssessShard(members[name], s)))
			if len(shard) != len(members[name]) {
				t.Errorf("%s: %s sets %d occupations, want %d", c.name, name, len(shard), len(members[name]))
			}
			for _, o := range members[name] {
				if o.DataPath != name || o.DataPath != paths.AssessData(o.Code) {
					t.Errorf("%s: %s is in %s, its data path %s", c.name, o.Code, name, o.DataPath)
				}
				want := wantFull(o, s)
				own := runData(t, bin, must(AssessData(o, s)))
				for what, got := range map[string]assessFull{"own": own[o.Code], "group": shard[o.Code]} {
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %s's %s script gives\n%+v\nwant\n%+v", c.name, o.Code, what, got, want)
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

// TestAssessDataShorter holds the data scripts to their purpose: an
// occupation's compact record is at most four fifths of the full one
// it gives its readers, and its script writes no statement's code or
// page path.
func TestAssessDataShorter(t *testing.T) {
	s := seeds(t, baseConfig())
	o := s.Occupations[1]
	script := string(must(AssessData(o, s)))
	full, err := json.Marshal(wantFull(o, s))
	if err != nil {
		t.Fatal(err)
	}
	if record := appendAssessRecord(nil, o); len(record) > len(full)*4/5 {
		t.Errorf("the record is %d bytes for a full one of %d", len(record), len(full))
	}
	st := o.Levels[0].Statements[0]
	for _, derived := range []string{`"` + StatementCode(o.Levels[0], st) + `"`, o.Levels[0].Path, o.Levels[0].EmbedPath} {
		if strings.Contains(script, derived) {
			t.Errorf("the script writes %s, which its reader derives", derived)
		}
	}
}

// runData runs a data script in node with an empty window and returns
// what it set window.ladderData to.
func runData(t *testing.T, bin string, script []byte) map[string]assessFull {
	t.Helper()
	file := filepath.Join(t.TempDir(), "data.js")
	if err := os.WriteFile(file, script, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-e", `global.window={};require(process.argv[1]);process.stdout.write(JSON.stringify(window.ladderData))`, file)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string]assessFull
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	return got
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

// TestAssessScriptsAsShardAndData holds AssessScripts, which the build
// uses, to the scripts TestAssessData runs: its group's script is
// AssessShard's and each member's AssessData's.
func TestAssessScriptsAsShardAndData(t *testing.T) {
	s := seeds(t, baseConfig())
	names, members := AssessShards(s)
	var scratch bytes.Buffer
	for _, name := range names {
		var alone [][]byte
		shard, err := AssessScripts(members[name], s, &scratch, func(k int, data []byte) {
			if k != len(alone) {
				t.Errorf("%s: script alone %d handed over as number %d", name, k, len(alone))
			}
			alone = append(alone, bytes.Clone(data))
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shard, must(AssessShard(members[name], s))) {
			t.Errorf("%s: the group's script differs from AssessShard's", name)
		}
		if len(alone) != len(members[name]) {
			t.Fatalf("%s: %d scripts alone for %d occupations", name, len(alone), len(members[name]))
		}
		for k, o := range members[name] {
			if !bytes.Equal(alone[k], must(AssessData(o, s))) {
				t.Errorf("%s: %s's script alone differs from AssessData's", name, o.Code)
			}
		}
	}
}

// jsonRecord and jsonLevel are a record as encoding/json writes it, which
// appendAssessRecord writes without reflection.
type jsonRecord struct {
	Title   string      `json:"title"`
	Version string      `json:"version"`
	Date    string      `json:"date,omitempty"`
	Related []string    `json:"related"`
	Levels  []jsonLevel `json:"levels"`
}

type jsonLevel struct {
	Key        string     `json:"key"`
	Match      string     `json:"match,omitempty"`
	Label      string     `json:"label"`
	Slug       string     `json:"slug"`
	Code       string     `json:"code"`
	Statements [][]string `json:"statements"`
}

// TestAssessRecordAsEncodingJSON holds appendAssessRecord to encoding/json
// (HTML left unescaped, as marshalJSON) for every seed occupation, with
// text that needs escaping put in its version and level labels.
func TestAssessRecordAsEncodingJSON(t *testing.T) {
	s := seeds(t, baseConfig())
	for _, o := range s.Occupations {
		o.Version = "v1 \"quoted\" <b> & \u2028 \\"
		for _, ol := range o.Levels {
			ol.Label += " <Ünïcode> \t"
		}
		want := must(marshalJSON(jsonRecordOf(o)))
		if got := appendAssessRecord(nil, o); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", o.Code, got, want)
		}
	}
}

// jsonRecordOf is o's record as TestAssessRecordAsEncodingJSON expects it.
func jsonRecordOf(o *site.Occupation) jsonRecord {
	r := jsonRecord{Title: o.Title(), Version: o.Version, Related: []string{}}
	if !o.ExportedAt.IsZero() {
		r.Date = o.ExportedAt.Format("2006-01-02")
	}
	for _, rel := range o.Related {
		r.Related = append(r.Related, rel.Code)
	}
	c := codesOf(o)
	for _, ol := range o.Levels {
		l := jsonLevel{Key: ol.Key, Label: ol.Label, Slug: ol.Slug, Code: c.level(ol), Statements: [][]string{}}
		if m := words.Fold(ol.Key); m != ol.Key {
			l.Match = m
		}
		for i, st := range ol.Statements {
			a := []string{st.Anchor, st.Topic, st.Performance}
			if key, name, slug := assessSkill(ol, i); key != "" {
				a = append(a, key, slug)
				if name != st.Topic {
					a = append(a, name)
				}
			}
			l.Statements = append(l.Statements, a)
		}
		r.Levels = append(r.Levels, l)
	}
	return r
}
