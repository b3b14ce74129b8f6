package pipeline

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/site"
)

// OutputOf names the switch of ladder.toml's [outputs] (a key of
// config.OutputList) whose output the file at path is, path relative to
// the output folder; "" for a file every site has. Summed over a built
// site's files, it gives config.Fit what each output adds.
func OutputOf(path string) string {
	switch path {
	case export.BundlePath:
		return "bundle"
	case site.SiteSCORMPath, siteSCORM2004Path, siteCmi5Path, site.CartridgePath:
		return "site_packages"
	case export.SiteMoodlePath, export.SiteCanvasPath:
		return "csv"
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
	case strings.HasSuffix(path, ".normalized.json"):
		return "json"
	case strings.HasSuffix(path, ".moodle.csv"), strings.HasSuffix(path, ".canvas.csv"):
		return "csv"
	}
	return ""
}
