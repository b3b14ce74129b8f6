package lms

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The SCORM 1.2 schema files ship inside every SCORM 1.2 package, and the
// launch page, script and style sheet are generated from static/: the
// packages hold launch.min.js and launch.min.css, the minified forms of
// launch.js and launch.css that TestLaunchFilesMinified keeps in step.
//
//go:embed schemas/scorm12/*.xsd
var scorm12Schemas embed.FS

//go:embed static/launch.html.tmpl static/launch.min.js static/launch.min.css
var static embed.FS

// launchFiles are the launch script and style sheet every package holds.
func launchFiles() []File {
	fixed := readFixed()
	return []File{fixedFile(launchJS, fixed.js), fixedFile(launchCSS, fixed.css)}
}

// fixedData is the embedded files every package holds the same.
type fixedData struct {
	js, css []byte
	schemas []File // scorm12SchemaFiles
	err     error
}

// readFixed reads the files every package holds once, on first use:
// embed.FS copies a file on every read, and at ten thousand frameworks
// those copies were a sixth of what the packages step allocated. The
// bytes are never written to.
var readFixed = sync.OnceValue(func() fixedData {
	var d fixedData
	d.js, _ = static.ReadFile("static/launch.min.js")
	d.css, _ = static.ReadFile("static/launch.min.css")
	d.schemas, d.err = readSchemaFiles()
	return d
})

// fixedFile is a file every package holds the same: read by Open, so that
// a Deflated shared by the packages compresses it once, not once a
// package (a site's SCORM packages hold its schemas a thousand times).
func fixedFile(path string, data []byte) File {
	return File{Path: path, Open: func() ([]byte, error) { return data, nil }}
}

var launchTemplate = template.Must(template.ParseFS(static, "static/launch.html.tmpl"))

// The files a SCORM 1.2 package gets besides the content.
const (
	ManifestPath = "imsmanifest.xml"
	LaunchPath   = "launch.html"
	launchJS     = "launch.js"
	launchCSS    = "launch.css"
)

// The identifiers of the SCORM 1.2 manifest's organization, item and resource.
const (
	scormOrg  = "ladder-organization"
	scormItem = "ladder-item"
	scormRes  = "ladder-sco"
)

// Namespaces of the SCORM 1.2 manifest.
const (
	nsIMSCP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
	nsADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
	nsIMSMD12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
	nsXSI     = "http://www.w3.org/2001/XMLSchema-instance"
)

// About is what every package says of itself, and how its zip is made.
type About struct {
	// Identifier names the package for the LMS, e.g. "ladder-15-1252-00".
	// It is made a valid XML ID (see SCORM12).
	Identifier string
	// Title is the course title the LMS shows, and the launch page's title.
	Title string
	// Description is optional; it goes into the manifest's metadata.
	Description string
	// Language is the BCP 47 tag of the launch page and the metadata; ""
	// means "en".
	Language string
	// Deflated, when set, shares compressed entries and launch pages
	// with other packages.
	Deflated *Deflated
	// Modified dates every zip entry (see entryTime); zero means 2000-01-01.
	Modified time.Time
}

// Package is one SCORM package: a framework (or part of one) shown by a
// single SCO that counts as completed once the learner has opened every
// level page.
type Package struct {
	About
	// Files are the pages and assets to show, with paths relative to the
	// zip root (e.g. "content/occupations/x/index.html"). Their links must
	// be relative and stay inside Files.
	Files []File
	// Start is the path (one of Files) the launch page shows first; unless
	// it is a level, the launch page also links to it as Labels.Overview.
	Start string
	// Levels are the pages (each one of Files, or a section of one: its
	// path with the section's id as fragment) the learner must open for
	// the package to be completed, in the order the launch page lists them.
	// With none, opening Start completes the package.
	Levels []Level
	// Labels are the launch page's words; empty ones get English defaults.
	Labels Labels
}

// Level is one page, or section of a page, the learner must open: its
// link text and its path in the package ("embed/x/index.html#advanced"
// for a section: the launch page moves the frame to it by fragment).
type Level struct {
	Title string
	Href  string
}

// Labels are the words of the launch page.
type Labels struct {
	Levels   string // the level navigation's accessible name: "Levels"
	Progress string // the progress line, with {done} and {total}: "{done} of {total} levels opened"
	Done     string // the progress line once all are open: "All levels opened"
	Opened   string // shown after a level link once opened: "(opened)"
	Skip     string // the skip link to the framework: "Skip to the framework"
	Overview string // the link to the start page, when it is not a level: "Overview"
}

