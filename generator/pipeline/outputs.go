package pipeline

import (
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// OutputOf names the switch of ladder.toml's [outputs] (a key of
// config.OutputList) whose output the file at path is, path relative to
// the output folder; "" for a file every site has. Summed over a built
// site's files, it gives config.Fit what each output adds.
func OutputOf(path string) string {
	switch path {
	case paths.Bundle:
		return "bundle"
	case paths.SiteSCORM, paths.SiteSCORM2004, paths.SiteCmi5, paths.Cartridge:
		return "site_packages"
	}
	if strings.HasPrefix(path, "downloads/scorm/") && strings.HasSuffix(path, ".zip") {
		return "scorm_per_occupation"
	}
	if !strings.HasPrefix(path, "occupations/") {
		return ""
	}
	switch {
	case strings.HasSuffix(path, ".case.json"):
		return "case"
	case strings.HasSuffix(path, ".moodle.csv"), strings.HasSuffix(path, ".canvas.csv"):
		return "csv"
	case isLevelPage(path):
		return "level_pages"
	}
	return ""
}

// isLevelPage reports whether path is of the form of a level's page,
// occupations/<code>/<level>/index.html: the level slugs never take the
// names of the other folders of an occupation's.
func isLevelPage(path string) bool {
	seg := strings.Split(path, "/")
	return len(seg) == 4 && seg[3] == "index.html" && !slices.Contains(site.OccupationFolderNames(), seg[2])
}
