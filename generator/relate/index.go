package relate

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/words"
)

// parallel calls fn(w, i) for every i in [0, n) on a few goroutines; w
// numbers the goroutine, from 0 to the value returned by workers(n).
func parallel(n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers(n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}

func workers(n int) int { return min(runtime.GOMAXPROCS(0), max(1, n/64)) }

// raw is what reading one framework gives: per statement, in level then
// statement order, its topic (-1 for none), and its words, all numbered
// in the vocabulary of the goroutine that read it.
type raw struct {
	topics []int32
	words  []int32 // distinct performance words
	counts []int32 // how often each occurs
	// dwords and dcounts are the same for the title and description.
	dwords, dcounts []int32
	worker          int
}

// vocab numbers topics, words and their spellings as one goroutine meets
// them.
type vocab struct {
	ids     map[string]int32
	words   []string
	topics  map[string]int32   // skill as "name\x00key" (key "" for a topic) → its number
	tlist   []string           // skills by number, as "name\x00key"
	keys    []string           // key of each skill: Key of the topic, or the alignment's
	aligned map[string]Aligned // alignment key → what the alignment said
	segs    map[string]segment // piece of text → its words
	count   []int32            // per word: occurrences in the current framework
	pending []int32            // words of the current framework with count > 0
	// spellings numbers the spellings met; spelled counts them.
	spellings map[spelling]int32
	spellList []spelling
	spelled   []int32
	buf       []byte
}

// spelling is a word (by id in its vocabulary, or -1 in a lexicon) as
// written.
type spelling struct {
	word int32
	text string
}

// segment is a piece of text read: its words (stop-words left out, Stem
// applied) and the spelling of each as written.
type segment struct{ ids, spellings []int32 }

func newVocab() vocab {
	return vocab{ids: map[string]int32{}, topics: map[string]int32{}, segs: map[string]segment{},
		aligned: map[string]Aligned{}, spellings: map[spelling]int32{}}
}

// read reads framework f, occupation i, as goroutine w.
func (v *vocab) read(o *options, f *framework.Framework, i, w int) raw {
	rw := raw{worker: w}
	v.addWords(f.Occupation.Title, o.titleCount)
	v.addWords(f.Description, 1)
	rw.dwords, rw.dcounts = v.flush()
	for l, lv := range f.Levels {
		for k, st := range lv.Statements {
			rw.topics = append(rw.topics, v.topic(o, st.Topic, i, l, k))
			v.addWords(st.Performance, 1)
		}
	}
	rw.words, rw.counts = v.flush()
	return rw
}

// addWords counts the words of text, times each. Text repeats in pieces
// (the same task at every level, the same level qualifier in every
// statement), so its words are looked up by comma-separated segment.
func (v *vocab) addWords(text string, times int32) {
	for seg := range strings.SplitSeq(text, ",") {
		sg, ok := v.segs[seg]
		if !ok {
			sg = v.segment(seg)
			v.segs[seg] = sg
		}
		for k, id := range sg.ids {
			if v.count[id] == 0 {
				v.pending = append(v.pending, id)
			}
			v.count[id] += times
			v.spelled[sg.spellings[k]] += times
		}
	}
}

// segment reads a piece of text. A word's spelling is the run of word
// runes and apostrophes it came from, when that run is one word, or else
// the word itself.
func (v *vocab) segment(text string) segment {
	var sg segment
	eachRun(text, func(run string) {
		k := len(sg.ids)
		v.buf = words.Scan(run, v.buf, func(b []byte) {
			if words.IsStop(b) {
				sg.ids = append(sg.ids, -1)
				return
			}
			sg.ids = append(sg.ids, v.id(words.StemBytes(b)))
		})
		one := len(sg.ids) == k+1
		out := k
		for _, id := range sg.ids[k:] {
			if id < 0 {
				continue
			}
			key := spelling{word: id, text: v.words[id]}
			if one {
				key.text = strings.Trim(run, "'’")
			}
			sp, ok := v.spellings[key]
			if !ok {
				sp = int32(len(v.spellList))
				v.spellings[key] = sp
				v.spellList = append(v.spellList, key)
				v.spelled = append(v.spelled, 0)
			}
			sg.ids[out] = id
			sg.spellings = append(sg.spellings, sp)
			out++
		}
		sg.ids = sg.ids[:out]
	})
	return sg
}

// eachRun calls fn with each run of word runes (letters, numbers, marks)
// and apostrophes in text.
func eachRun(text string, fn func(run string)) {
	start := -1
	for i, r := range text {
		in := r == '\'' || r == '’' || r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			fn(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		fn(text[start:])
	}
}

// id numbers a word.
func (v *vocab) id(b []byte) int32 {
	id, ok := v.ids[string(b)]
	if !ok {
		id = int32(len(v.words))
		s := string(b)
		v.ids[s] = id
		v.words = append(v.words, s)
		v.count = append(v.count, 0)
	}
	return id
}

// flush returns the words counted since the last flush and their counts.
func (v *vocab) flush() ([]int32, []int32) {
	ws := v.pending
	counts := make([]int32, len(ws))
	for k, id := range ws {
		counts[k] = v.count[id]
		v.count[id] = 0
	}
	v.pending = nil
	return ws, counts
}

// topic numbers the skill of statement (occ, level, stmt) with topic t:
// its alignment's, or the topic's own, -1 for none. Skills are kept by
// "name\x00key", so that an aligned skill never merges with a topic
// spelled like its name.
func (v *vocab) topic(o *options, t string, occ, level, stmt int) int32 {
	name, key := t, ""
	if o.aligned != nil {
		if al, ok := o.aligned(occ, level, stmt); ok {
			name, key = al.Name, al.Key
			if _, seen := v.aligned[key]; !seen {
				v.aligned[key] = al
			}
		}
	}
	if name == "" {
		return -1
	}
	id, ok := v.topics[name+"\x00"+key]
	if !ok {
		id = int32(len(v.tlist))
		v.topics[name+"\x00"+key] = id
		v.tlist = append(v.tlist, name+"\x00"+key)
		if key == "" {
			key = words.Key(name)
		}
		v.keys = append(v.keys, key)
	}
	return id
}

// feat is one weighted feature of an occupation's vector. Features are
// numbered densely as in counted.
type feat struct {
	id int32
	w  float64
}

// vecs are the occupations' unit vectors, split into rare features (in
// the inverted index) and common ones, each sorted by feature id.
type vecs struct {
	rare, common [][]feat
	postings     [][]posting // by feature id, rare features only
	words        []string    // by feature id; "" for skills
	// commonID numbers the common features densely from 0; common
	// vectors use these numbers as ids, commonFeat maps them back.
	commonID   []int32
	commonFeat []int32
}

type posting struct {
	occ int32
	w   float64
}

// index reads every framework: it fills the skills (r.skills, r.shared,
// r.stmt, r.has) and counts the features of every occupation.
func (r *Relations) index(o *options) *counted {
	n := len(r.fws)
	raws := make([]raw, n)
	vocabs := make([]vocab, workers(n))
	for w := range vocabs {
		vocabs[w] = newVocab()
	}
	parallel(n, func(w, i int) {
		if r.fws[i] != nil {
			raws[i] = vocabs[w].read(o, r.fws[i], i, w)
		}
	})
	r.addSkills(raws, vocabs)
	lx := r.lexicon(vocabs)
	aligned := map[string]Aligned{}
	for _, v := range vocabs {
		for k, al := range v.aligned {
			aligned[k] = al
		}
	}
	nSkills, nWords := int32(len(r.skills)), int32(len(lx.words))
	c := &counted{nSkills: nSkills, nWords: nWords}
	c.skillWords = make([][]int32, nSkills)
	for i, s := range r.skills {
		key := s.Key
		if _, ok := aligned[key]; ok {
			key = words.Key(s.Name)
		}
		for w := range strings.SplitSeq(key, " ") {
			if id, ok := lx.id[w]; ok {
				c.skillWords[i] = append(c.skillWords[i], nSkills+id)
			}
		}
	}
	var parents []string
	parents, c.skillParent, c.prior = r.parents(aligned, 4*nWords+nSkills)
	nFeat := int(nSkills+4*nWords) + len(parents)
	c.words = make([]string, nFeat)
	for i, w := range lx.names {
		for k := range int32(4) {
			c.words[nSkills+k*nWords+int32(i)] = w
		}
	}
	r.count(c, raws, lx.remap, nFeat)
	return c
}

// lexicon is the words of all vocabularies, in lexical order so that ids
// do not depend on which goroutine read what.
type lexicon struct {
	words []string
	id    map[string]int32
	remap [][]int32 // by vocabulary, its word ids to the lexicon's
	names []string  // each word's most frequent spelling, for people
}

// lexicon merges the vocabularies and the words of skill keys.
func (r *Relations) lexicon(vocabs []vocab) lexicon {
	all := map[string]bool{}
	spelled := map[[2]string]int32{} // word and spelling → count
	for _, v := range vocabs {
		for _, w := range v.words {
			all[w] = true
		}
		for k, sp := range v.spellList {
			spelled[[2]string{v.words[sp.word], sp.text}] += v.spelled[k]
		}
	}
	for _, s := range r.skills {
		for w := range strings.SplitSeq(s.Key, " ") {
			all[w] = true
		}
	}
	lx := lexicon{id: make(map[string]int32, len(all))}
	for w := range all {
		lx.words = append(lx.words, w)
	}
	slices.Sort(lx.words)
	for i, w := range lx.words {
		lx.id[w] = int32(i)
	}
	lx.remap = make([][]int32, len(vocabs))
	for k, v := range vocabs {
		lx.remap[k] = make([]int32, len(v.words))
		for i, w := range v.words {
			lx.remap[k][i] = lx.id[w]
		}
	}
	// The name: the most frequent spelling, ties to the lexically first.
	lx.names = slices.Clone(lx.words)
	best := make([]int32, len(lx.words))
	for key, n := range spelled {
		i := lx.id[key[0]]
		if n > best[i] || n == best[i] && key[1] < lx.names[i] {
			lx.names[i], best[i] = key[1], n
		}
	}
	for i, name := range lx.names {
		lx.names[i] = words.LowerFirst(name)
	}
	return lx
}

// count fills c's term and document frequencies.
func (r *Relations) count(c *counted, raws []raw, remap [][]int32, nFeat int) {
	n := len(r.fws)
	nSkills, nWords := c.nSkills, c.nWords
	c.tfs = make([][]tf, n)
	counts := make([][]int32, workers(n))
	parallel(n, func(w, i int) {
		if r.fws[i] == nil {
			return
		}
		if counts[w] == nil {
			counts[w] = make([]int32, nFeat)
		}
		cnt := counts[w]
		var touched []int32
		bump := func(id, n int32) {
			if cnt[id] == 0 {
				touched = append(touched, id)
			}
			cnt[id] += n
		}
		for _, ids := range r.stmt[i] {
			for _, s := range ids {
				if s >= 0 {
					bump(s, 1)
					for _, id := range c.skillWords[s] {
						bump(id, 1)
					}
					if p := c.skillParent[s]; p >= 0 {
						bump(p, 1)
					}
				}
			}
		}
		m := remap[raws[i].worker]
		for k, l := range raws[i].words {
			bump(nSkills+nWords+m[l], raws[i].counts[k])
			bump(nSkills+3*nWords+m[l], raws[i].counts[k])
		}
		for k, l := range raws[i].dwords {
			bump(nSkills+2*nWords+m[l], raws[i].dcounts[k])
			bump(nSkills+3*nWords+m[l], raws[i].dcounts[k])
		}
		slices.Sort(touched)
		list := make([]tf, len(touched))
		for k, id := range touched {
			list[k] = tf{id, cnt[id]}
			cnt[id] = 0
		}
		c.tfs[i] = list
	})
	c.df = make([]int32, nFeat)
	for _, list := range c.tfs {
		if len(list) > 0 {
			c.docs++
		}
		for _, t := range list {
			c.df[t.id]++
		}
	}
}

// The spaces of features, each a cosine of its own.
const (
	skillSpace  = iota // skills
	keySpace           // the words of skills' keys or names
	taskSpace          // the words of performance text
	titleSpace         // the words of the title and description
	allSpace           // all those words together: the title's can meet the tasks'
	parentSpace        // the parents of aligned skills
	spaces
)

// tf is a feature and how often an occupation has it.
type tf struct{ id, n int32 }

// counted is what vectors are made from: every occupation's term
// frequencies and every feature's document frequency. Features are
// numbered densely: skills, then the words four times (keySpace,
// taskSpace, titleSpace, allSpace), then parents.
type counted struct {
	tfs             [][]tf
	df              []int32
	docs            int
	nSkills, nWords int32
	prior           []float64 // by skill
	skillWords      [][]int32 // by skill: the features of its name's words
	skillParent     []int32   // by skill: its parent's feature, -1 for none
	words           []string  // by feature: a word's most frequent spelling; "" for skills and parents
}

// space returns the space of feature id.
func (c *counted) space(id int32) int {
	switch {
	case id < c.nSkills:
		return skillSpace
	case id >= c.nSkills+4*c.nWords:
		return parentSpace
	}
	return keySpace + int((id-c.nSkills)/c.nWords)
}

// idf is a feature's inverse document frequency, smoothed so that it
// works from two frameworks up: ln(1 + N/df), and for an aligned skill
// with a prior p, ln((N + m)/(df + m·p)), as if m more occupations were
// known, a share p of them with the skill.
func (c *counted) idf(o *options, id int32) float64 {
	n, df := float64(c.docs), float64(c.df[id])
	if id < c.nSkills && c.prior[id] > 0 {
		return math.Log((n + o.priorMass) / (df + o.priorMass*c.prior[id]))
	}
	return math.Log(1 + n/df)
}

// vectors makes the occupations' vectors: a feature weighs (1 + ln tf) ×
// idf, and each space is scaled to length √w[space], so that the dot
// product of two occupations is the w-weighted sum of their cosines in
// each space.
func (c *counted) vectors(o *options, w [spaces]float64) *vecs {
	n, nFeat := len(c.tfs), len(c.df)
	maxDF := min(int32(o.commonFraction*float64(c.docs)), o.maxPostings)
	v := &vecs{rare: make([][]feat, n), common: make([][]feat, n), postings: make([][]posting, nFeat),
		words: c.words, commonID: make([]int32, nFeat)}
	for id, d := range c.df {
		v.commonID[id] = -1
		if d > maxDF && w[c.space(int32(id))] > 0 {
			v.commonID[id] = int32(len(v.commonFeat))
			v.commonFeat = append(v.commonFeat, int32(id))
		}
	}
	parallel(n, func(_, i int) {
		var rare, common []feat
		var norms [spaces]float64
		for _, t := range c.tfs[i] {
			x := (1 + math.Log(float64(t.n))) * c.idf(o, t.id)
			if x <= 0 || w[c.space(t.id)] <= 0 {
				continue
			}
			norms[c.space(t.id)] += x * x
			if c.df[t.id] > maxDF {
				common = append(common, feat{v.commonID[t.id], x})
			} else {
				rare = append(rare, feat{t.id, x})
			}
		}
		var scale [spaces]float64
		for k, nk := range norms {
			if nk > 0 {
				scale[k] = math.Sqrt(w[k] / nk)
			}
		}
		for k := range rare {
			rare[k].w *= scale[c.space(rare[k].id)]
		}
		for k := range common {
			common[k].w *= scale[c.space(v.commonFeat[common[k].id])]
		}
		v.rare[i], v.common[i] = rare, common
	})
	for id, d := range c.df {
		if d <= maxDF && d > 0 {
			v.postings[id] = make([]posting, 0, d)
		}
	}
	for i, rare := range v.rare {
		for _, f := range rare {
			v.postings[f.id] = append(v.postings[f.id], posting{int32(i), f.w})
		}
	}
	return v
}

// parents numbers the parents of aligned skills as features from first
// on, in key order, and gives each skill its parent's feature (-1 for
// none) and its prior.
func (r *Relations) parents(aligned map[string]Aligned, first int32) (keys []string, skillParent []int32, prior []float64) {
	ids := map[string]int32{}
	for _, al := range aligned {
		if al.Parent != "" {
			ids[al.Parent] = 0
		}
	}
	for k := range ids {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		ids[k] = first + int32(i)
	}
	skillParent = make([]int32, len(r.skills))
	prior = make([]float64, len(r.skills))
	for i, s := range r.skills {
		skillParent[i] = -1
		if al, ok := aligned[s.Key]; ok {
			prior[i] = al.Prior
			if al.Parent != "" {
				skillParent[i] = ids[al.Parent]
			}
		}
	}
	return keys, skillParent, prior
}

// addSkills gathers the skills from the topics' keys, in input order,
// names and orders them, gives them slugs, and fills r.stmt and r.has.
func (r *Relations) addSkills(raws []raw, vocabs []vocab) {
	topics, topicKey, remap := topicTable(vocabs)
	keys, uses, names := r.useSkills(raws, topics, topicKey, remap)
	r.fillHas(r.orderSkills(keys, names, uses))
}

// topicTable numbers every distinct topic of the vocabularies in lexical
// order: it returns the topics, each one's key, and each vocabulary's
// topic numbers mapped to these.
func topicTable(vocabs []vocab) (topics, topicKey []string, remap [][]int32) {
	topicID := map[string]int32{}
	var topicKeys []string
	for _, v := range vocabs {
		for i, t := range v.tlist {
			if _, ok := topicID[t]; !ok {
				topicID[t] = 0
				topics = append(topics, t)
				topicKeys = append(topicKeys, v.keys[i])
			}
		}
	}
	order := make([]int, len(topics))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return topics[order[a]] < topics[order[b]] })
	for id, i := range order {
		topicID[topics[i]] = int32(id)
	}
	remap = make([][]int32, len(vocabs))
	for w, v := range vocabs {
		remap[w] = make([]int32, len(v.tlist))
		for i, t := range v.tlist {
			remap[w][i] = topicID[t]
		}
	}
	topicKey = make([]string, len(topics))
	for i, t := range topics {
		topicKey[topicID[t]] = topicKeys[i]
	}
	slices.Sort(topics)
	return topics, topicKey, remap
}

