package lms

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Namespaces and schema locations of a Common Cartridge 1.1 manifest and
// web link.
const (
	nsCC11      = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
	nsCC11LOM   = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
	nsCC11WL    = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
	xsdCC11     = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd"
	xsdCC11LOM  = "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd"
	xsdCC11WL   = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imswl_v1p1.xsd"
	ccOrg       = "ladder-organization"
	ccRoot      = "root"
	webLinkFile = "weblink.xml"
)

// Cartridge is an IMS Common Cartridge 1.1: modules of items, each item a
// page, a link to a published page, or both.
//
// Version 1.1 is the one every importer reads: Moodle imports only 1.0 and
// 1.1 (its backup/cc converter), and Canvas, Brightspace and Blackboard
// import 1.1 to 1.3. Nothing here needs what 1.2 or 1.3 added.
type Cartridge struct {
	// About names the cartridge (Title is the course title an LMS gives
	// the import; Language that of the metadata).
	About
	// Styles are the inline styles every page gets (see ccPage), keyed by
	// tag name ("h1") or by class (".topic").
	Styles map[string]string
	// Modules become the course's modules (Canvas) or sections (Moodle), in
	// this order. Moodle's importer puts the first module into section 0,
	// the course's general section, and each module's title into its
	// section's summary; a first module that introduces the course keeps
	// the rest in sections of their own.
	Modules []Module
}

// Module is one titled group of items.
type Module struct {
	Title string
	Items []CCItem
}

// CCItem is one entry of a module.
//
// With Files, it is a web-content resource: Href, one of Files, is the
// page the item opens, and the other Files are assets it uses (an HTML
// file other than an item's Href is refused: importers that keep only each
// resource's page would drop it). Published, when set, is the absolute
// address of the same page on the web: links to this page from other
// pages of the cartridge go there. With WebLink, an absolute http(s) URL,
// it is (also) a web link resource. An item with both becomes two module
// entries: the packaged page, then the link, titled WebLinkTitle (Title
// when empty).
type CCItem struct {
	Title        string
	Files        []File
	Href         string
	Published    string
	WebLink      string
	WebLinkTitle string
}

// CommonCartridge writes c to w as an IMS Common Cartridge 1.1 (a zip, see
// WriteZip; name it .imscc). The manifest, imsmanifest.xml at the root, has
// one organization (structure "rooted-hierarchy") whose one untitled root
// item holds an item per module, which holds an item per entry; each entry
// refers to a "webcontent" resource (href = the item's Href, listing its
// Files) or to an "imswl_xmlv1p1" resource whose one file,
// <id>/weblink.xml, holds the link. No schema files are included.
//
// Every page is rewritten as it is zipped (see ccPage) so that it reads
// the same after an import that keeps only its body: no script or style
// sheet, inline styles from c.Styles, and links to other pages made links
// to their published addresses (or plain text without one), since no
// importer keeps a link from one packaged page to another.
//
// Identifiers are derived from titles, paths and URLs (not positions), so
// that an LMS re-importing a newer cartridge can match what it imported
// before.
//
// It returns an error, before writing anything, when the title is empty, an
// item has neither files nor a link, Href is not one of the item's Files, an
// HTML file is no item's Href, a path is unsafe (see WriteZip and SCORM12),
// two items give different bytes for one path, or a link is not an
// absolute http(s) URL.
func CommonCartridge(w io.Writer, c Cartridge) error {
	files, err := ccFiles(c)
	if err != nil {
		return err
	}
	return writeZip(w, files, c.Deflated, c.Modified)
}

// ccResource is one resource of the manifest.
type ccResource struct {
	id, kind, href string
	files          []string
}

// ccBuilder collects the items, resources and files of a cartridge.
type ccBuilder struct {
	ids        uniqueIDs
	content    map[string]File // by path, across items
	order      []string        // content paths in the order first given
	resources  []ccResource
	resourceOf map[string]string // "webcontent "+href or "link "+url+" "+title → resource id
	pages      map[string]string // page path → published address
	// items are the organization's items, written while the resources
	// are collected; depth 4 puts them inside
	// manifest/organizations/organization/item.
	items *xmlWriter
}

// ccFiles returns every file of c's cartridge.
func ccFiles(c Cartridge) ([]File, error) {
	if strings.TrimSpace(c.Title) == "" {
		return nil, fmt.Errorf("common cartridge: no title")
	}
	b := &ccBuilder{
		ids:        uniqueIDs{ccOrg: true, ccRoot: true, xmlID("ladder-", c.Identifier): true},
		content:    map[string]File{},
		resourceOf: map[string]string{},
		pages:      map[string]string{},
		items:      &xmlWriter{depth: 4},
	}
	for _, m := range c.Modules {
		if err := b.module(m); err != nil {
			return nil, err
		}
	}
	files, err := b.rewritten(c.Styles)
	if err != nil {
		return nil, err
	}
	return append(files, xmlFile(ManifestPath, func(x *xmlWriter) { cartridgeManifest(x, c, b) })), nil
}

