package align

// The joint features weigh a candidate against the framework's other
// statements. O*NET's analysts seldom link one activity to many tasks of
// an occupation (of the development half's links, 62% go to an activity
// linked to no other task of the occupation, 21% to one linked to one
// other), so an activity that other statements want more is less likely
// for this one. Each statement's candidates are first scored alone (the
// first-stage weights, without these features); then, for each
// candidate, the probabilities the other statements give it are the
// evidence of the second stage, which ranks the first stage's best
// (shortlisted) candidates. Statements with the same topic (or text)
// count as one: a topic repeated at several levels is one subject.

// probEntry is one statement's first-stage probability of an element.
type probEntry struct {
	p     float64
	group int32
}

// firstStage scores cands alone with the first-stage weights, sets each
// one's fFirstP, and returns in top the positions of the best
// shortlisted, best first: the candidates the second stage ranks.
func firstStage(cands []candidate, first *[nFeatures]float64, lin []float64, top []ranked) ([]float64, []ranked) {
	lin = softmax(linearScores(cands, first, lin))
	top = top[:0]
	for i, p := range lin {
		cands[i].f[fFirstP] = p
		top = append(top, ranked{int32(i), p})
	}
	sortRanked(top)
	return lin, top[:min(len(top), shortlisted)]
}

// joint fills the joint features of every statement's candidates sets
// from their first-stage probabilities; groups gives each statement's
// group (statements of a group are not each other's others).
func joint(sets [][]candidate, groups []int32) {
	byElem := map[int32][]probEntry{}
	for i, cs := range sets {
		for _, c := range cs {
			byElem[c.e] = append(byElem[c.e], probEntry{c.f[fFirstP], groups[i]})
		}
	}
	for i, cs := range sets {
		for k := range cs {
			c := &cs[k]
			own := c.f[fFirstP]
			others, ahead := 0.0, 0
			for _, x := range byElem[c.e] {
				if x.group == groups[i] {
					continue
				}
				others += x.p
				if x.p > own {
					ahead++
				}
			}
			c.f[fOthers] = others
			if own > 0 {
				c.f[fShare] = own / (own + others)
			}
			c.f[fAhead] = 1 / float64(1+ahead)
		}
	}
}
