package site

import "github.com/ladder-ssg/ladder/generator/paths"

// MovedPattern is a form of URL that ladder once published and no longer
// writes, with the URL that now shows the same thing. A segment ":name"
// of From is a placeholder: it matches one path segment, and To has the
// segment where the same ":name" stands. Paths are relative to the site
// root, as Page paths are; a From ending in index.html stands for its
// folder's URL too (compare/x/y/ as well as compare/x/y/index.html).
type MovedPattern struct {
	From, To string
}

// Moved lists the URL forms of earlier layouts and where they went, for
// the redirects of a host (_redirects lines, an nginx map) and the 404
// page's script: one rule a form rather than a stub file a URL.
func Moved() []MovedPattern {
	return []MovedPattern{
		// A page a related pair (Comparison.OldPath) until comparisons
		// were assembled in the browser.
		{From: paths.OldComparison(":a", ":b"), To: paths.Compare + "?a=:a&b=:b"},
		// A page a level (OccupationLevel.EmbedPath) until the
		// occupation's embed view held every level, each at its slug.
		{From: paths.OldLevelEmbed(":o", ":level"), To: paths.LevelEmbed(":o", ":level")},
		// An occupation's skill-by-level matrix, a page of its own until it
		// became a part of the occupation's page.
		{From: paths.OldMatrix(":code"), To: paths.Matrix(":code")},
		// A level's page, on a site that switched level pages off
		// (config.Outputs.LevelPages): the level is a column of its
		// occupation's page. Retired only then, as level pages have
		// this form.
		{From: paths.Level(":o", ":level"), To: paths.LevelSection(":o", ":level")},
	}
}
