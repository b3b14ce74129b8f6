package search

import "testing"

// BenchmarkBuildCorpus times Build on the corpus site model.
func BenchmarkBuildCorpus(b *testing.B) {
	docs := FromSite(corpusSite(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(docs); err != nil {
			b.Fatal(err)
		}
	}
}
