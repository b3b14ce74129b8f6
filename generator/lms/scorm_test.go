package lms

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// wrapperXSD is the schema that imports every namespace of a SCORM 1.2
// manifest from the schema files the packages ship.
const wrapperXSD = "testdata/scorm12-wrapper.xsd"

// scormPackage builds p and returns its files.
func scormPackage(t *testing.T, p Package) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := SCORM12(&buf, p); err != nil {
		t.Fatal(err)
	}
	return unzip(t, buf.Bytes())
}

// validate12 runs xmllint with the wrapper schema over manifest and
// returns its findings.
//
// The official ims_xml.xsd binds the xml namespace as its default
// namespace, which libxml2 reports as a "namespace error" while still
// loading the schema and validating (xmllint exits 0). That one line about
// the schema file, not about the manifest, is dropped.
func validate12(t *testing.T, manifest []byte) []qa.Finding {
	t.Helper()
	file := filepath.Join(t.TempDir(), ManifestPath)
	if err := os.WriteFile(file, manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	var findings []qa.Finding
	for _, f := range qa.CheckXML(t, wrapperXSD, file) {
		if filepath.Base(f.File) == "ims_xml.xsd" && strings.Contains(f.Message, "xml namespace URI cannot be the default namespace") {
			continue
		}
		findings = append(findings, f)
	}
	return findings
}

func TestSCORM12ManifestValidates(t *testing.T) {
	qa.Xmllint(t)
	for name, p := range map[string]Package{
		"occupation": fixture(),
		"no levels, no description, odd identifier and a long title": func() Package {
			p := fixture()
			p.Identifier = "15-1252.00 (web)"
			p.Description = ""
			p.Levels = nil
			p.Title = strings.Repeat("Very long title ", 20) + "& <friends>"
			p.Language = "de"
			return p
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			files := scormPackage(t, p)
			qa.AssertNone(t, "xmllint", validate12(t, files[ManifestPath]))
		})
	}
}

