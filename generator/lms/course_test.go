package lms

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// course returns a course of three synthetic occupations in two groups.
func course() Course {
	c := Course{About: About{Identifier: "ladder-site", Title: "Digital careers", Description: "Three occupations."}}
	have := map[string]bool{}
	sco := func(occupation, title string) SCO {
		start, levels, files := contentFiles(occupation)
		for _, f := range files {
			if !have[f.Path] {
				have[f.Path] = true
				c.Files = append(c.Files, f)
			}
		}
		return SCO{Identifier: occupation, Title: title, Start: start, Levels: levels}
	}
	c.Groups = []Group{
		{Title: "Computer and mathematical", SCOs: []SCO{sco("web-developer", "Web developer"), sco("data-scientist", "Data scientist")}},
		{Title: "Healthcare", SCOs: []SCO{sco("nurse", "Nurse")}},
	}
	return c
}

// courseManifest12 is the part of a multi-SCO SCORM 1.2 manifest the
// tests read.
type courseManifest12 struct {
	Organizations struct {
		Default      string `xml:"default,attr"`
		Organization []struct {
			Identifier string `xml:"identifier,attr"`
			Items      []struct {
				IdentifierRef string `xml:"identifierref,attr"`
				Title         string `xml:"title"`
				Items         []struct {
					IdentifierRef string `xml:"identifierref,attr"`
					Title         string `xml:"title"`
				} `xml:"item"`
			} `xml:"item"`
		} `xml:"organization"`
	} `xml:"organizations"`
	Resources []struct {
		Identifier string `xml:"identifier,attr"`
		ScormType  string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 scormtype,attr"`
		Href       string `xml:"href,attr"`
		Files      []struct {
			Href string `xml:"href,attr"`
		} `xml:"file"`
		Dependencies []struct {
			Ref string `xml:"identifierref,attr"`
		} `xml:"dependency"`
	} `xml:"resources>resource"`
}

// coursePackage builds c as SCORM 1.2 and returns its files.
func coursePackage(t *testing.T, c Course) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := SCORM12Course(&buf, c); err != nil {
		t.Fatal(err)
	}
	return unzip(t, buf.Bytes())
}

// TestSCORM12Course checks the site-wide package: a group item per group,
// an SCO per occupation with its own launch page, every file listed by a
// resource, every link inside the package, a valid manifest.
func TestSCORM12Course(t *testing.T) {
	files := coursePackage(t, course())
	var m courseManifest12
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	res := map[string]int{}
	listed := map[string]bool{ManifestPath: true}
	for i, r := range m.Resources {
		res[r.Identifier] = i
		for _, f := range r.Files {
			listed[f.Href] = true
		}
	}
	type entry struct{ group, sco, launch string }
	var got []entry
	org := m.Organizations.Organization[0]
	for _, g := range org.Items {
		if g.IdentifierRef != "" {
			t.Errorf("group %q refers to a resource", g.Title)
		}
		for _, it := range g.Items {
			r := m.Resources[res[it.IdentifierRef]]
			if r.ScormType != "sco" || len(r.Dependencies) != 1 || r.Dependencies[0].Ref != courseAssets {
				t.Errorf("SCO %q: scormtype %q, dependencies %+v", it.Title, r.ScormType, r.Dependencies)
			}
			got = append(got, entry{g.Title, it.Title, r.Href})
		}
	}
	want := []entry{
		{"Computer and mathematical", "Web developer", "launch-web-developer.html"},
		{"Computer and mathematical", "Data scientist", "launch-data-scientist.html"},
		{"Healthcare", "Nurse", "launch-nurse.html"},
	}
	if !slices.Equal(got, want) || m.Organizations.Default != org.Identifier {
		t.Errorf("organization:\n%q\nwant\n%q", got, want)
	}
	for name := range files {
		if !listed[name] && !strings.HasSuffix(name, ".xsd") {
			t.Errorf("%s is listed by no resource", name)
		}
	}
	if !strings.Contains(string(files["launch-nurse.html"]), `href="content/occupations/nurse/levels/expert.html"`) {
		t.Error("the nurse's launch page does not list its levels")
	}
	for _, b := range brokenLinks(files) {
		t.Error(b)
	}
	qa.Xmllint(t)
	qa.AssertNone(t, "xmllint", validate12(t, files[ManifestPath]))
}

func TestSCORM12CourseErrors(t *testing.T) {
	for name, mutate := range map[string]func(*Course){
		"no title":           func(c *Course) { c.Title = " " },
		"no SCO":             func(c *Course) { c.Groups = nil },
		"group without name": func(c *Course) { c.Groups[1].Title = "" },
		"SCO without title":  func(c *Course) { c.Groups[1].SCOs[0].Title = "" },
		"same identifier":    func(c *Course) { c.Groups[1].SCOs[0].Identifier = "web-developer" },
		"start not a file":   func(c *Course) { c.Groups[0].SCOs[0].Start = "content/x.html" },
		"level not a file":   func(c *Course) { c.Groups[0].SCOs[0].Levels[1].Href = "content/x.html" },
		"level twice":        func(c *Course) { c.Groups[0].SCOs[0].Levels[1] = c.Groups[0].SCOs[0].Levels[0] },
		"generated name":     func(c *Course) { c.Files[0].Path = "launch.js" },
		"schema name":        func(c *Course) { c.Files[0].Path = "ims_xml.xsd" },
		"unsafe path":        func(c *Course) { c.Files[0].Path = "../x.css" },
	} {
		t.Run(name, func(t *testing.T) {
			c := course()
			mutate(&c)
			var buf bytes.Buffer
			if err := SCORM12Course(&buf, c); err == nil {
				t.Fatal("no error")
			} else if buf.Len() != 0 {
				t.Fatalf("wrote %d bytes before failing with %v", buf.Len(), err)
			}
		})
	}
}

// TestLaunchPagesShared checks that packages written with one Deflated,
// which keeps the launch pages they render, have the bytes of packages
// written without: the course's launch page of an occupation is its own
// package's, and a package of the same occupation with other levels
// gets a page of its own.
func TestLaunchPagesShared(t *testing.T) {
	write := func(cache *Deflated, levelTitle string) (pkg, crs []byte) {
		p, c := fixture(), course()
		p.Levels = slices.Clone(p.Levels)
		p.Levels[0].Title = levelTitle
		p.Deflated, c.Deflated = cache, cache
		var a, b bytes.Buffer
		if err := SCORM12(&a, p); err != nil {
			t.Fatal(err)
		}
		if err := SCORM12Course(&b, c); err != nil {
			t.Fatal(err)
		}
		return a.Bytes(), b.Bytes()
	}
	var cache Deflated
	for _, title := range []string{"Novice", "Beginner"} {
		pkg, crs := write(&cache, title)
		plainPkg, plainCrs := write(nil, title)
		if !bytes.Equal(pkg, plainPkg) || !bytes.Equal(crs, plainCrs) {
			t.Errorf("level %q: the packages through the cache differ from those without", title)
		}
		if got := unzip(t, pkg)[LaunchPath]; !bytes.Contains(got, []byte(title)) {
			t.Errorf("level %q: the launch page does not show it:\n%s", title, got)
		}
	}
	if len(cache.launches) != 4 {
		t.Errorf("the cache keeps %d launch pages, want 4: the package's two and the course's other two occupations", len(cache.launches))
	}
}