// withDefaults fills the empty labels with English ones.
func (l Labels) withDefaults() Labels {
	def := func(s *string, v string) {
		if strings.TrimSpace(*s) == "" {
			*s = v
		}
	}
	def(&l.Levels, "Levels")
	def(&l.Progress, "{done} of {total} levels opened")
	def(&l.Done, "All levels opened")
	def(&l.Opened, "(opened)")
	def(&l.Skip, "Skip to the framework")
	def(&l.Overview, "Overview")
	return l
}

// SCORM12 writes p to w as a SCORM 1.2 package (a zip, see WriteZip):
//
//   - imsmanifest.xml with one organization holding one item that launches
//     one resource, adlcp:scormtype="sco", href launch.html, listing every
//     file of the package but the manifest and the schema files;
//   - the four SCORM 1.2 schema files (imscp_rootv1p1p2.xsd,
//     imsmd_rootv1p2p1.xsd, adlcp_rootv1p2.xsd, ims_xml.xsd);
//   - launch.html, launch.js and launch.css: the launch page, which finds
//     the LMS API, shows Start in a frame below links to the Levels, and
//     reports the lesson incomplete until every level has been shown, then
//     completed (see static/launch.js);
//   - p.Files.
//
// The identifier p.Identifier is turned into an XML ID: characters other
// than ASCII letters, digits, '.', '-' and '_' become '_', and "ladder-" is
// put in front of one that does not start with a letter or '_'. Titles
// longer than the 200 characters SCORM 1.2 allows are cut.
//
// It returns an error, before writing anything, when a path is unsafe (see
// WriteZip) or has a character that a manifest href would misread ('%',
// '#', '?', white space), when a file takes the name of a generated one,
// when Start or a level is not one of Files, or when Title is empty.
func SCORM12(w io.Writer, p Package) error {
	files, err := scorm12Files(p)
	if err != nil {
		return err
	}
	return writeZip(w, files, p.Deflated, p.Modified)
}

// scorm12Files returns every file of p's package, unsorted.
func scorm12Files(p Package) ([]File, error) {
	if strings.TrimSpace(p.Title) == "" {
		return nil, errors.New("scorm: the package has no title")
	}
	schemas, err := scorm12SchemaFiles()
	if err != nil {
		return nil, err
	}
	launch, err := launchFile(LaunchPath, p, p.Deflated)
	if err != nil {
		return nil, err
	}
	// The SCO's own files: the launch page, then the content.
	sco := append(append([]File{launch}, launchFiles()...), p.Files...)

	generated := map[string]bool{ManifestPath: true, LaunchPath: true, launchJS: true, launchCSS: true}
	for _, f := range schemas {
		generated[f.Path] = true
	}
	have := map[string]bool{}
	for _, f := range p.Files {
		if err := checkPath(f.Path); err != nil {
			return nil, fmt.Errorf("scorm: %w", err)
		}
		if err := checkHref(f.Path); err != nil {
			return nil, fmt.Errorf("scorm: %w", err)
		}
		if generated[f.Path] {
			return nil, fmt.Errorf("scorm: %q is a file the package writes itself", f.Path)
		}
		have[f.Path] = true
	}
	if !have[p.Start] {
		return nil, fmt.Errorf("scorm: the start page %q is not one of the package's files", p.Start)
	}
	seen := map[string]bool{}
	for _, l := range p.Levels {
		page, err := checkLevelHref(l.Href)
		if err != nil {
			return nil, fmt.Errorf("scorm: %w", err)
		}
		if !have[page] {
			return nil, fmt.Errorf("scorm: level %q: %q is not one of the package's files", l.Title, page)
		}
		if seen[l.Href] {
			return nil, fmt.Errorf("scorm: level %q: %q is listed twice", l.Title, l.Href)
		}
		seen[l.Href] = true
	}
	switch xmlID("ladder-", p.Identifier) {
	case scormOrg, scormItem, scormRes:
		return nil, fmt.Errorf("scorm: the identifier %q is taken by the manifest itself", p.Identifier)
	}

	// The resource lists the SCO's files; the manifest and the schemas
	// are the package's, not the SCO's.
	listed := make([]string, 0, len(sco))
	for _, f := range sco {
		listed = append(listed, f.Path)
	}
	slices.Sort(listed)
	files := append(append(schemas, sco...), File{Path: ManifestPath, Data: scorm12Manifest(p, listed)})
	return files, nil
}

// scorm12SchemaFiles returns the SCORM 1.2 schema files, named as at the
// root of a package, in a slice of the caller's own.
func scorm12SchemaFiles() ([]File, error) {
	fixed := readFixed()
	return slices.Clone(fixed.schemas), fixed.err
}

// readSchemaFiles reads the SCORM 1.2 schema files.
func readSchemaFiles() ([]File, error) {
	entries, err := fs.ReadDir(scorm12Schemas, "schemas/scorm12")
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		data, err := fs.ReadFile(scorm12Schemas, "schemas/scorm12/"+e.Name())
		if err != nil {
			return nil, err
		}
		files = append(files, fixedFile(e.Name(), data))
	}
	return files, nil
}

