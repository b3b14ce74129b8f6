package cli

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// startProfiles starts a CPU profile into cpuFile and a heap profile into
// memFile, each when named; the returned stop writes and closes them. The
// heap profile is the one taken when the heap held the most, sampled every
// 100ms, since that peak, not the end of the build, is what sets the
// process's peak memory. They are for `ladder build --cpuprofile
// --memprofile`, which BENCHMARKS.md uses to say where a build's time and
// memory go.
func startProfiles(cpuFile, memFile string) (stop func() error, err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	var peak *heapPeak
	if memFile != "" {
		peak = watchHeap(100 * time.Millisecond)
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("cpu profile: %w", err)
			}
		}
		if peak == nil {
			return nil
		}
		profile := peak.stop()
		if err := os.WriteFile(memFile, profile, 0o644); err != nil {
			return fmt.Errorf("memory profile: %w", err)
		}
		return nil
	}, nil
}

// heapPeak keeps the heap profile taken at the largest heap seen.
type heapPeak struct {
	done    chan struct{}
	stopped chan struct{}
	most    uint64
	profile []byte
}

func watchHeap(every time.Duration) *heapPeak {
	h := &heapPeak{done: make(chan struct{}), stopped: make(chan struct{})}
	// runtime.ReadMemStats rather than runtime/metrics, whose package
	// initialisation (half a millisecond) every run of ladder would pay.
	var stats runtime.MemStats
	go func() {
		defer close(h.stopped)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&stats)
			if n := stats.HeapAlloc; n > h.most {
				var buf bytes.Buffer
				if pprof.Lookup("heap").WriteTo(&buf, 0) == nil {
					h.most, h.profile = n, buf.Bytes()
				}
			}
			select {
			case <-h.done:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// stop ends the sampling and returns the profile of the peak.
func (h *heapPeak) stop() []byte {
	close(h.done)
	<-h.stopped
	return h.profile
}
