package export

import (
	"github.com/ladder-ssg/ladder/generator/site"
)

// Alignment returns the Open Badges 3.0 Alignment that points at one
// statement: type ["Alignment"], targetName its topic (the statement when
// it has none), targetDescription the statement, targetUrl its anchor URL
// (the CASE CFItem's uri), targetCode its code (the CFItem's
// humanCodingScheme), targetFramework the framework's title and
// targetType "CFItem". The URL is absolute when the site has a base URL,
// as a badge needs; without one it is relative to the site's root.
func Alignment(o *site.Occupation, ol *site.OccupationLevel, st site.Statement, s *site.Site) map[string]any {
	return map[string]any{
		"type":              []string{"Alignment"},
		"targetName":        shortName(st),
		"targetDescription": st.Text,
		"targetUrl":         link(s, "", ol.Path, st.Anchor),
		"targetCode":        codesOf(o).statement(ol, st),
		"targetFramework":   o.Title(),
		"targetType":        "CFItem",
	}
}
