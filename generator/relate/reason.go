package relate

import (
	"cmp"
	"slices"

	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/generator/words"
)

// maxNames is how many skill names a reason lists.
const maxNames = 3

// relation describes occupation j as related to i. Its reason is made
// when asked for (Reason), as a large site relates a hundred thousand
// pairs whose sentences no default page shows; only the words of a pair
// without shared skills are kept, as they come from the vectors New
// drops.
func (r *Relations) relation(i, j int, score float64, v *vecs) Relation {
	rel := Relation{Index: j, Score: score, Shared: r.sharedCount(i, j)}
	if rel.Shared == 0 {
		rel.similar = strings.Join(v.topWords(i, j, maxNames), ", ")
	}
	return rel
}

// Reason says, for people and in English, why occupation j is related
// to i: "Shares 6 skills, 4 at proficient level: …". It is "" when
// Related(i) does not list j.
func (r *Relations) Reason(i, j int) string {
	for _, rel := range r.related[i] {
		if rel.Index == j {
			return r.reason(i, rel)
		}
	}
	return ""
}

// reason makes the sentence of Reason for rel, a relation of i.
func (r *Relations) reason(i int, rel Relation) string {
	j := rel.Index
	group := r.group[i] >= 0 && r.group[i] == r.group[j]
	sector := r.sector[i] >= 0 && r.sector[i] == r.sector[j]
	var same string
	switch {
	case group && sector:
		same = "Same occupational group and sector"
	case group:
		same = "Same occupational group"
	case sector:
		same = "Same sector"
	}
	if rel.Shared == 0 {
		switch {
		case rel.similar != "" && same != "":
			return same + "; similar work: " + rel.similar
		case rel.similar != "":
			return "Similar work: " + rel.similar
		case same != "":
			return same
		}
		return "Similar work"
	}
	shares := r.sharesPhrase(i, j, r.sharedSkills(i, j))
	if same != "" {
		return same + "; s" + shares
	}
	return "S" + shares
}

// sharesPhrase says which skills two occupations share, without its
// first letter: "hares 6 skills, 4 at proficient level: a, b, c, …".
func (r *Relations) sharesPhrase(i, j int, shared []SharedSkill) string {
	n := len(shared)
	// The level (by folded key) at which both have the most shared skills;
	// ties go to the later, more proficient level of occupation i.
	levels := r.fws[i].Levels
	count := make([]int, len(levels))
	for _, s := range shared {
		for _, l := range s.Levels {
			for _, m := range s.OtherLevels {
				if r.levelKeys[i][l] == r.levelKeys[j][m] {
					count[l]++
					break
				}
			}
		}
	}
	best := -1
	for l, c := range count {
		if c > 0 && (best < 0 || c >= count[best]) {
			best = l
		}
	}
	var b strings.Builder
	b.WriteString("hares ")
	b.WriteString(strconv.Itoa(n))
	label := ""
	if best >= 0 {
		label = strings.ToLower(levels[best].Label)
		if label == "" {
			label = strings.ToLower(levels[best].Key)
		}
	}
	switch {
	case best >= 0 && count[best] == n && label != "":
		b.WriteString(" " + label + "-level skill" + plural(n))
	case best >= 0 && count[best] >= 2 && label != "":
		b.WriteString(" skills, " + strconv.Itoa(count[best]) + " at " + label + " level")
	default:
		b.WriteString(" skill" + plural(n))
	}
	names := make([]string, 0, maxNames)
	sep := ", "
	for _, s := range shared[:min(n, maxNames)] {
		name := words.LowerFirst(s.Name)
		if strings.Contains(name, ",") {
			sep = "; "
		}
		names = append(names, name)
	}
	if n > maxNames {
		names = append(names, "…")
	}
	b.WriteString(": ")
	b.WriteString(strings.Join(names, sep))
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// sharedSkills lists the skills occupations i and j both have, the
// rarest (used by the fewest occupations) first, then by name.
func (r *Relations) sharedSkills(i, j int) []SharedSkill {
	a, b := r.has[i], r.has[j]
	out := make([]SharedSkill, 0, r.sharedCount(i, j))
	r.eachShared(i, j, func(x, y int) {
		s := &r.skills[a[x].skill]
		out = append(out, SharedSkill{Skill: int(a[x].skill), Name: s.Name, Slug: s.Slug,
			Levels: r.heldLevels(i, a[x]), OtherLevels: r.heldLevels(j, b[y])})
	})
	slices.SortFunc(out, func(x, y SharedSkill) int {
		if c := cmp.Compare(r.skillOcc[x.Skill], r.skillOcc[y.Skill]); c != 0 {
			return c
		}
		return cmp.Compare(x.Skill, y.Skill) // Skills() order: by name
	})
	return out
}

// heldLevels returns the levels at which occupation occ has skill h.
func (r *Relations) heldLevels(occ int, h held) []int {
	return r.hasLevels[occ][h.from:h.to:h.to]
}

// sharedCount is how many skills occupations i and j both have:
// len(sharedSkills(i, j)), without making the list.
func (r *Relations) sharedCount(i, j int) int {
	n := 0
	r.eachShared(i, j, func(int, int) { n++ })
	return n
}

// eachShared calls fn with the places in r.has[i] and r.has[j] of each
// skill both occupations have, in skill order.
func (r *Relations) eachShared(i, j int, fn func(x, y int)) {
	a, b := r.has[i], r.has[j]
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x].skill < b[y].skill:
			x++
		case a[x].skill > b[y].skill:
			y++
		default:
			fn(x, y)
			x++
			y++
		}
	}
}

// topWords returns up to n words that contribute most to the similarity
// of occupations i and j, most first.
func (v *vecs) topWords(i, j, n int) []string {
	type contrib struct {
		word string
		c    float64
	}
	var all []contrib
	add := func(a, b []feat, id func(int32) int32) {
		for x, y := 0, 0; x < len(a) && y < len(b); {
			switch {
			case a[x].id < b[y].id:
				x++
			case a[x].id > b[y].id:
				y++
			default:
				if w := v.words[id(a[x].id)]; w != "" {
					all = append(all, contrib{w, a[x].w * b[y].w})
				}
				x++
				y++
			}
		}
	}
	add(v.rare[i], v.rare[j], func(x int32) int32 { return x })
	add(v.common[i], v.common[j], func(x int32) int32 { return v.commonFeat[x] })
	slices.SortFunc(all, func(x, y contrib) int {
		if x.c != y.c {
			return cmp.Compare(y.c, x.c)
		}
		return strings.Compare(x.word, y.word)
	})
	var out []string
	seen := map[string]bool{}
	for _, c := range all {
		if len(out) == n {
			break
		}
		if !seen[c.word] {
			seen[c.word] = true
			out = append(out, c.word)
		}
	}
	return out
}
