package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// collector reads the collector's settings without changing them.
func collector() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// keepCollector restores the collector's settings after a test.
func keepCollector(t *testing.T) {
	percent, limit := collector()
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestTuneCollector(t *testing.T) {
	const untouched = 123 << 20
	tests := []struct {
		name        string
		env         map[string]string
		percent     int
		memoryLimit int64
	}{
		{"no variables: no collection below collectFrom", nil, -1, collectFrom},
		{"GOGC: the soft limit only", map[string]string{"GOGC": "50"}, 77, memoryLimit},
		{"GOMEMLIMIT: nothing", map[string]string{"GOMEMLIMIT": "1GiB"}, 77, untouched},
		{"both: nothing", map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 77, untouched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keepCollector(t)
			debug.SetGCPercent(77)
			debug.SetMemoryLimit(untouched)
			tuneCollector(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if percent, limit := collector(); percent != tt.percent || limit != tt.memoryLimit {
				t.Errorf("GOGC %d, limit %d; want %d, %d", percent, limit, tt.percent, tt.memoryLimit)
			}
			if tt.percent == -1 {
				// Let the sentinel's finalizer run now, not in a later test.
				awaitCollector(t, memoryLimit)
			}
		})
	}
}

// TestCollectOnceAbove holds the collector off until its first
// collection, then on, under the soft limit given.
func TestCollectOnceAbove(t *testing.T) {
	keepCollector(t)
	collectOnceAbove(1<<40, 512<<20) // a floor this test never reaches
	if percent, limit := collector(); percent != -1 || limit != 1<<40 {
		t.Fatalf("before the first collection: GOGC %d, limit %d; want off, 1 TiB", percent, limit)
	}
	awaitCollector(t, 512<<20)
}

// awaitCollector collects until the collector is on (GOGC=collectPercent)
// with the soft limit want: the sentinel's finalizer runs on a goroutine
// of its own, some time after the collection that frees it.
func awaitCollector(t *testing.T, want int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		percent, limit := collector()
		if percent == collectPercent && limit == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after collections for 10 s: GOGC %d, limit %d; want %d, %d", percent, limit, collectPercent, want)
		}
		time.Sleep(time.Millisecond)
	}
}
