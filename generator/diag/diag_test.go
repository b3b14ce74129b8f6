package diag

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var sample = List{
	{File: "content/frameworks/b.json", Line: 3, Column: 9, Path: "framework.levels.emerging.statements[3]", Message: "expected a string, found null"},
	{File: "content/frameworks/a.json", Line: 1, Column: 1, Message: "empty file: expected a JSON object"},
	{File: "ladder.toml", Line: 2, Column: 1, Path: "colour", Severity: Warning, Message: "unknown key \"colour\" (ignored)"},
	{File: "content/x, y:z.json", Message: "100% broken\nsecond line"},
}

func TestFormats(t *testing.T) {
	l := append(List(nil), sample...)
	l.Sort()
	for name, write := range map[string]func(*bytes.Buffer) error{
		"diagnostics.json":   func(b *bytes.Buffer) error { return WriteJSON(b, l) },
		"diagnostics.github": func(b *bytes.Buffer) error { return WriteGitHub(b, l) },
		"diagnostics.txt":    func(b *bytes.Buffer) error { _, err := b.WriteString(l.Error() + "\n"); return err },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name)
		if *update {
			os.WriteFile(golden, b.Bytes(), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, b.Bytes(), want)
		}
	}
}

func TestSortAndErr(t *testing.T) {
	l := append(List(nil), sample...)
	l.Sort()
	if l[0].File != "content/frameworks/a.json" || l[len(l)-1].File != "ladder.toml" {
		t.Errorf("not sorted by file: %v", l)
	}
	if err := l.Err(); err == nil || len(err.(List)) != 3 {
		t.Errorf("Err() = %v, want the 3 errors", err)
	}
	if (List{sample[2]}).Err() != nil {
		t.Error("warnings alone are not an error")
	}
}
