package lms

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// manifest2004 is the part of a SCORM 2004 manifest the tests read.
type manifest2004 struct {
	XMLName       xml.Name `xml:"http://www.imsglobal.org/xsd/imscp_v1p1 manifest"`
	SchemaVersion string   `xml:"metadata>schemaversion"`
	Organization  struct {
		Title      string `xml:"title"`
		Sequencing struct {
			ControlMode struct {
				Choice string `xml:"choice,attr"`
			} `xml:"controlMode"`
		} `xml:"http://www.imsglobal.org/xsd/imsss sequencing"`
		Groups []struct {
			Title string `xml:"title"`
			Items []struct {
				Ref        string `xml:"identifierref,attr"`
				Title      string `xml:"title"`
				Sequencing struct {
					Delivery struct {
						Completion string `xml:"completionSetByContent,attr"`
					} `xml:"deliveryControls"`
				} `xml:"http://www.imsglobal.org/xsd/imsss sequencing"`
			} `xml:"item"`
		} `xml:"item"`
	} `xml:"organizations>organization"`
	Resources []struct {
		Identifier string `xml:"identifier,attr"`
		ScormType  string `xml:"http://www.adlnet.org/xsd/adlcp_v1p3 scormType,attr"`
		Href       string `xml:"href,attr"`
	} `xml:"resources>resource"`
}

// TestSCORM2004Course checks the SCORM 2004 4th Edition package: free
// choice, each SCO setting its own completion, the groups and SCOs of the
// course, every link inside the package.
func TestSCORM2004Course(t *testing.T) {
	var buf bytes.Buffer
	if err := SCORM2004Course(&buf, course()); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, buf.Bytes())
	var m manifest2004
	if err := xml.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion != "2004 4th Edition" || m.Organization.Sequencing.ControlMode.Choice != "true" {
		t.Errorf("schema version %q, choice %q", m.SchemaVersion, m.Organization.Sequencing.ControlMode.Choice)
	}
	scoType := map[string]string{}
	for _, r := range m.Resources {
		scoType[r.Identifier] = r.ScormType
	}
	var got []string
	for _, g := range m.Organization.Groups {
		for _, it := range g.Items {
			if scoType[it.Ref] != "sco" || it.Sequencing.Delivery.Completion != "true" {
				t.Errorf("%s: scormType %q, completionSetByContent %q", it.Title, scoType[it.Ref], it.Sequencing.Delivery.Completion)
			}
			got = append(got, g.Title+"/"+it.Title)
		}
	}
	want := []string{"Computer and mathematical/Web developer", "Computer and mathematical/Data scientist", "Healthcare/Nurse"}
	if !slices.Equal(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
	for _, b := range brokenLinks(files) {
		t.Error(b)
	}
}

// TestSCORM2004Browser runs each SCO of the SCORM 2004 package under
// scorm-again's SCORM 2004 runtime: incomplete once launched, completed
// once its four levels are open, and Terminate called when it goes.
func TestSCORM2004Browser(t *testing.T) {
	var buf bytes.Buffer
	if err := SCORM2004Course(&buf, course()); err != nil {
		t.Fatal(err)
	}
	pkg := unzip(t, buf.Bytes())
	same, _ := lmsServer(t, pkg)
	b := qa.NewBrowser(t)
	for _, id := range []string{"web-developer", "nurse"} {
		b.Reset()
		if err := b.Navigate(same + "/host2004.html?" + url.Values{"src": {"/pkg/launch-" + id + ".html"}}.Encode()); err != nil {
			t.Fatal(err)
		}
		waitFor(t, b, id+" launched", `API_1484_11.cmi.completion_status === "incomplete" && levelLinks().length === 4`)
		for i := 0; i < 4; i++ {
			b.Eval(fmt.Sprintf("levelLinks()[%d].click()", i), nil)
			waitFor(t, b, fmt.Sprintf("%s level %d", id, i+1), fmt.Sprintf(`levelLinks()[%d].hasAttribute("data-visited")`, i))
		}
		waitFor(t, b, id+" completed", `API_1484_11.cmi.completion_status === "completed" && API_1484_11.cmi.location.indexOf("expert") >= 0`)
		b.Eval(`document.getElementById("sco").src = "about:blank"; true`, nil)
		waitFor(t, b, id+" terminated", `API_1484_11.isTerminated()`)
		waitFor(t, b, id+" session time", `/^PT\d+H\d+M\d+\.\d\dS$/.test(sets["cmi.session_time"]) && sets["cmi.exit"] === "normal"`)
		assertQuiet(t, b)
	}
}
