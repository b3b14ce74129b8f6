package align

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"hash/fnv"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ladder-ssg/ladder/generator/onet"
)

var updateWeights = flag.Bool("update", false, "write weights_learned.go (weights and calibration), forest.bin and index.bin (with the classifiers) from TestTrain; index.bin alone from TestStoredIndex")

// example is one task's candidates for training: the features of each
// and which are right.
type example struct {
	cands []candidate
	right []bool
	key   string // the occupation's code, a tab and the task: for a deterministic order
	any   bool   // a candidate is right
}

// trainingSet gathers the candidates of every task of the occupations
// keep accepts, each scored by an aligner that learned from the other
// inner folds of them only, so that the features are those of an unseen
// occupation; the tasks without a right candidate are kept, as the
// others of the joint features, but do not count in training.
func trainingSet(tax *onet.Taxonomy, keep func(soc string) bool, opts ...Option) (set []example, recall float64) {
	const inner = 5
	fold := func(soc string) int {
		h := fnv.New32a()
		h.Write([]byte("inner " + soc))
		return int(h.Sum32() % inner)
	}
	var out []example
	var mu sync.Mutex
	for f := range inner {
		a := New(tax, append(slices.Clone(opts), LearnFrom(func(soc string) bool { return keep(soc) && fold(soc) != f }))...)
		var wg sync.WaitGroup
		for _, oc := range tax.Examples() {
			if !keep(oc.SOC) || fold(oc.SOC) != f {
				continue
			}
			wg.Go(func() {
				local := occupationExamples(a, oc)
				mu.Lock()
				out = append(out, local...)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	slices.SortStableFunc(out, func(x, y example) int { return cmp.Compare(x.key, y.key) })
	return out, float64(len(rightOnly(out))) / float64(len(out))
}

// rightOnly returns the examples with a right candidate.
func rightOnly(set []example) []example {
	var out []example
	for _, ex := range set {
		if ex.any {
			out = append(out, ex)
		}
	}
	return out
}

// fillJoint keeps each example's first-stage best candidates, as
// Statements does, and fills their joint features, occupation by
// occupation.
func fillJoint(set []example, first *[nFeatures]float64) {
	var lin []float64
	var top []ranked
	for i := range set {
		ex := &set[i]
		lin, top = firstStage(ex.cands, first, lin, top)
		cands, right := make([]candidate, len(top)), make([]bool, len(top))
		ex.any = false
		for n, t := range top {
			cands[n], right[n] = ex.cands[t.i], ex.right[t.i]
			ex.any = ex.any || right[n]
		}
		ex.cands, ex.right = cands, right
	}
	soc := func(ex example) string { s, _, _ := strings.Cut(ex.key, "\t"); return s }
	for lo := 0; lo < len(set); {
		hi := lo + 1
		for hi < len(set) && soc(set[hi]) == soc(set[lo]) {
			hi++
		}
		var sets [][]candidate
		var groups []int32
		for i, ex := range set[lo:hi] {
			sets = append(sets, ex.cands)
			groups = append(groups, int32(i))
		}
		joint(sets, groups)
		lo = hi
	}
}

// occupationExamples returns the examples of one occupation's tasks.
func occupationExamples(a *Aligner, oc onet.Occupation) []example {
	fw := exampleFramework(oc)
	c := a.Occupation(fw)
	sc := a.newScratch()
	var local []example
	for i, t := range oc.Tasks {
		a.candidates(c, fw.Levels[0].Statements[i], sc)
		ex := example{cands: slices.Clone(sc.cands), right: make([]bool, len(sc.cands)), key: oc.SOC + "\t" + t.Text}
		for k, cd := range ex.cands {
			if slices.Contains(t.Activities, int(a.elems[cd.e])) {
				ex.right[k], ex.any = true, true
			}
		}
		local = append(local, ex)
		sc.reset()
	}
	return local
}

// train fits the ranker's weights by gradient descent (Adam) on the
// softmax likelihood that a right candidate ranks first.
func train(set []example, epochs int) [nFeatures]float64 {
	var w, m, v [nFeatures]float64
	const lr, b1, b2, eps, l2 = 0.05, 0.9, 0.999, 1e-8, 1e-4
	// The gradient is summed over a fixed number of chunks, each on its
	// own goroutine, and the chunks' sums added in order: the same
	// weights whatever the number of cores.
	const chunks = 8
	var parts [chunks][nFeatures]float64
	for ep := 1; ep <= epochs; ep++ {
		var wg sync.WaitGroup
		for c := range chunks {
			wg.Go(func() {
				parts[c] = gradient(set[c*len(set)/chunks:(c+1)*len(set)/chunks], &w)
			})
		}
		wg.Wait()
		var g [nFeatures]float64
		for c := range parts {
			for j := range nFeatures {
				g[j] += parts[c][j]
			}
		}
		for j := range nFeatures {
			gj := g[j]/float64(len(set)) + l2*w[j]
			m[j] = b1*m[j] + (1-b1)*gj
			v[j] = b2*v[j] + (1-b2)*gj*gj
			mh := m[j] / (1 - math.Pow(b1, float64(ep)))
			vh := v[j] / (1 - math.Pow(b2, float64(ep)))
			w[j] -= lr * mh / (math.Sqrt(vh) + eps)
		}
	}
	return w
}

// gradient returns the gradient of the negative log-likelihood of set
// under weights w, summed over its examples.
func gradient(set []example, w *[nFeatures]float64) [nFeatures]float64 {
	var g [nFeatures]float64
	var s []float64
	for _, ex := range set {
		s = s[:0]
		hi := math.Inf(-1)
		for _, c := range ex.cands {
			x := 0.0
			for j := range nFeatures {
				x += w[j] * c.f[j]
			}
			s = append(s, x)
			hi = max(hi, x)
		}
		all, right := 0.0, 0.0
		for i := range s {
			s[i] = math.Exp(s[i] - hi)
			all += s[i]
			if ex.right[i] {
				right += s[i]
			}
		}
		for i, c := range ex.cands {
			d := s[i] / all
			if ex.right[i] {
				d -= s[i] / right
			}
			for j := range nFeatures {
				g[j] += d * c.f[j]
			}
		}
	}
	return g
}

// TestTrain measures the ranker on held-out folds (each fold's weights
// and examples learned from the other folds), and with -update learns
// the weights from every example occupation and writes them, with the
// calibration fitted on the held-out folds, to weights_learned.go.
func TestTrain(t *testing.T) {
	if os.Getenv("LADDER_TRAIN") == "" && !*updateWeights {
		t.Skip("LADDER_TRAIN not set")
	}
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	// LADDER_KFOLDS=n splits the occupations in n folds rather than 5:
	// with more, each fold learns from more of them, which shows what
	// the aligner learned from all of them may reach.
	folds := 5
	if n, err := strconv.Atoi(os.Getenv("LADDER_KFOLDS")); err == nil && n > 1 {
		folds = n
	}
	fold := func(soc string) int {
		h := fnv.New32a()
		h.Write([]byte(soc))
		return int(h.Sum32() % uint32(folds))
	}
	var t1s, t5s float64
	var all []scored
	opts := tuning(t, os.Getenv("LADDER_OPTS"))
	bp := boostTuning(t, os.Getenv("LADDER_BOOST"))
	// LADDER_FOLDS=n measures the first n folds only: a quicker
	// comparison of two ideas, not the figure to report.
	measured := folds
	if n, err := strconv.Atoi(os.Getenv("LADDER_FOLDS")); err == nil && n > 0 {
		measured = min(n, folds)
	}
	for f := range measured {
		learn := LearnFrom(func(soc string) bool { return fold(soc) != f })
		set, recall := trainingSet(tax, func(soc string) bool { return fold(soc) != f }, opts...)
		first, w := stages(t, f, set)
		t.Logf("fold %d: candidate recall %.3f", f, recall)
		fixed := append(slices.Clone(opts), learn, withFirst(first), withCalibration([2]float64{1, 0}))
		if os.Getenv("LADDER_LINEAR") != "" {
			l1, l5, _, _ := heldOutFold(tax, fold, f, append(slices.Clone(fixed), withWeights(w), withForest(nil))...)
			t.Logf("fold %d: linear only: top-1 %.3f top-5 %.3f", f, l1, l5)
			l1, l5, _, _ = heldOutFold(tax, fold, f, append(slices.Clone(fixed), withWeights(first), withForest(nil))...)
			t.Logf("fold %d: first stage only: top-1 %.3f top-5 %.3f", f, l1, l5)
		}
		fo := boost(newBoostSet(rightOnly(set), &w, bp), bp)
		t1, t5, _, ms := heldOutFold(tax, fold, f, append(fixed, withWeights(w), withForest(fo))...)
		t.Logf("fold %d: top-1 %.3f top-5 %.3f  %v", f, t1, t5, fmtWeights(w))
		t1s, t5s = t1s+t1, t5s+t5
		all = append(all, ms...)
	}
	t.Logf("mean of %d folds: top-1 %.3f top-5 %.3f", measured, t1s/float64(measured), t5s/float64(measured))
	ab := fitCalibration(all)
	t.Logf("calibration a %.3f b %.3f", ab[0], ab[1])
	reportBands(t, all, ab)
	if *updateWeights {
		set, _ := trainingSet(tax, func(string) bool { return true }, opts...)
		first, w := stages(t, -1, set)
		if err := writeWeights("weights_learned.go", first, w, ab); err != nil {
			t.Fatal(err)
		}
		fo := boost(newBoostSet(rightOnly(set), &w, bp), bp)
		if err := os.WriteFile("forest.bin", fo.encode(), 0o644); err != nil {
			t.Fatal(err)
		}
		a := New(tax, append(slices.Clone(opts), func(o *options) { o.freshDisc = true })...)
		if err := os.WriteFile("index.bin", a.encode(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fitCalibration fits a and b of calibrate to held-out matches by
// gradient descent on the log loss.
func fitCalibration(ms []scored) [2]float64 {
	ab := [2]float64{1, 0}
	for range 2000 {
		var g [2]float64
		for _, m := range ms {
			p := min(max(m.score, 1e-6), 1-1e-6)
			x := math.Log(p / (1 - p))
			q := 1 / (1 + math.Exp(-(ab[0]*x + ab[1])))
			y := 0.0
			if m.right {
				y = 1
			}
			g[0] += (q - y) * x
			g[1] += q - y
		}
		ab[0] -= 0.5 * g[0] / float64(len(ms))
		ab[1] -= 0.5 * g[1] / float64(len(ms))
	}
	return ab
}

// reportBands logs the precision of the held-out matches in each band
// once calibrated, and how well calibrated they are.
func reportBands(t *testing.T, ms []scored, ab [2]float64) {
	var n, right [3]int
	var top1n, top1right [3]int
	sumP, sumY := 0.0, 0.0
	for _, m := range ms {
		p := calibrate(m.score, ab)
		b := band(p)
		n[b]++
		sumP += p
		if m.right {
			right[b]++
			sumY++
		}
		if m.rank == 0 {
			top1n[b]++
			if m.right {
				top1right[b]++
			}
		}
	}
	for b := Low; b <= High; b++ {
		t.Logf("band %-6s: %5d matches, precision %.3f (first matches: %5d, precision %.3f)", b, n[b],
			float64(right[b])/float64(max(n[b], 1)), top1n[b], float64(top1right[b])/float64(max(top1n[b], 1)))
	}
	t.Logf("mean calibrated score %.3f, share right %.3f", sumP/float64(len(ms)), sumY/float64(len(ms)))
}

// writeWeights writes the weights as Go source.
func writeWeights(path string, first, second [nFeatures]float64, ab [2]float64) error {
	var b strings.Builder
	b.WriteString("// Code generated by go test ./generator/align -run TestTrain -update; DO NOT EDIT.\n\npackage align\n\n")
	writeArray(&b, "learnedWeights returns the second stage's weights (with the joint\n// features), learned from every example occupation by TestTrain.", "learnedWeights", second)
	writeArray(&b, "learnedFirstWeights returns the first stage's weights (without the\n// joint features), learned from every example occupation by TestTrain.", "learnedFirstWeights", first)
	fmt.Fprintf(&b, "\n// learnedCalibration returns a and b of calibrate, fitted on held-out\n// folds by TestTrain.\nfunc learnedCalibration() [2]float64 { return [2]float64{%.6g, %.6g} }\n", ab[0], ab[1])
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}

func writeArray(b *strings.Builder, doc, name string, w [nFeatures]float64) {
	fmt.Fprintf(b, "// %s\nfunc %s() [nFeatures]float64 {\n\treturn [nFeatures]float64{", doc, name)
	for i, x := range w {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%.6g", x)
	}
	b.WriteString("}\n}\n\n")
}

// tuning reads options to try from "name=value,…" (LADDER_OPTS).
func tuning(t *testing.T, spec string) []Option {
	var out []Option
	settings(t, spec, func(k string, x float64) {
		out = append(out, func(o *options) {
			switch k {
			case "neighbours":
				o.neighbours = int(x)
			case "occupations":
				o.occupations = int(x)
			case "lmCands":
				o.lmCands = int(x)
			case "pairW":
				o.pairW = x
			case "muDWA":
				o.muDWA = x
			case "muIWA":
				o.muIWA = x
			case "priorP":
				o.priorP = x
			case "socD":
				o.kin[0] = x
			case "socB":
				o.kin[1] = x
			case "socM":
				o.kin[2] = x
			case "socJ":
				o.kin[3] = x
			case "discCands":
				o.discCands = int(x)
			case "discEpochs":
				o.disc.epochs = int(x)
			case "discRate":
				o.disc.rate = x
			case "discL2":
				o.disc.l2 = x
			default:
				t.Fatalf("unknown option %s", k)
			}
		})
	})
	return out
}

// settings calls set with each name and value of "name=value,…".
func settings(t *testing.T, spec string, set func(name string, value float64)) {
	for _, kv := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		set(k, x)
	}
}

func withWeights(w [nFeatures]float64) Option { return func(o *options) { o.weights = &w } }

func withFirst(w [nFeatures]float64) Option { return func(o *options) { o.first = &w } }

func withForest(fo forest) Option { return func(o *options) { o.forest = &fo } }

func withCalibration(ab [2]float64) Option { return func(o *options) { o.calib = &ab } }

func fmtWeights(w [nFeatures]float64) string {
	var b strings.Builder
	for _, x := range w {
		fmt.Fprintf(&b, "%.3f ", x)
	}
	return b.String()
}

// TestTrainLearnsRanking trains on a made-up set where one feature marks
// the right candidate and another is noise, and checks that the weights
// rank the right one first on examples it did not see, weighing the
// marker more than the noise.
func TestTrainLearnsRanking(t *testing.T) {
	const marker, noise = fDWATitle, fKNN
	made := func(seed uint32, n int) []example {
		next := func() float64 { // xorshift: the same set on every run
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			return float64(seed%1000) / 1000
		}
		var set []example
		for i := range n {
			ex := example{key: strconv.Itoa(i)}
			for k := range 6 {
				var c candidate
				c.f[marker], c.f[noise], c.f[fBias] = next()*0.5, next(), 1
				right := k == i%6
				if right {
					c.f[marker] += 0.6
				}
				ex.cands = append(ex.cands, c)
				ex.right = append(ex.right, right)
			}
			set = append(set, ex)
		}
		return set
	}
	w := train(made(1, 200), 100)
	if w[marker] <= 2*math.Abs(w[noise]) {
		t.Fatalf("marker weight %.3f, noise weight %.3f: want the marker to count far more", w[marker], w[noise])
	}
	for _, ex := range made(7, 100) {
		best, bestScore := -1, math.Inf(-1)
		for i, c := range ex.cands {
			s := 0.0
			for j := range nFeatures {
				s += w[j] * c.f[j]
			}
			if s > bestScore {
				best, bestScore = i, s
			}
		}
		if !ex.right[best] {
			t.Fatalf("example %s: candidate %d ranked first, not the right one", ex.key, best)
		}
	}
}

// stages learns the first-stage weights from set, fills its joint
// features with them and learns the second stage's.
func stages(t *testing.T, f int, set []example) (first, second [nFeatures]float64) {
	first = cachedLinear(t, fmt.Sprintf("fold%d-first", f), rightOnly(set))
	fillJoint(set, &first)
	second = cachedLinear(t, fmt.Sprintf("fold%d-second-shortlisted", f), rightOnly(set))
	return first, second
}

// cachedLinear returns the linear weights learned from set: read from
// LADDER_WCACHE/<name>.json when that exists (the weights of an earlier
// run, to compare rankers built on them quickly), else learned, and
// written there when LADDER_WCACHE is set.
func cachedLinear(t *testing.T, name string, set []example) [nFeatures]float64 {
	dir := os.Getenv("LADDER_WCACHE")
	path := fmt.Sprintf("%s/%s.json", dir, name)
	var w [nFeatures]float64
	if dir != "" {
		if b, err := os.ReadFile(path); err == nil {
			if err := json.Unmarshal(b, &w); err != nil {
				t.Fatal(err)
			}
			return w
		}
	}
	w = train(set, 300)
	if dir != "" {
		b, _ := json.Marshal(w)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// boostTuning reads boosting settings to try from "name=value,…"
// (LADDER_BOOST).
func boostTuning(t *testing.T, spec string) boostParams {
	p := defaultBoost()
	settings(t, spec, func(k string, x float64) {
		switch k {
		case "trees":
			p.trees = int(x)
		case "rate":
			p.rate = x
		case "lambda":
			p.lambda = x
		case "minHess":
			p.minHess = x
		case "bins":
			p.bins = int(x)
		case "subsample":
			p.subsample = int(x)
		default:
			t.Fatalf("unknown boosting setting %s", k)
		}
	})
	return p
}
