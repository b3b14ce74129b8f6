package lms

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// cartridge returns a cartridge of two modules: the pages of two
// occupations, each page an item of its own (one occupation published on
// the web, one not, and one with a web link too), and a web link alone.
func cartridge() Cartridge {
	return Cartridge{
		About: About{
			Identifier:  "ladder-site",
			Title:       "Digital careers framework",
			Description: "Occupations, levels and competencies.",
		},
		Styles: map[string]string{"h1": "font-size:1.5em", ".tall": "height:2000px"},
		Modules: []Module{
			{Title: "Computer and mathematical", Items: append(
				occupationItems("web-developer", "Web developer", "https://example.org/occupations/web-developer/"),
				occupationItems("data-scientist", "Data scientist", "")...)},
			{Title: "Healthcare", Items: []CCItem{
				{Title: "Nurse", WebLink: "https://example.org/occupations/nurse/index.html", WebLinkTitle: "Nurse (published)"},
			}},
		},
	}
}

// occupationItems returns an item for each page of the synthetic
// occupation, each with the style sheet; with a web address, the pages
// have published addresses below it, and the overview a web link too.
func occupationItems(occupation, title, web string) []CCItem {
	start, levels, files := contentFiles(occupation)
	byPath := map[string]File{}
	for _, f := range files {
		byPath[f.Path] = f
	}
	css := byPath["content/assets/style.css"]
	published := func(page string) string {
		if web == "" {
			return ""
		}
		return web + strings.TrimPrefix(page, "content/occupations/"+occupation+"/")
	}
	items := []CCItem{{Title: title, Files: []File{byPath[start], css}, Href: start, Published: published(start), WebLink: published(start)}}
	for _, l := range levels {
		items = append(items, CCItem{Title: title + ": " + l.Title, Files: []File{byPath[l.Href], css}, Href: l.Href, Published: published(l.Href)})
	}
	return items
}

// ccManifest is the part of a Common Cartridge 1.1 manifest the tests read.
type ccManifest struct {
	XMLName       xml.Name `xml:"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 manifest"`
	Identifier    string   `xml:"identifier,attr"`
	Schema        string   `xml:"metadata>schema"`
	SchemaVersion string   `xml:"metadata>schemaversion"`
	LOMTitle      string   `xml:"metadata>lom>general>title>string"`
	Organizations []struct {
		Identifier string   `xml:"identifier,attr"`
		Structure  string   `xml:"structure,attr"`
		Items      []ccItem `xml:"item"`
	} `xml:"organizations>organization"`
	Resources []struct {
		Identifier string `xml:"identifier,attr"`
		Type       string `xml:"type,attr"`
		Href       string `xml:"href,attr"`
		Files      []struct {
			Href string `xml:"href,attr"`
		} `xml:"file"`
	} `xml:"resources>resource"`
}

type ccItem struct {
	Identifier    string   `xml:"identifier,attr"`
	IdentifierRef string   `xml:"identifierref,attr"`
	Title         *string  `xml:"title"`
	Items         []ccItem `xml:"item"`
}

// webLinkXML is a Common Cartridge 1.1 web link.
type webLinkXML struct {
	XMLName xml.Name `xml:"http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1 webLink"`
	Title   string   `xml:"title"`
	URL     struct {
		Href   string `xml:"href,attr"`
		Target string `xml:"target,attr"`
	} `xml:"url"`
}

// ccPackage builds c and returns its files.
func ccPackage(t *testing.T, c Cartridge) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := CommonCartridge(&buf, c); err != nil {
		t.Fatal(err)
	}
	return unzip(t, buf.Bytes())
}

