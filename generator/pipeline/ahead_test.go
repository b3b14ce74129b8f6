package pipeline

import (
	"errors"
	"testing"

	"github.com/ladder-ssg/ladder/generator/render"
)

// TestParsedAheadTake checks when a build takes the templates parsed
// ahead: only for the site's own hash, at once (without waiting for a
// parse still running) when the hash differs, and never when they did
// not parse.
func TestParsedAheadTake(t *testing.T) {
	parsed := &render.Templates{}
	running := &parsedAhead{done: make(chan struct{}), sum: 1} // never finishes
	if got := running.take(2); got != nil {
		t.Error("took templates of another hash")
	}
	var none *parsedAhead
	if got := none.take(1); got != nil {
		t.Error("took templates when none were parsed ahead")
	}
	done := make(chan struct{})
	close(done)
	if got := (&parsedAhead{done: done, sum: 1, templates: parsed}).take(1); got != parsed {
		t.Error("did not take the templates parsed ahead for the site's hash")
	}
	if got := (&parsedAhead{done: done, sum: 1, err: errors.New("bad template")}).take(1); got != nil {
		t.Error("took templates that did not parse")
	}
}
