package pipeline

import (
	"encoding/binary"
	"hash/maphash"

	"github.com/ladder-ssg/ladder/generator/search"
	"github.com/ladder-ssg/ladder/generator/site"
)

// writeSearch writes the offline search index under search/, remaking it
// only when what it indexes (the frameworks, the levels, the groups)
// changed. It returns the key the index was made from.
func writeSearch(w *writer, model *site.Site, previous uint64, old map[string]uint64, all bool) (uint64, error) {
	var h maphash.Hash
	h.SetSeed(w.seed)
	var b [8]byte
	for _, o := range model.Occupations {
		binary.LittleEndian.PutUint64(b[:], o.Sum)
		h.Write(b[:])
		h.WriteString(o.Path)
	}
	for _, lv := range model.Levels {
		h.WriteString(lv.Slug)
	}
	for _, g := range model.Groups {
		h.WriteString(g.Key)
	}
	key := h.Sum64()
	if !all && key == previous {
		for rel := range old {
			if len(rel) > 7 && rel[:7] == "search/" && rel != site.SearchPath {
				w.keep(rel, old)
			}
		}
		return key, nil
	}
	ix, err := search.Build(search.FromSite(model), search.WithLanguage(model.Config.Language))
	if err != nil {
		return 0, err
	}
	for _, f := range ix.Files() {
		// The index is compact data already; minifying it would only cost time.
		if err := w.writeRaw(f.Path, f.Data); err != nil {
			return 0, err
		}
	}
	return key, nil
}
