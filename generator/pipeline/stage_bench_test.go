package pipeline

import (
	"bytes"
	"testing"

	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/generator/transform"
)

// The stage benchmarks time each step of the recipe alone on the corpus.

func loadCorpus(b *testing.B) *load.Input {
	in, diags := load.Site(corpusSite(b), testDefaults(), load.Options{})
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	return in
}

func BenchmarkLoadCorpus(b *testing.B) {
	dir := corpusSite(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := load.Site(dir, testDefaults(), load.Options{}); diags.Err() != nil {
			b.Fatal(diags.Err())
		}
	}
}

func BenchmarkModelCorpus(b *testing.B) {
	in := loadCorpus(b)
	b.ReportAllocs()
	for b.Loop() {
		site.New(ModelInput(in))
	}
}

// BenchmarkModelEditCorpus times the model of a quick rebuild: one
// framework's performance text edited, the rest reused.
func BenchmarkModelEditCorpus(b *testing.B) {
	in := loadCorpus(b)
	prev, _ := site.New(ModelInput(in))
	edited := editOne(in)
	b.ReportAllocs()
	for b.Loop() {
		s, _ := site.New(ModelInput(edited), site.Reuse(prev), site.KeepRelations())
		if !s.Provisional {
			b.Fatal("relations not kept")
		}
	}
}

func renderCorpus(b *testing.B) (*render.Renderer, *site.Site) {
	in := loadCorpus(b)
	s, _ := site.New(ModelInput(in))
	r, err := render.New(s, in.Templates, markup.New())
	if err != nil {
		b.Fatal(err)
	}
	return r, s
}

func BenchmarkRenderCorpus(b *testing.B) {
	r, s := renderCorpus(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range s.Pages {
			buf.Reset()
			if err := r.Page(&buf, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s.Pages)), "ns/page")
}

func BenchmarkMinifyCorpus(b *testing.B) {
	r, s := renderCorpus(b)
	pages := make([][]byte, len(s.Pages))
	for i, p := range s.Pages {
		var buf bytes.Buffer
		if err := r.Page(&buf, p); err != nil {
			b.Fatal(err)
		}
		pages[i] = buf.Bytes()
	}
	m := transform.NewMinifier()
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for i, p := range s.Pages {
			out.Reset()
			if _, err := m.Minify(p.Path, &out, pages[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s.Pages)), "ns/page")
}

// BenchmarkModelAlignedCorpus times the model as a build makes it: every
// statement aligned to O*NET, with the aligner made once, as a session
// keeps it. The difference from BenchmarkModelCorpus is alignment's cost.
func BenchmarkModelAlignedCorpus(b *testing.B) {
	in := loadCorpus(b)
	a, err := NewAligner()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		site.New(ModelInput(in), site.WithAligner(a))
	}
}

// BenchmarkModelEditAlignedCorpus is BenchmarkModelEditCorpus with
// alignment: the edited framework is aligned again, the rest reused.
func BenchmarkModelEditAlignedCorpus(b *testing.B) {
	in := loadCorpus(b)
	a, err := NewAligner()
	if err != nil {
		b.Fatal(err)
	}
	prev, _ := site.New(ModelInput(in), site.WithAligner(a))
	edited := editOne(in)
	b.ReportAllocs()
	for b.Loop() {
		if s, _ := site.New(ModelInput(edited), site.WithAligner(a), site.Reuse(prev), site.KeepRelations()); !s.Provisional {
			b.Fatal("relations not kept")
		}
	}
}

// BenchmarkNewAligner times what the first build of a session adds:
// reading the embedded taxonomy and indexing it.
func BenchmarkNewAligner(b *testing.B) {
	for b.Loop() {
		if _, err := NewAligner(); err != nil {
			b.Fatal(err)
		}
	}
}

// editOne returns in with its first framework's description edited, the
// other frameworks the same values.
func editOne(in *load.Input) *load.Input {
	edited := *in
	edited.Frameworks = append([]*load.Framework(nil), in.Frameworks...)
	f := *edited.Frameworks[0]
	fw := *f.Framework
	fw.Description += " (edited)"
	f.Framework = &fw
	edited.Frameworks[0] = &f
	return &edited
}
