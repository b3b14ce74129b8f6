package pipeline

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"sync"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/site"
)

// handoff holds what later steps need of the files earlier steps wrote,
// so that no step reads the output folder back: the pages, assets and
// data scripts of the LMS packages as they are, and the bundle's files
// compressed. A session keeps it across builds, for the files a rebuild
// does not write again. Safe for concurrent use.
type handoff struct {
	compressor lms.Compressor

	mu     sync.Mutex
	lms    map[string]bool // paths the packages hold, this build
	bundle map[string]bool // paths the bundle holds, this build
	pages  map[string][]byte
	zipped map[string]*lms.Zipped
}

// want says which files the packages and the bundle of model hold.
func (h *handoff) want(model *site.Site) {
	lmsPaths := map[string]bool{site.EmbedIndexPath: true}
	for _, o := range model.Occupations {
		for _, p := range occupationPaths(o) {
			lmsPaths[p] = true
		}
	}
	bundle := map[string]bool{}
	for _, name := range bundleNames(model) {
		bundle[name] = true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lms, h.bundle = lmsPaths, bundle
	if h.pages == nil {
		h.pages, h.zipped = map[string][]byte{}, map[string]*lms.Zipped{}
	}
}

// hold keeps data, just published at rel, when a later step needs it.
func (h *handoff) hold(rel string, data []byte) {
	h.mu.Lock()
	forLMS, forBundle := h.lms[rel], h.bundle[rel]
	h.mu.Unlock()
	if forLMS {
		data := bytes.Clone(data) // the caller reuses its buffer
		h.mu.Lock()
		h.pages[rel] = data
		h.mu.Unlock()
	}
	if forBundle {
		// Compressed here, on the core that made the file.
		z := h.compressor.Compress(data)
		h.mu.Lock()
		h.zipped[rel] = z
		h.mu.Unlock()
	}
}

// held reports whether rel is kept with the bytes data: a file written
// again with the same bytes need not be kept again.
func (h *handoff) held(rel string, data []byte) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lms[rel] {
		if old, ok := h.pages[rel]; !ok || !bytes.Equal(old, data) {
			return false
		}
	}
	if h.bundle[rel] {
		z, ok := h.zipped[rel]
		return ok && z.Size() == len(data) && z.CRC32() == crc32.ChecksumIEEE(data)
	}
	return true
}

// lmsFile is the package file at rel, as the last build wrote it.
func (h *handoff) lmsFile(rel string) lms.File {
	return lms.File{Path: rel, Open: func() ([]byte, error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		data, ok := h.pages[rel]
		if !ok {
			return nil, fmt.Errorf("pipeline: %s was not handed to the packages", rel)
		}
		return data, nil
	}}
}

// bundleFiles are the bundle's files at names, compressed.
func (h *handoff) bundleFiles(names []string) ([]lms.File, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	files := make([]lms.File, 0, len(names))
	for _, name := range names {
		z, ok := h.zipped[name]
		if !ok {
			return nil, fmt.Errorf("pipeline: %s was not handed to the bundle (%s)", name, export.BundlePath)
		}
		files = append(files, lms.File{Path: name, Zipped: z})
	}
	return files, nil
}

// prune forgets the files this build's site no longer has.
func (h *handoff) prune() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for rel := range h.pages {
		if !h.lms[rel] {
			delete(h.pages, rel)
		}
	}
	for rel := range h.zipped {
		if !h.bundle[rel] {
			delete(h.zipped, rel)
		}
	}
}
