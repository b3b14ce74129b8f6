package search

import (
	"strings"
	"unicode/utf8"
)

// Typos: a query word that matches no word of the index (whole, prefix
// or near) matches instead the words of its terms file (the same first
// two letters) within a few edits, as near words; and the closest of
// them is suggested ("Did you mean nurse?"). search.js does the same.

// allowedEdits is how many edits a query word of n letters may be from
// the words it finds: none under 5 letters, one up to 7, two from 8.
func allowedEdits(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// editDistance is the optimal string alignment distance of a and b in
// letters (insertions, deletions, substitutions and swaps of two
// neighbours), or max+1 when it is more than max.
func editDistance(a, b string, max int) int {
	r, s := []rune(a), []rune(b)
	if d := len(r) - len(s); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(s)+1)
	prev := make([]int, len(s)+1)
	cur := make([]int, len(s)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(r); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(s); j++ {
			cost := 1
			if r[i-1] == s[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && r[i-1] == s[j-2] && r[i-2] == s[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(s)], max+1)
}

// likeness is how much of a word's two ends a candidate keeps: the
// lengths of their common prefix and common suffix, in bytes. Among
// candidates as many edits away, the likest is suggested.
func likeness(a, b string) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a) && s < len(b) && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return p + s
}

// typoMatches returns the words of the dictionary with the same key as
// word that are within allowedEdits of it, and the one to suggest: the
// fewest edits away, then the likest, then the first A–Z. It returns no
// words when word is too short for typos.
func typoMatches(word string, dict []string) (found []string, suggest string) {
	max := allowedEdits(utf8.RuneCountInString(word))
	if max == 0 {
		return nil, ""
	}
	k := key(word)
	bestD, bestL := max+1, -1
	for _, w := range dict {
		if key(w) != k {
			continue
		}
		d := editDistance(word, w, max)
		if d > max {
			continue
		}
		found = append(found, w)
		l := likeness(word, w)
		if d < bestD || d == bestD && (l > bestL || l == bestL && strings.Compare(w, suggest) < 0) {
			bestD, bestL, suggest = d, l, w
		}
	}
	return found, suggest
}