// useSkills gives every statement its skill, numbered in order of first
// use (r.stmt), and returns the skills' keys, uses and names.
func (r *Relations) useSkills(raws []raw, topics, topicKey []string, remap [][]int32) (keys []string, uses [][]Use, names []string) {
	// Skills in order of first use; statements' skills; spellings' counts.
	ids := map[string]int32{}
	topicSkill := make([]int32, len(topics))
	for i := range topicSkill {
		topicSkill[i] = -2 // not met yet
	}
	spellings := make([]int, len(topics))
	r.stmt = make([][][]int32, len(r.fws))
	for occ, f := range r.fws {
		if f == nil {
			continue
		}
		r.stmt[occ] = make([][]int32, len(f.Levels))
		k := 0
		m := remap[raws[occ].worker]
		for l, lv := range f.Levels {
			stmt := make([]int32, len(lv.Statements))
			for s := range lv.Statements {
				t := raws[occ].topics[k]
				k++
				stmt[s] = -1
				if t < 0 {
					continue
				}
				t = m[t]
				id := topicSkill[t]
				if id == -2 {
					id = -1
					if key := topicKey[t]; key != "" {
						var ok bool
						if id, ok = ids[key]; !ok {
							id = int32(len(keys))
							ids[key] = id
							keys = append(keys, key)
							uses = append(uses, nil)
						}
					}
					topicSkill[t] = id
				}
				if id < 0 {
					continue
				}
				spellings[t]++
				uses[id] = append(uses[id], Use{int32(occ), int32(l), int32(s)})
				stmt[s] = id
			}
			r.stmt[occ][l] = stmt
		}
	}
	for id := range uses {
		uses[id] = slices.Clone(uses[id]) // of the exact size: a skill's uses are kept
	}
	// The name: the most frequent spelling, ties to the lexically first.
	names = make([]string, len(keys))
	best := make([]int, len(keys))
	for t, id := range topicSkill {
		if id >= 0 && spellings[t] > best[id] {
			name, _, _ := strings.Cut(topics[t], "\x00")
			names[id], best[id] = name, spellings[t]
		}
	}

	return keys, uses, names
}

