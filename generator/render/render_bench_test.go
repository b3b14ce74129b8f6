package render_test

import (
	"bytes"
	"testing"

	"github.com/ladder-ssg/ladder/assets"
	"github.com/ladder-ssg/ladder/content"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/markup"
	"github.com/ladder-ssg/ladder/generator/pipeline"
	"github.com/ladder-ssg/ladder/generator/render"
	"github.com/ladder-ssg/ladder/generator/site"
	"github.com/ladder-ssg/ladder/templates"
	"github.com/ladder-ssg/ladder/tests/corpus"
)

// BenchmarkKinds renders the corpus's pages of each kind, after one
// warm-up pass (so lazily computed model values, such as the compare
// rows, and the cached partials are ready): it times the templates alone.
//
//	go test -run XXX -bench Kinds -benchmem ./generator/render/
func BenchmarkKinds(b *testing.B) {
	dir := corpus.Site(b)
	in, diags := load.Site(dir, load.Defaults{Content: content.FS, Templates: templates.FS, Assets: assets.FS}, load.Options{})
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	s, _ := site.New(pipeline.ModelInput(in))
	r, err := render.New(s, in.Templates, markup.New())
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[site.PageKind][]*site.Page{}
	var kinds []site.PageKind
	var buf bytes.Buffer
	for _, p := range s.Pages {
		if byKind[p.Kind] == nil {
			kinds = append(kinds, p.Kind)
		}
		byKind[p.Kind] = append(byKind[p.Kind], p)
		buf.Reset()
		if err := r.Page(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
	for _, k := range kinds {
		pages := byKind[k]
		b.Run(string(k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					buf.Reset()
					if err := r.Page(&buf, p); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pages)), "ns/page")
			b.ReportMetric(float64(len(pages)), "pages")
		})
	}
}
