// Package onet is the O*NET work-activity taxonomy ladder aligns
// statements to, embedded in the binary: the 41 Generalized, 332
// Intermediate and 2,087 Detailed Work Activities, the Skills, Knowledge
// and Abilities elements with their descriptions, and O*NET task
// statements with the activities O*NET's analysts linked to them (the
// examples an aligner learns from).
//
// The data is from the O*NET 29.3 Database by the U.S. Department of
// Labor, Employment and Training Administration (USDOL/ETA), used under
// the CC BY 4.0 licence (Credit); internal/gen writes it from the
// reference files. It is about 560 kB (the examples compressed). Load
// reads the elements (about 1 ms) and the stored prevalence of each
// element; the example tasks, most of the data (about 15 ms to read),
// are read on a Taxonomy's first call of Examples, since an aligner made
// from its stored index (package align) never asks for them. Load reads
// it afresh on every call, so a caller keeps what it needs.
package onet

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen ../../../shared/onet-eval data

// The elements are stored plain, read on every Load; the examples,
// read only by an aligner built from them, compressed.
//
//go:embed data/*.tsv data/*.tsv.gz
var data embed.FS

// Credit is the attribution O*NET's licence asks for wherever its words
// appear.
const Credit = "This page includes information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."

// Version is the O*NET release the embedded data comes from.
const Version = "29.3"

// Kind says what sort of O*NET element an Element is.
type Kind uint8

// The kinds of element, from the most specific work activity to the
// worker requirements.
const (
	DWA Kind = iota // Detailed Work Activity, e.g. "Analyze biological samples."
	IWA             // Intermediate Work Activity
	GWA             // Generalized Work Activity
	Skill
	Knowledge
	Ability
)

var kindNames = [...]string{"dwa", "iwa", "gwa", "skill", "knowledge", "ability"}

// String returns the kind's short name: dwa, iwa, gwa, skill, knowledge
// or ability.
func (k Kind) String() string { return kindNames[k] }

// Label returns the kind's name for people.
func (k Kind) Label() string {
	return [...]string{"Detailed Work Activity", "Intermediate Work Activity", "Generalized Work Activity",
		"Skill", "Knowledge", "Ability"}[k]
}

// Element is one element of the taxonomy.
type Element struct {
	ID          string // O*NET's id, e.g. 4.A.2.a.3.I01.D05 or 2.C.4.b
	Title       string // without a final full stop
	Kind        Kind
	Parent      int    // index of the enclosing element (DWA → IWA → GWA), -1 for none
	Description string // skills, knowledge, abilities and GWAs; empty for IWAs and DWAs
}

// Occupation is one O*NET occupation whose tasks are examples.
type Occupation struct {
	SOC, Title, Description string
	Tasks                   []Task
}

// Task is an O*NET task statement and the activities it was linked to.
type Task struct {
	Text       string
	Activities []int // indexes into Taxonomy.Elements, all DWAs
}

// Taxonomy is the embedded data.
type Taxonomy struct {
	Elements []Element
	byID     map[string]int
	// prevalence[i] is the share of example occupations with a task
	// linked to element i.
	prevalence []float64

	examplesOnce sync.Once
	examples     []Occupation
	examplesErr  error
}

// Load reads the embedded taxonomy.
func Load() (*Taxonomy, error) {
	t := &Taxonomy{byID: map[string]int{}}
	if err := eachLine("activities", 4, t.addActivity); err != nil {
		return nil, err
	}
	if err := eachLine("elements", 3, t.addElement); err != nil {
		return nil, err
	}
	if err := t.readPrevalence(); err != nil {
		return nil, err
	}
	return t, nil
}

// Examples returns O*NET's example occupations with their tasks, read
// from the embedded data on the first call. The data is checked by the
// package's tests, so a failure to read it is a broken build: it panics.
func (t *Taxonomy) Examples() []Occupation {
	t.examplesOnce.Do(func() { t.examples, t.examplesErr = t.readExamples() })
	if t.examplesErr != nil {
		panic(t.examplesErr)
	}
	return t.examples
}

