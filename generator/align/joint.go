package align

// The joint features weigh a candidate against the framework's other
// statements. O*NET's analysts seldom link one activity to many tasks of
// an occupation (of the development half's links, 62% go to an activity
// linked to no other task of the occupation, 21% to one linked to one
// other), so an activity that other statements want more is less likely
// for this one. Each statement's candidates are first scored alone (the
// first-stage weights, without these features); then, for each
// candidate, the probabilities the other statements give it are the
// evidence of the second stage. Statements with the same topic (or text)
// count as one: a topic repeated at several levels is one subject.

// probEntry is one statement's first-stage probability of an element.
type probEntry struct {
	p     float64
	group int32
}

// joint fills the joint features of every statement's candidates sets;
// groups gives each statement's group (statements of a group are not
// each other's others), first the first-stage weights.
func joint(sets [][]candidate, groups []int32, first *[nFeatures]float64) {
	probs := make([][]float64, len(sets))
	byElem := map[int32][]probEntry{}
	for i, cs := range sets {
		probs[i] = softmax(linearScores(cs, first, nil))
		for k, c := range cs {
			byElem[c.e] = append(byElem[c.e], probEntry{probs[i][k], groups[i]})
		}
	}
	for i, cs := range sets {
		for k := range cs {
			c := &cs[k]
			own := probs[i][k]
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
			c.f[fFirstP] = own
		}
	}
}
