package align

import (
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/words"
)

// Rule is a site's own say on alignments: statements pinned to an element
// or barred from one. A rule applies to the statements of the framework
// it is given with that match all its set fields.
type Rule struct {
	Reject  bool
	Level   string // level key, "" for any
	Index   int    // statement position in its level, -1 for any
	Topic   string // statement topic, "" for any
	Element int    // index into the taxonomy's Elements
}

func (r Rule) matches(level string, index int, topic string) bool {
	return (r.Level == "" || r.Level == level) && (r.Index < 0 || r.Index == index) && (r.Topic == "" || r.Topic == topic)
}

// Framework aligns every statement of f, in its context, and returns the
// best k matches of each by level and statement, with the rules applied:
// a pinned element first with the band Pinned, rejected elements left
// out.
func (a *Aligner) Framework(f *framework.Framework, rules []Rule, k int) [][][]Match {
	return a.framework(f, rules, k, k)
}

// Candidates is Framework for a site's model: a statement whose topic is
// an element's title, word for word, gets that one match (band Exact),
// with no runners-up to rank, so that frameworks made of O*NET's own
// titles align at the cost of a lookup.
func (a *Aligner) Candidates(f *framework.Framework, rules []Rule, k int) [][][]Match {
	return a.framework(f, rules, k, 1)
}

// framework aligns f's statements, giving kExact matches to statements
// whose topic is an exact title and no rule touches, and k to the others.
func (a *Aligner) framework(f *framework.Framework, rules []Rule, k, kExact int) [][][]Match {
	type place struct {
		level, index     int
		pinned, rejected []int
	}
	var todo []place
	var sts []framework.Statement
	most := 0 // the most elements a rule bars from one statement
	out := make([][][]Match, len(f.Levels))
	for l, lv := range f.Levels {
		out[l] = make([][]Match, len(lv.Statements))
		for i, st := range lv.Statements {
			pinned, rejected := applicable(rules, lv.Key, i, st.Topic)
			if e, ok := a.exactTopic(st); ok && kExact == 1 && len(pinned) == 0 && len(rejected) == 0 {
				out[l][i] = []Match{{Element: int(a.elems[e]), Score: 1, Band: Exact}}
				continue
			}
			todo = append(todo, place{l, i, pinned, rejected})
			sts = append(sts, st)
			most = max(most, len(rejected))
		}
	}
	// The occupation's context and its qualifier words are worked out
	// only when a statement needs ranking: a framework of O*NET titles
	// needs neither.
	if len(todo) == 0 {
		return out
	}
	memo := stems{}
	common := qualifiers(f, memo)
	for i, p := range todo {
		sts[i] = withoutWords(sts[i], common[p.level], memo)
	}
	ranked := a.Statements(a.Occupation(f), sts, k+most)
	for n, p := range todo {
		out[p.level][p.index] = applyRules(ranked[n], p.pinned, p.rejected, k)
	}
	return out
}

// applyRules puts the pinned elements first, drops the rejected ones and
// keeps k.
func applyRules(ms []Match, pinned, rejected []int, k int) []Match {
	keep := make([]Match, 0, len(pinned)+len(ms))
	for _, e := range pinned {
		keep = append(keep, Match{Element: e, Score: 1, Band: Pinned})
	}
	for _, m := range ms {
		if !slices.Contains(rejected, m.Element) && !slices.Contains(pinned, m.Element) {
			keep = append(keep, m)
		}
	}
	return keep[:min(len(keep), k)]
}

// applicable returns the elements the rules pin a statement to and those
// they bar it from.
func applicable(rules []Rule, level string, index int, topic string) (pinned, rejected []int) {
	for _, r := range rules {
		if !r.matches(level, index, topic) {
			continue
		}
		if r.Reject {
			rejected = append(rejected, r.Element)
		} else if !slices.Contains(pinned, r.Element) {
			pinned = append(pinned, r.Element)
		}
	}
	return pinned, rejected
}

// qualifiers returns, for each level of a framework, the stems of the
// words that recur in the performance text of many of the framework's
// statements, or of many of that level's: how well and with how much
// help ("under direct supervision", "following supervisor guidance",
// "independently", "per SOP"), not what. A level's own qualifiers vary in
// wording ("supervision", "supervising technician"), so they count by
// stem, and only within the level: "supervise" is a qualifier where most
// statements are done under supervision, and the activity where one
// statement is about supervising. Left in, they would match activities
// such as "Supervise …" everywhere.
func qualifiers(f *framework.Framework, memo stems) []map[string]bool {
	out := make([]map[string]bool, len(f.Levels))
	site := map[string]int{}
	n := 0
	for l, lv := range f.Levels {
		level := map[string]int{}
		for _, st := range lv.Statements {
			n++
			seenWord, seenStem := map[string]bool{}, map[string]bool{}
			for _, w := range words.Words(st.Performance) {
				if !seenWord[w] {
					seenWord[w] = true
					site[w]++
				}
				if stem := memo.of(w); !seenStem[stem] {
					seenStem[stem] = true
					level[stem]++
				}
			}
		}
		out[l] = map[string]bool{}
		for stem, d := range level {
			if d >= 3 && float64(d) >= 0.3*float64(len(lv.Statements)) {
				out[l][stem] = true
			}
		}
	}
	for w, d := range site {
		if d >= 3 && float64(d) >= 0.15*float64(n) {
			for _, drop := range out {
				drop[memo.of(w)] = true
			}
		}
	}
	return out
}

// qualifierStem is the Snowball stem of w ("supervision" and
// "supervising" are one), or w itself for a stop word.
func qualifierStem(w string) string {
	if st := stemOfWord(w); st != "" {
		return st
	}
	return w
}

// stems remembers the qualifierStem of each word of one framework, whose
// statements repeat their qualifier words ("under direct supervision,
// following written procedures" ends every statement of a level).
type stems map[string]string

func (m stems) of(w string) string {
	st, ok := m[w]
	if !ok {
		st = qualifierStem(w)
		m[w] = st
	}
	return st
}

// withoutWords returns st with the words whose stems are in drop taken
// out of its performance text; a statement without a topic keeps all its
// words.
func withoutWords(st framework.Statement, drop map[string]bool, memo stems) framework.Statement {
	if st.Topic == "" || len(drop) == 0 {
		return st
	}
	var kept []string
	for _, w := range words.Words(st.Performance) {
		if !drop[memo.of(w)] {
			kept = append(kept, w)
		}
	}
	st.Performance = strings.Join(kept, " ")
	return st
}
