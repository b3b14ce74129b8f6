package align

import "math"

// langModel is a unigram language model of each DWA: the stems of its
// title and of every example task linked to it, smoothed (Dirichlet)
// towards its IWA's model, which is smoothed towards all text. A
// statement's score under a DWA is the mean log-likelihood ratio of its
// stems under the DWA's model against all text: query likelihood, the
// retrieval model that suits short labelled documents.
//
// The ratio of a stem w splits into a constant of the DWA, a part only
// IWAs with w have and a part only DWAs with w have:
//
//	ln pd(w)/bg(w) = ln μd + ln μi − ln(Ni+μi) − ln(Nd+μd)
//	               + ln(1 + ciw/(μi·bg(w)))
//	               + ln(1 + cdw/(μd·pi(w)))
//
// so New stores the last two as postings by stem and a statement is
// scored against every DWA at once, sparsely.
type langModel struct {
	dwa, iwa index     // stem → DWAs (IWAs) with it, and their part
	konst    []float64 // by element position: the DWA's constant
}

// lmCounts are the texts a language model is made from: every text's
// stems, the texts of each element, and the counts of all text.
type lmCounts struct {
	stems   []int32 // text i's stems are stems[off[i]:off[i+1]]
	off     []int32
	title   []int32   // element position → the text of its title, -1
	linked  [][]int32 // element position → texts linked to it
	bg      []float64 // stem counts of all text
	bgTotal float64
	nIWA    int
}

// addText records a text's stems, counts them in all text and returns
// its number.
func (c *lmCounts) addText(ids []int32) int32 {
	if len(c.off) == 0 {
		c.off = append(c.off, 0)
	}
	c.stems = append(c.stems, ids...)
	c.off = append(c.off, int32(len(c.stems)))
	for _, id := range ids {
		for int(id) >= len(c.bg) {
			c.bg = append(c.bg, make([]float64, len(c.bg)+256)...)
		}
		c.bg[id]++
		c.bgTotal++
	}
	return int32(len(c.off) - 2)
}

// count adds the stems of element e's title (weight 2) and linked texts
// to m.
func (c *lmCounts) count(m *merger, e int32) {
	if t := c.title[e]; t >= 0 {
		m.addIDs(c.stems[c.off[t]:c.off[t+1]], 2)
	}
	for _, t := range c.linked[e] {
		m.addIDs(c.stems[c.off[t]:c.off[t+1]], 1)
	}
}

// model turns counts into a model with smoothing μd, μi; iwaOf gives
// each element's IWA position (-1 for none), isDWA whether it has a
// model at all.
func (c *lmCounts) model(mg *merger, muD, muI float64, iwaOf []int32, isDWA []bool) langModel {
	bg := make([]float64, len(c.bg))
	for i, n := range c.bg {
		bg[i] = (n + 0.5) / (c.bgTotal + 1)
	}
	m := langModel{konst: make([]float64, len(iwaOf))}
	byIWA := make([][]int32, c.nIWA+1) // the last: DWAs without an IWA
	for e, iw := range iwaOf {
		if isDWA[e] {
			if iw < 0 {
				iw = int32(c.nIWA)
			}
			byIWA[iw] = append(byIWA[iw], int32(e))
		}
	}
	iDocs, dDocs := make([]bag, c.nIWA), make([]bag, len(iwaOf))
	iCount := make([]float64, len(bg))
	var b bag
	for iw, es := range byIWA {
		ni := 0.0
		if iw < c.nIWA {
			for _, e := range es {
				c.count(mg, e)
			}
			b = mg.take(b[:0])
			for _, f := range b {
				ni += f.w
				iCount[f.id] = f.w
				iDocs[iw] = append(iDocs[iw], feat{f.id, math.Log1p(f.w / (muI * bg[f.id]))})
			}
		}
		for _, e := range es {
			c.count(mg, e)
			b = mg.take(b[:0])
			total := 0.0
			for _, f := range b {
				total += f.w
			}
			m.konst[e] = math.Log(muD) + math.Log(muI) - math.Log(ni+muI) - math.Log(total+muD)
			for _, f := range b {
				pi := (iCount[f.id] + muI*bg[f.id]) / (ni + muI)
				dDocs[e] = append(dDocs[e], feat{f.id, math.Log1p(f.w / (muD * pi))})
			}
		}
		if iw < c.nIWA {
			for _, f := range iDocs[iw] {
				iCount[f.id] = 0
			}
		}
	}
	m.dwa, m.iwa = newIndex(dDocs, nil, len(bg)), newIndex(iDocs, nil, len(bg))
	return m
}

// scores adds the sparse parts of the stems q to dwa (by element
// position) and iwa (by IWA position); the score of element e is then
// konst[e] + (dwa[e] + iwa[its IWA]) / len(q).
func (m *langModel) scores(q []int32, dwa, iwa *accum) {
	for _, w := range q {
		if w < 0 {
			continue
		}
		for _, p := range m.dwa.postings(w) {
			dwa.add(p.doc, float64(p.w))
		}
		for _, p := range m.iwa.postings(w) {
			iwa.add(p.doc, float64(p.w))
		}
	}
}
