package quality

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/relate"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

// TestTuneRelated relates the corpus (LADDER_TUNE_FREE=1: the free-text
// one) under each weight set of LADDER_TUNE, a JSON array of
// relate.Weights, aligning it once: for choosing the defaults.
func TestTuneRelated(t *testing.T) {
	spec := os.Getenv("LADDER_TUNE")
	if spec == "" {
		t.Skip("LADDER_TUNE not set")
	}
	var sets []relate.Weights
	if err := json.Unmarshal([]byte(spec), &sets); err != nil {
		t.Fatal(err)
	}
	truth := ReadTruth(t, filepath.Join(EvalDir(t), "related.tsv"))
	dir := corpus.Site(t)
	if os.Getenv("LADDER_TUNE_FREE") != "" {
		dir = t.TempDir()
		fw := filepath.Join(dir, "content", "frameworks")
		os.MkdirAll(fw, 0o755)
		FreeText(t, corpus.Dir(t), fw)
	}
	s := Model(t, dir)
	fws := make([]*framework.Framework, len(s.Occupations))
	for i, o := range s.Occupations {
		fws[i] = o.Framework
	}
	for _, w := range sets {
		r := relate.New(fws, relate.WithWeights(w), relate.WithAlignment(aligned(s)))
		p, rc := truth.scoreRelations(s, r)
		t.Logf("%+v: precision@8 %.3f recall %.3f", w, p, rc)
	}
}

func aligned(s *site.Site) func(occ, level, stmt int) (relate.Aligned, bool) {
	return func(occ, level, stmt int) (relate.Aligned, bool) {
		al := s.Occupations[occ].Levels[level].Aligned
		if al == nil || al[stmt] == nil {
			return relate.Aligned{}, false
		}
		a := al[stmt]
		out := relate.Aligned{Key: "onet:" + a.Element.ID, Name: a.Element.Title, Prior: a.Prior}
		if a.Parent != nil {
			out.Parent = "onet:" + a.Parent.ID
		}
		return out, true
	}
}

func (t Truth) scoreRelations(s *site.Site, r *relate.Relations) (precision, recall float64) {
	var hits, listed, recHit, recAll int
	for i, o := range s.Occupations {
		truth := t.Related[o.Code]
		rel := r.Related(i)
		if truth == nil || len(rel) == 0 {
			continue
		}
		for _, x := range rel[:min(8, len(rel))] {
			code := s.Occupations[x.Index].Code
			listed++
			if truth[code] {
				hits++
			}
			if t.Closest[o.Code][code] {
				recHit++
			}
		}
		recAll += min(8, len(t.Closest[o.Code]))
	}
	_ = strings.TrimSpace
	return float64(hits) / float64(max(1, listed)), float64(recHit) / float64(max(1, recAll))
}
