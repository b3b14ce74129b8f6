package align

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
)

// TestQualifiers checks which words of the performance text count as a
// level's qualifiers (how much help, not what) and are left out when
// aligning: those most of the framework's statements repeat, and those
// several of one level's statements share in any wording of one stem,
// while the topic keeps every word.
func TestQualifiers(t *testing.T) {
	level := func(key string, texts ...string) framework.Level {
		lv := framework.Level{Key: key}
		for _, s := range texts {
			lv.Statements = append(lv.Statements, framework.Split(s))
		}
		return lv
	}
	fw := &framework.Framework{Levels: []framework.Level{
		level("emerging",
			"Basic glassware — identify and handle under direct supervision in a clinical setting.",
			"Aseptic technique — apply when collecting blood under the guidance of a supervising technician.",
			"Reagent formulas — prepare simple solutions under close supervision.",
			"Microscopy — operate at a basic level to examine body fluid samples.",
			"Test results — recognize and flag abnormal values.",
		),
		level("advanced",
			"Laboratory staff — supervise a team of technicians and assign the day's work.",
			"Quality programmes — design and audit across several sites, with peer review.",
			"Budgets — plan and defend with hospital administration after review.",
			"Accreditation — prepare the laboratory for inspections.",
			"Method validation — lead for new analysers, open to review.",
		),
		// Enough statements elsewhere that "review", in three advanced
		// statements, is under 15% of the framework: only the level
		// makes it a qualifier.
		level("proficient",
			"Centrifuges — balance and run.", "Pipettes — calibrate monthly.",
			"Spectrophotometers — zero and read.", "Incubators — log temperatures.",
			"Autoclaves — load and cycle.", "Freezers — defrost on schedule.",
			"Balances — level and tare.", "Fume hoods — check airflow.",
			"Water baths — fill and heat.", "Microscopes — clean lenses.",
			"Waste — sort and label.",
		),
	}}
	drop := qualifiers(fw, stems{})
	tests := []struct {
		level, index int
		want         string
	}{
		{0, 0, "identify handle direct in clinical setting"},
		{0, 1, "apply when collecting blood the guidance of technician"},
		{0, 2, "prepare simple solutions close"},
		{0, 3, "operate at basic level to examine body fluid samples"},
		// Another level's qualifier is this statement's activity; the
		// words many of the framework's statements share ("a", "and") go
		// from every level.
		{1, 0, "supervise team of technicians assign the days work"},
		// A word that is its own stem counts within its level too.
		{1, 1, "design audit across several sites with peer"},
	}
	for _, tc := range tests {
		st := withoutWords(fw.Levels[tc.level].Statements[tc.index], drop[tc.level], stems{})
		if st.Performance != tc.want {
			t.Errorf("level %d statement %d: performance %q, want %q", tc.level, tc.index, st.Performance, tc.want)
		}
		if orig := fw.Levels[tc.level].Statements[tc.index]; st.Topic != orig.Topic {
			t.Errorf("level %d statement %d: topic %q changed to %q", tc.level, tc.index, orig.Topic, st.Topic)
		}
	}
	// A statement without a topic (an O*NET task as such) keeps every word.
	task := framework.Split("Supervise laboratory staff under direct supervision.")
	if got := withoutWords(task, drop[0], stems{}); got.Performance != task.Performance {
		t.Errorf("a statement without a topic lost words: %q", got.Performance)
	}
}
