// Package transform holds the byte-level steps that run on rendered output
// before it is published: minification, and the serve-only live-reload
// injection. Steps are plain functions over bytes; the package knows nothing
// of sites, pages or templates.
package transform

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// Transformer is one step of a Chain. It reads its input from ft.From and
// writes its whole output to ft.To; a step that leaves its input unchanged
// must still copy it to ft.To.
type Transformer func(ft FromTo) error

// BytesReader is the input of a Transformer: a reader that can also hand out
// the unread bytes directly. The slice returned by Bytes is valid only until
// the step returns.
type BytesReader interface {
	io.Reader
	Bytes() []byte
}

// FromTo is the input and output of one Transformer call.
type FromTo interface {
	From() BytesReader
	To() io.Writer
}

// Chain is an ordered list of Transformers: each receives the output of the
// one before it. A nil or empty Chain copies its input unchanged.
type Chain []Transformer

// maxPooled is the largest buffer capacity returned to the pool, so that one
// huge file does not pin its memory for the rest of the build.
const maxPooled = 4 << 20

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return bufPool.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	bufPool.Put(b)
}

type fromTo struct {
	from, to *bytes.Buffer
}

func (ft *fromTo) From() BytesReader { return ft.from }
func (ft *fromTo) To() io.Writer     { return ft.to }

// Apply reads everything from from, passes it through the steps of c in
// order, and writes the result to to. It uses two pooled buffers, swapping
// them between steps, so it is safe to call from many goroutines at once.
// An error from a step is wrapped with the step's index in the chain.
func (c Chain) Apply(to io.Writer, from io.Reader) error {
	if len(c) == 0 {
		_, err := io.Copy(to, from)
		return err
	}
	in, out := getBuffer(), getBuffer()
	defer putBuffer(in)
	defer putBuffer(out)
	if _, err := in.ReadFrom(from); err != nil {
		return fmt.Errorf("transform: read input: %w", err)
	}
	ft := &fromTo{from: in, to: out}
	for i, step := range c {
		if i > 0 {
			ft.from, ft.to = ft.to, ft.from
			ft.to.Reset()
		}
		if err := step(ft); err != nil {
			return fmt.Errorf("transform step %d: %w", i, err)
		}
	}
	_, err := ft.to.WriteTo(to)
	return err
}
