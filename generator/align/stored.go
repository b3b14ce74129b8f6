package align

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unsafe"
)

// The aligner that learns from every example with the default settings
// (the one a build makes) is stored: everything New derives from the
// taxonomy (vocabulary, word and title tables, IDF, the inverted
// indexes, the language model, the classifiers) is written by
// TestStoredIndex -update (and TestTrain -update) to index.bin, and New
// loads it by slicing the embedded bytes, with no decoding loop, no
// allocation in proportion to it and no reading of the examples: about
// 10 MB of the binary, of which a build touches the pages its words
// need. TestStoredIndex holds it to the aligner built from the taxonomy,
// byte for byte, so it cannot go stale silently.
//
// The file is a table of contents, then the sections. The table is the
// number of sections and, for each, its element count, element size and
// offset in the file (8 bytes each, little-endian), so that New reads
// the first page or two and touches a section only when a statement
// needs it. A section is its elements as a little-endian 64-bit machine
// holds them, padded to 8 bytes. On a machine that holds them otherwise,
// or if the file does not fit, New builds the aligner from the taxonomy
// instead.
//
//go:embed index.bin
var storedIndex string

// coder writes the stored fields of an aligner (sections) or reads them
// from data: one walk over the fields (Aligner.stored) does both, so the
// two cannot disagree.
type coder struct {
	reading  bool
	sections []sectionOut // writing
	data     string       // reading: the file
	toc      string       // reading: the rest of the table of contents
	end      int          // reading: the end of the sections read, padded
	err      error
}

// sectionOut is a section to write: its elements, encoded.
type sectionOut struct {
	count, size int
	bytes       []byte
}

// bytes returns the file of the sections written.
func (c *coder) bytes() []byte {
	le := binary.LittleEndian
	out := le.AppendUint64(nil, uint64(len(c.sections)))
	offset := 8 + 24*len(c.sections)
	for _, s := range c.sections {
		out = le.AppendUint64(le.AppendUint64(le.AppendUint64(out, uint64(s.count)), uint64(s.size)), uint64(offset))
		offset += len(s.bytes) + pad(len(s.bytes))
	}
	for _, s := range c.sections {
		out = append(append(out, s.bytes...), make([]byte, pad(len(s.bytes)))...)
	}
	return out
}

// next reads the next entry of the table of contents.
func (c *coder) next() (count, size, offset uint64) {
	if len(c.toc) < 24 {
		c.err = errors.New("stored index: table of contents cut short")
		return 0, 0, 0
	}
	le := binary.LittleEndian
	count, size, offset = le.Uint64([]byte(c.toc[:8])), le.Uint64([]byte(c.toc[8:16])), le.Uint64([]byte(c.toc[16:24]))
	c.toc = c.toc[24:]
	return count, size, offset
}

// load sets the aligner's derived fields from the stored index data.
func (a *Aligner) load(data string) error {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		return errors.New("stored index: not a little-endian machine")
	}
	if len(data) > 0 && uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 != 0 {
		// Aligned copy: the sections are aligned to 8 bytes from the start.
		buf := make([]uint64, (len(data)+7)/8)
		b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(data))
		copy(b, data)
		data = unsafe.String(&b[0], len(b))
	}
	if len(data) < 8 {
		return errors.New("stored index: cut short")
	}
	n := binary.LittleEndian.Uint64([]byte(data[:8]))
	if n > uint64(len(data)-8)/24 {
		return errors.New("stored index: cut short")
	}
	c := &coder{reading: true, data: data, toc: data[8 : 8+24*n]}
	elements := len(a.tax.Elements)
	a.stored(c, &elements)
	switch {
	case c.err != nil:
		return c.err
	case len(c.toc) != 0 || c.end != len(data):
		return fmt.Errorf("stored index: %d sections and %d bytes left over", len(c.toc)/24, len(data)-c.end)
	case elements != len(a.tax.Elements):
		return fmt.Errorf("stored index: %d elements, the taxonomy has %d", elements, len(a.tax.Elements))
	}
	a.titleVec = make([]vector, len(a.elems))
	for e := range a.titleVec {
		a.titleVec[e] = a.titleFeats[a.titleOff[e]:a.titleOff[e+1]:a.titleOff[e+1]]
	}
	return nil
}

// encode returns the stored index of the aligner.
func (a *Aligner) encode() []byte {
	c := &coder{}
	elements := len(a.tax.Elements)
	a.stored(c, &elements)
	if c.err != nil {
		panic(c.err) // an element whose size is not the machine's: see section
	}
	return c.bytes()
}

