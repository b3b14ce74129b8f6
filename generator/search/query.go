package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/words"
)

// Term is one word of a query.
type Term struct {
	Word   string // folded, as words.Language.Each gives it
	Prefix bool   // also matches the words it begins
	Stem   string // words.Language.Stem of the word as typed
}

// ParseQuery splits a query into terms: the words of lang.Each, in
// order, without repeats. The last word is a prefix when the query ends
// in it (the person may still be typing) and it has two letters or more.
// Whole-word terms that are stop-words of lang are left out; a prefix
// never is ("an" may become "analysis").
func ParseQuery(q string, lang words.Language) []Term {
	type word struct{ folded, written string }
	var ws []word
	lang.Each(q, func(w []byte, written string) { ws = append(ws, word{string(w), written}) })
	r, _ := utf8.DecodeLastRuneInString(q)
	open := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
	var terms []Term
	for k, w := range ws {
		t := Term{Word: w.folded, Prefix: open && k == len(ws)-1 && utf8.RuneCountInString(w.folded) >= 2}
		if !t.Prefix && lang.IsStop(w.folded) || slices.ContainsFunc(terms, func(u Term) bool { return u.Word == t.Word && u.Prefix == t.Prefix }) {
			continue
		}
		t.Stem = lang.Stem(w.written)
		terms = append(terms, t)
	}
	return terms
}

// Filter narrows a search to a level key and a group; "" is any. A level
// filter leaves out documents without a level, such as occupations.
type Filter struct {
	LevelKey, Group string
}

// Hit is one document found, with its score. Also lists the other
// statements of the same occupation with the same topic (the same skill
// at other levels, or again at one), worse first ranked, that the hit
// stands for: results show a skill of an occupation once.
type Hit struct {
	Doc   int
	Score int
	Also  []int
}

// Scores of a query word's best match in a document, by field, for a
// whole word, a prefix, a near word (see NearStem) and a word with the
// same stem in English (see match).
const (
	titleExact, titlePrefix, titleNear, titleStem         = 16, 12, 10, 2
	textExact, textPrefix, textNear, textStem             = 8, 6, 4, 1
	contextExact, contextPrefix, contextNear, contextStem = 3, 2, 1, 1
)

// Kinds of match of a query term.
const (
	matchExact = iota
	matchPrefix
	matchNear
	matchStem
)

// nearSuffixes are the endings NearStem removes, the first that fits.
var nearSuffixes = []string{"ations", "ation", "ments", "ment", "ings", "ing", "ists", "ist", "ies", "ers", "er", "ed", "es", "s", "y"}

// NearStem returns the stem that a query word's near words begin with:
// the word without the first of -ations, -ation, -ments, -ment, -ings,
// -ing, -ists, -ist, -ies, -ers, -er, -ed, -es, -s, -y that leaves 4
// letters or more, or else the word itself when it has 4 letters or more;
// "" when it has fewer. So "phlebotomy" finds "phlebotomists", "testing"
// finds "tests" and "specimen" finds "specimens", ranked below whole
// words and prefixes.
func NearStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, s := range nearSuffixes {
		if strings.HasSuffix(w, s) && n-len(s) >= 4 {
			return w[:len(w)-len(s)]
		}
	}
	if n >= 4 {
		return w
	}
	return ""
}

// nearPrefix returns the NearStem of w in English and in languages
// without a stemmer, where it stands in for one, with matchStem, the kind
// of match of a word with the same stem; in the others "" and matchNear:
// there the word's Snowball stem finds its near words, and NearStem's
// English endings would find unrelated ones ("médicament" would find
// "médical").
func nearPrefix(lang words.Language, w string) (near string, stemKind int) {
	if c := lang.Code(); c == "en" || c == "" {
		return NearStem(w), matchStem
	}
	return "", matchNear
}

// match returns how dictionary word w, whose stem is stem, matches term
// t, or -1; near and stemKind are nearPrefix's for the term. A word with
// the term's stem
// is a near word where the language has no NearStem; in English it is
// the weakest match, below a whole word in a statement's context, which
// gives no occupation its bonus: NearStem's near words were tuned for
// English ranking, and Porter2 joins words further apart ("accountants"
// and "accounts"), so stems add results after the ones English search
// found before, in the same order.
func match(w, stem string, t Term, near string, stemKind int) int {
	switch {
	case w == t.Word:
		return matchExact
	case t.Prefix && strings.HasPrefix(w, t.Word):
		return matchPrefix
	case near != "" && strings.HasPrefix(w, near):
		return matchNear
	case stem == t.Stem:
		return stemKind
	}
	return -1
}

// occupationBonus lifts an occupation whose title matches every word,
// even as a near word.
const occupationBonus = 1000

// score is what a match of kind m (matchExact, …) of a term in a unit of
// kind unit (unitTitle, …) gives a document; occupation tells whether the
// document is an occupation.
func score(unit int, m int, occupation bool) int {
	switch {
	case unit == unitTitle || unit == unitOcc && occupation:
		// An occupation's own title and code are its title.
		return [...]int{titleExact, titlePrefix, titleNear, titleStem}[m]
	case unit == unitText || unit == unitSuffix:
		return [...]int{textExact, textPrefix, textNear, textStem}[m]
	}
	return [...]int{contextExact, contextPrefix, contextNear, contextStem}[m]
}

