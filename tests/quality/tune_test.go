package quality

import (
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/relate"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

// TestTuneRelated relates the corpus (LADDER_TUNE_FREE=1: the free-text
// one) under each weight set of LADDER_TUNE, a JSON array of
// relate.Weights (or "default"), aligning it once: for choosing the
// defaults. Each set is scored on all the truth lists and on each half
// of them (Half), so that weights chosen on one half can be checked on
// the other. LADDER_TUNE_MAX sets WithMax, LADDER_TUNE_NOALIGN=1 relates
// by topics alone and LADDER_TUNE_DUMP names a file for the relations. With
// LADDER_TUNE_CACHE set to a file, the aligned corpus is kept there and
// read back on later runs, so that trying a change to relate takes
// seconds.
func TestTuneRelated(t *testing.T) {
	spec := os.Getenv("LADDER_TUNE")
	if spec == "" {
		t.Skip("LADDER_TUNE not set")
	}
	sets := []relate.Weights{relate.DefaultWeights()}
	if spec != "default" {
		sets = nil
		if err := json.Unmarshal([]byte(spec), &sets); err != nil {
			t.Fatal(err)
		}
	}
	truth := ReadTruth(t, filepath.Join(EvalDir(t), "related.tsv"))
	d := tuneInput(t)
	for _, w := range sets {
		opts := []relate.Option{relate.WithWeights(w)}
		if os.Getenv("LADDER_TUNE_NOALIGN") == "" {
			opts = append(opts, relate.WithAlignment(d.aligned))
		}
		if m, err := strconv.Atoi(os.Getenv("LADDER_TUNE_MAX")); err == nil {
			opts = append(opts, relate.WithMax(m))
		}
		r := relate.New(d.Frameworks, opts...)
		if dump := os.Getenv("LADDER_TUNE_DUMP"); dump != "" {
			dumpRelations(t, dump, d.Codes, r)
		}
		var half [2][2]float64
		for h := range half {
			half[h][0], half[h][1] = truth.scoreRelations(d.Codes, r, func(code string) bool { return Half(code) == h })
		}
		p, rc := truth.scoreRelations(d.Codes, r, func(string) bool { return true })
		t.Logf("%+v: precision@8 %.3f recall %.3f; half 0 %.3f / %.3f, half 1 %.3f / %.3f",
			w, p, rc, half[0][0], half[0][1], half[1][0], half[1][1])
	}
}

// tuneData is an aligned corpus: its frameworks, their codes and each
// statement's aligned skill (Key "" for none).
type tuneData struct {
	Codes      []string
	Frameworks []*framework.Framework
	Aligned    [][][]relate.Aligned
}

func (d *tuneData) aligned(occ, level, stmt int) (relate.Aligned, bool) {
	a := d.Aligned[occ][level][stmt]
	return a, a.Key != ""
}

// tuneInput aligns the corpus, or reads it from LADDER_TUNE_CACHE.
func tuneInput(t *testing.T) *tuneData {
	cache := os.Getenv("LADDER_TUNE_CACHE")
	if cache != "" {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			var d tuneData
			if err := gob.NewDecoder(f).Decode(&d); err != nil {
				t.Fatal(err)
			}
			return &d
		}
	}
	dir := corpus.Site(t)
	if os.Getenv("LADDER_TUNE_FREE") != "" {
		dir = t.TempDir()
		fw := filepath.Join(dir, "content", "frameworks")
		if err := os.MkdirAll(fw, 0o755); err != nil {
			t.Fatal(err)
		}
		FreeText(t, corpus.Dir(t), fw)
	}
	s := Model(t, dir)
	d := &tuneData{}
	for i, o := range s.Occupations {
		d.Codes = append(d.Codes, o.Code)
		d.Frameworks = append(d.Frameworks, o.Framework)
		levels := make([][]relate.Aligned, len(o.Levels))
		for l, ol := range o.Levels {
			levels[l] = make([]relate.Aligned, len(ol.Statements))
			for k := range ol.Statements {
				levels[l][k], _ = alignedOf(s)(i, l, k)
			}
		}
		d.Aligned = append(d.Aligned, levels)
	}
	if cache != "" {
		f, err := os.Create(cache)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := gob.NewEncoder(f).Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// alignedOf is what the site gives relate.WithAlignment.
func alignedOf(s *site.Site) func(occ, level, stmt int) (relate.Aligned, bool) {
	return s.AlignedSkills()
}

// scoreRelations is Score on relations directly, over the occupations
// whose code keep accepts: codes[i] is occupation i's code.
func (t Truth) scoreRelations(codes []string, r *relate.Relations, keep func(code string) bool) (precision, recall float64) {
	var hits, listed, recHit, recAll int
	for i, code := range codes {
		truth := t.Related[code]
		rel := r.Related(i)
		if truth == nil || len(rel) == 0 || !keep(code) {
			continue
		}
		for _, x := range rel[:min(8, len(rel))] {
			other := codes[x.Index]
			listed++
			if truth[other] {
				hits++
			}
			if t.Closest[code][other] {
				recHit++
			}
		}
		recAll += min(8, len(t.Closest[code]))
	}
	return float64(hits) / float64(max(1, listed)), float64(recHit) / float64(max(1, recAll))
}

// dumpRelations writes every occupation's related ones, a line each:
// code, related code, rank (from 1), score.
func dumpRelations(t *testing.T, path string, codes []string, r *relate.Relations) {
	var b strings.Builder
	for i, code := range codes {
		for k, x := range r.Related(i) {
			fmt.Fprintf(&b, "%s\t%s\t%d\t%.4f\n", code, codes[x.Index], k+1, x.Score)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
