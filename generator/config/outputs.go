package config

import "github.com/ladder-ssg/ladder/generator/paths"

// Outputs are the outputs a site can do without, each on unless
// ladder.toml's [outputs] table sets it to false: a large site may not
// fit a host's limits with all of them (see Fit). Occupation pages, hub
// and skill pages, the search index, embed views and the
// self-assessment's data are always written.
type Outputs struct {
	// CASE is each framework's CASE 1.1 package, <code>.case.json.
	CASE bool `toml:"case"`
	// CSV is each framework's Moodle and Canvas CSV, and the site-wide
	// frameworks.moodle.csv and frameworks.canvas.csv in the Bundle.
	CSV bool `toml:"csv"`
	// JSON publishes each framework's normalized JSON as its framework
	// file, <code>.json; off, that file is the framework as it came. It
	// changes no file count or size worth switching off for a host.
	JSON bool `toml:"json"`
	// Bundle is downloads/frameworks.zip: every framework's file, and
	// the site-wide Moodle and Canvas CSVs.
	Bundle bool `toml:"bundle"`
	// SCORMPerOccupation is each occupation's SCORM 1.2 package,
	// downloads/scorm/<code>.zip.
	SCORMPerOccupation bool `toml:"scorm_per_occupation"`
	// SitePackages are the packages of the whole site: SCORM 1.2 and
	// 2004, cmi5 and the Common Cartridge.
	SitePackages bool `toml:"site_packages"`
	// LevelPages is a page per level, occupations/<code>/<level>/. Off,
	// each level is a column of its occupation page's progression table,
	// at the page's #<level> fragment, and each statement a cell of it
	// with its aligned activity and permanent link: a third of the
	// bytes and a fifth of the files of a site go.
	LevelPages bool `toml:"level_pages"`
}

// Output is one switch of Outputs: its key in [outputs] and what it
// writes.
type Output struct {
	Key, Writes string
}

// OutputList lists the switches of Outputs, those that write the most
// bytes for what they give first: the order Fit switches them off in.
func OutputList() []Output {
	return []Output{
		{"site_packages", "the site-wide SCORM 1.2, SCORM 2004, cmi5 and Common Cartridge packages"},
		{"bundle", paths.Bundle},
		{"scorm_per_occupation", "a SCORM 1.2 package per occupation"},
		{"json", "the normalized framework (else the original) as each framework's JSON file"},
		{"csv", "Moodle and Canvas CSV files per framework, and for the site in the bundle"},
		{"case", "a CASE 1.1 package per framework"},
		{"level_pages", "a page per level (off: each level is a column of its occupation's page)"},
	}
}

// On reports whether the output of key is on; an unknown key is off.
func (o Outputs) On(key string) bool {
	switch key {
	case "case":
		return o.CASE
	case "csv":
		return o.CSV
	case "json":
		return o.JSON
	case "bundle":
		return o.Bundle
	case "scorm_per_occupation":
		return o.SCORMPerOccupation
	case "site_packages":
		return o.SitePackages
	case "level_pages":
		return o.LevelPages
	}
	return false
}

// Size is a number of files and of bytes.
type Size struct {
	Files int
	Bytes int64
}

// Fits reports whether s is within limit; a zero field of limit is no
// limit.
func (s Size) Fits(limit Size) bool {
	return (limit.Files == 0 || s.Files <= limit.Files) && (limit.Bytes == 0 || s.Bytes <= limit.Bytes)
}

// Fit says which outputs to switch off so that a site of size total fits
// limit, given what each output that is on adds (by its key in
// OutputList; an output missing from each adds nothing). In OutputList's
// order, it switches off each output that lessens what is over the limit
// (files, bytes or both) until the rest fits, and returns their keys,
// with ok false when the site does not fit even so. A site that fits
// already needs none.
func Fit(total Size, each map[string]Size, limit Size) (off []string, ok bool) {
	for _, o := range OutputList() {
		if total.Fits(limit) {
			return off, true
		}
		c := each[o.Key]
		filesOver := limit.Files > 0 && total.Files > limit.Files
		bytesOver := limit.Bytes > 0 && total.Bytes > limit.Bytes
		if filesOver && c.Files > 0 || bytesOver && c.Bytes > 0 {
			total.Files -= c.Files
			total.Bytes -= c.Bytes
			off = append(off, o.Key)
		}
	}
	return off, total.Fits(limit)
}
