package pipeline

import (
	"encoding/binary"
	"hash/maphash"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/search"
	"github.com/ladder-ssg/ladder/generator/site"
)

// writeSearch writes the offline search index under search/, remaking it
// only when what it indexes (the frameworks and where their levels are,
// the levels, the groups) changed.
func writeSearch(b *run, prev map[string]uint64) (map[string]uint64, error) {
	w, model := b.w, b.model
	var h maphash.Hash
	h.SetSeed(w.seed)
	var sum [8]byte
	for _, o := range model.Occupations {
		binary.LittleEndian.PutUint64(sum[:], o.Sum)
		h.Write(sum[:])
		h.WriteString(o.Path)
		for _, ol := range o.Levels {
			h.WriteString(ol.Path) // a page, or a part of o's (Outputs.LevelPages)
		}
	}
	for _, lv := range model.Levels {
		h.WriteString(lv.Slug)
	}
	for _, g := range model.Groups {
		h.WriteString(g.Key)
	}
	key := h.Sum64()
	if v, ok := prev[""]; ok && !b.all && key == v {
		for rel := range w.old {
			if strings.HasPrefix(rel, paths.SearchIndex) && rel != paths.Search {
				w.keep(rel)
			}
		}
		return prev, nil
	}
	if err := writeIndex(w, model); err != nil {
		return nil, err
	}
	// The index, about 60 MB at 10,160 frameworks, is garbage now.
	collectNearLimit()
	return map[string]uint64{"": key}, nil
}

// writeIndex builds the search index of model and writes its files.
func writeIndex(w *writer, model *site.Site) error {
	ix, err := search.Build(search.FromSite(model), search.WithLanguage(model.Config.Language))
	if err != nil {
		return err
	}
	for _, f := range ix.Files() {
		// The index is compact data already; minifying it would only cost time.
		if err := w.writeRaw(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}
