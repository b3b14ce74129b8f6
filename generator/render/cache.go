package render

import "sync"

// generations is a cache that holds at most about twice its limit: when
// the current generation is full it becomes the old one and the older
// one is dropped; an entry found in the old generation moves to the
// current one. Caches of rendered fragments would otherwise grow with the
// site (hundreds of megabytes on a 10,000-framework site), while their
// hits come from pages rendered close together. Safe for concurrent use.
type generations[K comparable, V any] struct {
	limit int

	mu       sync.Mutex
	cur, old map[K]V
}

func newGenerations[K comparable, V any](limit int) *generations[K, V] {
	return &generations[K, V]{limit: limit, cur: make(map[K]V)}
}

func (g *generations[K, V]) get(k K) (V, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if v, ok := g.cur[k]; ok {
		return v, true
	}
	v, ok := g.old[k]
	if ok {
		g.putLocked(k, v)
	}
	return v, ok
}

func (g *generations[K, V]) put(k K, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.putLocked(k, v)
}

func (g *generations[K, V]) putLocked(k K, v V) {
	if len(g.cur) >= g.limit {
		g.old, g.cur = g.cur, make(map[K]V, g.limit)
	}
	g.cur[k] = v
}

func (g *generations[K, V]) len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.cur) + len(g.old)
}
