// Package paths is the one place that knows where every file of a ladder
// site goes: each page, export, package and script the build writes is
// named here, and templates ask it through the "path" function. Paths
// are slash-separated and relative to the output folder; a page is a
// folder's index.html, so that the site works from file:// and any
// sub-path. The package is a leaf: it knows codes and slugs, not the
// model.
package paths

import (
	"fmt"
	"strings"
)

// The pages of the site's sections.
const (
	Home        = "index.html"
	NotFound    = "404.html"
	Occupations = "occupations/index.html"
	Skills      = "skills/index.html"
	Search      = "search/index.html"
	Levels      = "levels/index.html"
	Groups      = "groups/index.html"
	Sectors     = "sectors/index.html"
	JobZones    = "job-zones/index.html"
	// EmbedIndex lists the embed views of every occupation.
	EmbedIndex = "embed/index.html"
	// Compare is the one page that compares two occupations, named by
	// its query.
	Compare = "compare/index.html"
)

// The files of the whole site.
const (
	Sitemap   = "sitemap.xml"
	Robots    = "robots.txt"
	Feed      = "feed.xml"
	Catalogue = "frameworks.json"
	// Bundle is the bulk download: every framework's original file and
	// exports, current and earlier versions.
	Bundle = "downloads/frameworks.zip"
	// BundleMoodle and BundleCanvas import every framework at once; they
	// are entries of the Bundle (at its root), not files of the site.
	BundleMoodle = "frameworks.moodle.csv"
	BundleCanvas = "frameworks.canvas.csv"
	// The LMS packages of the whole site.
	SiteSCORM     = "downloads/scorm/all-frameworks.zip"
	SiteSCORM2004 = "downloads/scorm/all-frameworks-scorm2004.zip"
	SiteCmi5      = "downloads/cmi5/all-frameworks.zip"
	Cartridge     = "downloads/frameworks.imscc"
	// AssessIndex lists every occupation with its AssessData, for the
	// self-assessment's gap to another occupation.
	AssessIndex = "occupations/assess-index.js"
	// Assets is the folder of the style sheets, scripts and images.
	Assets = "assets/"
	// Text is the script that gives the other scripts the words of the
	// site's language (i18n.Catalogue.ScriptFile), made with the assets.
	Text = "assets/text.js"
	// SearchIndex is the folder of the offline search index's scripts.
	SearchIndex = "search/"
)

// SitemapPart is the n-th (from 1) of the sitemaps that Sitemap indexes
// when the site has more pages than one sitemap may list.
func SitemapPart(n int) string { return fmt.Sprintf("sitemap-%d.xml", n) }

// Occupation is the page of the occupation with the SOC code code.
func Occupation(code string) string { return "occupations/" + code + "/index.html" }

// Export is a file of an occupation beside its page, named by its code
// and suffix: Export(code, "case.json") is occupations/<code>/<code>.case.json.
func Export(code, suffix string) string {
	return "occupations/" + code + "/" + code + "." + suffix
}

// Original is the occupation's framework file, published as it is.
func Original(code string) string { return Export(code, "json") }

// AssessData is the self-assessment's data script that holds an
// occupation, one for a group of occupations: those whose codes share
// their first five characters, the SOC minor group (and broad group
// digit) of an O*NET-SOC code, "11-10" of 11-1011.00. A group's script
// stays the same when an occupation of another group comes or goes,
// related occupations (the gap view's first choices, a comparison's
// pair) are often of the same group, and the corpus's 1,016
// occupations make 113 scripts of at most 29.
func AssessData(code string) string { return AssessFolder + assessGroup(code) + ".js" }

// AssessFolder holds the self-assessment's data scripts.
const AssessFolder = "occupations/assess/"

// assessGroup is the group of an occupation's code: its first five
// characters, or the code when shorter.
func assessGroup(code string) string {
	n := 0
	for i := range code {
		if n == 5 {
			return code[:i]
		}
		n++
	}
	return code
}

// Matrix is the URL of an occupation's levels side by side: a part of its
// page.
func Matrix(code string) string { return Occupation(code) + "#" + MatrixID }

// MatrixID is the id of the skill-by-level matrix on an occupation's page
// (the section templates/occupation.html writes).
const MatrixID = "matrix"

// OldMatrix is where an occupation's skill-by-level matrix was a page of
// its own, until it became a part of the occupation's page (Matrix).
func OldMatrix(code string) string { return "occupations/" + code + "/matrix/index.html" }

