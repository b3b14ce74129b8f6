package align

import (
	"os"
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/generator/onet"
)

// TestStoredIndex holds the stored index (index.bin) to the one built
// from the taxonomy, byte for byte, and checks that New loads it and
// aligns as the built aligner does; -update writes it.
func TestStoredIndex(t *testing.T) {
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	built := New(tax, func(o *options) { o.rebuild = true })
	want := built.encode()
	if *updateWeights {
		if err := os.WriteFile("index.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if storedIndex != string(want) {
		t.Fatalf("index.bin (%d bytes) is not the index built from the taxonomy (%d bytes): go test ./generator/align -run TestStoredIndex -update", len(storedIndex), len(want))
	}
	if err := unindexed(tax, defaultOptions()).load(storedIndex); err != nil {
		t.Fatal(err)
	}
	loaded := New(tax)
	if string(loaded.encode()) != storedIndex {
		t.Fatal("the loaded aligner does not encode as stored")
	}
	fw := exampleFramework(tax.Examples()[3])
	sts := fw.Levels[0].Statements
	got := loaded.Statements(loaded.Occupation(fw), sts, 5)
	exp := built.Statements(built.Occupation(fw), sts, 5)
	for i := range sts {
		if !slices.Equal(got[i], exp[i]) {
			t.Errorf("statement %q: loaded %v, built %v", sts[i].Text, got[i], exp[i])
		}
	}
}

// TestStoredIndexCutShort checks that a stored index cut short or
// padded is refused.
func TestStoredIndexCutShort(t *testing.T) {
	tax, err := onet.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"", storedIndex[:len(storedIndex)/2], storedIndex[:len(storedIndex)-8], storedIndex + "\x00\x00\x00\x00\x00\x00\x00\x00"} {
		if err := unindexed(tax, defaultOptions()).load(data); err == nil {
			t.Errorf("a stored index of %d bytes (of %d) loaded", len(data), len(storedIndex))
		}
	}
}

// TestStrTable checks lookups of present, absent and empty keys.
func TestStrTable(t *testing.T) {
	m := map[string]int32{"": 7, "a": 1, "ab": 2, "ba": 3, "lab": -1}
	for i := range 100 {
		m[string(rune('A'+i%26))+string(rune('a'+i/26))] = int32(10 + i)
	}
	tb := newStrTable(m)
	for k, v := range m {
		if got, ok := tb.get(k); !ok || got != v {
			t.Errorf("get(%q) = %d, %v; want %d", k, got, ok, v)
		}
		if got, ok := tb.getBytes([]byte(k)); !ok || got != v {
			t.Errorf("getBytes(%q) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for _, k := range []string{"abc", "b", "la", "Zz"} {
		if got, ok := tb.get(k); ok {
			t.Errorf("get(%q) = %d, want none", k, got)
		}
	}
	var empty strTable
	if _, ok := empty.get("a"); ok {
		t.Error("the empty table has a key")
	}
	if again := newStrTable(m); !tb.equal(&again) {
		t.Error("the same map made another table")
	}
}
