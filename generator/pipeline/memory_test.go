package pipeline

import (
	"math"
	"runtime"
	"testing"
)

// TestNearLimit checks when a step's end collects: within a quarter of
// the soft limit or over it, never without a limit or far below it.
func TestNearLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		name        string
		limit, held int64
		want        bool
	}{
		{"no limit", math.MaxInt64, 4096 * mib, false},
		{"a small site", 430 * mib, 230 * mib, false},
		{"just below the quarter", 400 * mib, 299 * mib, false},
		{"at the quarter", 400 * mib, 300 * mib, true},
		{"a large site", 430 * mib, 420 * mib, true},
		{"over", 430 * mib, 460 * mib, true},
	} {
		if got := nearLimit(tt.limit, tt.held); got != tt.want {
			t.Errorf("%s: nearLimit(%d, %d) = %v, want %v", tt.name, tt.limit, tt.held, got, tt.want)
		}
	}
}

// TestHeldMemory checks that the memory the limit counts is read: more
// than the heap's objects, less than all the runtime took from the
// system.
func TestHeldMemory(t *testing.T) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	held := heldMemory()
	if held < int64(m.HeapAlloc)/2 || held > int64(m.Sys)*2 {
		t.Errorf("held %d bytes; the heap's objects are %d, the runtime's memory %d", held, m.HeapAlloc, m.Sys)
	}
}