// orderSkills makes the skills, gives them slugs and puts them in order
// (r.skills, r.skillOcc, r.shared); it returns the position of each skill
// numbered by first use.
func (r *Relations) orderSkills(keys, names []string, uses [][]Use) []int32 {
	skills := make([]Skill, len(keys))
	for i := range keys {
		s := Skill{Key: keys[i], Name: names[i], Uses: uses[i]}
		last := int32(-1)
		for _, u := range s.Uses {
			if u.Occupation != last {
				s.Occupations++
				last = u.Occupation
			}
		}
		skills[i] = s
	}
	// Slugs go to keys in key order, so they do not depend on input order.
	order := make([]int, len(skills))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return skills[order[a]].Key < skills[order[b]].Key })
	used := map[string]bool{}
	for _, i := range order {
		skills[i].Slug = uniqueSlug(slugOf(slugKey(skills[i])), used)
	}
	folded := make([]string, len(skills))
	for i := range skills {
		folded[i] = words.Fold(skills[i].Name)
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if folded[x] != folded[y] {
			return folded[x] < folded[y]
		}
		return skills[x].Name < skills[y].Name // then by key: order starts in key order
	})
	pos := make([]int32, len(skills))
	r.skills = make([]Skill, len(skills))
	for p, i := range order {
		pos[i] = int32(p)
		r.skills[p] = skills[i]
	}
	r.skillOcc = make([]int32, len(r.skills))
	for i, s := range r.skills {
		r.skillOcc[i] = int32(s.Occupations)
		if s.Occupations >= 2 {
			r.shared = append(r.shared, s)
		}
	}

	return pos
}

