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

// bag counts terms before they become a vector.
type bag map[int32]float64

// addStems adds the stems with weight w each, and their adjacent pairs
// with weight w·pairW.
func (b bag) addStems(v *vocab, stems []string, w, pairW float64, grow bool) {
	prev := ""
	for _, s := range stems {
		if id, ok := v.id(s, grow); ok {
			b[id] += w
		}
		if prev != "" && pairW > 0 {
			if id, ok := v.id(prev+" "+s, grow); ok {
				b[id] += w * pairW
			}
		}
		prev = s
	}
}

// vector weighs each term (1+ln tf)·idf and normalises to unit length.
func (b bag) vector(idf []float64) vector {
	out := make(vector, 0, len(b))
	norm := 0.0
	for id, tf := range b {
		if int(id) >= len(idf) || tf <= 0 {
			continue
		}
		w := (1 + math.Log(max(tf, 1))) * min(tf, 1) * idf[id]
		if w <= 0 {
			continue
		}
		out = append(out, feat{id, w})
		norm += w * w
	}
	if norm == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].w /= norm
	}
	slices.SortFunc(out, func(a, b feat) int { return cmp.Compare(a.id, b.id) })
	return out
}

// vocab numbers terms.
type vocab struct {
	ids   map[string]int32
	terms []string
}

// id returns the number of term s, giving it one when grow is set.
func (v *vocab) id(s string, grow bool) (int32, bool) {
	if id, ok := v.ids[s]; ok {
		return id, true
	}
	if !grow {
		return 0, false
	}
	id := int32(len(v.terms))
	v.ids[s] = id
	v.terms = append(v.terms, s)
	return id, true
}

// posting is one document holding a term, with the term's weight there.
type posting struct {
	doc int32
	w   float64
}

// inverted maps each term to the documents that hold it.
type inverted [][]posting

func newInverted(docs []vector, terms int) inverted {
	inv := make(inverted, terms)
	for d, v := range docs {
		for _, f := range v {
			inv[f.id] = append(inv[f.id], posting{int32(d), f.w})
		}
	}
	return inv
}

// scores adds q·doc to acc[doc] for every document sharing a term with q.
func (inv inverted) scores(q vector, acc []float64) {
	for _, f := range q {
		if int(f.id) >= len(inv) {
			continue
		}
		for _, p := range inv[f.id] {
			acc[p.doc] += f.w * p.w
		}
	}
}