// readExamples reads the example occupations and their tasks.
func (t *Taxonomy) readExamples() ([]Occupation, error) {
	var occs []Occupation
	err := eachLine("tasks", 2, func(f []string) error { return t.addTask(&occs, f) })
	return occs, err
}

// Prevalence returns the share of O*NET's example occupations that perform
// element i (an activity, or one under it): how common it is across the
// world of work, 0 for elements no example has.
func (t *Taxonomy) Prevalence(i int) float64 { return t.prevalence[i] }

// countPrevalence counts, for each element, the example occupations
// with a task linked to it or to an activity under it; n is the number
// of examples.
func (t *Taxonomy) countPrevalence() (counts []int, n int) {
	counts = make([]int, len(t.Elements))
	seen := make([]int, len(t.Elements))
	examples := t.Examples()
	for k, o := range examples {
		for _, task := range o.Tasks {
			for _, e := range task.Activities {
				// The activity and the broader ones above it.
				for ; e >= 0 && seen[e] != k+1; e = t.Elements[e].Parent {
					seen[e] = k + 1
					counts[e]++
				}
			}
		}
	}
	return counts, len(examples)
}

// The prevalence of each element is stored (data/prevalence.tsv, written
// by go test ./generator/onet -run TestPrevalence -update from the
// examples, and held to them by that test) so that Load need not read
// the examples: a first line "<n>\texamples", then "<count>\t<id>" for
// each element some example performs.

// readPrevalence reads the stored prevalence of each element.
func (t *Taxonomy) readPrevalence() error {
	raw, err := data.ReadFile("data/prevalence.tsv")
	if err != nil {
		return err
	}
	t.prevalence = make([]float64, len(t.Elements))
	n := 0.0
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		a, b, _ := strings.Cut(line, "\t")
		x, err := strconv.Atoi(a)
		if i == 0 && b == "examples" && err == nil {
			n = float64(max(1, x))
			continue
		}
		e, ok := t.byID[b]
		if err != nil || !ok || n == 0 {
			return fmt.Errorf("onet prevalence:%d: %q", i+1, line)
		}
		t.prevalence[e] = float64(x) / n
	}
	return nil
}

// prevalenceFile is what readPrevalence reads.
func (t *Taxonomy) prevalenceFile() []byte {
	counts, n := t.countPrevalence()
	b := fmt.Appendf(nil, "%d\texamples\n", n)
	for e, c := range counts {
		if c > 0 {
			b = fmt.Appendf(b, "%d\t%s\n", c, t.Elements[e].ID)
		}
	}
	return b
}

// Lookup returns the index of the element with O*NET id id.
func (t *Taxonomy) Lookup(id string) (int, bool) {
	i, ok := t.byID[id]
	return i, ok
}

func (t *Taxonomy) add(e Element) {
	if _, ok := t.byID[e.ID]; ok {
		return
	}
	t.byID[e.ID] = len(t.Elements)
	t.Elements = append(t.Elements, e)
}

// addActivity takes "kind, id, parent id, title".
func (t *Taxonomy) addActivity(f []string) error {
	kind := map[string]Kind{"gwa": GWA, "iwa": IWA, "dwa": DWA}[f[0]]
	parent := -1
	if f[2] != "" {
		p, ok := t.byID[f[2]]
		if !ok {
			return fmt.Errorf("%s: unknown parent %s", f[1], f[2])
		}
		parent = p
	}
	t.add(Element{ID: f[1], Title: strings.TrimSuffix(f[3], "."), Kind: kind, Parent: parent})
	return nil
}