// fillHas renumbers r.stmt by pos and fills r.has and r.hasLevels: for
// each occupation two allocations of their exact size (its skills, and
// their levels), since a large site holds hundreds of thousands.
func (r *Relations) fillHas(pos []int32) {
	r.has = make([][]held, len(r.fws))
	r.hasLevels = make([][]int, len(r.fws))
	var uses []struct{ skill, level int32 } // one occupation's, reused
	for occ, levels := range r.stmt {
		uses = uses[:0]
		for l, stmt := range levels {
			for s, id := range stmt {
				if id < 0 {
					continue
				}
				id = pos[id]
				stmt[s] = id
				uses = append(uses, struct{ skill, level int32 }{id, int32(l)})
			}
		}
		slices.SortStableFunc(uses, func(a, b struct{ skill, level int32 }) int { return int(a.skill - b.skill) })
		skills, distinct := 0, 0
		for i, u := range uses {
			if i == 0 || u.skill != uses[i-1].skill {
				skills++
				distinct++
			} else if u.level != uses[i-1].level {
				distinct++
			}
		}
		out := make([]held, 0, skills)
		all := make([]int, 0, distinct)
		for i, u := range uses {
			switch {
			case i == 0 || u.skill != uses[i-1].skill:
				all = append(all, int(u.level))
				out = append(out, held{skill: u.skill, from: int32(len(all) - 1), to: int32(len(all))})
			case u.level != uses[i-1].level:
				all = append(all, int(u.level))
				out[len(out)-1].to++
			}
		}
		r.has[occ], r.hasLevels[occ] = out, all
	}
}

// slugKey is what a skill's slug is made from: its key, or for an
// aligned skill (whose key is no words) the key of its name.
func slugKey(s Skill) string {
	if strings.Contains(s.Key, ":") {
		return words.Key(s.Name)
	}
	return s.Key
}

// slugOf makes a slug of a key: its words joined by "-", cut at a word
// boundary to at most 60 bytes.
func slugOf(key string) string {
	const max = 60
	s := strings.ReplaceAll(key, " ", "-")
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max+1], '-')
	if cut <= 0 {
		cut = max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return s[:cut]
}

// uniqueSlug returns base, or base-2, base-3, … when taken, and takes it.
func uniqueSlug(base string, used map[string]bool) string {
	if base == "" {
		base = "skill"
	}
	s := base
	for n := 2; used[s]; n++ {
		s = base + "-" + strconv.Itoa(n)
	}
	used[s] = true
	return s
}
