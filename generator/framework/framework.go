// Package framework defines a competency framework as ladder understands
// it: one occupation, its ordered proficiency levels and their statements,
// with sources and attribution. It does no I/O; package load decodes files
// into these types.
package framework

import (
	"strings"
	"time"
)

// Framework is one occupation's competency framework.
type Framework struct {
	SchemaVersion  string
	ExportedAt     time.Time // zero when the file has none
	Occupation     Occupation
	Version        string // empty when the file has null or none
	Description    string
	ContextCovered string
	Levels         []Level  // in the order of the JSON object
	Sources        []Source // in the order of the JSON object
	Attribution    string
}

// Occupation identifies the occupation a framework describes.
type Occupation struct {
	SOC             string // O*NET-SOC code, e.g. 29-2012.00; safe as a path segment
	Title           string
	Group           string // occupational group, e.g. "Healthcare Practitioners & Technical"
	Sector          string // two-digit NAICS sector code, e.g. "62"
	JobZone         int    // 1–5, or 0 when unknown
	JobZoneInferred bool
	// RenamedFrom is the title of this occupation's earlier versions when
	// this version renames it; it lets versions with different titles
	// share a code.
	RenamedFrom string
}

// Level is one proficiency level: a key as written in the JSON
// ("emerging"), a label for people ("Emerging") and its statements.
type Level struct {
	Key        string
	Label      string
	Statements []Statement
}

// Statement is one line of a level, split into topic and performance.
type Statement struct {
	Text        string // the statement as written, trimmed
	Topic       string // before the first " — "; empty when there is none
	Performance string // after the first " — ", or the whole text
}

// Source is one entry of a framework's sources, e.g. onet: "v30.2 (CC BY 4.0)".
type Source struct {
	Key   string
	Value string
}

// TopicSeparator separates a statement's topic from its performance.
const TopicSeparator = " — "

// Split divides a statement at its first TopicSeparator into topic and
// performance. A statement without one is all performance. Surrounding
// white space is trimmed from both parts; an empty topic counts as none.
func Split(text string) Statement {
	text = strings.TrimSpace(text)
	s := Statement{Text: text, Performance: text}
	if i := strings.Index(text, TopicSeparator); i >= 0 {
		topic := strings.TrimSpace(text[:i])
		perf := strings.TrimSpace(text[i+len(TopicSeparator):])
		if topic != "" && perf != "" {
			s.Topic, s.Performance = topic, perf
		}
	}
	return s
}

// UsesONET reports whether the framework cites O*NET among its sources,
// which obliges pages built from it to carry the O*NET CC BY 4.0 notice.
func (f *Framework) UsesONET() bool {
	for _, s := range f.Sources {
		if strings.EqualFold(s.Key, "onet") || strings.Contains(strings.ToLower(s.Value), "o*net") {
			return true
		}
	}
	return false
}

// Source returns the value of the source with the given key, or "".
func (f *Framework) Source(key string) string {
	for _, s := range f.Sources {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}
