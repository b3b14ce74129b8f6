package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestSeedAlignmentsGolden holds the alignment of the two real published
// frameworks' 80 statements (the default content) to a reviewed golden
// file: statement, best element, band. Run with -update to rewrite it,
// and read the diff before committing.
func TestSeedAlignmentsGolden(t *testing.T) {
	rows, _, err := Align(Options{Source: t.TempDir(), Defaults: testDefaults()}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 80 {
		t.Fatalf("%d statements aligned, want the seeds' 80", len(rows))
	}
	var b bytes.Buffer
	for _, r := range rows {
		if len(r.Matches) != 1 {
			t.Fatalf("%s %s[%d]: %d matches, want 1", r.SOC, r.Level, r.Index, len(r.Matches))
		}
		m := r.Matches[0]
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", r.SOC, r.Level, r.Index, m.ID, m.Band, m.Title, r.Statement)
	}
	golden := filepath.Join("testdata", "golden", "seed-alignments.tsv")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("seed alignments differ from %s; run go test ./generator/pipeline -run TestSeedAlignmentsGolden -update and review the diff", golden)
	}
}

// TestSeedsCrossLinked checks what a new user sees on the default site:
// the two real frameworks, which O*NET's experts relate to each other,
// list each other as related, share at least five aligned skills with
// pages of their own, and have a comparison page.
func TestSeedsCrossLinked(t *testing.T) {
	out, _ := buildSite(t, t.TempDir(), Options{})
	for _, p := range []struct{ page, link string }{
		{"occupations/29-2012.00/index.html", "../19-4021.00/index.html"},
		{"occupations/19-4021.00/index.html", "../29-2012.00/index.html"},
	} {
		data, err := os.ReadFile(filepath.Join(out, p.page))
		if err != nil {
			t.Fatal(err)
		}
		related := bytes.Index(data, []byte(`id="related"`))
		if related < 0 || !bytes.Contains(data[related:], []byte(`href="`+p.link+`"`)) {
			t.Errorf("%s does not list %s under related occupations", p.page, p.link)
		}
	}
	skills, err := filepath.Glob(filepath.Join(out, "skills", "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(skills) < 5 {
		t.Errorf("%d shared-skill pages, want at least 5", len(skills))
	}
	occ, err := os.ReadFile(filepath.Join(out, "occupations", "19-4021.00", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(occ, []byte(`compare/index.html?a=19-4021.00&amp;b=29-2012.00`)) {
		t.Errorf("19-4021.00's page does not link the comparison with 29-2012.00")
	}
}
