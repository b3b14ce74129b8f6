package align

import (
	"strings"

	"github.com/kljensen/snowball/english"

	"github.com/ladder-ssg/ladder/generator/onet"
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
				id = a.voc.unigram(st)
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
	if len(w) <= 1 || english.IsStopWord(w) || extraStop[w] {
		return ""
	}
	st := english.Stem(w, false)
	if verb, ok := izeVerbs[st]; ok && strings.HasPrefix(w, verb) {
		return verb
	}
	return st
}

// izeVerbs keeps apart the -ize verbs that Snowball stems to a noun or
// adjective of another meaning, by the stem both get: "authorize" from
// "author" (a protocol "authored with the PI" is not a payment
// authorized), "organize" from "organ", "utilize" from "utility". The
// verb's forms (authorized, authorizing, authorization) share the
// prefix it is kept under.
var izeVerbs = map[string]string{
	"author": "authoriz", "organ": "organiz", "util": "utiliz",
	"final": "finaliz", "hospit": "hospitaliz", "item": "itemiz",
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
		id, ok := a.word.getBytes(w)
		if !ok {
			st := stemOfWord(string(w))
			if st == "" {
				return
			}
			id = a.voc.stem(st)
		}
		if id != -1 || !ok {
			out = append(out, id)
		}
	})
	return out, buf
}

// taskStems are the stems of example tasks, numbered by the goroutine
// that stemmed them until adopt numbers them in the vocabulary.
type taskStems struct {
	word  map[string]int32 // folded word → stem number, -1 for a stop-word
	stems []string         // stem number → stem
	ids   []int32          // task i's stems are ids[off[i]:off[i+1]]
	off   []int32
}

// stemTasks stems the tasks of occs, in order.
func stemTasks(occs []onet.Occupation) *taskStems {
	t := &taskStems{word: make(map[string]int32, 1<<13), off: []int32{0}}
	num := make(map[string]int32, 1<<12)
	var buf []byte
	for _, oc := range occs {
		for _, task := range oc.Tasks {
			buf = words.Scan(task.Text, buf, func(w []byte) {
				id, ok := t.word[string(w)]
				if !ok {
					id = -1
					if st := stemOfWord(string(w)); st != "" {
						if id, ok = num[st]; !ok {
							id = int32(len(t.stems))
							num[st] = id
							t.stems = append(t.stems, st)
						}
					}
					t.word[string(w)] = id
				}
				if id >= 0 {
					t.ids = append(t.ids, id)
				}
			})
			t.off = append(t.off, int32(len(t.ids)))
		}
	}
	return t
}

// adopt numbers the stems of t and then of next (the tasks that follow
// t's) in an's vocabulary, appends next's tasks to t's and teaches an
// their words.
func (t *taskStems) adopt(an *analyzer, next *taskStems) {
	for _, s := range [2]*taskStems{t, next} {
		num := make([]int32, len(s.stems))
		for i, st := range s.stems {
			num[i] = an.voc.unigram(st)
		}
		for i, id := range s.ids {
			s.ids[i] = num[id]
		}
		// The number of a word is the same whichever half has it, so the
		// order of the map does not matter.
		for w, id := range s.word {
			if _, ok := an.word[w]; !ok {
				if id >= 0 {
					id = num[id]
				}
				an.word[w] = id
			}
		}
	}
	base := int32(len(t.ids))
	t.ids = append(t.ids, next.ids...)
	for _, o := range next.off[1:] {
		t.off = append(t.off, base+o)
	}
}

// of returns the stems of task i.
func (t *taskStems) of(i int) []int32 { return t.ids[t.off[i]:t.off[i+1]] }
