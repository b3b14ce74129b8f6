package lms

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Course is a package of several SCOs in titled groups, so that an LMS
// tracks each SCO (each occupation) on its own. Every SCO has its own
// launch page, which shows the SCO's Start and counts it completed once
// its Levels have been opened, exactly as the one launch page of a
// Package does.
type Course struct {
	About
	// Files are the pages and assets of every SCO (see Package.Files).
	Files []File
	// Groups hold the SCOs, in order; each becomes an item of the
	// organization holding an item per SCO.
	Groups []Group
	// Labels are the launch pages' words; empty ones get English defaults.
	Labels Labels
}

// Group is one titled group of SCOs.
type Group struct {
	Title string
	SCOs  []SCO
}

// SCO is one tracked item of a Course: its identifier (unique in the
// course; made an XML ID as in SCORM12), title, start page and the level
// pages to open (see Package).
type SCO struct {
	Identifier string
	Title      string
	Start      string
	Levels     []Level
}

// courseAssets is the identifier of the resource that holds the files the
// SCOs share: the launch script and style sheet and every file that is no
// SCO's start or level page.
const courseAssets = "ladder-shared"

// courseSCO is one SCO with what the manifests need of it.
type courseSCO struct {
	SCO
	id     string   // its item's and resource's identifier stem
	launch string   // its launch page's path
	files  []string // its own files: launch page, start, levels
}

// courseParts checks c and returns its SCOs, the files they share and its
// files without a manifest: the launch pages, script and style sheet, and
// c.Files.
func courseParts(c Course) (scos []courseSCO, shared []string, files []File, err error) {
	if strings.TrimSpace(c.Title) == "" {
		return nil, nil, nil, errors.New("scorm: the course has no title")
	}
	have := map[string]bool{}
	generated := map[string]bool{ManifestPath: true, launchJS: true, launchCSS: true}
	for _, f := range c.Files {
		if err := checkPath(f.Path); err != nil {
			return nil, nil, nil, fmt.Errorf("scorm: %w", err)
		}
		if err := checkHref(f.Path); err != nil {
			return nil, nil, nil, fmt.Errorf("scorm: %w", err)
		}
		have[f.Path] = true
	}
	files = launchFiles()
	own := map[string]bool{}
	ids := uniqueIDs{courseAssets: true, scormOrg: true, xmlID("ladder-", c.Identifier): true}
	for _, g := range c.Groups {
		if strings.TrimSpace(g.Title) == "" {
			return nil, nil, nil, errors.New("scorm: a group has no title")
		}
		for _, s := range g.SCOs {
			cs, err := courseSCOOf(s, ids, have)
			if err != nil {
				return nil, nil, nil, err
			}
			launch, err := launchFile(cs.launch, Package{About: About{Title: s.Title, Language: c.Language}, Start: s.Start, Levels: s.Levels, Labels: c.Labels}, c.Deflated)
			if err != nil {
				return nil, nil, nil, err
			}
			files = append(files, launch)
			generated[cs.launch] = true
			for _, p := range cs.files {
				own[p] = true
			}
			scos = append(scos, cs)
		}
	}
	if len(scos) == 0 {
		return nil, nil, nil, errors.New("scorm: the course has no SCO")
	}
	shared = []string{launchCSS, launchJS}
	for _, f := range c.Files {
		if generated[f.Path] {
			return nil, nil, nil, fmt.Errorf("scorm: %q is a file the package writes itself", f.Path)
		}
		if !own[f.Path] {
			shared = append(shared, f.Path)
		}
	}
	slices.Sort(shared)
	return scos, shared, append(files, c.Files...), nil
}

