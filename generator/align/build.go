package align

import (
	"math"
	"slices"
	"sync"

	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/words"
)

// builder holds what New collects before the aligner's indexes exist.
type builder struct {
	an                      *analyzer
	tasks                   *taskStems
	m                       merger
	elemBags, iwaBags       []bag
	exBags, occBags         []bag
	occActs                 [][]int32
	lm                      lmCounts
	pos                     []int32 // taxonomy index → position in elems, -1
	exact                   map[string]int32
	ids                     []int32
	iwaOf                   []int32
	isDWA                   []bool
	pairW, descW, occTitleW float64
}

// index builds the vectors of elements, examples and example occupations.
func (a *Aligner) index() {
	a.voc = newVocab()
	b := &builder{an: newAnalyzer(&a.voc), pairW: a.o.pairW, descW: 0.3, occTitleW: 2, exact: map[string]int32{}}
	// The example tasks, most of the text, are stemmed in two halves on
	// two goroutines while the elements are analysed.
	var learned []onet.Occupation
	for _, oc := range a.tax.Examples() {
		if a.o.learn == nil || a.o.learn(oc.SOC) {
			learned = append(learned, oc)
		}
	}
	half := len(learned) / 2
	var halves [2]*taskStems
	var stemming sync.WaitGroup
	stemming.Go(func() { halves[0] = stemTasks(learned[:half]) })
	stemming.Go(func() { halves[1] = stemTasks(learned[half:]) })
	a.elements(b)
	stemming.Wait()
	b.tasks = halves[0]
	b.tasks.adopt(b.an, halves[1])
	a.examples(b, learned)
	a.voc.freeze()
	a.word, a.exact = newStrTable(b.an.word), newStrTable(b.exact)
	// The language model and the indexes are independent of each other:
	// build them at once.
	var wg sync.WaitGroup
	b.lm.nIWA = len(b.iwaBags)
	wg.Go(func() { a.lm = b.lm.model(&b.m, a.o.muDWA, a.o.muIWA, b.iwaOf, b.isDWA) })
	defer wg.Wait()
	terms := int(a.voc.n)
	a.idf = idf(terms, b.elemBags, b.exBags)
	dwas, skills := make([]bag, len(a.elems)), make([]bag, len(a.elems))
	a.titleOff = []int32{0}
	var title vector
	for e, bg := range b.elemBags {
		if b.isDWA[e] {
			dwas[e] = bg
			title = bg.vector(a.idf, title)
			a.titleFeats = append(a.titleFeats, title...)
		} else {
			skills[e] = bg
		}
		a.titleOff = append(a.titleOff, int32(len(a.titleFeats)))
	}
	a.titleVec = make([]vector, len(a.elems))
	for e := range a.titleVec {
		a.titleVec[e] = a.titleFeats[a.titleOff[e]:a.titleOff[e+1]:a.titleOff[e+1]]
	}
	a.dwaIdx, a.skillIdx = newIndex(dwas, a.idf, terms), newIndex(skills, a.idf, terms)
	a.iwaIdx = newIndex(b.iwaBags, a.idf, terms)
	wg.Go(func() { a.exIdx = newIndex(b.exBags, a.idf, terms) })
	wg.Go(func() { a.occIdx = newIndex(b.occBags, a.idf, terms) })
	a.occActs = newLists(b.occActs)
	a.learnDisc(b)
	a.popular = make([]float64, len(a.links))
	for e, n := range a.links {
		a.popular[e] = math.Log1p(float64(n)) / 5
	}
	a.nIWA = len(b.iwaBags)
}

// elements numbers the alignable elements and IWAs and analyses their
// titles.
func (a *Aligner) elements(b *builder) {
	b.pos = make([]int32, len(a.tax.Elements))
	iwaPos := make([]int32, len(a.tax.Elements))
	for i, e := range a.tax.Elements {
		b.pos[i], iwaPos[i] = -1, -1
		if e.Kind == onet.IWA {
			iwaPos[i] = int32(len(b.iwaBags))
			b.ids = b.an.stems(e.Title, b.ids[:0])
			b.iwaBags = append(b.iwaBags, a.voc.addTerms(nil, b.ids, 1, b.pairW, true).merge())
		}
	}
	for i, e := range a.tax.Elements {
		if !a.alignable(i) {
			continue
		}
		p := int32(len(a.elems))
		b.pos[i] = p
		a.elems = append(a.elems, int32(i))
		b.ids = b.an.stems(e.Title, b.ids[:0])
		info := elemInfo{iwa: -1, verb: -1, kind: e.Kind}
		bg := a.voc.addTerms(nil, b.ids, 1, b.pairW, true)
		b.lm.title = append(b.lm.title, -1)
		b.lm.linked = append(b.lm.linked, nil)
		if e.Kind == onet.DWA {
			info.iwa = iwaPos[e.Parent]
			if len(b.ids) > 0 {
				info.verb = b.ids[0]
			}
			b.lm.title[p] = b.lm.addText(b.ids)
		} else if e.Description != "" {
			b.ids = b.an.stems(e.Description, b.ids[:0])
			bg = a.voc.addTerms(bg, b.ids, b.descW, b.pairW, true)
		}
		a.elemInfo = append(a.elemInfo, info)
		b.elemBags = append(b.elemBags, bg.merge())
		b.iwaOf = append(b.iwaOf, info.iwa)
		b.isDWA = append(b.isDWA, e.Kind == onet.DWA)
		b.exact[words.Key(e.Title)] = p
	}
}

