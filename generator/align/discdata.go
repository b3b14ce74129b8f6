package align

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"slices"
)

// The classifiers of the aligner that learns from every example are
// learned by TestTrain (-update) and embedded as disc.bin.gz, since
// learning them takes seconds; an aligner that learns from some examples
// only (LearnFrom) learns its own.
//
//go:embed disc.bin.gz
var discData []byte

// discStep is the step of a stored weight: weights are rounded to it,
// and those that round to 0 are dropped, when learned as when stored, so
// that the embedded classifiers are the learned ones exactly.
const discStep = 1.0 / 1024

// quantize rounds the weights to discStep and drops those that round to
// zero.
func (m *discModel) quantize() {
	docs := make([]bag, m.classes)
	for t := range len(m.w.off) - 1 {
		for _, p := range m.w.postings(int32(t)) {
			if q := math.Round(float64(p.w) / discStep); q != 0 {
				docs[p.doc] = append(docs[p.doc], feat{int32(t), q * discStep})
			}
		}
	}
	m.w = newIndex(docs, nil, len(m.w.off)-1)
}

// encodeDisc writes the classifiers over DWAs and IWAs, with the
// fingerprint of the vocabulary their terms are numbered in.
func encodeDisc(fingerprint uint64, models ...discModel) []byte {
	b := binary.AppendUvarint(nil, fingerprint)
	for _, m := range models {
		b = binary.AppendUvarint(b, uint64(m.classes))
		b = binary.AppendUvarint(b, uint64(len(m.w.off)-1))
		prev := int32(0)
		for t := range int32(len(m.w.off) - 1) {
			ps := m.w.postings(t)
			if len(ps) == 0 {
				continue
			}
			b = binary.AppendUvarint(b, uint64(t-prev))
			b = binary.AppendUvarint(b, uint64(len(ps)))
			prev = t
			for _, p := range ps {
				b = binary.AppendUvarint(b, uint64(p.doc))
				b = binary.AppendVarint(b, int64(math.Round(float64(p.w)/discStep)))
			}
		}
		b = binary.AppendUvarint(b, 0) // a zero step ends the terms
		b = binary.AppendUvarint(b, 0)
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// decodeDisc reads what encodeDisc wrote: the fingerprint and n models.
func decodeDisc(data []byte, n int) (uint64, []discModel, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return 0, nil, fmt.Errorf("classifiers: %w", err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return 0, nil, fmt.Errorf("classifiers: %w", err)
	}
	d := &varints{b: raw}
	fp := d.uint()
	var out []discModel
	for range n {
		m := discModel{classes: int(d.uint())}
		terms := int(d.uint())
		off := make([]int32, terms+1)
		var post []posting
		t := 0
		for d.err == nil {
			step, count := int(d.uint()), int(d.uint())
			if count == 0 {
				break
			}
			if t+step >= terms {
				return 0, nil, fmt.Errorf("classifiers: term %d of %d", t+step, terms)
			}
			for k := t + 1; k <= t+step; k++ {
				off[k] = int32(len(post))
			}
			t += step
			for range count {
				c := d.uint()
				if c >= uint64(m.classes) {
					return 0, nil, fmt.Errorf("classifiers: class %d of %d", c, m.classes)
				}
				post = append(post, posting{int32(c), float32(float64(d.int()) * discStep)})
			}
		}
		for k := t + 1; k <= terms; k++ {
			off[k] = int32(len(post))
		}
		m.w = index{off: off, post: post}
		out = append(out, m)
	}
	if d.err != nil {
		return 0, nil, fmt.Errorf("classifiers: %w", d.err)
	}
	return fp, out, nil
}

// varints reads varints until the first error.
type varints struct {
	b   []byte
	err error
}

func (d *varints) uint() uint64 { return read(d, binary.Uvarint) }

func (d *varints) int() int64 { return read(d, binary.Varint) }

// read reads one varint with decode.
func read[T uint64 | int64](d *varints, decode func([]byte) (T, int)) T {
	x, n := decode(d.b)
	if n <= 0 {
		d.err = errors.New("data cut short")
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return x
}

// fingerprint is a hash of the vocabulary's numbering: of every stem and
// pair of stems with its number, in the order of the numbers.
func (v *vocab) fingerprint() uint64 {
	type term struct {
		id  int32
		key string
	}
	var ts []term
	for s, id := range v.uni {
		ts = append(ts, term{id, s})
	}
	for i, id := range v.pair.val {
		if id >= 0 {
			ts = append(ts, term{id, fmt.Sprintf("%d %d", uint32(v.pair.key[i]>>32), uint32(v.pair.key[i]))})
		}
	}
	slices.SortFunc(ts, func(x, y term) int { return int(x.id - y.id) })
	h := fnv.New64a()
	for _, t := range ts {
		fmt.Fprintf(h, "%d\t%s\n", t.id, t.key)
	}
	return h.Sum64()
}
