package diff

import (
	"slices"
	"strings"
	"unicode"
)

// words returns the normalised words of s: lower-cased runs of letters and
// digits. Punctuation, dashes and spacing do not count.
func words(s string) []string {
	var out []string
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// wordSet is the sorted set of the normalised words of a text.
type wordSet []string

func newWordSet(s string) wordSet {
	return toSet(words(s))
}

// toSet sorts words and drops repeats, in place.
func toSet(w []string) wordSet {
	slices.Sort(w)
	return slices.Compact(w)
}

// Similarity returns how alike two statements are, from 0 to 1: the
// Jaccard index of their sets of normalised words (lower-cased runs of
// letters and digits), that is the number of words they share divided by
// the number of distinct words in either. Two texts without words are
// alike (1); one without words is unlike any other (0). Word order,
// case, punctuation and repeated words make no difference.
func Similarity(a, b string) float64 {
	return jaccard(newWordSet(a), newWordSet(b))
}

func jaccard(a, b wordSet) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			shared++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// jaccardBound is the highest Jaccard index two sets of these sizes can
// have, to skip pairs that cannot reach a threshold.
func jaccardBound(n, m int) float64 {
	if n == 0 && m == 0 {
		return 1
	}
	return float64(min(n, m)) / float64(max(n, m))
}

// normalise is the text's words joined by single spaces: texts that differ
// only in case, punctuation or spacing have the same normal form.
func normalise(s string) string {
	return strings.Join(words(s), " ")
}
