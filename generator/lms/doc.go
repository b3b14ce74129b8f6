// Package lms writes the packages that learning management systems import:
// SCORM 1.2 packages of one SCO (SCORM12) or of an SCO per occupation in
// groups (SCORM12Course), the same course as SCORM 2004 4th Edition
// (SCORM2004Course) and as cmi5 (Cmi5Course), and an IMS Common Cartridge
// 1.1 (CommonCartridge), all as deterministic zip files (WriteZip).
//
// The package is a leaf: it knows nothing of ladder's model. Callers hand it
// the already rendered pages and assets as Files with paths relative to the
// zip root, plus the little metadata each format needs (titles, the start
// page, the level pages). Everything else — the manifests, the launch pages
// and their script (one script for SCORM 1.2, SCORM 2004 and cmi5), the
// SCORM 1.2 schema files — comes from here. The cartridge's pages are
// rewritten as they are zipped (ccPage), since importers keep only the body
// of each resource's page.
//
// Same input, same bytes: entries are sorted by path, every entry carries
// the timestamp the caller gives (2000-01-01 without one), manifests list
// things in the order given, and Common Cartridge identifiers are derived
// from titles, paths and URLs.
//
// The content handed in must link only relatively and only to other files
// handed in (the package is unzipped somewhere under an LMS's own URL), and
// pages meant to size their frame post {subject: "lti.frameResize", height}
// to their parent, as the SCORM launch page and Canvas both listen for it.
package lms
