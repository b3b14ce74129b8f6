package align

import (
	"maps"
	"slices"
)

// strTable maps strings to numbers and is never changed once made: open
// addressing (linear probing) over FNV-1a hashes, in flat slices, so that
// the stored index (stored.go) holds it as it is and loading it builds
// no map.
type strTable struct {
	slot []int32 // hash slot → entry, -1 for none; a power of two long
	end  []int32 // entry i's key is keys[end[i-1]:end[i]], from 0
	keys []byte
	val  []int32
}

// newStrTable freezes m, its keys in order so that the same map always
// gives the same table.
func newStrTable(m map[string]int32) strTable {
	size := 1
	for size < 2*len(m) {
		size *= 2
	}
	t := strTable{slot: make([]int32, size)}
	for i := range t.slot {
		t.slot[i] = -1
	}
	for i, k := range slices.Sorted(maps.Keys(m)) {
		s := slotOf(&t, k)
		t.slot[s] = int32(i)
		t.keys = append(t.keys, k...)
		t.end = append(t.end, int32(len(t.keys)))
		t.val = append(t.val, m[k])
	}
	return t
}

// get returns the number of k.
func (t *strTable) get(k string) (int32, bool) { return lookup(t, k) }

// getBytes returns the number of k.
func (t *strTable) getBytes(k []byte) (int32, bool) { return lookup(t, k) }

func lookup[K string | []byte](t *strTable, k K) (int32, bool) {
	if len(t.slot) == 0 {
		return -1, false
	}
	e := t.slot[slotOf(t, k)]
	if e < 0 {
		return -1, false
	}
	return t.val[e], true
}

// slotOf returns the slot of k, or the empty slot where it would go.
func slotOf[K string | []byte](t *strTable, k K) int {
	h := uint64(14695981039346656037)
	for i := range len(k) {
		h = (h ^ uint64(k[i])) * 1099511628211
	}
	mask := uint64(len(t.slot) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := t.slot[i]
		if e < 0 {
			return int(i)
		}
		if lo, hi := t.span(e); string(t.keys[lo:hi]) == string(k) {
			return int(i)
		}
	}
}

// span returns where entry e's key is in keys.
func (t *strTable) span(e int32) (lo, hi int32) {
	if e > 0 {
		lo = t.end[e-1]
	}
	return lo, t.end[e]
}

// equal reports whether t and u are the same table.
func (t *strTable) equal(u *strTable) bool {
	return slices.Equal(t.slot, u.slot) && slices.Equal(t.end, u.end) && slices.Equal(t.keys, u.keys) && slices.Equal(t.val, u.val)
}
