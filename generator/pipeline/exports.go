package pipeline

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/ladder-ssg/ladder/generator/paths"

	"github.com/ladder-ssg/ladder/generator/export"
	"github.com/ladder-ssg/ladder/generator/lms"
	"github.com/ladder-ssg/ladder/generator/site"
)

// writeExports writes each framework's standard formats beside its page
// (only for occupations whose page fingerprint changed, unless all) and
// the site-wide files: feed, catalogue, sitemap and robots.txt. It returns
// the fingerprints the exports were made from.
func writeExports(b *run, previous map[string]uint64) (map[string]uint64, error) {
	w, model, all := b.w, b.model, b.all
	keys := map[string]uint64{}
	var todo []*site.Occupation
	fingerprints := frameworkKeys(model, w.seed)
	for _, p := range model.Pages {
		if p.Kind != site.OccupationPage {
			continue
		}
		o := p.Occupation
		keys[o.Code] = fingerprints[o]
		if all || previous[o.Code] != keys[o.Code] {
			todo = append(todo, o)
			continue
		}
		for _, d := range export.Downloads(o, model.Config.Outputs) {
			if d.Format != export.FormatOriginal {
				w.keep(d.Path)
			}
		}
	}
	err := forEach(b.ctx, len(todo), func(i int, scratch, exports *bytes.Buffer) error {
		files, grown, err := export.AppendFrameworkFiles(exports.AvailableBuffer(), todo[i], model)
		// The worker's next framework reuses the buffer, at the size the
		// files grew it to, once these are written.
		*exports = *bytes.NewBuffer(grown[:0])
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := w.writeExport(f, scratch); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = writeAssessShards(b, keys, previous)
	}
	if err != nil {
		return forget(previous, todo), err
	}
	// The site-wide files show the page list and each occupation's summary,
	// version and export date: remake them only when one of those changed.
	siteKey := siteFilesKey(model, w.seed) ^ b.langs.siteSum(model)
	if !all && siteKey == previous[siteFilesKeyName] {
		w.keepSiteFiles(model)
	} else {
		files, err := export.SiteFiles(model, b.langs.alternates(model))
		if err != nil {
			return forget(keys, nil), err
		}
		b.langs.robots(files)
		for _, f := range files {
			if err := w.writeExport(f, nil); err != nil {
				return forget(keys, nil), err
			}
		}
	}
	keys[siteFilesKeyName] = siteKey
	return keys, nil
}

// keepSiteFiles records that the site-wide files stay as the last build
// wrote them, with the sitemaps a large site's index names: their number
// depends on the sitemap's bytes, so they are the parts the last build
// wrote.
func (w *writer) keepSiteFiles(model *site.Site) {
	for _, name := range export.SiteFileNames(model) {
		w.keep(name)
	}
	for n := 1; w.wroteBefore(paths.SitemapPart(n)); n++ {
		w.keep(paths.SitemapPart(n))
	}
}

// writeAssessShards writes the self-assessment's data script of each
// group of occupations (export.AssessShards) whose members or their
// frameworks changed, recording each script's key in keys under
// dataKeyPrefix and its path, and hands over each member's script alone
// for its package (ownData): an occupation whose exports changed is in
// a group whose script did.
func writeAssessShards(b *run, keys, previous map[string]uint64) error {
	names, members := export.AssessShards(b.model)
	var todo []string
	for _, name := range names {
		var h maphash.Hash
		h.SetSeed(b.w.seed)
		for _, o := range members[name] {
			h.WriteString(o.Code)
			binary.Write(&h, binary.LittleEndian, keys[o.Code])
		}
		key := dataKeyPrefix + name
		keys[key] = h.Sum64()
		if b.all || previous[key] != keys[key] {
			todo = append(todo, name)
		} else {
			b.w.keep(name)
		}
	}
	return forEach(b.ctx, len(todo), func(i int, scratch, _ *bytes.Buffer) error {
		group := members[todo[i]]
		// hold compresses each script alone at once, keeping none of it.
		data, err := export.AssessScripts(group, b.model, scratch, func(k int, alone []byte) {
			b.w.hand.hold(ownData(group[k]), alone)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", todo[i], err)
		}
		// Written compact by export: a minifier would only read it.
		return b.w.writeRaw(todo[i], data)
	})
}

// frameworkKeys hashes, for each occupation, the fingerprints of its page
// and its level pages: the exports show the framework, and the CASE
// package and the self-assessment's data its alignments too, which only
// the level pages' fingerprints follow.
func frameworkKeys(model *site.Site, seed maphash.Seed) map[*site.Occupation]uint64 {
	hashes := make(map[*site.Occupation]*maphash.Hash, len(model.Occupations))
	for _, p := range model.Pages {
		if p.Kind != site.OccupationPage && p.Kind != site.OccupationLevelPage {
			continue
		}
		h := hashes[p.Occupation]
		if h == nil {
			h = new(maphash.Hash)
			h.SetSeed(seed)
			hashes[p.Occupation] = h
		}
		binary.Write(h, binary.LittleEndian, p.Fingerprint)
	}
	keys := make(map[*site.Occupation]uint64, len(hashes))
	for o, h := range hashes {
		keys[o] = h.Sum64()
	}
	return keys
}

// forget returns keys without the entries of todo, of the groups' data
// scripts and of the site-wide files: the keys of a step that stopped
// half-way, whose unfinished parts the next build must make again.
func forget(keys map[string]uint64, todo []*site.Occupation) map[string]uint64 {
	out := make(map[string]uint64, len(keys))
	for k, v := range keys {
		if !strings.HasPrefix(k, dataKeyPrefix) {
			out[k] = v
		}
	}
	for _, o := range todo {
		delete(out, o.Code)
	}
	delete(out, siteFilesKeyName)
	return out
}

// dataKeyPrefix starts the export keys of the groups' data scripts,
// followed by the script's path; it cannot clash with an occupation
// code, which has no spaces.
const dataKeyPrefix = "data "

// siteFilesKeyName is the entry of the export keys that holds siteFilesKey;
// it cannot clash with an occupation code, which has no spaces.
const siteFilesKeyName = "site files"

// siteFilesKey hashes what the feed, catalogue, sitemap and robots.txt show:
// the page list, the home page and every framework.
func siteFilesKey(model *site.Site, seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, p := range model.Pages {
		h.WriteString(p.Path)
		if p.Kind == site.HomePage {
			binary.Write(&h, binary.LittleEndian, p.Fingerprint)
		}
	}
	// The feed and catalogue show each framework's description, version
	// and export date: a framework's file changes with any of them.
	for _, o := range model.Occupations {
		binary.Write(&h, binary.LittleEndian, o.Sum)
	}
	return h.Sum64()
}

// bundleNames lists the files of the bulk download: every framework's
// file (normalized, or as it came), current and earlier versions. Its
// other formats stay out: the bundle's site-wide Moodle and Canvas files
// hold the rows of the frameworks' own, and a CASE package says nothing
// the framework's file does not (each is a link away on the site).
func bundleNames(model *site.Site) []string {
	var names []string
	for _, o := range model.Occupations {
		for _, d := range export.Downloads(o, model.Config.Outputs) {
			if d.Format == export.FormatNormalized || d.Format == export.FormatOriginal {
				names = append(names, d.Path)
			}
		}
		for _, v := range o.History {
			names = append(names, v.Download)
		}
	}
	return names
}

// writeBundle zips the bundle's files, handed over compressed by the
// steps that wrote them, and the site-wide Moodle and Canvas files (made
// here: the bundle is their only copy) into the output at paths.Bundle,
// when any of them changed; previews skip that after the first build, as
// it takes seconds on a large site.
func writeBundle(b *run, prev map[string]uint64) (map[string]uint64, error) {
	if !b.model.Config.Outputs.Bundle {
		return nil, nil
	}
	names := bundleNames(b.model)
	// The site-wide CSVs show every framework, which names covers, and
	// the site's title and description, which siteFilesKey does.
	key := b.w.sumOf(names) ^ siteFilesKey(b.model, b.w.seed)
	if !b.first && (key == prev[""] || b.preview) {
		b.w.keep(paths.Bundle)
		return prev, nil
	}
	files := b.w.hand.files(names...)
	// The site-wide CSVs hold every framework: they are compressed as
	// they are written, never whole in memory, and kept in the spill
	// file; each on a core of its own.
	csvs := export.SiteLMSFiles(b.model)
	zipped := make([]lms.File, len(csvs))
	err := forEach(b.ctx, len(csvs), func(i int, _, _ *bytes.Buffer) error {
		z, err := b.w.hand.compressor.CompressFrom(csvs[i].Write)
		if err != nil {
			return fmt.Errorf("%s: %w", csvs[i].Name, err)
		}
		zipped[i] = lms.File{Path: csvs[i].Name, Zipped: z}
		return nil
	})
	if err != nil {
		return nil, err
	}
	files = append(files, zipped...)
	err = b.w.stream(paths.Bundle, func(out io.Writer) error {
		return lms.WriteZipDated(out, files, latestExport(b.model.Occupations))
	})
	if err != nil {
		return nil, err
	}
	return map[string]uint64{"": key}, nil
}
