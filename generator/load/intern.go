package load

import (
	"hash/maphash"
	"sync"
)

// texts interns the strings of the frameworks decoded together:
// frameworks repeat one another's words (versions in a framework's
// history, regional variants of one occupation, labels and sources), and
// a large site holds every framework's text at once. It is a plain map
// a build, not the unique package, whose weak entries cost a cleanup
// registered for every new string: most of the decoding time of a corpus.
// Safe for concurrent use; a nil *texts interns nothing.
type texts struct {
	seed   maphash.Seed
	shards [textShards]textShard
}

// textShards spreads the decoding workers over locks of their own.
const textShards = 32

type textShard struct {
	mu sync.Mutex
	m  map[string]string
}

func newTexts() *texts { return &texts{seed: maphash.MakeSeed()} }

// intern returns b as a string, the one made for the same bytes before.
func (t *texts) intern(b []byte) string {
	if t == nil {
		return string(b)
	}
	sh := &t.shards[maphash.Bytes(t.seed, b)%textShards]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if s, ok := sh.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if sh.m == nil {
		sh.m = make(map[string]string)
	}
	sh.m[s] = s
	return s
}
