package relate

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/words"
)

// lvl is a level for mk: key, label, then statements.
type lvl []string

// mk makes a framework; each level is key, label, statements….
func mk(code, title, group, sector string, levels ...lvl) *framework.Framework {
	f := &framework.Framework{Occupation: framework.Occupation{SOC: code, Title: title, Group: group, Sector: sector}}
	for _, l := range levels {
		lv := framework.Level{Key: l[0], Label: l[1]}
		for _, s := range l[2:] {
			lv.Statements = append(lv.Statements, framework.Split(s))
		}
		f.Levels = append(f.Levels, lv)
	}
	return f
}

// fixture is six occupations: two lab ones that share most skills, a lab
// manager in the same group, two carpenters, and a loner.
func fixture() []*framework.Framework {
	return []*framework.Framework{
		mk("29-1", "Lab Technicians", "Health", "62",
			lvl{"emerging", "Emerging", "Specimen handling — label specimens, under supervision.", "Quality control — run control samples, under supervision.", "PCR testing — run PCR assays, under supervision."},
			lvl{"proficient", "Proficient", "Specimens handling — handle specimens alone.", "Quality control — review control charts alone.", "Microscopy — read slides alone.", "Centrifuge operation — spin samples alone."}),
		mk("29-2", "Phlebotomists", "Health", "62",
			lvl{"Emerging", "Emerging", "Specimen-handling — label tubes, under supervision.", "Venipuncture — draw blood, under supervision."},
			lvl{"proficient", "Proficient", "Specimen handling — handle specimens alone.", "Quality control — check tubes alone.", "Microscopy — check smears alone.", "Centrifuge operation — spin tubes alone."},
			lvl{"expert", "Expert", "Venipuncture — teach difficult draws."}),
		mk("11-9", "Lab Managers", "Health", "54",
			lvl{"proficient", "Proficient", "Budgeting — plan budgets.", "Quality control — set policies.", "Staff scheduling — plan shifts."}),
		mk("47-1", "Carpenters", "Construction", "23",
			lvl{"emerging", "Emerging", "Measuring — measure boards.", "Cutting timber — cut boards to length."},
			lvl{"proficient", "Proficient", "Framing — build wall frames.", "Cutting timber — cut joints."}),
		mk("47-2", "Cabinetmakers", "Construction", "31",
			lvl{"emerging", "Emerging", "Measuring — measure panels.", "Cutting timber — cut panels."},
			lvl{"proficient", "Proficient", "Joinery — cut joints.", "Finishing — sand and varnish."}),
		mk("99-1", "Astronauts", "", "",
			lvl{"emerging", "Emerging", "Orbital mechanics — compute orbits."}),
	}
}

func TestRelated(t *testing.T) {
	fws := fixture()
	r := New(fws)
	for i := range fws {
		rel := r.Related(i)
		if len(rel) > 8 {
			t.Errorf("%d: %d related", i, len(rel))
		}
		for k, x := range rel {
			if x.Index == i {
				t.Errorf("%d related to itself", i)
			}
			if k > 0 && rel[k-1].Score < x.Score {
				t.Errorf("%d: related out of order", i)
			}
			for _, s := range r.SharedSkills(i, x.Index) {
				sk := r.Skills()[s.Skill]
				if sk.Name != s.Name || sk.Slug != s.Slug {
					t.Errorf("shared skill %+v is not Skills()[%d] %+v", s, s.Skill, sk)
				}
				for _, l := range s.Levels {
					if k, _ := r.SkillOf(i, l, stmtWith(fws[i].Levels[l], sk.Key)); k.Key != sk.Key {
						t.Errorf("%s does not have %q at level %d", fws[i].Occupation.Title, sk.Key, l)
					}
				}
				for _, l := range s.OtherLevels {
					if k, _ := r.SkillOf(x.Index, l, stmtWith(fws[x.Index].Levels[l], sk.Key)); k.Key != sk.Key {
						t.Errorf("%s does not have %q at level %d", fws[x.Index].Occupation.Title, sk.Key, l)
					}
				}
			}
			checkReason(t, x, r.Reason(i, x.Index), r.SharedSkills(i, x.Index), fws[i].Occupation.Title, fws[x.Index].Occupation.Title)
		}
	}
	names := func(i int) []string {
		var out []string
		for _, x := range r.Related(i) {
			out = append(out, fmt.Sprintf("%s (%s)", fws[x.Index].Occupation.Title, r.Reason(i, x.Index)))
		}
		return out
	}
	want := []string{
		"Phlebotomists (Same occupational group and sector; shares 4 proficient-level skills: centrifuge operation, microscopy, specimen handling, …)",
		"Lab Managers (Same occupational group; shares 1 proficient-level skill: quality control)",
	}
	if got := names(0); !slices.Equal(got, want) {
		t.Errorf("related to Lab Technicians:\n got %q\nwant %q", got, want)
	}
	want = []string{
		"Cabinetmakers (Same occupational group; shares 2 emerging-level skills: cutting timber, measuring)",
	}
	if got := names(3); !slices.Equal(got, want) {
		t.Errorf("related to Carpenters:\n got %q\nwant %q", got, want)
	}
	if got := r.Related(5); len(got) != 0 {
		t.Errorf("Astronauts related to %v", names(5))
	}
	if got := New(fws, WithMax(1)).Related(0); len(got) != 1 {
		t.Errorf("WithMax(1): %d related", len(got))
	}
}