// stored walks the fields that the stored index holds, in its order:
// the numbers first, so that reading them touches the start of the file
// only.
func (a *Aligner) stored(c *coder, elements *int) {
	scalar(c, elements)
	scalar(c, &a.nIWA)
	scalar(c, &a.voc.n)
	scalar(c, &a.voc.pair.n)
	scalar(c, &a.disc.classes)
	scalar(c, &a.discIWA.classes)
	table(c, &a.voc.stems)
	section(c, &a.voc.pair.key, binary.LittleEndian.AppendUint64)
	section(c, &a.voc.pair.val, appendInt32)
	table(c, &a.word)
	table(c, &a.exact)
	section(c, &a.idf, appendFloat64)
	section(c, &a.elems, appendInt32)
	section(c, &a.elemInfo, appendElemInfo)
	section(c, &a.titleOff, appendInt32)
	section(c, &a.titleFeats, appendFeat)
	for _, ix := range [...]*index{&a.dwaIdx, &a.skillIdx, &a.iwaIdx, &a.exIdx, &a.occIdx, &a.lm.dwa, &a.lm.iwa, &a.disc.w, &a.discIWA.w} {
		section(c, &ix.off, appendInt32)
		section(c, &ix.post, appendPosting)
	}
	for _, l := range [...]*lists{&a.exActs, &a.occActs} {
		section(c, &l.off, appendInt32)
		section(c, &l.at, appendInt32)
	}
	section(c, &a.exOcc, appendInt32)
	section(c, &a.occSOC, func(b []byte, x socCode) []byte { return append(b, x[:]...) })
	section(c, &a.links, appendInt32)
	section(c, &a.popular, appendFloat64)
	section(c, &a.lm.konst, appendFloat64)
}

// table walks a string table.
func table(c *coder, t *strTable) {
	section(c, &t.slot, appendInt32)
	section(c, &t.end, appendInt32)
	section(c, &t.keys, func(b []byte, x byte) []byte { return append(b, x) })
	section(c, &t.val, appendInt32)
}

// scalar walks one number, stored as a section of one int64.
func scalar[T int | int32](c *coder, p *T) {
	s := []int64{int64(*p)}
	section(c, &s, func(b []byte, x int64) []byte { return binary.LittleEndian.AppendUint64(b, uint64(x)) })
	if c.reading && c.err == nil {
		if len(s) != 1 {
			c.err = errors.New("stored index: a number is not one")
			return
		}
		*p = T(s[0])
	}
}

// section writes the elements of *s, each with put, or reads them into
// *s: a slice of the data itself.
func section[T any](c *coder, s *[]T, put func([]byte, T) []byte) {
	if c.err != nil {
		return
	}
	size := int(unsafe.Sizeof(*new(T)))
	if !c.reading {
		var b []byte
		for _, x := range *s {
			b = put(b, x)
		}
		if len(b) != len(*s)*size {
			c.err = fmt.Errorf("stored index: a %T is %d bytes here, not %d", *new(T), size, len(b)/max(len(*s), 1))
		}
		c.sections = append(c.sections, sectionOut{len(*s), size, b})
		return
	}
	n, got, offset := c.next()
	end := offset + n*uint64(size)
	switch {
	case c.err != nil:
		return
	case got != uint64(size):
		c.err = fmt.Errorf("stored index: a %T is %d bytes here, stored %d", *new(T), size, got)
		return
	case offset%8 != 0 || n > uint64(len(c.data)) || offset > uint64(len(c.data)) || end < offset || end > uint64(len(c.data)):
		c.err = errors.New("stored index: a section out of the file")
		return
	}
	c.end = max(c.end, int(end)+pad(int(end)))
	*s = nil
	if n > 0 {
		*s = unsafe.Slice((*T)(unsafe.Pointer(unsafe.StringData(c.data[offset:]))), n)
	}
}

// pad is the padding that brings n to a multiple of 8.
func pad(n int) int { return (8 - n%8) % 8 }

func appendInt32(b []byte, x int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(x)) }

func appendFloat64(b []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
}

func appendPosting(b []byte, p posting) []byte {
	return binary.LittleEndian.AppendUint32(appendInt32(b, p.doc), math.Float32bits(p.w))
}

// appendFeat writes a feat as a 64-bit machine holds it: the id, 4 bytes
// of padding, the weight.
func appendFeat(b []byte, f feat) []byte {
	return appendFloat64(append(appendInt32(b, f.id), 0, 0, 0, 0), f.w)
}

// appendElemInfo writes an elemInfo as the machine holds it: the IWA,
// the verb, the kind and 3 bytes of padding.
func appendElemInfo(b []byte, e elemInfo) []byte {
	return append(appendInt32(appendInt32(b, e.iwa), e.verb), byte(e.kind), 0, 0, 0)
}
