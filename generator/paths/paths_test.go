package paths

import (
	"strings"
	"testing"
)

// The output paths are the site's public addresses: links, bookmarks and
// LMS imports depend on them staying where they are.
func TestPaths(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Occupation("15-1252.00"), "occupations/15-1252.00/index.html"},
		{Original("15-1252.00"), "occupations/15-1252.00/15-1252.00.json"},
		{Export("15-1252.00", "case.json"), "occupations/15-1252.00/15-1252.00.case.json"},
		{AssessData("15-1252.00"), "occupations/15-1252.00/15-1252.00.assess.js"},
		{Matrix("15-1252.00"), "occupations/15-1252.00/index.html#matrix"},
		{OldMatrix("15-1252.00"), "occupations/15-1252.00/matrix/index.html"},
		{Level("15-1252.00", "advanced"), "occupations/15-1252.00/advanced/index.html"},
		{OccupationEmbed("15-1252.00"), "embed/occupations/15-1252.00/index.html"},
		{LevelEmbed("15-1252.00", "advanced"), "embed/occupations/15-1252.00/advanced/index.html"},
		{SCORM("15-1252.00"), "downloads/scorm/15-1252.00.zip"},
		{Version("15-1252.00", "v1"), "occupations/15-1252.00/versions/v1/index.html"},
		{VersionOriginal("15-1252.00", "v1"), "occupations/15-1252.00/versions/v1/15-1252.00.json"},
		{Changes("15-1252.00", "v2"), "occupations/15-1252.00/changes/v2/index.html"},
		{Skill("coding"), "skills/coding/index.html"},
		{LevelHub("advanced"), "levels/advanced/index.html"},
		{GroupHub("it"), "groups/it/index.html"},
		{SectorHub("51"), "sectors/51/index.html"},
		{JobZoneHub("3"), "job-zones/3/index.html"},
		{SearchShard("terms", 7), "search/terms-007.js"},
		{SearchFile("meta"), "search/meta.js"},
		{Folder(Home), ""},
		{Folder(Occupations), "occupations/"},
		{Folder(Sitemap), "sitemap.xml"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestNamed(t *testing.T) {
	for name, want := range map[string]string{"bundle": Bundle, "embed-index": EmbedIndex, "occupations": Occupations, "job-zones": JobZones} {
		if got, err := Named(name); err != nil || got != want {
			t.Errorf("Named(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := Named("bundel"); err == nil || !strings.Contains(err.Error(), `"bundel"`) {
		t.Errorf("Named of an unknown name: %v, want an error naming it", err)
	}
}