// module adds the module m and its items.
func (b *ccBuilder) module(m Module) error {
	if strings.TrimSpace(m.Title) == "" {
		return fmt.Errorf("common cartridge: a module has no title")
	}
	b.items.open("item", "identifier", b.ids.take(hashID("M_", m.Title)))
	b.items.text("title", m.Title)
	for _, it := range m.Items {
		if strings.TrimSpace(it.Title) == "" {
			return fmt.Errorf("common cartridge: module %q: an item has no title", m.Title)
		}
		if len(it.Files) == 0 && it.WebLink == "" {
			return fmt.Errorf("common cartridge: item %q has neither files nor a web link", it.Title)
		}
		if len(it.Files) == 0 && it.Href != "" {
			return fmt.Errorf("common cartridge: item %q: page %q without files", it.Title, it.Href)
		}
		if len(it.Files) > 0 {
			if err := b.webContent(m.Title, it); err != nil {
				return err
			}
		}
		if it.WebLink != "" {
			if err := b.webLink(m.Title, it); err != nil {
				return err
			}
		}
	}
	b.items.close("item")
	return nil
}

// add records one file of the cartridge, once.
func (b *ccBuilder) add(f File) error {
	if err := checkPath(f.Path); err != nil {
		return fmt.Errorf("common cartridge: %w", err)
	}
	if err := checkHref(f.Path); err != nil {
		return fmt.Errorf("common cartridge: %w", err)
	}
	if f.Path == ManifestPath {
		return fmt.Errorf("common cartridge: %q is a file the cartridge writes itself", f.Path)
	}
	if old, ok := b.content[f.Path]; ok {
		// Files read when zipped (Open) are compared when both are.
		if old.Open == nil && f.Open == nil && !bytes.Equal(old.Data, f.Data) {
			return fmt.Errorf("common cartridge: two items give different bytes for %q", f.Path)
		}
		return nil
	}
	b.content[f.Path] = f
	b.order = append(b.order, f.Path)
	return nil
}

// entry writes an item referring to a resource.
func (b *ccBuilder) entry(title, idSeed, ref string) {
	b.items.open("item", "identifier", b.ids.take(hashID("I_", idSeed)), "identifierref", ref)
	b.items.text("title", title)
	b.items.close("item")
}

