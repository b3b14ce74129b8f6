package i18n

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	shipped "github.com/ladder-ssg/ladder/i18n"
)

var update = flag.Bool("update", false, "rewrite stored/, the shipped catalogues as Parse reads them")

// TestStoredCatalogues holds stored/ to Parse: each shipped catalogue's
// stored form reads back as exactly what Parse makes of its TOML today,
// and every stored form is a shipped catalogue's; -update writes them.
func TestStoredCatalogues(t *testing.T) {
	want := map[string]bool{"README": true}
	for _, lang := range Languages() {
		name := lang + ".txt"
		want[name] = true
		data := readFS(shipped.FS, lang+".toml")
		msgs, diags := Parse(lang+".toml", data)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		if *update {
			if err := os.WriteFile(filepath.Join("stored", name), writeStored(msgs, data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		stored, err := storedData.ReadFile("stored/" + name)
		if err != nil {
			t.Fatalf("%v: go test ./generator/i18n -run TestStoredCatalogues -update", err)
		}
		got, err := readStored(stored, data)
		if err != nil || !reflect.DeepEqual(got, msgs) {
			t.Errorf("stored/%s is not what Parse makes of %s.toml (%v): go test ./generator/i18n -run TestStoredCatalogues -update", name, lang, err)
		}
	}
	entries, err := os.ReadDir("stored")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("stored/%s is no shipped catalogue's", e.Name())
		}
	}
}

// TestParseShipped checks that a shipped catalogue is read from its
// stored form only for the bytes it was made from: a stored form made to
// differ shows which one was used, and a catalogue edited since is
// parsed afresh.
func TestParseShipped(t *testing.T) {
	data := readFS(shipped.FS, "fr.toml")
	msgs, _ := Parse("fr.toml", data)
	edited := bytes.Replace(data, []byte(`skip = "`), []byte(`skip = "(édité) `), 1)
	skip := msgs["skip"]
	delete(msgs, "skip") // the stored form of data, less a message
	stored := writeStored(msgs, data)

	got, err := readStored(stored, data)
	if err != nil || !reflect.DeepEqual(got, msgs) {
		t.Fatalf("readStored of data: %v", err)
	}
	if _, err := readStored(stored, edited); err == nil {
		t.Error("readStored took a stored form of other bytes")
	}
	fresh, _ := parseShipped("fr", "fr.toml", edited)
	if want := "(édité) " + skip.Text; fresh["skip"].Text != want || fresh["skip"].Line != skip.Line {
		t.Errorf("an edited catalogue: skip = %+v, want the edited message", fresh["skip"])
	}
	for _, line := range []string{"k\t1", "k\tx\t1\t\"a\"", "k\t1\t1\t\"a\"\tone", "k\t1\t1\tnot quoted"} {
		if _, _, err := readStoredMessage(line); err == nil {
			t.Errorf("readStoredMessage(%q) took it", line)
		}
	}
	key, m, err := readStoredMessage("n.items\t3\t1\tone\t\"{n} item\"\tother\t\"{n}\\titems\"")
	want := Message{Forms: map[string]string{"one": "{n} item", "other": "{n}\titems"}, Line: 3, Column: 1}
	if err != nil || key != "n.items" || !reflect.DeepEqual(m, want) {
		t.Errorf("readStoredMessage of a count message = %q, %+v, %v", key, m, err)
	}
}
