package align

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/onet"
)

// heldOut measures task → activity alignment the way O*NET's held-out
// half is measured: the example occupations are split in folds by code;
// each fold's tasks are aligned by an aligner that learned from the other
// folds only, within a framework made of the occupation's title,
// description and tasks. It returns top-1 and top-5: the share of tasks
// whose first (any of the first five) matches is an activity O*NET's
// analysts linked.
func heldOut(tax *onet.Taxonomy, folds int, opts ...Option) (top1, top5 float64, n int) {
	fold := func(soc string) int {
		h := fnv.New32a()
		h.Write([]byte(soc))
		return int(h.Sum32() % uint32(folds))
	}
	var s1, s5 float64
	for f := range folds {
		t1, t5, k, _ := heldOutFold(tax, fold, f, append(slices.Clone(opts), LearnFrom(func(soc string) bool { return fold(soc) != f }))...)
		s1, s5, n = s1+t1*float64(k), s5+t5*float64(k), n+k
	}
	return s1 / float64(n), s5 / float64(n), n
}

// heldOutFold measures fold f with an aligner made with opts.
func heldOutFold(tax *onet.Taxonomy, fold func(string) int, f int, opts ...Option) (top1, top5 float64, n int, ms []scored) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var hit1, hit5 int
	a := New(tax, opts...)
	for _, oc := range tax.Examples() {
		if fold(oc.SOC) != f {
			continue
		}
		wg.Go(func() {
			h1, h5, local := alignExample(a, oc)
			mu.Lock()
			hit1, hit5, n = hit1+h1, hit5+h5, n+len(oc.Tasks)
			ms = append(ms, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.SortFunc(ms, func(x, y scored) int { return cmp.Compare(x.key, y.key) })
	return float64(hit1) / float64(n), float64(hit5) / float64(n), n, ms
}

// scored is one match of a held-out task: its score, its rank and
// whether O*NET's analysts linked it.
type scored struct {
	score float64
	rank  int
	right bool
	key   string // for a deterministic order
}

func alignExample(a *Aligner, oc onet.Occupation) (hit1, hit5 int, out []scored) {
	fw := exampleFramework(oc)
	lv := fw.Levels[0]
	c := a.Occupation(fw)
	all := a.Statements(c, lv.Statements, 5)
	for i, t := range oc.Tasks {
		ms := all[i]
		found := false
		for k, m := range ms {
			right := slices.Contains(t.Activities, m.Element)
			out = append(out, scored{m.Score, k, right, fmt.Sprintf("%s %04d %d", oc.SOC, i, k)})
			if right && !found {
				if k == 0 {
					hit1++
				}
				hit5++
				found = true
			}
		}
	}
	return hit1, hit5, out
}

func TestHeldOutReport(t *testing.T) {
	if os.Getenv("LADDER_TRAIN") == "" {
		t.Skip("LADDER_TRAIN not set")
	}
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	t1, t5, n := heldOut(tax, 2)
	t.Logf("%d tasks, 2 folds: top-1 %.3f, top-5 %.3f", n, t1, t5)
}

// exampleFramework is the framework aligncheck.py makes of an occupation:
// title, description, one level of its tasks.
func exampleFramework(oc onet.Occupation) *framework.Framework {
	fw := &framework.Framework{Occupation: framework.Occupation{SOC: oc.SOC, Title: oc.Title}, Description: oc.Description}
	lv := framework.Level{Key: "tasks", Label: "Tasks"}
	for _, t := range oc.Tasks {
		lv.Statements = append(lv.Statements, framework.Split(t.Text))
	}
	fw.Levels = []framework.Level{lv}
	return fw
}