// addElement takes "id, name, description" of the Content Model: it
// describes GWAs already read and adds the leaves of skills, knowledge
// and abilities (the elements no other element is under).
func (t *Taxonomy) addElement(f []string) error {
	id := f[0]
	if i, ok := t.byID[id]; ok {
		t.Elements[i].Description = f[2]
		return nil
	}
	var kind Kind
	switch {
	case strings.HasPrefix(id, "2.A.") || strings.HasPrefix(id, "2.B."):
		kind = Skill
	case strings.HasPrefix(id, "2.C."):
		kind = Knowledge
	case strings.HasPrefix(id, "1.A."):
		kind = Ability
	default:
		return nil
	}
	// The file lists parents before children: a new child makes its
	// parent a category, not an element to align to.
	if p := id[:strings.LastIndexByte(id, '.')]; p != "" {
		if i, ok := t.byID[p]; ok && t.Elements[i].Kind == kind {
			t.Elements[i].Kind = kind
			t.Elements[i].Parent = -2 // a category: see Leaf
		}
	}
	t.add(Element{ID: id, Title: f[1], Kind: kind, Parent: -1, Description: f[2]})
	return nil
}

// Leaf reports whether element i can be aligned to: every activity, and
// the skills, knowledge and abilities that are not categories of others.
func (t *Taxonomy) Leaf(i int) bool { return t.Elements[i].Parent != -2 }

// addTask takes "#soc, title, description" to start an occupation, and
// "task, dwa ids" for each of its tasks, into occs.
func (t *Taxonomy) addTask(occs *[]Occupation, f []string) error {
	if strings.HasPrefix(f[0], "#") {
		desc := ""
		if len(f) > 2 {
			desc = f[2]
		}
		*occs = append(*occs, Occupation{SOC: f[0][1:], Title: f[1], Description: desc})
		return nil
	}
	if len(*occs) == 0 {
		return fmt.Errorf("task before any occupation")
	}
	task := Task{Text: f[0]}
	for id := range strings.FieldsSeq(f[1]) {
		i, ok := t.byID[id]
		if !ok {
			return fmt.Errorf("task %q: unknown activity %s", f[0], id)
		}
		task.Activities = append(task.Activities, i)
	}
	o := &(*occs)[len(*occs)-1]
	o.Tasks = append(o.Tasks, task)
	return nil
}

// eachLine calls fn with the tab-separated fields of each line of the
// embedded file name, which has at least min fields a line. The fields
// are substrings of the file's text, and fn must not keep the slice.
func eachLine(name string, min int, fn func([]string) error) error {
	text, err := readData(name)
	if err != nil {
		return err
	}
	f := make([]string, 0, 8)
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		f = f[:0]
		for {
			field, more, found := strings.Cut(line, "\t")
			f = append(f, field)
			if !found {
				break
			}
			line = more
		}
		if len(f) < min {
			return fmt.Errorf("onet %s:%d: %d fields, want %d", name, n, len(f), min)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("onet %s:%d: %w", name, n, err)
		}
	}
	return nil
}

// readData returns the text of the embedded file name.tsv, or of
// name.tsv.gz.
func readData(name string) (string, error) {
	if plain, err := data.ReadFile("data/" + name + ".tsv"); err == nil {
		return string(plain), nil
	}
	raw, err := data.Open("data/" + name + ".tsv.gz")
	if err != nil {
		return "", err
	}
	defer raw.Close()
	zr, err := gzip.NewReader(raw)
	if err != nil {
		return "", fmt.Errorf("onet %s: %w", name, err)
	}
	var text strings.Builder
	if _, err := io.Copy(&text, zr); err != nil {
		return "", fmt.Errorf("onet %s: %w", name, err)
	}
	return text.String(), nil
}

// URI returns a permanent identifier of element e in this release, a URN
// ("urn:onet:29.3:dwa:4.A.2.a.4.I01.D02") that exports such as CASE cite.
func URI(e *Element) string { return "urn:onet:" + Version + ":" + e.Kind.String() + ":" + e.ID }
