package align

import (
	"cmp"
	"math"
	"slices"
)

// feat is one weighted term of a vector.
type feat struct {
	id int32
	w  float64
}

// vector is a sparse vector sorted by term id.
type vector []feat

// bag collects weighted terms before they become a vector; a term may
// appear more than once until merge.
type bag []feat

// merger adds up the repeated terms of bags without sorting them.
type merger struct{ acc accum }

// merge adds up repeated terms of b in place, keeping the order of their
// first appearance.
func (m *merger) merge(b bag) bag {
	for _, f := range b {
		m.add(f.id, f.w)
	}
	return m.take(b[:0])
}

func (m *merger) add(id int32, w float64) {
	for int(id) >= len(m.acc.v) {
		m.acc.v = append(m.acc.v, make([]float64, len(m.acc.v)+1024)...)
	}
	m.acc.add(id, w)
}

// addIDs adds the terms ids with weight w each.
func (m *merger) addIDs(ids []int32, w float64) {
	for _, id := range ids {
		m.add(id, w)
	}
}

// take appends what was added to out, in order of first appearance, and
// starts afresh.
func (m *merger) take(out bag) bag {
	for _, id := range m.acc.hit {
		out = append(out, feat{id, m.acc.v[id]})
	}
	m.acc.reset()
	return out
}

// merge sorts the bag by term and adds up repeated terms.
func (b bag) merge() bag {
	slices.SortFunc(b, func(x, y feat) int { return cmp.Compare(x.id, y.id) })
	out := b[:0]
	for _, f := range b {
		if n := len(out); n > 0 && out[n-1].id == f.id {
			out[n-1].w += f.w
			continue
		}
		out = append(out, f)
	}
	return out
}

// vector weighs each term of a merged bag (1+ln tf)·idf, (tf·idf below a
// count of one) and normalises to unit length, into out.
func (b bag) vector(idf []float64, out vector) vector {
	out = out[:0]
	norm := 0.0
	for _, f := range b {
		if int(f.id) >= len(idf) || f.w <= 0 {
			continue
		}
		w := tfidf(f.w, idf[f.id])
		if w <= 0 {
			continue
		}
		out = append(out, feat{f.id, w})
		norm += w * w
	}
	if norm == 0 {
		return out[:0]
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].w /= norm
	}
	return out
}

// tfidf is the weight of a term counted tf times: (1+ln tf)·idf, and
// tf·idf below a count of one.
func tfidf(tf, idf float64) float64 {
	switch {
	case tf > 1:
		return (1 + math.Log(tf)) * idf
	case tf < 1:
		return tf * idf
	}
	return idf
}

// vocab numbers terms: stems, and pairs of adjacent stems. New numbers
// stems in a map (uni) and then freezes it (stems).
type vocab struct {
	uni   map[string]int32
	stems strTable
	pair  pairTable
	n     int32
}

func newVocab() vocab {
	return vocab{uni: make(map[string]int32, 1<<13), pair: newPairTable(1 << 17)}
}

// unigram returns the number of stem s, giving it one if it has none;
// only before freeze.
func (v *vocab) unigram(s string) int32 {
	if id, ok := v.uni[s]; ok {
		return id
	}
	v.uni[s] = v.n
	v.n++
	return v.n - 1
}

// freeze ends the numbering of stems.
func (v *vocab) freeze() {
	v.stems, v.uni = newStrTable(v.uni), nil
}

// equal reports whether v and w number terms alike; only after freeze.
func (v *vocab) equal(w *vocab) bool {
	return v.n == w.n && v.stems.equal(&w.stems) && slices.Equal(v.pair.key, w.pair.key) && slices.Equal(v.pair.val, w.pair.val)
}

// stem returns the number of stem s, -1 for none; only after freeze.
func (v *vocab) stem(s string) int32 {
	id, ok := v.stems.get(s)
	if !ok {
		return -1
	}
	return id
}

// pairOf returns the number of the pair of stems x, y (both numbered),
// giving it one when grow is set; -1 when it has none.
func (v *vocab) pairOf(x, y int32, grow bool) int32 {
	k := uint64(uint32(x))<<32 | uint64(uint32(y))
	slot := v.pair.find(k)
	if id := v.pair.val[slot]; id >= 0 || !grow {
		return id
	}
	if v.pair.n*2 >= len(v.pair.key) {
		v.pair.grow()
		slot = v.pair.find(k)
	}
	v.pair.key[slot], v.pair.val[slot] = k, v.n
	v.pair.n++
	v.n++
	return v.n - 1
}

// pairTable maps pairs of stem numbers to term numbers: open addressing
// with linear probing, faster than a map for the many pairs New numbers.
type pairTable struct {
	key []uint64
	val []int32 // -1 for an empty slot
	n   int
}

func newPairTable(size int) pairTable {
	t := pairTable{key: make([]uint64, size), val: make([]int32, size)}
	for i := range t.val {
		t.val[i] = -1
	}
	return t
}

