package quality

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-ssg/ladder/tests/corpus"
)

// TestRelatedCorpus measures related occupations on the corpus against
// O*NET's curated ones (the development half). The goals are precision@8
// ≥ 0.75 and closest-tier recall ≥ 0.60; measured 0.757 / 0.608 (halves
// 0.742 / 0.592 and 0.770 / 0.623; see BENCHMARKS.md). The test holds
// the figures a little below, so that a change that makes them worse
// fails.
func TestRelatedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-corpus measurement")
	}
	truth := ReadTruth(t, filepath.Join(EvalDir(t), "related.tsv"))
	s := Model(t, corpus.Site(t))
	p, r := truth.LogScores(t, "corpus", s)
	if p < 0.745 || r < 0.595 {
		t.Errorf("precision@8 %.3f (measured 0.757, goal 0.75), recall %.3f (measured 0.608, goal 0.60)", p, r)
	}
}

// TestRelatedFreeText measures the same on the corpus with every topic
// replaced by the task's own words: goals 0.70 and 0.55 (measured 0.751 /
// 0.596; halves 0.741 / 0.588 and 0.761 / 0.603).
func TestRelatedFreeText(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-corpus measurement")
	}
	truth := ReadTruth(t, filepath.Join(EvalDir(t), "related.tsv"))
	dir := t.TempDir()
	fw := filepath.Join(dir, "content", "frameworks")
	if err := os.MkdirAll(fw, 0o755); err != nil {
		t.Fatal(err)
	}
	FreeText(t, corpus.Dir(t), fw)
	s := Model(t, dir)
	p, r := truth.LogScores(t, "free text", s)
	if p < 0.735 || r < 0.58 {
		t.Errorf("precision@8 %.3f (goal 0.70), recall %.3f (goal 0.55)", p, r)
	}
}
