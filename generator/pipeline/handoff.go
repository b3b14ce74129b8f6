package pipeline

import (
	"fmt"
	"hash/crc32"
	"sync"

	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/site"
)

// handoff holds, compressed, the files later steps need of those earlier
// steps wrote, so that no step reads the output folder back: the pages,
// assets and data scripts of the LMS packages, and the bundle's files.
// Each is compressed once, by the core that made it, as every zip that
// holds it would; a session keeps them across builds, for the files a
// rebuild does not write again. Safe for concurrent use.
type handoff struct {
	compressor lms.Compressor

	mu     sync.Mutex
	wanted map[string]bool // paths the packages and the bundle hold, this build
	zipped map[string]*lms.Zipped
}

// newHandoff makes a session's handoff, which keeps the compressed files
// on disk, not in memory: they are read again only when a zip is
// written. Without a temporary folder, memory serves.
func newHandoff() *handoff {
	h := &handoff{}
	h.compressor.Spill, _ = lms.NewSpill("")
	return h
}

// want says which files the packages and the bundle of model hold.
func (h *handoff) want(model *site.Site) {
	wanted := map[string]bool{paths.EmbedIndex: true}
	for _, o := range model.Occupations {
		for _, p := range occupationPaths(o) {
			wanted[p] = true
		}
		wanted[ownData(o)] = true
	}
	for _, name := range bundleNames(model) {
		wanted[name] = true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.wanted = wanted
	if h.zipped == nil {
		h.zipped = map[string]*lms.Zipped{}
	}
}

// hold keeps data, just published at rel, when a later step needs it
// and does not hold these bytes already.
func (h *handoff) hold(rel string, data []byte) {
	h.mu.Lock()
	z, ok := h.zipped[rel]
	wanted := h.wanted[rel]
	h.mu.Unlock()
	if !wanted || ok && z.Size() == len(data) && z.CRC32() == crc32.ChecksumIEEE(data) {
		return
	}
	z = h.compressor.Compress(data)
	h.mu.Lock()
	h.zipped[rel] = z
	h.mu.Unlock()
}

// file is the file at rel as it was published, for a zip.
func (h *handoff) file(rel string) lms.File { return h.fileAs(rel, rel) }

// fileAs is the file held as name, for a zip at rel: a file of a package
// that the site publishes otherwise (see ownData).
func (h *handoff) fileAs(name, rel string) lms.File {
	h.mu.Lock()
	defer h.mu.Unlock()
	if z, ok := h.zipped[name]; ok {
		return lms.File{Path: rel, Zipped: z}
	}
	// A bug, not bad input: every file a zip holds is published first.
	return lms.File{Path: rel, Open: func() ([]byte, error) {
		return nil, fmt.Errorf("pipeline: %s was not handed over to the packages and the bundle", name)
	}}
}

// files are the files at names as they were published.
func (h *handoff) files(names ...string) []lms.File {
	out := make([]lms.File, 0, len(names))
	for _, name := range names {
		out = append(out, h.file(name))
	}
	return out
}

// prune forgets the files this build's site no longer has.
func (h *handoff) prune() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for rel := range h.zipped {
		if !h.wanted[rel] {
			delete(h.zipped, rel)
		}
	}
}

// ownData names, among the files handed over, the data script of o alone
// (export.AssessData), which its own package holds at o.DataPath in place
// of its group's; the site publishes only the group's. Its "#" keeps it
// from naming a published file.
func ownData(o *site.Occupation) string { return o.DataPath + "#" + o.Code }

// unique returns names without repeats, in their first order.
func unique(names []string) []string {
	seen := make(map[string]bool, len(names))
	out := names[:0:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
