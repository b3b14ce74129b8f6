package align

import (
	"github.com/kljensen/snowball/english"

	"github.com/ladder-ssg/ladder/generator/words"
)

// analyzer turns text into the terms the aligner compares: folded words
// (package words), English stop-words and words of one letter dropped,
// reduced by the Snowball English stemmer and numbered by a vocabulary,
// plus each pair of adjacent stems as one more term, so "blood sample"
// matches more than "blood" and "sample" apart. It caches the number of
// each word's stem; it is not safe for concurrent use.
type analyzer struct {
	voc  *vocab
	word map[string]int32 // folded word → stem number, -1 for a stop-word
	buf  []byte
}

func newAnalyzer(v *vocab) *analyzer { return &analyzer{voc: v, word: make(map[string]int32, 1<<14)} }

// stems appends the numbers of the stems of s to out, numbering new
// stems.
func (a *analyzer) stems(s string, out []int32) []int32 {
	a.buf = words.Scan(s, a.buf, func(w []byte) {
		id, ok := a.word[string(w)]
		if !ok {
			id = -1
			if st := stemOfWord(string(w)); st != "" {
				id = a.voc.unigram(st, true)
			}
			a.word[string(w)] = id
		}
		if id >= 0 {
			out = append(out, id)
		}
	})
	return out
}

// stemOfWord stems one folded word, "" for a stop-word.
func stemOfWord(w string) string {
	if len(w) > 1 && !english.IsStopWord(w) && !extraStop[w] {
		return english.Stem(w, false)
	}
	return ""
}

// extraStop are fillers of task statements that English stop-word lists
// keep.
var extraStop = map[string]bool{
	"such": true, "etc": true, "eg": true, "ie": true, "including": true,
	"various": true, "appropriate": true, "according": true,
}

// stemsOf appends the numbers of the stems of s to out, -1 for a stem
// the vocabulary lacks, with the aligner's read-only tables: safe for
// concurrent use.
func (a *Aligner) stemsOf(s string, out []int32, buf []byte) ([]int32, []byte) {
	buf = words.Scan(s, buf, func(w []byte) {
		id, ok := a.word[string(w)]
		if !ok {
			st := stemOfWord(string(w))
			if st == "" {
				return
			}
			id = a.voc.unigram(st, false)
		}
		if id != -1 || !ok {
			out = append(out, id)
		}
	})
	return out, buf
}
