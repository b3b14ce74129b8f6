package export

import (
	"bytes"
	"encoding/json"
	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/words"
)

// The self-assessment (assets/assess.js) reads a framework from a small
// script beside its page, o.DataPath, rather than from the page itself:
// the occupation page, its embed view and the gap view of every other
// occupation share one copy, and a <script> tag loads it from file:// too.
// Each data script adds its framework to window.ladderData under its code;
// paths.AssessIndex adds the list of every occupation under "_index".

// assessData is one framework as the self-assessment reads it. Paths are
// relative to the site root; the script makes them relative to its page.
type assessData struct {
	Code    string        `json:"code"`
	Title   string        `json:"title"`
	Version string        `json:"version"`
	Date    string        `json:"date,omitempty"` // export date, YYYY-MM-DD
	Page    string        `json:"page"`
	Matrix  string        `json:"matrix"`
	Base    string        `json:"base,omitempty"` // the site's base URL
	Related []string      `json:"related"`        // codes, most related first
	Index   string        `json:"index"`          // paths.AssessIndex
	Levels  []assessLevel `json:"levels"`
}

type assessLevel struct {
	Key string `json:"key"`
	// Match is the key as the comparison pairs levels of two occupations
	// by it (words.Fold, as relate does), when it differs from Key.
	Match      string            `json:"match,omitempty"`
	Label      string            `json:"label"`
	Path       string            `json:"path"`
	Embed      string            `json:"embed"`
	Statements []assessStatement `json:"statements"`
}

// assessStatement is one statement: its stable code and anchor, its text,
// and what the gap view matches it by (Skill, a shared skill's key or an
// aligned element's id) with what to show of it.
type assessStatement struct {
	Code      string `json:"code"`
	Anchor    string `json:"anchor"`
	Topic     string `json:"topic,omitempty"`
	Text      string `json:"text"`
	Skill     string `json:"skill,omitempty"`
	SkillName string `json:"skillName,omitempty"`
	SkillPath string `json:"skillPath,omitempty"`
}

// AssessData returns the data script of o's self-assessment, written at
// o.DataPath.
func AssessData(o *site.Occupation, s *site.Site) ([]byte, error) {
	d := assessData{Code: o.Code, Title: o.Title(), Version: o.Version, Page: o.Path, Matrix: o.MatrixPath,
		Base: s.Config.BaseURL, Related: []string{}, Index: paths.AssessIndex}
	if !o.ExportedAt.IsZero() {
		d.Date = o.ExportedAt.Format("2006-01-02")
	}
	for _, r := range o.Related {
		d.Related = append(d.Related, r.Code)
	}
	for _, ol := range o.Levels {
		l := assessLevel{Key: ol.Key, Label: ol.Label, Path: ol.Path, Embed: ol.EmbedPath}
		if m := words.Fold(ol.Key); m != ol.Key {
			l.Match = m
		}
		for i, st := range ol.Statements {
			a := assessStatement{Code: StatementCode(ol, st), Anchor: st.Anchor, Topic: st.Topic, Text: st.Performance}
			a.Skill, a.SkillName, a.SkillPath = assessSkill(ol, i)
			l.Statements = append(l.Statements, a)
		}
		d.Levels = append(d.Levels, l)
	}
	return dataScript(o.Code, d)
}

// assessSkill returns what the gap view matches statement i of ol by: its
// shared skill (keyed by its aligned O*NET element, or its topic) with
// the skill's page, else its aligned element alone; "" when it has
// neither.
func assessSkill(ol *site.OccupationLevel, i int) (key, name, path string) {
	if ol.Skills != nil && ol.Skills[i] != nil {
		sk := ol.Skills[i]
		return "skill:" + sk.Key, sk.Name, sk.Path
	}
	if ol.Aligned != nil && ol.Aligned[i] != nil {
		el := ol.Aligned[i].Element
		return "skill:" + el.ID, el.Title, ""
	}
	return "", "", ""
}

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
