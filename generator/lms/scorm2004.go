package lms

import (
	"io"
	"strings"
)

// Namespaces of a SCORM 2004 4th Edition manifest.
const (
	nsIMSCP2004  = "http://www.imsglobal.org/xsd/imscp_v1p1"
	nsADLCP2004  = "http://www.adlnet.org/xsd/adlcp_v1p3"
	nsADLSEQ2004 = "http://www.adlnet.org/xsd/adlseq_v1p3"
	nsADLNAV2004 = "http://www.adlnet.org/xsd/adlnav_v1p3"
	nsIMSSS      = "http://www.imsglobal.org/xsd/imsss"
)

// SCORM2004Course writes c to w as a SCORM 2004 4th Edition package (a zip,
// see WriteZip), with the organization, SCOs, launch pages and resources of
// SCORM12Course. Its sequencing lets the learner choose any SCO in any
// order (controlMode choice and flow on the organization and each group),
// and each SCO sets its own completion (deliveryControls
// completionSetByContent): the launch page finds the LMS's API_1484_11 and
// reports cmi.completion_status "completed" once every level of the SCO
// has been opened. The schema files are not included: the manifest names
// them by their usual file names, and LMSs do not read them.
func SCORM2004Course(w io.Writer, c Course) error {
	scos, shared, files, err := courseParts(c)
	if err != nil {
		return err
	}
	files = append(files, xmlFile(ManifestPath, func(x *xmlWriter) { course2004Manifest(x, c, scos, shared) }))
	return writeZip(w, files, c.Deflated, c.Modified)
}

// course2004Manifest writes the SCORM 2004 imsmanifest.xml of c to x.
func course2004Manifest(x *xmlWriter, c Course, scos []courseSCO, shared []string) {
	x.open("manifest",
		"identifier", xmlID("ladder-", c.Identifier),
		"version", "1.0",
		"xmlns", nsIMSCP2004,
		"xmlns:adlcp", nsADLCP2004,
		"xmlns:adlseq", nsADLSEQ2004,
		"xmlns:adlnav", nsADLNAV2004,
		"xmlns:imsss", nsIMSSS,
		"xmlns:xsi", nsXSI,
		"xsi:schemaLocation", strings.Join([]string{
			nsIMSCP2004, "imscp_v1p1.xsd",
			nsADLCP2004, "adlcp_v1p3.xsd",
			nsADLSEQ2004, "adlseq_v1p3.xsd",
			nsADLNAV2004, "adlnav_v1p3.xsd",
			nsIMSSS, "imsss_v1p0.xsd",
		}, " "))
	x.open("metadata")
	x.text("schema", "ADL SCORM")
	x.text("schemaversion", "2004 4th Edition")
	x.close("metadata")
	x.open("organizations", "default", scormOrg)
	x.open("organization", "identifier", scormOrg, "adlseq:objectivesGlobalToSystem", "false")
	x.text("title", strings.TrimSpace(c.Title))
	next := 0
	groupIDs := uniqueIDs{}
	for _, g := range c.Groups {
		x.open("item", "identifier", groupIDs.take(hashID("G_", g.Title)))
		x.text("title", strings.TrimSpace(g.Title))
		for range g.SCOs {
			s := scos[next]
			next++
			x.open("item", "identifier", "item-"+s.id, "identifierref", s.id)
			x.text("title", strings.TrimSpace(s.Title))
			x.open("imsss:sequencing")
			x.empty("imsss:deliveryControls", "completionSetByContent", "true", "objectiveSetByContent", "true")
			x.close("imsss:sequencing")
			x.close("item")
		}
		freeChoice(x)
		x.close("item")
	}
	freeChoice(x)
	x.close("organization")
	x.close("organizations")
	courseResources(x, scos, shared, "adlcp:scormType")
	x.close("manifest")
}

// freeChoice writes the sequencing of a cluster whose children the learner
// may open in any order.
func freeChoice(x *xmlWriter) {
	x.open("imsss:sequencing")
	x.empty("imsss:controlMode", "choice", "true", "flow", "true")
	x.close("imsss:sequencing")
}