// launchView is what static/launch.html.tmpl sees.
type launchView struct {
	Lang     string
	Title    string
	Start    string
	Overview bool // link to Start before the levels
	Levels   []Level
	Labels   Labels
	Progress string
}

// launchFile renders launch.html for p as the file at path, or takes
// the one shared of the same view: an occupation's own package and the
// site's three courses show the same launch page of it. A shared page is
// kept compressed (in the spill file when shared's deflaters have one),
// so a site's thousands of launch pages are compressed once and do not
// stay in memory while its packages are written.
func launchFile(path string, p Package, shared *Deflated) (File, error) {
	v := launchView{
		Lang:   cmpOr(p.Language, "en"),
		Title:  p.Title,
		Start:  p.Start,
		Levels: p.Levels,
		Labels: p.Labels.withDefaults(),
	}
	if len(v.Levels) == 0 {
		// Opening the start page is all there is to do.
		v.Levels = []Level{{Title: p.Title, Href: p.Start}}
	}
	v.Overview = !slices.ContainsFunc(v.Levels, func(l Level) bool { return l.Href == p.Start })
	v.Progress = strings.ReplaceAll(strings.ReplaceAll(v.Labels.Progress, "{done}", "0"), "{total}", strconv.Itoa(len(v.Levels)))
	// The view as JSON names the page: every field the template sees.
	view, err := json.Marshal(v)
	if err != nil {
		return File{}, fmt.Errorf("scorm: launch page: %w", err)
	}
	key := sha256.Sum256(view)
	if z, ok := shared.launchPage(key); ok {
		return File{Path: path, Zipped: z}, nil
	}
	var buf bytes.Buffer
	if err := launchTemplate.Execute(&buf, v); err != nil {
		return File{}, fmt.Errorf("scorm: launch page: %w", err)
	}
	if shared == nil {
		return File{Path: path, Data: buf.Bytes()}, nil
	}
	z := shared.pool().Compress(buf.Bytes())
	shared.keepLaunchPage(key, z)
	return File{Path: path, Zipped: z}, nil
}

// scorm12Manifest returns imsmanifest.xml for p, whose one resource lists
// files.
func scorm12Manifest(p Package, files []string) []byte {
	id := xmlID("ladder-", p.Identifier)
	title := truncate(strings.TrimSpace(p.Title), 200)
	x := newXMLWriter()
	manifest12Open(x, id, p.Title, p.Description, cmpOr(p.Language, "en"))

	org, item, res := scormOrg, scormItem, scormRes
	x.open("organizations", "default", org)
	x.open("organization", "identifier", org)
	x.text("title", title)
	x.open("item", "identifier", item, "identifierref", res, "isvisible", "true")
	x.text("title", title)
	x.close("item")
	x.close("organization")
	x.close("organizations")

	x.open("resources")
	x.open("resource", "identifier", res, "type", "webcontent", "adlcp:scormtype", "sco", "href", LaunchPath)
	for _, f := range files {
		x.empty("file", "href", f)
	}
	x.close("resource")
	x.close("resources")
	x.close("manifest")
	return x.bytes()
}

// manifest12Open opens a SCORM 1.2 manifest identified by id and writes
// its metadata: title, language and description (when not blank).
func manifest12Open(x *xmlWriter, id, title, description, lang string) {
	x.open("manifest",
		"identifier", id,
		"version", "1.0",
		"xmlns", nsIMSCP12,
		"xmlns:adlcp", nsADLCP12,
		"xmlns:imsmd", nsIMSMD12,
		"xmlns:xsi", nsXSI,
		"xsi:schemaLocation", strings.Join([]string{
			nsIMSCP12, "imscp_rootv1p1p2.xsd",
			nsIMSMD12, "imsmd_rootv1p2p1.xsd",
			nsADLCP12, "adlcp_rootv1p2.xsd",
		}, " "))
	x.open("metadata")
	x.text("schema", "ADL SCORM")
	x.text("schemaversion", "1.2")
	x.open("imsmd:lom")
	x.open("imsmd:general")
	x.open("imsmd:title")
	x.text("imsmd:langstring", title, "xml:lang", lang)
	x.close("imsmd:title")
	x.text("imsmd:language", lang)
	if d := strings.TrimSpace(description); d != "" {
		x.open("imsmd:description")
		x.text("imsmd:langstring", d, "xml:lang", lang)
		x.close("imsmd:description")
	}
	x.close("imsmd:general")
	x.close("imsmd:lom")
	x.close("metadata")
}

// cmpOr returns s, or def when s is blank.
func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
