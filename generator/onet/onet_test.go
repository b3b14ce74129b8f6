package onet

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "write data/prevalence.tsv from the embedded examples")

// TestPrevalence holds the stored prevalence (data/prevalence.tsv) to
// the one counted from the embedded examples; -update writes it.
func TestPrevalence(t *testing.T) {
	tax, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := tax.prevalenceFile()
	if *update {
		if err := os.WriteFile("data/prevalence.tsv", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := data.ReadFile("data/prevalence.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("data/prevalence.tsv is not the examples' prevalence: run go test ./generator/onet -run TestPrevalence -update")
	}
	counts, n := tax.countPrevalence()
	for e, c := range counts {
		if p := float64(c) / float64(n); tax.Prevalence(e) != p {
			t.Fatalf("element %s: prevalence %v, counted %v", tax.Elements[e].ID, tax.Prevalence(e), p)
		}
	}
}

// TestExamples checks that the examples are read, with their tasks and
// linked activities, and read once.
func TestExamples(t *testing.T) {
	tax, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ex := tax.Examples()
	if len(ex) < 400 {
		t.Fatalf("%d example occupations, want the development half's 400 or more", len(ex))
	}
	tasks, links := 0, 0
	for _, o := range ex {
		if o.SOC == "" || o.Title == "" || len(o.Tasks) == 0 {
			t.Fatalf("example %+v: no code, title or tasks", o.SOC)
		}
		for _, task := range o.Tasks {
			tasks++
			for _, e := range task.Activities {
				links++
				if tax.Elements[e].Kind != DWA {
					t.Fatalf("task %q linked to %s, not a DWA", task.Text, tax.Elements[e].ID)
				}
			}
		}
	}
	if tasks < 8000 || links < tasks {
		t.Errorf("%d tasks with %d links", tasks, links)
	}
	if again := tax.Examples(); &again[0] != &ex[0] {
		t.Error("Examples read the data again")
	}
}
