// Package quality measures ladder's relations against O*NET's own: the
// related occupations its experts curated (../shared/onet-eval), on the
// corpus and on a free-text version of it. Test-only.
package quality

import (
	"bufio"
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/tests/corpus"

	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/site"
)

// EvalDir returns ../shared/onet-eval beside the repository, skipping
// the test without it (failing under CI=true).
func EvalDir(tb testing.TB) string { return corpus.Shared(tb, "onet-eval") }

// Truth is O*NET's related occupations: for each occupation, all related
// ones and the closest tier (Primary-Short).
type Truth struct {
	Related, Closest map[string]map[string]bool
}

// ReadTruth reads related.tsv.
func ReadTruth(tb testing.TB, path string) Truth {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	t := Truth{Related: map[string]map[string]bool{}, Closest: map[string]map[string]bool{}}
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		c := strings.Split(sc.Text(), "\t")
		if first || len(c) < 3 {
			continue
		}
		add := func(m map[string]map[string]bool) {
			if m[c[0]] == nil {
				m[c[0]] = map[string]bool{}
			}
			m[c[0]][c[1]] = true
		}
		add(t.Related)
		if c[2] == "Primary-Short" {
			add(t.Closest)
		}
	}
	return t
}

// Score is relatedcheck.py's: precision@8 of the listed related
// occupations, and recall of the closest tier (at most 8 counted).
func (t Truth) Score(s *site.Site) (precision, recall float64, scored int) {
	return t.ScoreWhere(s, func(string) bool { return true })
}

// ScoreWhere is Score over the occupations whose code keep accepts.
func (t Truth) ScoreWhere(s *site.Site, keep func(code string) bool) (precision, recall float64, scored int) {
	var hits, listed, recHit, recAll int
	for _, o := range s.Occupations {
		truth := t.Related[o.Code]
		if truth == nil || len(o.Related) == 0 || !keep(o.Code) {
			continue
		}
		scored++
		got := o.Related[:min(8, len(o.Related))]
		listed += len(got)
		for _, r := range got {
			if truth[r.Code] {
				hits++
			}
			if t.Closest[o.Code][r.Code] {
				recHit++
			}
		}
		recAll += min(8, len(t.Closest[o.Code]))
	}
	return float64(hits) / float64(max(1, listed)), float64(recHit) / float64(max(1, recAll)), scored
}

// Model loads the site folder and builds its model as a build does.
func Model(tb testing.TB, dir string) *site.Site {
	tb.Helper()
	in, diags := load.Site(dir, load.Defaults{}, load.Options{})
	if err := diags.Err(); err != nil {
		tb.Fatal(err)
	}
	a, err := pipeline.NewAligner()
	if err != nil {
		tb.Fatal(err)
	}
	s, diags := site.New(pipeline.ModelInput(in), site.WithAligner(a))
	if err := diags.Err(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// qualifier is a level qualifier the corpus appends to task text.
var qualifier = regexp.MustCompile(`, (under|independently|autonomously|leading|with) .*$`)

// FreeText writes a free-text version of the corpus frameworks in src to
// dst: each topic is replaced by words of the statement's own task text
// (its first word, the verb, dropped; at most six words), so no topic is
// an O*NET activity title.
func FreeText(tb testing.TB, src, dst string) {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus in %s: %v", src, err)
	}
	for _, f := range files {
		var doc map[string]any
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			tb.Fatal(err)
		}
		levels := doc["framework"].(map[string]any)["levels"].(map[string]any)
		for _, l := range levels {
			st := l.(map[string]any)["statements"].([]any)
			for i, s := range st {
				st[i] = freeTextStatement(s.(string))
			}
		}
		out, _ := json.Marshal(doc)
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), out, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func freeTextStatement(s string) string {
	_, perf, ok := strings.Cut(s, " — ")
	if !ok {
		return s
	}
	task := qualifier.ReplaceAllString(perf, "")
	w := strings.FieldsFunc(task, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if len(w) > 1 {
		w = w[1:]
	}
	w = w[:min(6, len(w))]
	topic := strings.Join(w, " ")
	r, n := utf8.DecodeRuneInString(topic)
	return string(unicode.ToUpper(r)) + topic[n:] + " — " + perf
}

// Half splits the truth occupations in two by a fixed hash of their code
// (0 or 1): weights chosen by one half's score are checked on the other's,
// as the held-out O*NET half will check them.
func Half(code string) int {
	h := fnv.New32a()
	h.Write([]byte(code))
	return int(h.Sum32() & 1)
}

// LogScores logs Score on all the truth lists and on each half (Half).
func (t Truth) LogScores(tb testing.TB, name string, s *site.Site) (precision, recall float64) {
	tb.Helper()
	p, r, n := t.Score(s)
	var half [2][2]float64
	for h := range half {
		half[h][0], half[h][1], _ = t.ScoreWhere(s, func(code string) bool { return Half(code) == h })
	}
	tb.Logf("%s: %d occupations: precision@8 %.3f, closest-tier recall %.3f; half 0 %.3f / %.3f, half 1 %.3f / %.3f",
		name, n, p, r, half[0][0], half[0][1], half[1][0], half[1][1])
	return p, r
}
