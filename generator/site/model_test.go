package site_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/site"
)

// TestLevelSlugs holds the folder names of an occupation's levels: a
// slug of the key, never a name the occupation folder uses for something
// else, unique, and level-N for a key without letters or digits.
func TestLevelSlugs(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"emerging", "advanced"}, "emerging advanced"},
		{[]string{"Développement", "Expert Level"}, "développement expert-level"},
		{[]string{"index", "matrix", "versions", "changes"}, "index-2 matrix-2 versions-2 changes-2"},
		{[]string{"Advanced", "advanced", "ADVANCED!"}, "advanced advanced-2 advanced-3"},
		{[]string{"—", "expert", "***"}, "level-1 expert level-3"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			o := occ{code: "11-1011.00", title: "Chief Executives"}
			for _, k := range tt.keys {
				o.levels = append(o.levels, level{k, k, []string{"Strategy — set it."}})
			}
			got := occupation(t, model(t, input([]occ{o}, nil)), o.code)
			if slugs := paths(got.Levels, func(l *site.OccupationLevel) string { return l.Slug }); slugs != tt.want {
				t.Errorf("slugs %q, want %q", slugs, tt.want)
			}
			for _, l := range got.Levels {
				if want := "occupations/11-1011.00/" + l.Slug + "/index.html"; l.Path != want {
					t.Errorf("level %q: path %q, want %q", l.Key, l.Path, want)
				}
				if want := "embed/occupations/11-1011.00/index.html#" + l.Slug; l.EmbedPath != want {
					t.Errorf("level %q: embed path %q, want %q", l.Key, l.EmbedPath, want)
				}
			}
		})
	}
}

// TestStatementAnchors holds the anchors of a level's statements: a slug
// of the topic (of the performance without one), unique on the page, not
// the page's own ids, not starting with a digit, and the same in every
// build.
func TestStatementAnchors(t *testing.T) {
	tests := []struct {
		statements []string
		want       string
	}{
		{[]string{"Specimen handling — label specimens.", "Safety — follow the rules."}, "specimen-handling safety"},
		{[]string{"Safety — follow the rules.", "Safety — teach the rules.", "safety — audit the rules."}, "safety safety-2 safety-3"},
		{[]string{"Label every specimen.", "Main — a topic named like the page's main element.", "Top — another."}, "label-every-specimen main-2 top-2"},
		{[]string{"5S — sort, set, shine.", "— no topic, no words?", "Écoute — écouter."}, "s-5s no-topic-no-words écoute"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			o := occ{code: "11-1011.00", title: "Chief Executives", levels: []level{{"emerging", "Emerging", tt.statements}}}
			in := input([]occ{o}, nil)
			first := occupation(t, model(t, in), o.code).Levels[0]
			anchors := paths(first.Statements, func(s site.Statement) string { return s.Anchor })
			if anchors != tt.want {
				t.Errorf("anchors %q, want %q", anchors, tt.want)
			}
			// A second model of the same text, not reusing the first:
			// the anchors are the text's, not the build's.
			in = input([]occ{o}, nil)
			again := occupation(t, model(t, in), o.code).Levels[0]
			if got := paths(again.Statements, func(s site.Statement) string { return s.Anchor }); got != anchors {
				t.Errorf("anchors changed between builds: %q, then %q", anchors, got)
			}
		})
	}
}