// Search returns the documents that match every term of the query and
// the filter, best first, at most limit of them (all when limit <= 0),
// and how many matched in all. It is the reference for search.js.
func (ix *Index) Search(query string, f Filter, limit int) ([]Hit, int) {
	terms := ParseQuery(query, ix.opts.lang)
	if len(terms) == 0 {
		return nil, 0
	}
	// The documents of each unit.
	var docsOf [nUnit]map[int][]int
	for u := range docsOf {
		docsOf[u] = map[int][]int{}
	}
	for d := range ix.docs.Len() {
		c := ix.ctxs[ix.ctxOf[d]]
		docsOf[unitTitle][ix.ti[d]] = append(docsOf[unitTitle][ix.ti[d]], d)
		docsOf[unitText][ix.xi[d]] = append(docsOf[unitText][ix.xi[d]], d)
		if c[ctxSuffix] >= 0 {
			docsOf[unitSuffix][c[ctxSuffix]] = append(docsOf[unitSuffix][c[ctxSuffix]], d)
		}
		if c[ctxOcc] >= 0 {
			docsOf[unitOcc][c[ctxOcc]] = append(docsOf[unitOcc][c[ctxOcc]], d)
		}
	}
	isOcc := func(d int) bool { return ix.kinds.list[ix.ctxs[ix.ctxOf[d]][ctxKind]] == KindOccupation }
	best := make([]map[int]int, len(terms))
	for i, t := range terms {
		best[i] = map[int]int{}
		ids, kinds, _ := ix.termMatches(t)
		for n, id := range ids {
			m := kinds[n]
			for u, units := range ix.post[id] {
				for _, unit := range units {
					for _, d := range docsOf[u][unit] {
						if s := score(u, m, isOcc(d)); s > best[i][d] {
							best[i][d] = s
						}
					}
				}
			}
		}
	}
	var hits []Hit
	for d, s := range best[0] {
		doc := ix.docs.Doc(d)
		if f.LevelKey != "" && doc.LevelKey != f.LevelKey || f.Group != "" && doc.Group != f.Group {
			continue
		}
		title := s >= titleNear
		ok := true
		for _, b := range best[1:] {
			x := b[d]
			if x == 0 {
				ok = false
				break
			}
			s += x
			title = title && x >= titleNear
		}
		if !ok {
			continue
		}
		if title && isOcc(d) {
			s += occupationBonus
		}
		hits = append(hits, Hit{Doc: d, Score: s})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if c := cmp.Compare(ix.titleLen[ix.ti[a.Doc]], ix.titleLen[ix.ti[b.Doc]]); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
	hits = ix.groupSkills(hits)
	total := len(hits)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, total
}

// termMatches returns the dictionary words that term t matches, with the
// kind of each match. A term that matches no word matches the words a
// typo away (see typoMatches) as near words, and fix is the word to
// suggest in its place; otherwise fix is "".
func (ix *Index) termMatches(t Term) (ids, kinds []int, fix string) {
	near, stemKind := nearPrefix(ix.opts.lang, t.Word)
	for id, w := range ix.words {
		if m := match(w, ix.stems[id], t, near, stemKind); m >= 0 {
			ids, kinds = append(ids, id), append(kinds, m)
		}
	}
	if len(ids) > 0 {
		return ids, kinds, ""
	}
	found, fix := typoMatches(t.Word, ix.words)
	for _, w := range found {
		ids, kinds = append(ids, ix.wordID[w]), append(kinds, matchNear)
	}
	return ids, kinds, fix
}

// Suggest returns the query with each word that matched nothing replaced
// by the closest word of the index ("nurce" → "nurse"), or "" when no
// word was replaced. Stop-words are left out, as the search leaves them.
func (ix *Index) Suggest(query string) string {
	terms := ParseQuery(query, ix.opts.lang)
	words := make([]string, len(terms))
	fixed := false
	for i, t := range terms {
		words[i] = t.Word
		if _, _, fix := ix.termMatches(t); fix != "" {
			words[i], fixed = fix, true
		}
	}
	if !fixed {
		return ""
	}
	return strings.Join(words, " ")
}

// groupSkills keeps the best ranked statement of each occupation and
// topic and lists the others in its Also, in rank order.
func (ix *Index) groupSkills(hits []Hit) []Hit {
	type skill struct{ occ, title int }
	first := map[skill]int{} // position in out
	out := hits[:0:0]
	for _, h := range hits {
		c := ix.ctxs[ix.ctxOf[h.Doc]]
		if ix.kinds.list[c[ctxKind]] != KindStatement || c[ctxOcc] < 0 {
			out = append(out, h)
			continue
		}
		k := skill{c[ctxOcc], ix.ti[h.Doc]}
		if at, ok := first[k]; ok {
			out[at].Also = append(out[at].Also, h.Doc)
			continue
		}
		first[k] = len(out)
		out = append(out, h)
	}
	return out
}