func TestCommonCartridgeStructure(t *testing.T) {
	c := cartridge()
	files := ccPackage(t, c)
	var m ccManifest
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	if m.Identifier != "ladder-site" || m.Schema != "IMS Common Cartridge" || m.SchemaVersion != "1.1.0" || m.LOMTitle != c.Title {
		t.Errorf("identifier %q, schema %q %q, LOM title %q", m.Identifier, m.Schema, m.SchemaVersion, m.LOMTitle)
	}
	for _, f := range []string{"imscp_rootv1p1p2.xsd", "ccv1p1_imscp_v1p2_v1p0.xsd"} {
		if _, ok := files[f]; ok {
			t.Errorf("the cartridge holds a schema file, %s", f)
		}
	}
	if len(m.Organizations) != 1 || m.Organizations[0].Structure != "rooted-hierarchy" {
		t.Fatalf("want one rooted-hierarchy organization, got %+v", m.Organizations)
	}
	roots := m.Organizations[0].Items
	if len(roots) != 1 || roots[0].Title != nil || roots[0].IdentifierRef != "" || roots[0].Identifier != "root" {
		t.Fatalf("want one untitled root item, got %+v", roots)
	}

	resources := map[string]int{}
	for i, r := range m.Resources {
		resources[r.Identifier] = i
	}
	ids := map[string]bool{m.Identifier: true, m.Organizations[0].Identifier: true}
	for _, r := range m.Resources {
		if ids[r.Identifier] {
			t.Errorf("identifier %s used twice", r.Identifier)
		}
		ids[r.Identifier] = true
	}

	// Modules, then their items, in order; each entry refers to a resource.
	type entry struct{ module, title, kind string }
	var got []entry
	for _, mod := range roots[0].Items {
		if mod.Title == nil || mod.IdentifierRef != "" {
			t.Errorf("module %s: want a title and no resource", mod.Identifier)
			continue
		}
		for _, id := range append([]string{mod.Identifier}, identifiers(mod.Items)...) {
			if ids[id] {
				t.Errorf("identifier %s used twice", id)
			}
			ids[id] = true
		}
		for _, it := range mod.Items {
			i, ok := resources[it.IdentifierRef]
			if !ok || it.Title == nil || len(it.Items) != 0 {
				t.Errorf("item %s: resource %q found %v, title %v, %d children", it.Identifier, it.IdentifierRef, ok, it.Title, len(it.Items))
				continue
			}
			got = append(got, entry{*mod.Title, *it.Title, m.Resources[i].Type})
		}
	}
	want := []entry{
		{"Computer and mathematical", "Web developer", "webcontent"},
		{"Computer and mathematical", "Web developer", "imswl_xmlv1p1"},
	}
	for _, l := range levelNames {
		want = append(want, entry{"Computer and mathematical", "Web developer: " + l, "webcontent"})
	}
	want = append(want, entry{"Computer and mathematical", "Data scientist", "webcontent"})
	for _, l := range levelNames {
		want = append(want, entry{"Computer and mathematical", "Data scientist: " + l, "webcontent"})
	}
	want = append(want, entry{"Healthcare", "Nurse (published)", "imswl_xmlv1p1"})
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n%q\nwant\n%q", got, want)
	}

	for _, r := range m.Resources {
		var hrefs []string
		for _, f := range r.Files {
			hrefs = append(hrefs, f.Href)
			if _, ok := files[f.Href]; !ok {
				t.Errorf("resource %s: file %s is not in the cartridge", r.Identifier, f.Href)
			}
		}
		switch r.Type {
		case "webcontent":
			if !slices.Contains(hrefs, r.Href) {
				t.Errorf("resource %s: href %q is not one of its files", r.Identifier, r.Href)
			}
			if !slices.Contains(hrefs, "content/assets/style.css") || len(hrefs) != 2 {
				t.Errorf("resource %s: files %q, want the page and the style sheet", r.Identifier, hrefs)
			}
		case "imswl_xmlv1p1":
			// A web link has exactly one file, no href and no dependency.
			if r.Href != "" || len(hrefs) != 1 || !strings.HasPrefix(hrefs[0], r.Identifier+"/") {
				t.Errorf("web link %s: href %q, files %q", r.Identifier, r.Href, hrefs)
				continue
			}
			var wl webLinkXML
			if err := xml.Unmarshal(files[hrefs[0]], &wl); err != nil {
				t.Errorf("%s: %v", hrefs[0], err)
				continue
			}
			if !strings.HasPrefix(wl.URL.Href, "https://example.org/occupations/") || wl.Title == "" || wl.URL.Target != "_blank" {
				t.Errorf("%s: %+v", hrefs[0], wl)
			}
		default:
			t.Errorf("resource %s: type %q", r.Identifier, r.Type)
		}
	}
}

