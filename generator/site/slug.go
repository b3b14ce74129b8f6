package site

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/ids"
)

// Names hands out names unique within one scope; see ids.Names.
type Names = ids.Names

// RelURL returns the shortest relative URL from the page at path from (a
// file path such as occupations/x/index.html) to the site file to.
func RelURL(from, to string) string {
	// Skip the folders both paths share, then climb out of the rest of from's.
	common := 0
	for i := 0; i < len(from) && i < len(to) && from[i] == to[i]; i++ {
		if from[i] == '/' {
			common = i + 1
		}
	}
	ups := strings.Count(from[common:], "/")
	return strings.Repeat("../", ups) + to[common:]
}