// TestHubs holds the level, group, sector and job-zone hubs of the
// three-occupation fixture.
func TestHubs(t *testing.T) {
	s := model(t, input([]occ{labTech, phlebotomist, programmer}, nil))
	codes := func(occs []*site.Occupation) string {
		return strings.ReplaceAll(paths(occs, func(o *site.Occupation) string { return o.Code }), " ", ",")
	}
	tests := []struct {
		name, got, want string
	}{
		{"occupations A–Z", codes(s.Occupations), "15-1251.00,29-2012.00,31-9097.00"},
		{"levels in proficiency order", paths(s.Levels, func(l *site.Level) string {
			return l.Path + "=" + strings.ReplaceAll(paths(l.Entries, func(e *site.OccupationLevel) string { return e.Occupation.Code }), " ", ",")
		}), "levels/emerging/index.html=15-1251.00,29-2012.00,31-9097.00 levels/advanced/index.html=29-2012.00,31-9097.00 levels/expert/index.html=15-1251.00"},
		{"groups", paths(s.Groups, func(h *site.Hub) string { return h.Path + "=" + codes(h.Occupations) }),
			"groups/computing/index.html=15-1251.00 groups/healthcare/index.html=29-2012.00,31-9097.00"},
		{"sectors", paths(s.Sectors, func(h *site.Hub) string { return h.Path + "=" + codes(h.Occupations) }),
			"sectors/54/index.html=15-1251.00 sectors/62/index.html=29-2012.00,31-9097.00"},
		{"sector titles", s.Sectors[0].Title + "; " + s.Sectors[1].Title, "Professional, Scientific, and Technical Services; Health Care and Social Assistance"},
		{"job zones", paths(s.JobZones, func(h *site.Hub) string { return h.Path + "=" + codes(h.Occupations) }),
			"job-zones/2/index.html=31-9097.00 job-zones/3/index.html=29-2012.00 job-zones/4/index.html=15-1251.00"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, tt.got, tt.want)
		}
	}
	lab := occupation(t, s, labTech.code)
	if lab.Group != s.Groups[1] || lab.Sector != s.Sectors[1] || lab.JobZone != s.JobZones[1] {
		t.Errorf("the lab technician's hubs are %v, %v, %v", lab.Group, lab.Sector, lab.JobZone)
	}
}

// TestRelatedAndSkills holds what the two laboratory occupations share and
// the programmer does not: shared-skill pages, related occupations with a
// comparison, and the same level elsewhere.
func TestRelatedAndSkills(t *testing.T) {
	s := model(t, input([]occ{labTech, phlebotomist, programmer}, nil))
	skills := paths(s.Skills, func(p *site.SkillPage) string { return p.Name + "@" + p.Path })
	if want := "Laboratory safety@skills/laboratory-safety/index.html Specimen handling@skills/specimen-handling/index.html"; skills != want {
		t.Errorf("skills %q, want %q", skills, want)
	}
	handling := s.Skills[1]
	if uses := paths(handling.Uses, func(u site.SkillUse) string { return u.Level.Path + "#" + u.Statement.Anchor }); uses !=
		"occupations/29-2012.00/emerging/index.html#specimen-handling occupations/29-2012.00/advanced/index.html#specimen-handling occupations/31-9097.00/emerging/index.html#specimen-handling" {
		t.Errorf("uses of specimen handling: %s", uses)
	}
	lab, phleb, prog := occupation(t, s, labTech.code), occupation(t, s, phlebotomist.code), occupation(t, s, programmer.code)
	if len(lab.Related) == 0 || lab.Related[0].Occupation != phleb {
		t.Fatalf("the lab technician's related occupations: %v", lab.Related)
	}
	if len(phleb.Related) == 0 || phleb.Related[0].Occupation != lab || phleb.Related[0].Compare != lab.Related[0].Compare {
		t.Errorf("the phlebotomist is not related back to the lab technician through the same comparison")
	}
	for _, r := range prog.Related {
		if r.Why.Shared > 0 {
			t.Errorf("the programmer shares %d skills with %s", r.Why.Shared, r.Code)
		}
	}
	why := lab.Related[0].Why
	if !why.SameGroup || !why.SameSector || why.Shared != 2 {
		t.Errorf("why the phlebotomist is related: %+v", why)
	}
	// The lab technician's emerging statements link their skill pages.
	emerging := lab.Levels[0]
	if emerging.Skills[0] != handling || emerging.Skills[1] != s.Skills[0] || emerging.Skills[2] != nil {
		t.Errorf("skills of the emerging statements: %v", emerging.Skills)
	}
	// The same level of the related occupation.
	if len(emerging.Elsewhere) == 0 || emerging.Elsewhere[0] != phleb.Levels[0] {
		t.Errorf("the emerging level elsewhere: %v", emerging.Elsewhere)
	}
	if len(s.Comparisons) == 0 || s.Comparisons[0] != lab.Related[0].Compare {
		t.Errorf("comparisons: %v", s.Comparisons)
	}
}