// stmtWith returns the position of the level's statement with the key.
func stmtWith(l framework.Level, key string) int {
	for i, s := range l.Statements {
		if words.Key(s.Topic) == key {
			return i
		}
	}
	return -1
}

func TestSkills(t *testing.T) {
	fws := fixture()
	r := New(fws)
	var got []string
	for _, s := range r.Shared() {
		if s.Occupations < 2 {
			t.Errorf("shared skill %q used by %d occupations", s.Key, s.Occupations)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", s.Key, s.Slug, s.Name, len(s.Uses)))
	}
	want := []string{
		"centrifuge operation|centrifuge-operation|Centrifuge operation|2",
		"cutting timber|cutting-timber|Cutting timber|3",
		"measuring|measuring|Measuring|2",
		"microscopy|microscopy|Microscopy|2",
		"quality control|quality-control|Quality control|4",
		"specimen handling|specimen-handling|Specimen handling|4",
		// not venipuncture: Phlebotomists use it twice, nobody else
	}
	if !slices.Equal(got, want) {
		t.Errorf("Shared():\n got %q\nwant %q", got, want)
	}
	if n := len(r.Skills()); n != 14 {
		t.Errorf("%d skills, want 14", n)
	}
	// "Specimen handling" is the most frequent spelling (2 of 4).
	s, ok := r.SkillOf(1, 0, 0)
	if !ok || s.Name != "Specimen handling" {
		t.Errorf("SkillOf(1, 0, 0) = %q, %v", s.Name, ok)
	}
	if want := []Use{{0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, 0}}; !slices.Equal(s.Uses, want) {
		t.Errorf("uses %v, want %v", s.Uses, want)
	}
	if _, ok := r.SkillOf(1, 0, 1); ok {
		t.Error("Venipuncture, used by one occupation only, has a shared skill")
	}
	for _, bad := range [][3]int{{-1, 0, 0}, {9, 0, 0}, {0, 5, 0}, {0, 0, 9}} {
		if _, ok := r.SkillOf(bad[0], bad[1], bad[2]); ok {
			t.Errorf("SkillOf%v answered", bad)
		}
	}
}

func TestSlug(t *testing.T) {
	long := strings.Repeat("abcdefghij ", 8)
	if got := slugOf(words.Key(long)); got != "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij" {
		t.Errorf("slugOf(long) = %q", got)
	}
	if got := slugOf(strings.Repeat("é", 40)); len(got) > 60 || !strings.HasPrefix(strings.Repeat("é", 40), got) {
		t.Errorf("slug cut inside a rune: %q", got)
	}
	used := map[string]bool{}
	for _, want := range []string{"a", "a-2", "a-3", "skill", "skill-2"} {
		base := "a"
		if strings.HasPrefix(want, "skill") {
			base = ""
		}
		if got := uniqueSlug(base, used); got != want {
			t.Errorf("uniqueSlug = %q, want %q", got, want)
		}
	}
	// Two long keys that agree for 60 bytes get distinct slugs.
	fws := []*framework.Framework{
		mk("1", "A", "", "", lvl{"l", "L", strings.Repeat("word ", 14) + "one — x.", strings.Repeat("word ", 14) + "two — x."}),
		mk("2", "B", "", "", lvl{"l", "L", strings.Repeat("word ", 14) + "one — x.", strings.Repeat("word ", 14) + "two — x."}),
	}
	sk := New(fws).Shared()
	if len(sk) != 2 || sk[0].Slug == sk[1].Slug {
		t.Errorf("slugs %q", []string{sk[0].Slug, sk[1].Slug})
	}
}

func TestDeterministic(t *testing.T) {
	fws := fixture()
	a, b := New(fws), New(fws)
	if !reflect.DeepEqual(a.Skills(), b.Skills()) {
		t.Error("skills differ between runs")
	}
	for i := range fws {
		if !slices.EqualFunc(a.Related(i), b.Related(i), relationEqual) {
			t.Errorf("related to %d differ between runs", i)
		}
		for j := range fws {
			if !reflect.DeepEqual(a.Compare(i, j), b.Compare(i, j)) {
				t.Errorf("Compare(%d, %d) differs between runs", i, j)
			}
			if !sharedEqual(a.SharedSkills(i, j), b.SharedSkills(i, j)) {
				t.Errorf("SharedSkills(%d, %d) differs between runs", i, j)
			}
		}
	}
	// Skill keys, names and slugs do not depend on input order.
	rev := slices.Clone(fws)
	slices.Reverse(rev)
	c := New(rev)
	for k, s := range a.Skills() {
		if s2 := c.Skills()[k]; s.Key != s2.Key || s.Slug != s2.Slug || s.Name != s2.Name {
			t.Errorf("skill %d: %q/%q/%q reversed %q/%q/%q", k, s.Key, s.Slug, s.Name, s2.Key, s2.Slug, s2.Name)
		}
	}
}

func TestNil(t *testing.T) {
	fws := append(fixture(), nil)
	r := New(fws)
	if got := r.Related(len(fws) - 1); len(got) != 0 {
		t.Errorf("nil framework related to %v", got)
	}
	New(nil)
}

func TestCompare(t *testing.T) {
	fws := fixture()
	r := New(fws)
	c := r.Compare(0, 1)
	type row struct{ a, b, skill string }
	text := func(occ, level, stmt int) string {
		if level < 0 || stmt < 0 {
			return ""
		}
		return fws[occ].Levels[level].Statements[stmt].Topic
	}
	var got [][]row
	var pairs [][2]int
	for _, lp := range c.Levels {
		pairs = append(pairs, [2]int{lp.A, lp.B})
		var rows []row
		for _, rw := range lp.Rows {
			sk := ""
			if rw.Skill >= 0 {
				sk = r.Skills()[rw.Skill].Key
			}
			rows = append(rows, row{text(0, lp.A, rw.A), text(1, lp.B, rw.B), sk})
		}
		got = append(got, rows)
	}
	// "emerging" pairs with "Emerging" by folded key; B's "expert" is left.
	if want := [][2]int{{0, 0}, {1, 1}, {-1, 2}}; !slices.Equal(pairs, want) {
		t.Fatalf("level pairs %v, want %v", pairs, want)
	}
	want := [][]row{
		{
			{"Specimen handling", "Specimen-handling", "specimen handling"},
			{"Quality control", "", ""},
			{"PCR testing", "", ""},
			{"", "Venipuncture", ""},
		},
		{
			{"Specimens handling", "Specimen handling", "specimen handling"},
			{"Quality control", "Quality control", "quality control"},
			{"Microscopy", "Microscopy", "microscopy"},
			{"Centrifuge operation", "Centrifuge operation", "centrifuge operation"},
		},
		{
			{"", "Venipuncture", ""},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare(0, 1):\n got %q\nwant %q", got, want)
	}
	if c.Shared != 4 {
		t.Errorf("Shared = %d, want 4", c.Shared)
	}
	// Levels without matching keys pair by position.
	d := r.Compare(2, 5)
	if len(d.Levels) != 1 || d.Levels[0].A != 0 || d.Levels[0].B != 0 {
		t.Errorf("Compare(2, 5) levels %+v", d.Levels)
	}
}

func TestReasons(t *testing.T) {
	fws := []*framework.Framework{
		mk("1", "Alpha", "", "",
			lvl{"emerging", "Emerging", "Apples — a.", "Bananas — b.", "Cherries — c."},
			lvl{"proficient", "Proficient", "Dates — d.", "Elderberries — e."}),
		// Shares all five, three of them at the emerging level of both; the
		// reason names the rarest first (apples: three occupations).
		mk("2", "Beta", "", "",
			lvl{"emerging", "Emerging", "Apples — a.", "Bananas — b.", "Cherries — c.", "Dates — d."},
			lvl{"expert", "Expert", "Elderberries — e."}),
		// Shares one skill, at different levels.
		mk("3", "Gamma", "", "",
			lvl{"proficient", "Proficient", "Apples — weigh apples and calibrate scales."}),
		// Shares no skill, only words of performance text.
		mk("4", "Delta", "G", "",
			lvl{"emerging", "Emerging", "Weighing — weigh loads and calibrate scales."}),
		mk("5", "Epsilon", "G", "",
			lvl{"emerging", "Emerging", "Loading — carry loads."}),
	}
	r := New(fws, WithBoosts(0, 0))
	reason := func(i, j int) string {
		if got := r.Reason(i, j); got != "" {
			return got
		}
		return "(not related)"
	}
	tests := []struct {
		i, j int
		want string
	}{
		{0, 1, "Shares 5 skills, 3 at emerging level: bananas, cherries, dates, …"},
		{1, 0, "Shares 5 skills, 3 at emerging level: bananas, cherries, dates, …"},
		{0, 2, "Shares 1 skill: apples"},
		{2, 3, "Similar work: calibrate, scales, weigh"},
		{3, 4, "Same occupational group; similar work: loads"},
	}
	for _, tt := range tests {
		if got := reason(tt.i, tt.j); got != tt.want {
			t.Errorf("reason %s → %s = %q, want %q", fws[tt.i].Occupation.Title, fws[tt.j].Occupation.Title, got, tt.want)
		}
	}
}

// TestReasonWords checks that a reason without shared skills names whole
// words as written, each in its most frequent spelling, not stems or
// folded forms.
func TestReasonWords(t *testing.T) {
	fws := []*framework.Framework{
		mk("1", "Alpha", "", "",
			lvl{"emerging", "Emerging", "Inspection — inspect facilities for PCR contamination.", "Safety — audit facilities' PCR benches."}),
		mk("2", "Beta", "", "",
			lvl{"emerging", "Emerging", "Checks — check the facility and its PCR kits for contamination."}),
	}
	r := New(fws)
	for i, j := range []int{1, 0} {
		rel := r.Related(i)
		if len(rel) != 1 || rel[0].Index != j {
			t.Fatalf("%d related to %+v", i, rel)
		}
		got := r.Reason(i, j)
		want := "Similar work: "
		if !strings.HasPrefix(got, want) {
			t.Fatalf("reason %q, want %q…", got, want)
		}
		names := strings.Split(strings.TrimPrefix(got, want), ", ")
		slices.Sort(names)
		if want := []string{"PCR", "contamination", "facilities"}; !slices.Equal(names, want) {
			t.Errorf("reason %q names %q, want %q", got, names, want)
		}
	}
}

// TestAlignedPair checks that two frameworks alone, worded differently
// but aligned to the same element, list each other, and that the reason
// names the element.
func TestAlignedPair(t *testing.T) {
	fws := []*framework.Framework{
		mk("1", "Alpha", "", "",
			lvl{"emerging", "Emerging", "Blood draws — draw venous blood.", "Filing — file forms."}),
		mk("2", "Beta", "", "",
			lvl{"proficient", "Proficient", "Venipuncture — collect samples by needle.", "Greeting — greet visitors."}),
	}
	al := func(occ, level, stmt int) (Aligned, bool) {
		if stmt == 0 {
			return Aligned{Key: "onet:x", Name: "Collect blood samples", Parent: "onet:p", Prior: 0.02}, true
		}
		return Aligned{}, false
	}
	r := New(fws, WithAlignment(al))
	for i, j := range []int{1, 0} {
		rel := r.Related(i)
		if len(rel) != 1 || rel[0].Index != j {
			t.Fatalf("%d related to %+v", i, rel)
		}
		if got, want := r.Reason(i, j), "Shares 1 skill: collect blood samples"; got != want {
			t.Errorf("reason %q, want %q", got, want)
		}
	}
}
