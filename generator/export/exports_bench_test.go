package export

import "testing"

// BenchmarkFrameworkFilesCorpus times the exports of every framework of
// the corpus, one core.
func BenchmarkFrameworkFilesCorpus(b *testing.B) {
	s := loadDir(b, corpusDir, baseConfig())
	b.ReportAllocs()
	for b.Loop() {
		for _, o := range s.Occupations {
			if _, err := FrameworkFiles(o, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
