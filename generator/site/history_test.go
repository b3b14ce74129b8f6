package site_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/site"
)

// TestHistory holds the model of an occupation with two earlier
// versions: their pages and slugs, each Changes page's levels and lines
// with links to the statement on the older and the newer version's page,
// and archived statement anchors unique on their page.
func TestHistory(t *testing.T) {
	v1 := labTech
	v1.levels = []level{
		{"emerging", "Novice", []string{
			"Specimen handling — label specimens under supervision.",
			"Laboratory safety — follow the safety rules of the laboratory.",
			"Glassware — clean and sort laboratory glassware.",
			"Filing — file the paper reports.",
		}},
		{"senior", "Advanced", []string{
			"Specimen handling — design the specimen handling procedure of the laboratory.",
		}},
	}
	v2 := v1
	v2.levels = []level{{"emerging", "Novice", []string{
		"Specimen handling — label specimens under supervision.",
		"Laboratory safety — follow the safety rules of the laboratory.",
		"Filing — file the paper reports.",
	}}, {}}
	v2.levels[1] = level{"advanced", "Advanced", []string{
		"Specimen handling — design the specimen handling procedure of the laboratory.",
		"Glassware — clean and sort laboratory glassware.",
	}}
	in := input([]occ{labTech}, nil)
	for i, o := range []occ{v1, v2} {
		f := o.framework()
		f.Version = []string{"v1", "v2"}[i]
		f.ExportedAt = time.Date(2026, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		in.Frameworks = append(in.Frameworks, site.Framework{Framework: f, File: "frameworks/old-" + f.Version + ".json"})
	}
	current := in.Frameworks[0].Framework
	current.Version, current.ExportedAt = "v3", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	o := occupation(t, model(t, in), labTech.code)

	if got := paths(o.History, func(v *site.Version) string { return v.Label + "@" + v.Path }); got !=
		"v2 (1 February 2026)@occupations/29-2012.00/versions/v2/index.html v1 (1 January 2026)@occupations/29-2012.00/versions/v1/index.html" {
		t.Errorf("versions: %s", got)
	}
	newest, oldest := o.History[0].Changes, o.History[1].Changes
	if o.CurrentChanges() != newest || newest.Path != "occupations/29-2012.00/changes/v3/index.html" || oldest.Path != "occupations/29-2012.00/changes/v2/index.html" {
		t.Errorf("changes pages %s, %s", newest.Path, oldest.Path)
	}
	if newest.ToPath != o.Path || newest.FromPath != o.History[0].Path || oldest.ToPath != o.History[0].Path {
		t.Errorf("changes link %s → %s and %s → %s", newest.FromPath, newest.ToPath, oldest.FromPath, oldest.ToPath)
	}

	// v2 → v3: the emerging level relabelled, a statement reworded, one
	// removed; glassware moved back from advanced.
	want := []string{
		"emerging: relabelled",
		"  reworded occupations/29-2012.00/versions/v2/index.html#level-emerging-specimen-handling → occupations/29-2012.00/emerging/index.html#specimen-handling",
		"  unchanged  → occupations/29-2012.00/emerging/index.html#laboratory-safety",
		"  removed occupations/29-2012.00/versions/v2/index.html#level-emerging-filing → ",
		"  moved-in occupations/29-2012.00/versions/v2/index.html#level-advanced-glassware → occupations/29-2012.00/emerging/index.html#glassware",
		"advanced:",
		"  unchanged  → occupations/29-2012.00/advanced/index.html#specimen-handling",
		"  moved-out occupations/29-2012.00/versions/v2/index.html#level-advanced-glassware → occupations/29-2012.00/emerging/index.html#glassware",
		"  added  → occupations/29-2012.00/advanced/index.html#quality-control",
	}
	if got := describe(newest); got != strings.Join(want, "\n") {
		t.Errorf("v2 → v3:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	// v1 → v2: the senior level renamed advanced; the lines link the two
	// archived pages.
	want = []string{
		"emerging:",
		"  unchanged  → occupations/29-2012.00/versions/v2/index.html#level-emerging-specimen-handling",
		"  unchanged  → occupations/29-2012.00/versions/v2/index.html#level-emerging-laboratory-safety",
		"  moved-out occupations/29-2012.00/versions/v1/index.html#level-emerging-glassware → occupations/29-2012.00/versions/v2/index.html#level-advanced-glassware",
		"  unchanged  → occupations/29-2012.00/versions/v2/index.html#level-emerging-filing",
		"advanced: renamed",
		"  unchanged  → occupations/29-2012.00/versions/v2/index.html#level-advanced-specimen-handling",
		"  moved-in occupations/29-2012.00/versions/v1/index.html#level-emerging-glassware → occupations/29-2012.00/versions/v2/index.html#level-advanced-glassware",
	}
	if got := describe(oldest); got != strings.Join(want, "\n") {
		t.Errorf("v1 → v2:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	for _, v := range o.History {
		seen := map[string]bool{}
		for _, l := range v.Levels {
			anchors := strings.Fields(paths(l.Statements, func(s site.Statement) string { return s.Anchor }))
			for _, id := range append(anchors, l.Anchor) {
				if seen[id] {
					t.Errorf("%s: id %q twice", v.Path, id)
				}
				seen[id] = true
			}
		}
	}
}

// describe writes a Changes page's levels and lines, one a line.
func describe(c *site.Changes) string {
	var lines []string
	for _, l := range c.Levels {
		notes := ""
		if l.Renamed() {
			notes += " renamed"
		}
		if l.Relabelled() {
			notes += " relabelled"
		}
		lines = append(lines, l.Name.Key+":"+notes)
		for _, line := range l.Lines {
			old := line.OldURL
			if line.Kind == "unchanged" {
				old = "" // the same statement, linked where it is now
			}
			lines = append(lines, "  "+line.Kind+" "+old+" → "+line.NewURL)
		}
	}
	return strings.Join(lines, "\n")
}