// examples reads the example occupations the aligner learns from.
func (a *Aligner) examples(b *builder, learned []onet.Occupation) {
	a.links = make([]int32, len(a.elems))
	// Room for about as many terms as the texts have (a term per four
	// bytes), so that the blocks seldom grow.
	chars := 0
	for _, oc := range a.tax.Examples() {
		for _, t := range oc.Tasks {
			chars += len(t.Text)
		}
	}
	ex := flatBags{feats: make([]feat, 0, chars/4)}
	occ := flatBags{feats: make([]feat, 0, chars/6)}
	b.lm.stems = slices.Grow(b.lm.stems, chars/6)
	var tb, ob bag
	a.exActs.off = []int32{0}
	task := 0
	for _, oc := range learned {
		var code socCode
		copy(code[:], oc.SOC)
		a.occSOC = append(a.occSOC, code)
		b.ids = b.an.stems(oc.Title, b.ids[:0])
		ob = a.voc.addTerms(ob[:0], b.ids, b.occTitleW, b.pairW, true)
		b.ids = b.an.stems(oc.Description, b.ids[:0])
		ob = a.voc.addTerms(ob, b.ids, 1, b.pairW, true)
		var acts []int32
		for _, t := range oc.Tasks {
			ids := b.tasks.of(task)
			task++
			text := b.lm.addText(ids)
			tb = a.voc.addTerms(tb[:0], ids, 1, b.pairW, true)
			ob = append(ob, tb...)
			ex.add(b.m.merge(tb))
			for _, d := range t.Activities {
				e := b.pos[d]
				a.exActs.at = append(a.exActs.at, e)
				b.lm.linked[e] = append(b.lm.linked[e], text)
				a.links[e]++
				if !containsInt32(acts, e) {
					acts = append(acts, e)
				}
			}
			a.exActs.off = append(a.exActs.off, int32(len(a.exActs.at)))
			a.exOcc = append(a.exOcc, int32(len(b.occActs)))
		}
		occ.add(b.m.merge(ob))
		b.occActs = append(b.occActs, acts)
	}
	b.exBags, b.occBags = ex.bags(), occ.bags()
}

// flatBags are bags in one block.
type flatBags struct {
	feats []feat
	off   []int32
}

func (f *flatBags) add(b bag) {
	if len(f.off) == 0 {
		f.off = append(f.off, 0)
	}
	f.feats = append(f.feats, b...)
	f.off = append(f.off, int32(len(f.feats)))
}

func (f *flatBags) bags() []bag {
	out := make([]bag, max(len(f.off)-1, 0))
	for i := range out {
		out[i] = f.feats[f.off[i]:f.off[i+1]:f.off[i+1]]
	}
	return out
}

func containsInt32(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// alignable reports whether statements may align to element i: DWAs,
// and skills and knowledge that are not categories.
func (a *Aligner) alignable(i int) bool {
	k := a.tax.Elements[i].Kind
	return (k == onet.DWA || k == onet.Skill || k == onet.Knowledge) && a.tax.Leaf(i)
}

// idf is ln(1 + N/df) over elements and examples together.
func idf(terms int, sets ...[]bag) []float64 {
	df := make([]float64, terms)
	n := 0
	for _, s := range sets {
		for _, b := range s {
			n++
			for _, f := range b {
				df[f.id]++
			}
		}
	}
	for i, d := range df {
		if d > 0 {
			df[i] = math.Log(1 + float64(n)/d)
		}
	}
	return df
}

// lists are lists of numbers in one block: list i is at[off[i]:off[i+1]].
type lists struct {
	off []int32
	at  []int32
}

func newLists(ls [][]int32) lists {
	l := lists{off: make([]int32, 1, len(ls)+1)}
	for _, x := range ls {
		l.at = append(l.at, x...)
		l.off = append(l.off, int32(len(l.at)))
	}
	return l
}

func (l *lists) of(i int32) []int32 { return l.at[l.off[i]:l.off[i+1]] }

func (l *lists) len() int { return len(l.off) - 1 }
