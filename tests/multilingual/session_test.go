package multilingual_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/pipeline"
)

// TestSessionRebuildsOneLanguage edits the French half of a bilingual
// site under a Session, as `ladder serve` does: the quick rebuild writes
// French pages only, the full one then leaves the output equal to a fresh
// build byte for byte, and an edit that breaks the pairing of the two
// languages is reported with the last good site left in place; a
// language dropped from ladder.toml leaves with its files.
func TestSessionRebuildsOneLanguage(t *testing.T) {
	src := bilingualSource(t, bilingual)
	out := filepath.Join(t.TempDir(), "public")
	s := pipeline.NewSession(pipeline.Options{Source: src, Out: out, Defaults: defaults()})
	ctx := context.Background()
	if _, err := s.Build(ctx); err != nil {
		t.Fatal(err)
	}
	fr := filepath.Join(src, "content", "fr", "frameworks", "29-2012.00.json")
	replaceIn(t, fr, "échantillons", "prélèvements")
	res, err := s.Quick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ChangedPages) == 0 {
		t.Fatal("the quick rebuild wrote no page")
	}
	for _, p := range res.ChangedPages {
		if !strings.HasPrefix(p, "fr/") {
			t.Errorf("a French edit rewrote %s", p)
		}
	}
	if _, err := s.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if d := firstDifference(t, out, build(t, src)); d != "" {
		t.Fatalf("after the rebuild, the output differs from a fresh build: %s", d)
	}

	// An English level with a statement more than its translation.
	before := snapshot(t, out)
	en := filepath.Join(src, "content", "en", "frameworks", "29-2012.00.json")
	replaceIn(t, en, `"statements":["`, `"statements":["An extra statement — only in English.","`)
	_, err = s.Build(ctx)
	if err == nil || !strings.Contains(err.Error(), "framework.levels.emerging.statements: 10 statements, where the default language has 11") {
		t.Fatalf("build error %v, want the French level's statements counted against the English", err)
	}
	if d := firstDifference(t, out, before); d != "" {
		t.Errorf("a failed rebuild changed the output: %s", d)
	}

	// French dropped from the site, the English edit stands alone: the
	// French files go with the next rebuild.
	write(t, filepath.Join(src, "ladder.toml"), []byte("title = \"Référentiels\"\nlanguages = [\"en\"]\n"))
	if _, err := s.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "fr")); !os.IsNotExist(err) {
		t.Errorf("fr/ is still there after French was dropped: %v", err)
	}
	if d := firstDifference(t, out, build(t, src)); d != "" {
		t.Errorf("after dropping French, the output differs from a fresh build: %s", d)
	}
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", file, old)
	}
	write(t, file, bytes.Replace(data, []byte(old), []byte(new), 1))
}

// snapshot copies the tree at root into a new folder.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// firstDifference names the first file that differs between two trees,
// or "".
func firstDifference(t *testing.T, a, b string) string {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, err := os.ReadFile(p)
			m[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	x, y := files(a), files(b)
	for rel, data := range x {
		if other, ok := y[rel]; !ok {
			return rel + " only in " + a
		} else if !bytes.Equal(data, other) {
			return rel + " differs"
		}
	}
	for rel := range y {
		if _, ok := x[rel]; !ok {
			return rel + " only in " + b
		}
	}
	return ""
}
