package export

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
)

// The self-assessment (assets/assess.js) reads a framework from a small
// script rather than from its page, o.DataPath: the occupation page, its
// embed view, the gap view of every other occupation and the comparison
// page share one copy, and a <script> tag loads it from file:// too. A
// script holds the occupations of one group (AssessShard; paths.AssessData
// names the group), so the site has a script per group rather than one per
// occupation; an LMS package holds its occupation's alone (AssessData).
//
// Each occupation is written compactly, with nothing its reader can
// derive: statement codes, page paths and shared-skill names equal to
// the topic are left out, and each statement is an array. The script's
// own few lines (assessInflate) rebuild the full record, the shape the
// readers use, into window.ladderData under the occupation's code;
// paths.AssessIndex adds the list of every occupation under "_index".

// appendAssessStatement appends statement i of ol as an array: its
// anchor, topic ("" for none) and performance text, then, when the gap
// view can match it, its shared skill's key (an aligned element's id or a
// topic key), the slug of the skill's page ("" for none) and the skill's
// name when it is not the topic.
func appendAssessStatement(dst []byte, ol *site.OccupationLevel, i int) []byte {
	st := ol.Statements[i]
	dst = append(dst, '[')
	dst = appendJSONString(dst, st.Anchor, false)
	dst = append(dst, ',')
	dst = appendJSONString(dst, st.Topic, false)
	dst = append(dst, ',')
	dst = appendJSONString(dst, st.Performance, false)
	if key, name, slug := assessSkill(ol, i); key != "" {
		dst = append(dst, ',')
		dst = appendJSONString(dst, key, false)
		dst = append(dst, ',')
		dst = appendJSONString(dst, slug, false)
		if name != st.Topic {
			dst = append(dst, ',')
			dst = appendJSONString(dst, name, false)
		}
	}
	return append(dst, ']')
}

// assessSkill returns what the gap view matches statement i of ol by: its
// shared skill (keyed by its aligned O*NET element, or its topic) with
// the slug of the skill's page, else its aligned element alone; "" when
// it has neither.
func assessSkill(ol *site.OccupationLevel, i int) (key, name, slug string) {
	if ol.Skills != nil && ol.Skills[i] != nil {
		sk := ol.Skills[i]
		return sk.Key, sk.Name, sk.Slug
	}
	if ol.Aligned != nil && ol.Aligned[i] != nil {
		el := ol.Aligned[i].Element
		return el.ID, el.Title, ""
	}
	return "", "", ""
}

// appendAssessRecord appends o's record, JSON: its title, version,
// export date (YYYY-MM-DD, left out when unknown), related occupations'
// codes (most related first) and levels. A level has its key (and match,
// the key as the comparison pairs levels of two occupations by it,
// words.Fold as relate does, when it differs), label, slug and code, and
// its statements (appendAssessStatement). Written as encoding/json would
// write it, without its reflection: a large site has ten thousand.
func appendAssessRecord(dst []byte, o *site.Occupation) []byte {
	dst = append(dst, `{"title":`...)
	dst = appendJSONString(dst, o.Title(), false)
	dst = append(dst, `,"version":`...)
	dst = appendJSONString(dst, o.Version, false)
	if !o.ExportedAt.IsZero() {
		dst = append(dst, `,"date":`...)
		dst = appendJSONString(dst, o.ExportedAt.Format("2006-01-02"), false)
	}
	dst = append(dst, `,"related":[`...)
	for i, rel := range o.Related {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, rel.Code, false)
	}
	dst = append(dst, `],"levels":[`...)
	c := codesOf(o)
	for i, ol := range o.Levels {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendAssessLevel(dst, ol, c.level(ol))
	}
	return append(dst, "]}"...)
}

// appendAssessLevel appends one level of appendAssessRecord, whose code
// is code.
func appendAssessLevel(dst []byte, ol *site.OccupationLevel, code string) []byte {
	dst = append(dst, `{"key":`...)
	dst = appendJSONString(dst, ol.Key, false)
	if m := words.Fold(ol.Key); m != ol.Key {
		dst = append(dst, `,"match":`...)
		dst = appendJSONString(dst, m, false)
	}
	dst = append(dst, `,"label":`...)
	dst = appendJSONString(dst, ol.Label, false)
	dst = append(dst, `,"slug":`...)
	dst = appendJSONString(dst, ol.Slug, false)
	dst = append(dst, `,"code":`...)
	dst = appendJSONString(dst, code, false)
	dst = append(dst, `,"statements":[`...)
	for i := range ol.Statements {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendAssessStatement(dst, ol, i)
	}
	return append(dst, "]}"...)
}

// AssessData returns the data script of o alone, for a package that holds
// o without its group (the site's script is AssessShard's, at o.DataPath).
func AssessData(o *site.Occupation, s *site.Site) ([]byte, error) {
	return AssessShard([]*site.Occupation{o}, s)
}

// AssessShard returns the data script of occupations, the members of one
// group (see paths.AssessData), written at their DataPath.
func AssessShard(occupations []*site.Occupation, s *site.Site) ([]byte, error) {
	return AssessScripts(occupations, s, new(bytes.Buffer), nil)
}

