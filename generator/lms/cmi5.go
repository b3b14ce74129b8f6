package lms

import (
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Cmi5Path is the course structure at the root of a cmi5 package.
const Cmi5Path = "cmi5.xml"

// nsCmi5 is the namespace of a cmi5 course structure.
const nsCmi5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"

// Cmi5Course writes c to w as a cmi5 course package (a zip, see WriteZip):
// cmi5.xml holds the course, a block per group and an assignable unit (AU)
// per SCO, moveOn "Completed", launched in any window at its launch page
// (the same launch pages as SCORM12Course). Launched with cmi5's
// parameters, the launch page sends "initialized", then "completed" once
// every level of the AU has been opened, and "terminated" when it closes,
// to the LMS's LRS (see static/launch.js).
//
// iri identifies the course (an absolute IRI, such as the site's address);
// the blocks' and AUs' identifiers are iri with a fragment. With iri
// empty, a "urn:ladder:" IRI is derived from the identifier and title.
func Cmi5Course(w io.Writer, c Course, iri string) error {
	scos, _, files, err := courseParts(c)
	if err != nil {
		return err
	}
	if iri == "" {
		iri = "urn:ladder:" + hashID("", c.Identifier, c.Title)
	} else if u, err := url.Parse(iri); err != nil || u.Scheme == "" {
		return fmt.Errorf("cmi5: the course identifier %q is not an absolute IRI", iri)
	}
	files = append(files, xmlFile(Cmi5Path, func(x *xmlWriter) { cmi5Structure(x, c, scos, strings.TrimSuffix(iri, "#")) }))
	return writeZip(w, files, c.Deflated, c.Modified)
}

// cmi5Structure writes the cmi5.xml of c to x.
func cmi5Structure(x *xmlWriter, c Course, scos []courseSCO, iri string) {
	lang := cmpOr(c.Language, "en")
	x.open("courseStructure", "xmlns", nsCmi5)
	x.open("course", "id", iri)
	langText(x, "title", c.Title, lang)
	langText(x, "description", cmpOr(c.Description, c.Title), lang)
	x.close("course")
	next := 0
	for _, g := range c.Groups {
		x.open("block", "id", iri+"#"+hashID("block-", g.Title))
		langText(x, "title", g.Title, lang)
		langText(x, "description", g.Title, lang)
		for range g.SCOs {
			s := scos[next]
			next++
			x.open("au", "id", iri+"#"+s.id, "moveOn", "Completed", "launchMethod", "AnyWindow")
			langText(x, "title", s.Title, lang)
			langText(x, "description", s.Title, lang)
			x.text("url", s.launch)
			x.close("au")
		}
		x.close("block")
	}
	x.close("courseStructure")
}

// langText writes <name><langstring lang="…">text</langstring></name>.
func langText(x *xmlWriter, name, text, lang string) {
	x.open(name)
	x.text("langstring", strings.TrimSpace(text), "lang", lang)
	x.close(name)
}
