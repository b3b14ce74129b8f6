package export

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// masteryLevel returns the index of the level that counts as mastered in
// the LMS scales: the level keyed or labelled "proficient" (in any case),
// or else the middle level, the upper of the two middle ones for an even
// count (the third of four).
func masteryLevel(o *site.Occupation) int {
	for i, ol := range o.Levels {
		if strings.EqualFold(ol.Key, "proficient") || strings.EqualFold(ol.Label, "proficient") {
			return i
		}
	}
	return len(o.Levels) / 2
}

// htmlText escapes the characters that would make plain text HTML, for
// LMS fields that hold HTML. Quotes are left alone, since the text never
// sits in an attribute and HTML cleaners keep them as they are.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