// TestSCORM12ValidationHasTeeth proves that the wrapper schema checks what
// matters: broken manifests must fail.
func TestSCORM12ValidationHasTeeth(t *testing.T) {
	qa.Xmllint(t)
	manifest := scormPackage(t, fixture())[ManifestPath]
	for _, c := range []struct{ name, old, new string }{
		{"bogus scormtype", `adlcp:scormtype="sco"`, `adlcp:scormtype="bogus"`},
		{"isvisible not a boolean", `isvisible="true"`, `isvisible="maybe"`},
		{"duplicate identifier", `<item identifier="ladder-item"`, `<item identifier="ladder-organization"`},
		{"title over 200 characters", `<title>Web developer</title>`, `<title>` + strings.Repeat("x", 201) + `</title>`},
		{"unknown element", `<resources>`, `<resources><bogus/>`},
		{"resource without type", ` type="webcontent"`, ``},
		{"unknown imsmd element", `<imsmd:general>`, `<imsmd:general><imsmd:bogus/>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(manifest, []byte(c.old)) {
				t.Fatalf("manifest has no %s", c.old)
			}
			broken := bytes.Replace(manifest, []byte(c.old), []byte(c.new), 1)
			if findings := validate12(t, broken); len(findings) == 0 {
				t.Fatalf("a manifest with %s validates", c.new)
			} else {
				t.Logf("rejected as it should be: %v", findings[0].Message)
			}
		})
	}
}

// manifest12 is the part of a SCORM 1.2 manifest the structure test reads.
type manifest12 struct {
	XMLName        xml.Name `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 manifest"`
	Identifier     string   `xml:"identifier,attr"`
	SchemaLocation string   `xml:"http://www.w3.org/2001/XMLSchema-instance schemaLocation,attr"`
	Schema         string   `xml:"metadata>schema"`
	SchemaVersion  string   `xml:"metadata>schemaversion"`
	Organizations  struct {
		Default      string `xml:"default,attr"`
		Organization []struct {
			Identifier string `xml:"identifier,attr"`
			Title      string `xml:"title"`
			Item       []struct {
				IdentifierRef string `xml:"identifierref,attr"`
				Title         string `xml:"title"`
			} `xml:"item"`
		} `xml:"organization"`
	} `xml:"organizations"`
	Resources []struct {
		Identifier string `xml:"identifier,attr"`
		Type       string `xml:"type,attr"`
		ScormType  string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 scormtype,attr"`
		Href       string `xml:"href,attr"`
		Files      []struct {
			Href string `xml:"href,attr"`
		} `xml:"file"`
	} `xml:"resources>resource"`
}

func TestSCORM12Structure(t *testing.T) {
	p := fixture()
	files := scormPackage(t, p)
	var m manifest12
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	if m.Identifier != "ladder-web-developer" || m.Schema != "ADL SCORM" || m.SchemaVersion != "1.2" {
		t.Errorf("identifier %q, schema %q %q", m.Identifier, m.Schema, m.SchemaVersion)
	}
	for _, want := range []string{
		"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd",
		"http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
		"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd",
	} {
		if !strings.Contains(m.SchemaLocation, want) {
			t.Errorf("xsi:schemaLocation %q lacks %q", m.SchemaLocation, want)
		}
	}
	orgs := m.Organizations.Organization
	if len(orgs) != 1 || len(orgs[0].Item) != 1 || m.Organizations.Default != orgs[0].Identifier {
		t.Fatalf("want one default organization with one item, got %+v", m.Organizations)
	}
	if orgs[0].Title != p.Title || orgs[0].Item[0].Title != p.Title {
		t.Errorf("titles %q, %q; want %q", orgs[0].Title, orgs[0].Item[0].Title, p.Title)
	}
	if len(m.Resources) != 1 {
		t.Fatalf("want one resource, got %d", len(m.Resources))
	}
	r := m.Resources[0]
	if r.Identifier != orgs[0].Item[0].IdentifierRef || r.ScormType != "sco" || r.Type != "webcontent" || r.Href != LaunchPath {
		t.Errorf("resource %s: type %q, scormtype %q, href %q", r.Identifier, r.Type, r.ScormType, r.Href)
	}

	// The resource lists every file but the manifest and the schemas.
	var listed, want []string
	for _, f := range r.Files {
		listed = append(listed, f.Href)
	}
	schemas := []string{"adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd"}
	for name := range files {
		if name != ManifestPath && !slices.Contains(schemas, name) {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("resource files:\n%q\nwant\n%q", listed, want)
	}

	// The schema files at the root are the official ones.
	for _, name := range schemas {
		official, err := os.ReadFile(filepath.Join("schemas", "scorm12", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[name], official) {
			t.Errorf("%s in the package differs from schemas/scorm12/%s", name, name)
		}
		if shared, err := os.ReadFile(filepath.Join(qa.RepoRoot(t), "..", "shared", "schemas", "scorm12", name)); err == nil && !bytes.Equal(shared, official) {
			t.Errorf("schemas/scorm12/%s differs from shared/schemas/scorm12/%s", name, name)
		}
	}

	// Every content file is there, unchanged.
	for _, f := range p.Files {
		if !bytes.Equal(files[f.Path], f.Data) {
			t.Errorf("%s: content changed", f.Path)
		}
	}
}

func TestSCORM12LaunchPage(t *testing.T) {
	p := fixture()
	p.Title = `Web developer <&> "quoted"`
	p.Language = "fr"
	p.Labels = Labels{Levels: "Niveaux", Progress: "{done} sur {total} niveaux ouverts"}
	doc, err := html.Parse(bytes.NewReader(scormPackage(t, p)[LaunchPath]))
	if err != nil {
		t.Fatal(err)
	}
	var (
		lang, title, navLabel, progress string
		frames                          []map[string]string
		links                           []map[string]string
		linkText                        []string
		landmarks                       []string
		overview                        string
	)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := attrs(n)
			switch n.Data {
			case "html":
				lang = a["lang"]
			case "title":
				title = text(n)
			case "header", "main":
				landmarks = append(landmarks, n.Data)
			case "nav":
				landmarks = append(landmarks, n.Data)
				navLabel = a["aria-label"]
			case "iframe":
				frames = append(frames, a)
			case "a":
				if _, ok := a["data-level"]; ok {
					links = append(links, a)
					linkText = append(linkText, text(n.FirstChild))
				} else if a["target"] == "ladder-frame" && text(n) == "Overview" {
					overview = a["href"]
				}
			case "p":
				if a["id"] == "ladder-progress" {
					progress = text(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if lang != "fr" || title != p.Title {
		t.Errorf("lang %q, title %q", lang, title)
	}
	if !slices.Equal(landmarks, []string{"header", "nav", "main"}) {
		t.Errorf("landmarks %q, want header, nav, main", landmarks)
	}
	if navLabel != "Niveaux" || progress != "0 sur 4 niveaux ouverts" {
		t.Errorf("nav label %q, progress %q", navLabel, progress)
	}
	if len(frames) != 1 || frames[0]["src"] != p.Start || frames[0]["title"] != p.Title || frames[0]["name"] != "ladder-frame" {
		t.Fatalf("frames: %v", frames)
	}
	if len(links) != len(p.Levels) {
		t.Fatalf("%d level links, want %d", len(links), len(p.Levels))
	}
	if overview != p.Start {
		t.Errorf("overview link %q, want %q", overview, p.Start)
	}
	for i, l := range p.Levels {
		if links[i]["href"] != l.Href || links[i]["target"] != "ladder-frame" || linkText[i] != l.Title {
			t.Errorf("link %d: %v %q, want %s %q", i, links[i], linkText[i], l.Href, l.Title)
		}
	}
}

func TestSCORM12LinksStayInside(t *testing.T) {
	for _, p := range []Package{fixture(), func() Package { p := fixture(); p.Levels = nil; return p }()} {
		files := scormPackage(t, p)
		for _, b := range brokenLinks(files) {
			t.Error(b)
		}
	}
	// The checker itself finds a link out of the package.
	files := scormPackage(t, fixture())
	files["content/occupations/web-developer/index.html"] = append(files["content/occupations/web-developer/index.html"], `<a href="../../../../outside.html">x</a><img src="missing.png" alt="">`...)
	if got := brokenLinks(files); len(got) != 2 {
		t.Errorf("brokenLinks found %q, want the two planted broken links", got)
	}
}

func TestSCORM12Deterministic(t *testing.T) {
	p := fixture()
	var a, b bytes.Buffer
	if err := SCORM12(&a, p); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(p.Files)
	if err := SCORM12(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same package gives different bytes")
	}
}

func TestSCORM12Errors(t *testing.T) {
	for name, mutate := range map[string]func(*Package){
		"no title":             func(p *Package) { p.Title = " " },
		"start not in files":   func(p *Package) { p.Start = "content/missing.html" },
		"level not in files":   func(p *Package) { p.Levels[1].Href = "content/missing.html" },
		"level twice":          func(p *Package) { p.Levels[1].Href = p.Levels[0].Href },
		"file named launch":    func(p *Package) { p.Files = append(p.Files, File{Path: "launch.html"}) },
		"file named manifest":  func(p *Package) { p.Files = append(p.Files, File{Path: "imsmanifest.xml"}) },
		"file named a schema":  func(p *Package) { p.Files = append(p.Files, File{Path: "ims_xml.xsd"}) },
		"path escapes":         func(p *Package) { p.Files = append(p.Files, File{Path: "../x.html"}) },
		"path with a space":    func(p *Package) { p.Files = append(p.Files, File{Path: "a b.html"}) },
		"path with a percent":  func(p *Package) { p.Files = append(p.Files, File{Path: "a%20b.html"}) },
		"duplicate file":       func(p *Package) { p.Files = append(p.Files, p.Files[0]) },
		"identifier collision": func(p *Package) { p.Identifier = "ladder-sco" },
	} {
		t.Run(name, func(t *testing.T) {
			p := fixture()
			mutate(&p)
			var buf bytes.Buffer
			if err := SCORM12(&buf, p); err == nil {
				t.Fatal("no error")
			} else if buf.Len() != 0 {
				t.Fatalf("wrote %d bytes before failing with %v", buf.Len(), err)
			}
		})
	}
}

// attrs returns n's attributes as a map.
func attrs(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}

// text returns n's data when n is a text node (a link's first child: its
// title without the "(opened)" span), or all the text inside n.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	return qa.Text(n)
}