// TestContentPages holds where markdown pages go and the paths they may
// not take, each refusal reported at its file.
func TestContentPages(t *testing.T) {
	tests := []struct {
		name  string
		pages map[string]string // file → front matter slug ("" for none)
		want  string            // the pages' paths
		diags []string          // file: message fragment
	}{
		{"names and folders", map[string]string{"about.md": "", "guides/_index.md": "", "guides/start.md": "", "guides/index.md": "x"},
			"about/index.html guides/index.html guides/start/index.html", []string{"content/guides/index.md: page path \"guides/index.html\" is already used by content/guides/_index.md"}},
		{"slug from front matter", map[string]string{"team.md": "Über uns!"}, "über-uns/index.html", nil},
		{"reserved folders", map[string]string{"occupations.md": "", "skills/x.md": "", "help.md": "compare"},
			"", []string{
				`content/help.md: page path "compare/index.html" is reserved`,
				`content/occupations.md: page path "occupations/index.html" is reserved`,
				`content/skills/x.md: page path "skills/x/index.html" is reserved`,
			}},
		{"home page", map[string]string{"index.md": "", "_index.md": ""}, "", []string{"content/index.md: index.md at the top of content/ would replace the home page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input([]occ{programmer}, nil)
			for _, file := range slices.Sorted(maps.Keys(tt.pages)) {
				in.Pages = append(in.Pages, &markup.Page{File: file, FrontMatter: markup.FrontMatter{Slug: tt.pages[file]}, Body: []byte("# " + file)})
			}
			s, diags := site.New(in)
			if got := paths(s.ContentPages, func(c *site.ContentPage) string { return c.Path }); got != tt.want {
				t.Errorf("paths %q, want %q", got, tt.want)
			}
			if len(diags) != len(tt.diags) {
				t.Fatalf("diagnostics %v, want %d", diags, len(tt.diags))
			}
			diags.Sort()
			for i, d := range diags {
				if got := d.File + ": " + d.Message; !strings.HasPrefix(got, tt.diags[i]) {
					t.Errorf("diagnostic %q, want %q…", got, tt.diags[i])
				}
			}
			for _, p := range s.Pages {
				if p.Kind == site.ContentPageKind && strings.SplitN(p.Path, "/", 2)[0] == "occupations" {
					t.Errorf("a content page took %s", p.Path)
				}
			}
		})
	}
}

// TestRelatedPairs holds the skills and relations of two-framework sites:
// two that share topics, and two that share none.
func TestRelatedPairs(t *testing.T) {
	tests := []struct {
		name   string
		occs   []occ
		skills string
		shared int // what the first occupation's first related one shares
	}{
		{"shared topics", []occ{labTech, phlebotomist}, "Laboratory safety|Specimen handling", 2},
		{"nothing shared", []occ{labTech, programmer}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := model(t, input(tt.occs, nil))
			var names []string
			for _, p := range s.Skills {
				names = append(names, p.Name)
			}
			if got := strings.Join(names, "|"); got != tt.skills {
				t.Errorf("skills %q, want %q", got, tt.skills)
			}
			first := occupation(t, s, tt.occs[0].code)
			if tt.shared > 0 && (len(first.Related) != 1 || first.Related[0].Why.Shared != tt.shared) {
				t.Fatalf("related: %+v", first.Related)
			}
			for _, r := range first.Related {
				if r.Why.Shared != tt.shared {
					t.Errorf("%s shares %d skills, want %d", r.Code, r.Why.Shared, tt.shared)
				}
				if r.Compare == nil || !slices.Contains(s.Comparisons, r.Compare) {
					t.Errorf("%s: no comparison page", r.Code)
				}
			}
			for _, l := range first.Levels {
				for i, sk := range l.Skills {
					if sk != nil && sk.Occupations < 2 {
						t.Errorf("%s statement %d links a skill of one occupation", l.Path, i)
					}
				}
			}
		})
	}
}
