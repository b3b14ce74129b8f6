package relate

// Comparison sets two occupations side by side, level by level.
type Comparison struct {
	A, B   int         // the occupations, indexes into New's input
	Levels []LevelPair // in A's level order, then B's levels that A lacks
	Shared int         // how many distinct skills both have
}

// LevelPair is a level of A beside a level of B. Levels pair by key
// (folded: "Proficient" pairs with "proficient"); the levels left over on
// both sides then pair by position among them.
type LevelPair struct {
	A, B int   // positions in each occupation's Levels; -1 when that side has none
	Rows []Row // the statements side by side
}

// Row is one line of a LevelPair: a statement of each side with the same
// skill, or a statement of one side alone. The rows with a skill on both
// sides come first, in A's order; then A's other statements, then B's.
type Row struct {
	A, B  int // statement positions within the pair's levels; -1 for none
	Skill int // index into Skills() when both statements have it, else -1
}

// Compare aligns occupations a and b, which must not be nil frameworks.
func (r *Relations) Compare(a, b int) Comparison {
	c := Comparison{A: a, B: b, Shared: r.sharedCount(a, b)}
	la, lb := r.fws[a].Levels, r.fws[b].Levels
	pairB := make([]int, len(la)) // level of b paired with each level of a, or -1
	takenB := make([]bool, len(lb))
	for i := range la {
		pairB[i] = -1
		for j := range lb {
			if !takenB[j] && r.levelKeys[a][i] == r.levelKeys[b][j] {
				pairB[i], takenB[j] = j, true
				break
			}
		}
	}
	j := 0
	for i := range la {
		if pairB[i] >= 0 {
			continue
		}
		for j < len(lb) && takenB[j] {
			j++
		}
		if j < len(lb) {
			pairB[i], takenB[j] = j, true
		}
	}
	for i, pb := range pairB {
		c.Levels = append(c.Levels, r.levelPair(a, b, i, pb))
	}
	for j, taken := range takenB {
		if !taken {
			c.Levels = append(c.Levels, r.levelPair(a, b, -1, j))
		}
	}
	return c
}

func (r *Relations) levelPair(a, b, la, lb int) LevelPair {
	p := LevelPair{A: la, B: lb}
	var sa, sb []int32
	if la >= 0 {
		sa = r.stmt[a][la]
	}
	if lb >= 0 {
		sb = r.stmt[b][lb]
	}
	usedA := make([]bool, len(sa))
	usedB := make([]bool, len(sb))
	for x, k := range sa {
		if k < 0 {
			continue
		}
		for y, k2 := range sb {
			if !usedB[y] && k2 == k {
				usedA[x], usedB[y] = true, true
				p.Rows = append(p.Rows, Row{A: x, B: y, Skill: int(k)})
				break
			}
		}
	}
	for x := range sa {
		if !usedA[x] {
			p.Rows = append(p.Rows, Row{A: x, B: -1, Skill: -1})
		}
	}
	for y := range sb {
		if !usedB[y] {
			p.Rows = append(p.Rows, Row{A: -1, B: y, Skill: -1})
		}
	}
	return p
}