func identifiers(items []ccItem) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, it.Identifier)
		ids = append(ids, identifiers(it.Items)...)
	}
	return ids
}

func TestCommonCartridgeLinksStayInside(t *testing.T) {
	files := ccPackage(t, cartridge())
	for _, b := range brokenLinks(files) {
		t.Error(b)
	}
	// Moodle gives each resource its own copy of its files: the links of a
	// resource's pages must stay inside that resource.
	var m ccManifest
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Resources {
		own := map[string][]byte{}
		for _, f := range r.Files {
			own[f.Href] = files[f.Href]
		}
		for _, b := range brokenLinks(own) {
			t.Errorf("resource %s: %s", r.Identifier, b)
		}
	}
}

func TestCommonCartridgeDeterministic(t *testing.T) {
	c := cartridge()
	var a, b bytes.Buffer
	if err := CommonCartridge(&a, c); err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Modules {
		for _, it := range m.Items {
			slices.Reverse(it.Files)
		}
	}
	if err := CommonCartridge(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same cartridge gives different bytes")
	}
}

// TestCommonCartridgeStableIdentifiers checks that adding an occupation
// leaves the identifiers of the others alone, so that an LMS updating an
// import matches them.
func TestCommonCartridgeStableIdentifiers(t *testing.T) {
	ids := func(c Cartridge) map[string]string {
		var m ccManifest
		if err := xml.Unmarshal(ccPackage(t, c)[ManifestPath], &m); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, mod := range m.Organizations[0].Items[0].Items {
			out[*mod.Title] = mod.Identifier
			for _, it := range mod.Items {
				out[*mod.Title+"/"+*it.Title+"/"+it.IdentifierRef] = it.Identifier
			}
		}
		return out
	}
	before := ids(cartridge())
	c := cartridge()
	c.Modules[0].Items = slices.Insert(c.Modules[0].Items, 0, occupationItems("archivist", "Archivist", "")...)
	after := ids(c)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: identifier %s became %s", k, v, after[k])
		}
	}
}

func TestCommonCartridgeErrors(t *testing.T) {
	for name, mutate := range map[string]func(*Cartridge){
		"no title":               func(c *Cartridge) { c.Title = "" },
		"module without title":   func(c *Cartridge) { c.Modules[0].Title = " " },
		"item without title":     func(c *Cartridge) { c.Modules[0].Items[0].Title = "" },
		"empty item":             func(c *Cartridge) { c.Modules[1].Items[0].WebLink = "" },
		"href not in files":      func(c *Cartridge) { c.Modules[0].Items[0].Href = "content/missing.html" },
		"href without files":     func(c *Cartridge) { c.Modules[1].Items[0].Href = "content/x.html" },
		"relative web link":      func(c *Cartridge) { c.Modules[1].Items[0].WebLink = "occupations/nurse/index.html" },
		"javascript web link":    func(c *Cartridge) { c.Modules[1].Items[0].WebLink = "javascript:alert(1)" },
		"path escapes":           func(c *Cartridge) { c.Modules[0].Items[0].Files[0].Path = "../x.css" },
		"file named manifest":    func(c *Cartridge) { c.Modules[0].Items[0].Files[0].Path = "imsmanifest.xml" },
		"same path, other bytes": func(c *Cartridge) { c.Modules[0].Items[1].Files[1].Data = []byte("body {}") },
		"page of no item":        func(c *Cartridge) { c.Modules[0].Items[1].Files[1].Path = "content/other.html" },
		"relative published":     func(c *Cartridge) { c.Modules[0].Items[1].Published = "novice.html" },
	} {
		t.Run(name, func(t *testing.T) {
			c := cartridge()
			mutate(&c)
			var buf bytes.Buffer
			if err := CommonCartridge(&buf, c); err == nil {
				t.Fatal("no error")
			} else if buf.Len() != 0 {
				t.Fatalf("wrote %d bytes before failing with %v", buf.Len(), err)
			}
		})
	}
}