// Level is the page of one level of an occupation.
func Level(code, slug string) string { return "occupations/" + code + "/" + slug + "/index.html" }

// LevelSection is where one level of an occupation is on a site without
// level pages: its column of the occupation page's progression table,
// whose heading has the level's slug as id.
func LevelSection(code, slug string) string { return Occupation(code) + "#" + slug }

// Page returns the page of a path that may name a part of it: p without
// its fragment.
func Page(p string) string {
	page, _, _ := strings.Cut(p, "#")
	return page
}

// WithFragment returns the address of the part fragment of p's page,
// replacing the fragment p may have: a statement's address on the page
// of its level, which may itself be a part of a page (LevelSection).
func WithFragment(p, fragment string) string { return Page(p) + "#" + fragment }

// OccupationEmbed is the embed view (for iframes and LMS packages) of an
// occupation: one page holding every level.
func OccupationEmbed(code string) string { return "embed/occupations/" + code + "/index.html" }

// LevelEmbed is the address of one level in its occupation's embed view:
// the view with the level's slug as fragment (the id of its section).
func LevelEmbed(code, slug string) string { return OccupationEmbed(code) + "#" + slug }

// OldLevelEmbed is where one level's embed view was a page of its own,
// before an occupation's embed view held every level: redirects keep it
// working.
func OldLevelEmbed(code, slug string) string {
	return "embed/occupations/" + code + "/" + slug + "/index.html"
}

// OldComparison is where the comparison of a and b was a page of its
// own, before comparisons were assembled in the browser: redirects keep
// it working.
func OldComparison(a, b string) string { return "compare/" + a + "/" + b + "/index.html" }

// SCORM is the SCORM 1.2 package of one occupation.
func SCORM(code string) string { return "downloads/scorm/" + code + ".zip" }

// Version is the page of an earlier version of an occupation's framework;
// VersionOriginal is that version's file.
func Version(code, slug string) string { return versionDir(code, slug) + "index.html" }

// VersionOriginal is an earlier version's framework file.
func VersionOriginal(code, slug string) string { return versionDir(code, slug) + code + ".json" }

func versionDir(code, slug string) string { return "occupations/" + code + "/versions/" + slug + "/" }

// Changes is the page of what changed in a framework up to the version
// named by slug.
func Changes(code, slug string) string {
	return "occupations/" + code + "/changes/" + slug + "/index.html"
}

// Skill is the page of a skill shared by several occupations.
func Skill(slug string) string { return "skills/" + slug + "/index.html" }

// LevelHub, GroupHub, SectorHub and JobZoneHub are the hub pages of one
// level, occupational group, sector and job zone.
func LevelHub(slug string) string { return "levels/" + slug + "/index.html" }

// GroupHub is the hub page of an occupational group.
func GroupHub(slug string) string { return "groups/" + slug + "/index.html" }

// SectorHub is the hub page of a sector.
func SectorHub(slug string) string { return "sectors/" + slug + "/index.html" }

// JobZoneHub is the hub page of a job zone.
func JobZoneHub(key string) string { return "job-zones/" + key + "/index.html" }

// SearchShard is the n-th script of one kind ("texts", "terms") of the
// search index.
func SearchShard(kind string, n int) string { return fmt.Sprintf("%s%s-%03d.js", SearchIndex, kind, n) }

// SearchFile is a script of the search index other than a shard.
func SearchFile(name string) string { return SearchIndex + name + ".js" }

// Folder is the address of a page without its index.html, as a host
// serves it: "" for the home page.
func Folder(page string) string { return strings.TrimSuffix(page, "index.html") }

// named are the site-wide paths templates ask for by name.
func named() map[string]string {
	return map[string]string{
		"home": Home, "not-found": NotFound, "occupations": Occupations, "skills": Skills,
		"search": Search, "levels": Levels, "groups": Groups, "sectors": Sectors,
		"job-zones": JobZones, "embed-index": EmbedIndex, "sitemap": Sitemap, "feed": Feed,
		"catalogue": Catalogue, "bundle": Bundle,
		"site-scorm": SiteSCORM, "site-scorm2004": SiteSCORM2004, "site-cmi5": SiteCmi5,
		"cartridge": Cartridge,
	}
}

// Named returns the site-wide path called name ("bundle", "occupations",
// "embed-index", …), for the templates' "path" function.
func Named(name string) (string, error) {
	if p, ok := named()[name]; ok {
		return p, nil
	}
	return "", fmt.Errorf("paths: no site-wide path is called %q", name)
}
