package export

import "testing"

// BenchmarkFrameworkFilesCorpus times the exports of every framework of
// the corpus, one core, in one reused buffer as a build makes them.
func BenchmarkFrameworkFilesCorpus(b *testing.B) {
	s := loadDir(b, corpusDir, baseConfig())
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		for _, o := range s.Occupations {
			_, grown, err := AppendFrameworkFiles(buf[:0], o, s)
			if err != nil {
				b.Fatal(err)
			}
			buf = grown
		}
	}
}
