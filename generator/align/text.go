package align

import (
	"github.com/kljensen/snowball/english"

	"github.com/ladder-ssg/ladder/generator/words"
)

// analyzer turns text into the terms the aligner compares: folded words
// (package words), English stop-words and words of one letter dropped,
// reduced by the Snowball English stemmer, plus each pair of adjacent
// stems as one more term, so "blood sample" matches more than "blood" and
// "sample" apart. It caches stems; it is not safe for concurrent use.
type analyzer struct {
	stems map[string]string
	buf   []byte
}

func newAnalyzer() *analyzer { return &analyzer{stems: map[string]string{}} }

// stemsOf returns the stems of s in order.
func (a *analyzer) stemsOf(s string, out []string) []string {
	a.buf = words.Scan(s, a.buf, func(w []byte) {
		st, ok := a.stems[string(w)]
		if !ok {
			ws := string(w)
			if len(w) > 1 && !english.IsStopWord(ws) && !extraStop[ws] {
				st = english.Stem(ws, false)
			}
			a.stems[ws] = st
		}
		if st != "" {
			out = append(out, st)
		}
	})
	return out
}

// extraStop are fillers of task statements that English stop-word lists
// keep.
var extraStop = map[string]bool{
	"such": true, "etc": true, "eg": true, "ie": true, "including": true,
	"various": true, "appropriate": true, "according": true,
}

// stemsOfWord stems one folded word, "" for a stop-word.
func (a *analyzer) stemsOfWord(w string) string {
	if len(w) > 1 && !english.IsStopWord(w) && !extraStop[w] {
		return english.Stem(w, false)
	}
	return ""
}
