package lms

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
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
// set of web pages, a link to a published page, or both.
type Cartridge struct {
	// Identifier names the cartridge; it is made a valid XML ID as in
	// SCORM12.
	Identifier string
	// Title is the course title an LMS gives the import.
	Title string
	// Description is optional.
	Description string
	// Language is the BCP 47 tag of the metadata; "" means "en".
	Language string
	// Deflated, when set, shares compressed entries with other packages.
	Deflated *Deflated
	// Modules become the course's modules (Canvas) or sections (Moodle), in
	// this order.
	Modules []Module
}

// Module is one titled group of items.
type Module struct {
	Title string
	Items []CCItem
}

// CCItem is one entry of a module.
//
// With Files, it is a web-content resource: Files are its pages and assets
// (paths relative to the zip root; a file may belong to several items if
// its bytes are the same) and Href, one of Files, is the page the item
// opens. With WebLink, an absolute http(s) URL, it is (also) a web link
// resource. An item with both becomes two module entries: the packaged
// pages, then the link, titled WebLinkTitle (Title when empty).
type CCItem struct {
	Title        string
	Files        []File
	Href         string
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
// Identifiers are derived from titles, paths and URLs (not positions), so
// that an LMS re-importing a newer cartridge can match what it imported
// before.
//
// It returns an error, before writing anything, when the title is empty, an
// item has neither files nor a link, Href is not one of the item's Files, a
// path is unsafe (see WriteZip and SCORM12), two items give different bytes
// for one path, or a link is not an absolute http(s) URL.
func CommonCartridge(w io.Writer, c Cartridge) error {
	files, err := ccFiles(c)
	if err != nil {
		return err
	}
	return writeZip(w, files, c.Deflated)
}

// ccResource is one resource of the manifest.
type ccResource struct {
	id, kind, href string
	files          []string
}

// ccFiles returns every file of c's cartridge.
func ccFiles(c Cartridge) ([]File, error) {
	if strings.TrimSpace(c.Title) == "" {
		return nil, fmt.Errorf("common cartridge: no title")
	}
	ids := uniqueIDs{ccOrg: true, ccRoot: true, xmlID("ladder-", c.Identifier): true}
	content := map[string]File{} // by path, across items
	var out []File
	var resources []ccResource
	resourceOf := map[string]string{} // "webcontent "+href or "link "+url → resource id
	lang := cmpOr(c.Language, "en")
	// The organization's items, written while the resources are collected;
	// depth 4 puts them inside manifest/organizations/organization/item.
	items := &xmlWriter{depth: 4}

	// add records one file of the cartridge, once.
	add := func(f File) error {
		if err := checkPath(f.Path); err != nil {
			return fmt.Errorf("common cartridge: %w", err)
		}
		if err := checkHref(f.Path); err != nil {
			return fmt.Errorf("common cartridge: %w", err)
		}
		if f.Path == ManifestPath {
			return fmt.Errorf("common cartridge: %q is a file the cartridge writes itself", f.Path)
		}
		if old, ok := content[f.Path]; ok {
			// Files read when zipped (Open) are compared when both are.
			if old.Open == nil && f.Open == nil && !bytes.Equal(old.Data, f.Data) {
				return fmt.Errorf("common cartridge: two items give different bytes for %q", f.Path)
			}
			return nil
		}
		content[f.Path] = f
		out = append(out, f)
		return nil
	}

	// entry writes an item referring to a resource.
	entry := func(title, idSeed, ref string) {
		items.open("item", "identifier", ids.take(hashID("I_", idSeed)), "identifierref", ref)
		items.text("title", title)
		items.close("item")
	}

	for _, m := range c.Modules {
		if strings.TrimSpace(m.Title) == "" {
			return nil, fmt.Errorf("common cartridge: a module has no title")
		}
		items.open("item", "identifier", ids.take(hashID("M_", m.Title)))
		items.text("title", m.Title)
		for _, it := range m.Items {
			if strings.TrimSpace(it.Title) == "" {
				return nil, fmt.Errorf("common cartridge: module %q: an item has no title", m.Title)
			}
			if len(it.Files) == 0 && it.WebLink == "" {
				return nil, fmt.Errorf("common cartridge: item %q has neither files nor a web link", it.Title)
			}
			if len(it.Files) > 0 {
				var paths []string
				found := false
				for _, f := range it.Files {
					if err := add(f); err != nil {
						return nil, err
					}
					found = found || f.Path == it.Href
					paths = append(paths, f.Path)
				}
				if !found {
					return nil, fmt.Errorf("common cartridge: item %q: its page %q is not one of its files", it.Title, it.Href)
				}
				slices.Sort(paths)
				paths = slices.Compact(paths)
				key := "webcontent " + it.Href
				ref, ok := resourceOf[key]
				if !ok {
					ref = ids.take(hashID("R_", it.Href))
					resourceOf[key] = ref
					resources = append(resources, ccResource{id: ref, kind: "webcontent", href: it.Href, files: paths})
				} else if i := slices.IndexFunc(resources, func(r ccResource) bool { return r.id == ref }); !slices.Equal(resources[i].files, paths) {
					return nil, fmt.Errorf("common cartridge: item %q: page %q is given twice with different files", it.Title, it.Href)
				}
				entry(it.Title, "webcontent "+m.Title+" "+it.Href, ref)
			} else if it.Href != "" {
				return nil, fmt.Errorf("common cartridge: item %q: page %q without files", it.Title, it.Href)
			}
			if it.WebLink != "" {
				if err := checkWebLink(it.WebLink); err != nil {
					return nil, fmt.Errorf("common cartridge: item %q: %w", it.Title, err)
				}
				title := cmpOr(it.WebLinkTitle, it.Title)
				key := "link " + it.WebLink + " " + title
				ref, ok := resourceOf[key]
				if !ok {
					ref = ids.take(hashID("W_", it.WebLink, title))
					resourceOf[key] = ref
					file := ref + "/" + webLinkFile
					if err := add(File{Path: file, Data: webLink(title, it.WebLink)}); err != nil {
						return nil, err
					}
					resources = append(resources, ccResource{id: ref, kind: "imswl_xmlv1p1", files: []string{file}})
				}
				entry(title, "link "+m.Title+" "+it.WebLink+" "+title, ref)
			}
		}
		items.close("item")
	}

	x := newXMLWriter()
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
	x.buf.Write(items.bytes())
	x.close("item")
	x.close("organization")
	x.close("organizations")
	x.open("resources")
	for _, r := range resources {
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
	return append(out, File{Path: ManifestPath, Data: x.bytes()}), nil
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