// find returns the slot of k, or the empty slot where it would go.
func (t *pairTable) find(k uint64) int {
	mask := uint64(len(t.key) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		if t.val[i] < 0 || t.key[i] == k {
			return int(i)
		}
	}
}

// grow doubles the table.
func (t *pairTable) grow() {
	old := *t
	*t = newPairTable(2 * len(old.key))
	for i, v := range old.val {
		if v >= 0 {
			s := t.find(old.key[i])
			t.key[s], t.val[s] = old.key[i], v
		}
	}
	t.n = old.n
}

// addTerms adds stems ids (-1 for unknown) with weight w each and their
// adjacent pairs with weight w·pairW to b.
func (v *vocab) addTerms(b bag, ids []int32, w, pairW float64, grow bool) bag {
	for i, id := range ids {
		if id < 0 {
			continue
		}
		b = append(b, feat{id, w})
		if i > 0 && ids[i-1] >= 0 && pairW > 0 {
			if p := v.pairOf(ids[i-1], id, grow); p >= 0 {
				b = append(b, feat{p, w * pairW})
			}
		}
	}
	return b
}

// posting is one document holding a term, with the term's weight there.
type posting struct {
	doc int32
	w   float32
}

// index is an inverted index in one block: the postings of term t are
// post[off[t]:off[t+1]].
type index struct {
	off  []int32
	post []posting
}

// newIndex indexes docs over terms numbered below terms: with idf, as
// unit TF-IDF vectors of the bags, without, with the bags' weights.
func newIndex(docs []bag, idf []float64, terms int) index {
	off := make([]int32, terms+1)
	for _, v := range docs {
		for _, f := range v {
			off[f.id+1]++
		}
	}
	for t := 1; t <= terms; t++ {
		off[t] += off[t-1]
	}
	post := make([]posting, off[terms])
	next := slices.Clone(off[:terms])
	for d, v := range docs {
		norm := 1.0
		if idf != nil {
			norm = 0
			for _, f := range v {
				w := tfidf(f.w, idf[f.id])
				norm += w * w
			}
			norm = math.Sqrt(norm)
		}
		for _, f := range v {
			w := f.w
			if idf != nil {
				w = tfidf(f.w, idf[f.id]) / norm
			}
			post[next[f.id]] = posting{int32(d), float32(w)}
			next[f.id]++
		}
	}
	return index{off, post}
}

// postings returns the postings of term t.
func (ix *index) postings(t int32) []posting {
	if t < 0 || int(t)+1 >= len(ix.off) {
		return nil
	}
	return ix.post[ix.off[t]:ix.off[t+1]]
}

// scores adds q·doc to acc for every document sharing a term with q.
func (ix *index) scores(q vector, acc *accum) {
	for _, f := range q {
		for _, p := range ix.postings(f.id) {
			acc.add(p.doc, f.w*float64(p.w))
		}
	}
}

// accum is a sparse accumulator: dense values and the list of those
// touched since the last reset.
type accum struct {
	v   []float64
	hit []int32
}

func newAccum(n int) accum { return accum{v: make([]float64, n)} }

// add adds x (> 0) to i.
func (a *accum) add(i int32, x float64) {
	if x <= 0 {
		return
	}
	if a.v[i] == 0 {
		a.hit = append(a.hit, i)
	}
	a.v[i] += x
}

// reset zeroes what was touched.
func (a *accum) reset() {
	for _, i := range a.hit {
		a.v[i] = 0
	}
	a.hit = a.hit[:0]
}

type ranked struct {
	i     int32
	score float64
}

// better orders ranked items highest first, ties by index.
func better(x, y ranked) bool { return x.score > y.score || x.score == y.score && x.i < y.i }

// topOf returns in out the n best of the touched items hit, scored by
// v, highest first; only positive scores count. It keeps the best in a
// heap whose root is the worst of them.
func topOf(hit []int32, v []float64, n int, out []ranked) []ranked {
	out = out[:0]
	for _, i := range hit {
		r := ranked{i, v[i]}
		switch {
		case r.score <= 0:
		case len(out) < n:
			out = append(out, r)
			for j := len(out) - 1; j > 0; {
				p := (j - 1) / 2
				if !better(out[p], out[j]) {
					break
				}
				out[p], out[j] = out[j], out[p]
				j = p
			}
		case better(r, out[0]):
			out[0] = r
			siftDown(out)
		}
	}
	slices.SortFunc(out, func(x, y ranked) int {
		if better(x, y) {
			return -1
		}
		return 1
	})
	return out
}

// siftDown restores the heap of topOf after its root changed.
func siftDown(h []ranked) {
	for j := 0; ; {
		c := 2*j + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && better(h[c], h[c+1]) {
			c++
		}
		if !better(h[j], h[c]) {
			return
		}
		h[j], h[c] = h[c], h[j]
		j = c
	}
}
