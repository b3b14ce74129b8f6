package load

import (
	"fmt"
	"sync"
	"testing"
	"unsafe"
)

func TestTextsIntern(t *testing.T) {
	strs := newTexts()
	first := strs.intern([]byte("Analyze data — review reports"))
	again := strs.intern([]byte("Analyze data — review reports"))
	other := strs.intern([]byte("Analyze data — review budgets"))
	if first != again || unsafe.StringData(first) != unsafe.StringData(again) {
		t.Errorf("the same bytes gave two strings: %q at %p, %q at %p", first, unsafe.StringData(first), again, unsafe.StringData(again))
	}
	if other == first || unsafe.StringData(other) == unsafe.StringData(first) {
		t.Errorf("different bytes gave the same string %q", other)
	}
	var none *texts
	if got := none.intern([]byte("x")); got != "x" {
		t.Errorf("nil texts: got %q, want %q", got, "x")
	}
}

// TestTextsInternConcurrent interns the same strings from several
// goroutines (run with -race): each text has one string in the end.
func TestTextsInternConcurrent(t *testing.T) {
	strs := newTexts()
	const workers, words = 8, 500
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range words {
				got[w] = append(got[w], strs.intern(fmt.Appendf(nil, "statement %d", i)))
			}
		})
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for i := range words {
			if unsafe.StringData(got[w][i]) != unsafe.StringData(got[0][i]) {
				t.Fatalf("worker %d's %q is not worker 0's string", w, got[w][i])
			}
		}
	}
}

// TestDecodedTextsShared decodes two frameworks with the same statement
// through one texts: both hold one string.
func TestDecodedTextsShared(t *testing.T) {
	file := func(code string) []byte {
		return fmt.Appendf(nil, `{"schemaVersion":"1.0","occupation":{"soc":%q,"title":"Welders"},
"framework":{"levels":{"entry":{"label":"Entry","statements":["Weld joints \u2014 weld flat joints"]}}}}`, code)
	}
	strs := newTexts()
	a, _, da := decodeFramework("a.json", file("51-4121.06"), false, strs)
	b, _, db := decodeFramework("b.json", file("51-4121.07"), false, strs)
	if a == nil || b == nil {
		t.Fatalf("decoding failed: %v %v", da, db)
	}
	sa, sb := a.Levels[0].Statements[0].Text, b.Levels[0].Statements[0].Text
	if sa != "Weld joints — weld flat joints" {
		t.Fatalf("statement = %q, want the escape unquoted", sa)
	}
	if unsafe.StringData(sa) != unsafe.StringData(sb) {
		t.Errorf("the two frameworks hold two copies of %q", sa)
	}
}