// The Common Cartridge 1.1 schemas (see testdata/cc11/README.md).
const (
	ccManifestXSD = "testdata/cc11/ccv1p1_imscp_v1p2_v1p0.xsd"
	ccWebLinkXSD  = "testdata/cc11/ccv1p1_imswl_v1p1.xsd"
)

// validateCC runs xmllint with schema over data and returns its findings.
func validateCC(t *testing.T, schema string, data []byte) []qa.Finding {
	t.Helper()
	file := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return qa.CheckXML(t, schema, file)
}

func TestCommonCartridgeValidates(t *testing.T) {
	qa.Xmllint(t)
	c := cartridge()
	c.Identifier = "15-1252.00 & friends"
	c.Language = "de"
	files := ccPackage(t, c)
	qa.AssertNone(t, "manifest", validateCC(t, ccManifestXSD, files[ManifestPath]))
	links := 0
	for name, data := range files {
		if strings.HasSuffix(name, "/"+webLinkFile) {
			links++
			qa.AssertNone(t, name, validateCC(t, ccWebLinkXSD, data))
		}
	}
	if links != 2 {
		t.Errorf("%d web links, want 2", links)
	}
}

// TestCommonCartridgeValidationHasTeeth proves that the schemas check the
// rules the cartridge relies on: broken manifests and links must fail.
func TestCommonCartridgeValidationHasTeeth(t *testing.T) {
	qa.Xmllint(t)
	files := ccPackage(t, cartridge())
	manifest := files[ManifestPath]
	var link []byte
	for name, data := range files {
		if strings.HasSuffix(name, "/"+webLinkFile) {
			link = data
		}
	}
	for _, c := range []struct {
		name, schema string
		doc          []byte
		old, new     string
	}{
		{"titled root item", ccManifestXSD, manifest, `<item identifier="root">`, `<item identifier="root"><title>Root</title>`},
		{"untitled module", ccManifestXSD, manifest, `<title>Healthcare</title>`, ``},
		{"bogus resource type", ccManifestXSD, manifest, `type="webcontent"`, `type="bogus"`},
		{"SCORM resource type", ccManifestXSD, manifest, `type="webcontent"`, `type="sco"`},
		{"other structure", ccManifestXSD, manifest, `structure="rooted-hierarchy"`, `structure="hierarchical"`},
		{"schema version 1.0.0", ccManifestXSD, manifest, `<schemaversion>1.1.0</schemaversion>`, `<schemaversion>1.0.0</schemaversion>`},
		{"unknown LOM element", ccManifestXSD, manifest, `<lomimscc:general>`, `<lomimscc:bogus/><lomimscc:general>`},
		{"two root items", ccManifestXSD, manifest, `</item>
    </organization>`, `</item>
      <item identifier="root2"/>
    </organization>`},
		{"web link without a URL", ccWebLinkXSD, link, `<url `, `<bogus `},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(c.doc, []byte(c.old)) {
				t.Fatalf("document has no %s", c.old)
			}
			broken := bytes.Replace(c.doc, []byte(c.old), []byte(c.new), 1)
			if findings := validateCC(t, c.schema, broken); len(findings) == 0 {
				t.Fatalf("a document with %q validates", c.new)
			} else {
				t.Logf("rejected as it should be: %v", findings[0].Message)
			}
		})
	}
}

// TestCommonCartridgeKeepsNoRewrittenPage checks that a cartridge written
// through a Deflated has the bytes of one written without, and leaves
// none of the pages it rewrote in the cache: no other package holds them.
func TestCommonCartridgeKeepsNoRewrittenPage(t *testing.T) {
	var plain, cached bytes.Buffer
	if err := CommonCartridge(&plain, cartridge()); err != nil {
		t.Fatal(err)
	}
	c := cartridge()
	c.Deflated = new(Deflated)
	if err := CommonCartridge(&cached, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Bytes(), cached.Bytes()) {
		t.Error("the cartridge through a Deflated differs from one without")
	}
	for k := range c.Deflated.entries {
		if isHTML(k.path) {
			t.Errorf("the cache keeps the rewritten page %s", k.path)
		}
	}
}
