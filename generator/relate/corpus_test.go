package relate

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

var decoded struct {
	once sync.Once
	fws  []*framework.Framework
	err  error
}

// loadCorpus decodes the shared 1,016-framework corpus, sorted by title
// then code as the site model sorts occupations. It skips when the corpus
// is not beside the repository, or fails when CI=true.
func loadCorpus(tb testing.TB) []*framework.Framework {
	tb.Helper()
	dir := corpus.Dir(tb)
	decoded.once.Do(func() {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			decoded.err = err
			return
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				decoded.err = err
				return
			}
			fw, diags := load.DecodeFramework(filepath.Base(f), data, false)
			if fw == nil {
				decoded.err = diags
				return
			}
			decoded.fws = append(decoded.fws, fw)
		}
		sort.SliceStable(decoded.fws, func(i, j int) bool {
			a, b := decoded.fws[i].Occupation, decoded.fws[j].Occupation
			if ta, tb := strings.ToLower(a.Title), strings.ToLower(b.Title); ta != tb {
				return ta < tb
			}
			return a.SOC < b.SOC
		})
	})
	if decoded.err != nil {
		tb.Fatal(decoded.err)
	}
	return decoded.fws
}

func TestCorpus(t *testing.T) {
	fws := loadCorpus(t)
	start := time.Now()
	r := New(fws)
	t.Logf("%d frameworks related in %v: %d skills, %d shared", len(fws), time.Since(start), len(r.Skills()), len(r.Shared()))
	for i := range fws {
		rel := r.Related(i)
		if len(rel) == 0 || len(rel) > 8 {
			t.Errorf("%s: %d related", fws[i].Occupation.Title, len(rel))
		}
		for _, x := range rel {
			if x.Index == i {
				t.Errorf("%s related to itself", fws[i].Occupation.Title)
			}
			if r.Reason(i, x.Index) == "" {
				t.Errorf("%s → %s: no reason", fws[i].Occupation.Title, fws[x.Index].Occupation.Title)
			}
			checkReason(t, x, r.Reason(i, x.Index), r.SharedSkills(i, x.Index), fws[i].Occupation.Title, fws[x.Index].Occupation.Title)
		}
	}
	for _, i := range []int{0, 500, len(fws) - 1} {
		t.Logf("%s:", fws[i].Occupation.Title)
		for _, x := range r.Related(i) {
			t.Logf("  %.3f %s — %s", x.Score, fws[x.Index].Occupation.Title, r.Reason(i, x.Index))
		}
	}
	slugs := map[string]bool{}
	for _, s := range r.Skills() {
		if slugs[s.Slug] {
			t.Errorf("slug %q twice", s.Slug)
		}
		slugs[s.Slug] = true
		if len(s.Slug) > 60 {
			t.Errorf("slug %q longer than 60 bytes", s.Slug)
		}
	}
	r2 := New(fws)
	for i := range fws {
		if !slices.EqualFunc(r.Related(i), r2.Related(i), relationEqual) {
			t.Fatalf("two runs relate %s differently", fws[i].Occupation.Title)
		}
	}
	if !reflect.DeepEqual(r.Skills(), r2.Skills()) {
		t.Error("two runs find different skills")
	}
	c := r.Compare(0, r.Related(0)[0].Index)
	rows := 0
	for _, l := range c.Levels {
		rows += len(l.Rows)
	}
	t.Logf("Compare(%s, %s): %d level pairs, %d rows, %d shared skills", fws[c.A].Occupation.Title, fws[c.B].Occupation.Title, len(c.Levels), rows, c.Shared)
}

func BenchmarkRelateCorpus(b *testing.B) {
	fws := loadCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		New(fws)
	}
}
