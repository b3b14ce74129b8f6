package align

import (
	"testing"

	"github.com/ladder-ssg/ladder/generator/onet"
)

func BenchmarkNew(b *testing.B) {
	tax, err := onet.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		New(tax)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := onet.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatement aligns the tasks of one example occupation, one
// statement an op.
func BenchmarkStatement(b *testing.B) {
	tax, err := onet.Load()
	if err != nil {
		b.Fatal(err)
	}
	a := New(tax)
	fw := exampleFramework(tax.Examples()[0])
	c := a.Occupation(fw)
	st := fw.Levels[0].Statements
	i := 0
	for b.Loop() {
		a.Statement(c, st[i%len(st)], 5)
		i++
	}
}
