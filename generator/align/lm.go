package align

import "math"

// langModel is a unigram language model of each DWA: the stems of its
// title and of every example task linked to it, smoothed (Dirichlet)
// towards its IWA's model, which is smoothed towards all text. A
// statement's score is the mean log-likelihood ratio of its stems under
// the DWA's model against all text: query likelihood, the retrieval
// model that suits short labelled documents.
type langModel struct {
	dwa, iwa     []counts // by element position, by IWA position
	bg           map[int32]float64
	bgTotal      float64
	own          []map[int32]counts // example occupation → element → its tasks' stems
	ownIWA       []map[int32]counts // example occupation → IWA → its tasks' stems
	muDWA, muIWA float64
}

// counts is a bag of stems with its total.
type counts struct {
	n     map[int32]float64
	total float64
}

func (c *counts) add(id int32, w float64) {
	if c.n == nil {
		c.n = map[int32]float64{}
	}
	c.n[id] += w
	c.total += w
}

// score is the mean log-likelihood ratio of the stems q under element e's
// model, leaving out the examples of occupation exclude (-1 for none).
func (m *langModel) score(q []int32, e, iwa, exclude int32) float64 {
	if len(q) == 0 {
		return 0
	}
	d := m.dwa[e]
	var own counts
	if exclude >= 0 {
		own = m.own[exclude][e]
	}
	var ic, ownI counts
	if iwa >= 0 {
		ic = m.iwa[iwa]
		if exclude >= 0 {
			ownI = m.ownIWA[exclude][iwa]
		}
	}
	s := 0.0
	for _, w := range q {
		bg := (m.bg[w] + 0.5) / (m.bgTotal + 1)
		pi := bg
		if ic.total > 0 {
			pi = (ic.n[w] - ownI.n[w] + m.muIWA*bg) / (ic.total - ownI.total + m.muIWA)
		}
		pd := (d.n[w] - own.n[w] + m.muDWA*pi) / (d.total - own.total + m.muDWA)
		s += math.Log(pd / bg)
	}
	return s / float64(len(q))
}

// addText adds stems ids with weight w to element e (under IWA iwa), and
// to the background.
func (m *langModel) addText(ids []int32, e, iwa int32, w float64) {
	for _, id := range ids {
		m.dwa[e].add(id, w)
		if iwa >= 0 {
			m.iwa[iwa].add(id, w)
		}
	}
}

// addOwn records that example occupation occ's task with stems ids was
// linked to element e, so that a measurement can leave it out.
func (m *langModel) addOwn(occ int, ids []int32, e, iwa int32) {
	for len(m.own) <= occ {
		m.own = append(m.own, map[int32]counts{})
		m.ownIWA = append(m.ownIWA, map[int32]counts{})
	}
	c, ci := m.own[occ][e], m.ownIWA[occ][iwa]
	for _, id := range ids {
		c.add(id, 1)
		ci.add(id, 1)
	}
	m.own[occ][e] = c
	if iwa >= 0 {
		m.ownIWA[occ][iwa] = ci
	}
}

// addBackground counts stems ids in all text.
func (m *langModel) addBackground(ids []int32, w float64) {
	for _, id := range ids {
		m.bg[id] += w
		m.bgTotal += w
	}
}