// courseSCOOf checks s against the course's files and gives it a unique
// identifier and launch page.
func courseSCOOf(s SCO, ids uniqueIDs, have map[string]bool) (courseSCO, error) {
	if strings.TrimSpace(s.Title) == "" {
		return courseSCO{}, fmt.Errorf("scorm: SCO %q has no title", s.Identifier)
	}
	if !have[s.Start] {
		return courseSCO{}, fmt.Errorf("scorm: SCO %q: the start page %q is not one of the package's files", s.Title, s.Start)
	}
	id := xmlID("ladder-", s.Identifier)
	if ids[id] {
		return courseSCO{}, fmt.Errorf("scorm: SCO %q: identifier %q is taken", s.Title, id)
	}
	ids[id] = true
	cs := courseSCO{SCO: s, id: id, launch: "launch-" + id + ".html"}
	cs.files = []string{cs.launch, s.Start}
	seen := map[string]bool{}
	for _, l := range s.Levels {
		page, err := checkLevelHref(l.Href)
		if err != nil {
			return courseSCO{}, fmt.Errorf("scorm: SCO %q: %w", s.Title, err)
		}
		if !have[page] {
			return courseSCO{}, fmt.Errorf("scorm: SCO %q: level %q: %q is not one of the package's files", s.Title, l.Title, page)
		}
		if seen[l.Href] {
			return courseSCO{}, fmt.Errorf("scorm: SCO %q: level %q: %q is listed twice", s.Title, l.Title, l.Href)
		}
		seen[l.Href] = true
		cs.files = append(cs.files, page)
	}
	slices.Sort(cs.files)
	cs.files = slices.Compact(cs.files)
	return cs, nil
}

// SCORM12Course writes c to w as a SCORM 1.2 package (a zip, see
// WriteZip): one organization holding an item per group, each holding an
// item per SCO; a resource per SCO (adlcp:scormtype "sco", href its launch
// page launch-<id>.html, listing its launch page, start and level pages)
// that depends on one shared asset resource listing the launch script and
// style sheet and every other file; the SCORM 1.2 schema files. Errors are
// those of SCORM12, and an identifier given twice, a group or SCO without
// a title, or a course without SCOs.
func SCORM12Course(w io.Writer, c Course) error {
	scos, shared, files, err := courseParts(c)
	if err != nil {
		return err
	}
	schemas, err := scorm12SchemaFiles()
	if err != nil {
		return err
	}
	for _, f := range schemas {
		if slices.ContainsFunc(files, func(g File) bool { return g.Path == f.Path }) {
			return fmt.Errorf("scorm: %q is a file the package writes itself", f.Path)
		}
	}
	files = append(append(files, schemas...), xmlFile(ManifestPath, func(x *xmlWriter) { course12Manifest(x, c, scos, shared) }))
	return writeZip(w, files, c.Deflated, c.Modified)
}

// course12Manifest writes the SCORM 1.2 imsmanifest.xml of c to x.
func course12Manifest(x *xmlWriter, c Course, scos []courseSCO, shared []string) {
	manifest12Open(x, xmlID("ladder-", c.Identifier), c.Title, c.Description, cmpOr(c.Language, "en"))
	x.open("organizations", "default", scormOrg)
	x.open("organization", "identifier", scormOrg)
	x.text("title", truncate(strings.TrimSpace(c.Title), 200))
	next := 0
	groupIDs := uniqueIDs{}
	for _, g := range c.Groups {
		x.open("item", "identifier", groupIDs.take(hashID("G_", g.Title)), "isvisible", "true")
		x.text("title", truncate(strings.TrimSpace(g.Title), 200))
		for range g.SCOs {
			s := scos[next]
			next++
			x.open("item", "identifier", "item-"+s.id, "identifierref", s.id, "isvisible", "true")
			x.text("title", truncate(strings.TrimSpace(s.Title), 200))
			x.close("item")
		}
		x.close("item")
	}
	x.close("organization")
	x.close("organizations")
	courseResources(x, scos, shared, "adlcp:scormtype")
	x.close("manifest")
}

// courseResources writes the resources of a site-wide course: a SCO per
// occupation, each depending on one asset resource of the shared files.
// typeAttr is the SCO type attribute's name, which SCORM 1.2 and 2004
// spell differently.
func courseResources(x *xmlWriter, scos []courseSCO, shared []string, typeAttr string) {
	x.open("resources")
	for _, s := range scos {
		x.open("resource", "identifier", s.id, "type", "webcontent", typeAttr, "sco", "href", s.launch)
		for _, f := range s.files {
			x.empty("file", "href", f)
		}
		x.empty("dependency", "identifierref", courseAssets)
		x.close("resource")
	}
	x.open("resource", "identifier", courseAssets, "type", "webcontent", typeAttr, "asset")
	for _, f := range shared {
		x.empty("file", "href", f)
	}
	x.close("resource")
	x.close("resources")
}