// assessTail ends every data script.
const assessTail = "})(window.ladderData=window.ladderData||{});\n"

// AssessScripts returns AssessShard of occupations and, when alone is
// not nil, hands it AssessData of each, making each record once for
// both. The records are made in scratch, and each script alone too, so
// alone must not keep its data; the group's script is one allocation of
// its size (megabytes at ten thousand frameworks, where a buffer
// doubling to it allocated twice that).
func AssessScripts(occupations []*site.Occupation, s *site.Site, scratch *bytes.Buffer, alone func(i int, data []byte)) ([]byte, error) {
	head, err := assessHead(s)
	if err != nil {
		return nil, err
	}
	b := scratch.Bytes()[:0]
	ends := make([]int, len(occupations))
	for i, o := range occupations {
		b = append(b, "f("...)
		b = appendJSONString(b, o.Code, false)
		b = append(b, ',')
		b = appendAssessRecord(b, o)
		b = append(b, ");\n"...)
		ends[i] = len(b)
	}
	calls := len(b)
	shard := make([]byte, 0, len(head)+calls+len(assessTail))
	shard = append(append(append(shard, head...), b...), assessTail...)
	start := 0
	for i, end := range ends {
		if alone != nil {
			b = append(append(append(b[:calls], head...), b[start:end]...), assessTail...)
			alone(i, b[calls:])
		}
		start = end
	}
	*scratch = *bytes.NewBuffer(b[:0]) // grown, for the next group
	return shard, nil
}

// AssessShards groups the occupations of s by their data script, in the
// order of s.Occupations: each DataPath with its members.
func AssessShards(s *site.Site) (names []string, members map[string][]*site.Occupation) {
	members = map[string][]*site.Occupation{}
	for _, o := range s.Occupations {
		if members[o.DataPath] == nil {
			names = append(names, o.DataPath)
		}
		members[o.DataPath] = append(members[o.DataPath], o)
	}
	return names, members
}

// assessSite is what every record shares: the site's base URL, the index
// of occupations and the paths' forms, {c} standing for a code and {s}
// for a slug.
type assessSite struct {
	Base  string            `json:"base"`
	Index string            `json:"index"`
	Paths map[string]string `json:"paths"`
}

// assessHead is the start of a data script: the site's values and the
// function f that rebuilds an occupation's full record from its compact
// one (assessInflate), ending in a function body AssessShard closes.
func assessHead(s *site.Site) (string, error) {
	level := paths.Level("{c}", "{s}")
	if !s.Config.Outputs.LevelPages {
		level = paths.LevelSection("{c}", "{s}")
	}
	v := assessSite{Base: s.Config.BaseURL, Index: paths.AssessIndex, Paths: map[string]string{
		"page": paths.Occupation("{c}"), "matrix": paths.Matrix("{c}"), "level": level,
		"embed": paths.LevelEmbed("{c}", "{s}"), "skill": paths.Skill("{s}"),
	}}
	data, err := marshalJSON(v)
	if err != nil {
		return "", err
	}
	return "(function(d){var S=" + string(data) + ";" + assessInflate + "\n", nil
}

// assessInflate is the function f(code, record) of every data script: it
// sets d[code] to the record as the readers use it (assess.js, compare.js,
// the LMS launch page): the occupation's code, page, matrix, base URL and
// index; each level's path and embed view; each statement's code
// (<level code>.<n>), anchor, topic, text, and skill ("skill:" and its
// key), skillName and skillPath when it has one.
var assessInflate = strings.Join([]string{
	`function p(k,c,s){return S.paths[k].split("{c}").join(c).split("{s}").join(s||"")}`,
	`function f(c,r){r.code=c;r.page=p("page",c);r.matrix=p("matrix",c);r.index=S.index;if(S.base)r.base=S.base;`,
	`r.levels.forEach(function(l){l.path=p("level",c,l.slug);l.embed=p("embed",c,l.slug);`,
	`l.statements=l.statements.map(function(a,i){var s={code:l.code+"."+(i+1),anchor:a[0]};if(a[1])s.topic=a[1];s.text=a[2];`,
	`if(a.length>3){s.skill="skill:"+a[3];s.skillName=a.length>5?a[5]:a[1];if(a[4])s.skillPath=p("skill",c,a[4])}return s});`,
	`delete l.slug;delete l.code});d[c]=r}`,
}, "")

// AssessIndex returns the script at paths.AssessIndex: every
// occupation's code, title and data script, A–Z.
func AssessIndex(s *site.Site) ([]byte, error) {
	list := make([][3]string, 0, len(s.Occupations))
	for _, o := range s.Occupations {
		list = append(list, [3]string{o.Code, o.Title(), o.DataPath})
	}
	return dataScript("_index", list)
}

// dataScript is the script that sets window.ladderData[key] to v.
func dataScript(key string, v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("(window.ladderData=window.ladderData||{})[")
	k, err := json.Marshal(key)
	if err != nil {
		return nil, err
	}
	buf.Write(k)
	buf.WriteString("]=")
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := bytes.TrimRight(buf.Bytes(), "\n")
	return append(out, ";\n"...), nil
}
