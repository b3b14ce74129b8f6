package search

import "testing"

// BenchmarkBuildCorpus times Build on the corpus site model, in English
// (stop-words and Snowball stems) and without a language (folding only),
// and reports the index's size: all files, raw and gzipped, and the
// terms files alone, where the stems are.
func BenchmarkBuildCorpus(b *testing.B) {
	docs := FromSite(corpusSite(b))
	for _, lang := range []string{"en", "und"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			var ix *Index
			for b.Loop() {
				var err error
				if ix, err = Build(docs, WithLanguage(lang)); err != nil {
					b.Fatal(err)
				}
			}
			var raw, gz, terms int
			for _, f := range ix.Files() {
				raw += len(f.Data)
				gz += gzipSize(b, f.Data)
				if len(f.Path) > 13 && f.Path[:13] == "search/terms-" {
					terms += len(f.Data)
				}
			}
			b.ReportMetric(float64(raw), "index-bytes")
			b.ReportMetric(float64(gz), "index-gzip-bytes")
			b.ReportMetric(float64(terms), "terms-bytes")
			b.ReportMetric(float64(len(ix.words)), "terms")
		})
	}
}

// BenchmarkSearchCorpus times the Go reference search of a few queries on
// the corpus index, in English and without a language.
func BenchmarkSearchCorpus(b *testing.B) {
	docs := FromSite(corpusSite(b))
	for _, lang := range []string{"en", "und"} {
		ix, err := Build(docs, WithLanguage(lang))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				for _, q := range []string{"phlebotomy", "nursing care", "supervision", "quality control"} {
					ix.Search(q, Filter{}, 20)
				}
			}
		})
	}
}