// webContent adds the page of it, in module, as a webcontent resource.
func (b *ccBuilder) webContent(module string, it CCItem) error {
	var paths []string
	for _, f := range it.Files {
		if err := b.add(f); err != nil {
			return err
		}
		paths = append(paths, f.Path)
	}
	if !slices.Contains(paths, it.Href) {
		return fmt.Errorf("common cartridge: item %q: its page %q is not one of its files", it.Title, it.Href)
	}
	if it.Published != "" {
		if err := checkWebLink(it.Published); err != nil {
			return fmt.Errorf("common cartridge: item %q: published page: %w", it.Title, err)
		}
	}
	if b.pages[it.Href] == "" {
		b.pages[it.Href] = it.Published
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	key := "webcontent " + it.Href
	ref, ok := b.resourceOf[key]
	if !ok {
		ref = b.ids.take(hashID("R_", it.Href))
		b.resourceOf[key] = ref
		b.resources = append(b.resources, ccResource{id: ref, kind: "webcontent", href: it.Href, files: paths})
	} else if i := slices.IndexFunc(b.resources, func(r ccResource) bool { return r.id == ref }); !slices.Equal(b.resources[i].files, paths) {
		return fmt.Errorf("common cartridge: item %q: page %q is given twice with different files", it.Title, it.Href)
	}
	b.entry(it.Title, "webcontent "+module+" "+it.Href, ref)
	return nil
}

// webLink adds the web link of it, in module.
func (b *ccBuilder) webLink(module string, it CCItem) error {
	if err := checkWebLink(it.WebLink); err != nil {
		return fmt.Errorf("common cartridge: item %q: %w", it.Title, err)
	}
	title := cmpOr(it.WebLinkTitle, it.Title)
	key := "link " + it.WebLink + " " + title
	ref, ok := b.resourceOf[key]
	if !ok {
		ref = b.ids.take(hashID("W_", it.WebLink, title))
		b.resourceOf[key] = ref
		file := ref + "/" + webLinkFile
		if err := b.add(File{Path: file, Data: webLink(title, it.WebLink)}); err != nil {
			return err
		}
		b.resources = append(b.resources, ccResource{id: ref, kind: "imswl_xmlv1p1", files: []string{file}})
	}
	b.entry(title, "link "+module+" "+it.WebLink+" "+title, ref)
	return nil
}

// rewritten returns the content files, each page rewritten by ccPage when
// it is zipped.
func (b *ccBuilder) rewritten(styles map[string]string) ([]File, error) {
	links := ccLinks{pages: b.pages, assets: map[string]bool{}}
	for _, p := range b.order {
		if !isHTML(p) {
			links.assets[p] = true
		}
	}
	out := make([]File, 0, len(b.order))
	// ccPage copies what it keeps of a page, and writeZip opens the
	// pages one after another.
	var pages inflater
	for _, p := range b.order {
		f := b.content[p]
		if !isHTML(p) {
			out = append(out, f)
			continue
		}
		if _, ok := b.pages[p]; !ok {
			return nil, fmt.Errorf("common cartridge: %q is an HTML file but no item's page: importers that keep only each resource's page would drop it", p)
		}
		out = append(out, File{Path: p, rewritten: true, Open: func() ([]byte, error) {
			data, err := pages.bytes(f)
			if err != nil {
				return nil, err
			}
			return ccPage(data, p, links, styles)
		}})
	}
	return out, nil
}

// isHTML reports whether p names an HTML file, as the importers tell one.
func isHTML(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// cartridgeManifest writes imsmanifest.xml for c, whose items and
// resources b collected, to x.
func cartridgeManifest(x *xmlWriter, c Cartridge, b *ccBuilder) {
	lang := cmpOr(c.Language, "en")
	x.open("manifest",
		"identifier", xmlID("ladder-", c.Identifier),
		"xmlns", nsCC11,
		"xmlns:lomimscc", nsCC11LOM,
		"xmlns:xsi", nsXSI,
		"xsi:schemaLocation", strings.Join([]string{nsCC11, xsdCC11, nsCC11LOM, xsdCC11LOM}, " "))
	x.open("metadata")
	x.text("schema", "IMS Common Cartridge")
	x.text("schemaversion", "1.1.0")
	x.open("lomimscc:lom")
	x.open("lomimscc:general")
	x.open("lomimscc:title")
	x.text("lomimscc:string", c.Title, "language", lang)
	x.close("lomimscc:title")
	x.text("lomimscc:language", lang)
	if d := strings.TrimSpace(c.Description); d != "" {
		x.open("lomimscc:description")
		x.text("lomimscc:string", d, "language", lang)
		x.close("lomimscc:description")
	}
	x.close("lomimscc:general")
	x.close("lomimscc:lom")
	x.close("metadata")
	x.open("organizations")
	x.open("organization", "identifier", ccOrg, "structure", "rooted-hierarchy")
	x.open("item", "identifier", ccRoot)
	x.raw(b.items.bytes())
	x.close("item")
	x.close("organization")
	x.close("organizations")
	x.open("resources")
	for _, r := range b.resources {
		if r.href != "" {
			x.open("resource", "identifier", r.id, "type", r.kind, "href", r.href)
		} else {
			x.open("resource", "identifier", r.id, "type", r.kind)
		}
		for _, f := range r.files {
			x.empty("file", "href", f)
		}
		x.close("resource")
	}
	x.close("resources")
	x.close("manifest")
}

// webLink returns the XML of a Common Cartridge 1.1 web link that opens in
// a new window.
func webLink(title, href string) []byte {
	x := newXMLWriter()
	x.open("webLink",
		"xmlns", nsCC11WL,
		"xmlns:xsi", nsXSI,
		"xsi:schemaLocation", nsCC11WL+" "+xsdCC11WL)
	x.text("title", strings.Join(strings.Fields(title), " "))
	x.empty("url", "href", href, "target", "_blank")
	x.close("webLink")
	return x.bytes()
}

// checkWebLink returns an error unless s is an absolute http or https URL.
func checkWebLink(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("web link %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("web link %q: not an absolute http(s) URL", s)
	}
	return nil
}

// uniqueIDs hands out XML IDs that are unique within one manifest by adding
// -2, -3, … to repeats.
type uniqueIDs map[string]bool

func (u uniqueIDs) take(id string) string {
	cand := id
	for n := 2; u[cand]; n++ {
		cand = id + "-" + strconv.Itoa(n)
	}
	u[cand] = true
	return cand
}
