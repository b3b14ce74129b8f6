// Package lms writes the packages that learning management systems import:
// a SCORM 1.2 package (SCORM12) and an IMS Common Cartridge 1.1
// (CommonCartridge), both as deterministic zip files (WriteZip).
//
// The package is a leaf: it knows nothing of ladder's model. Callers hand it
// the already rendered pages and assets as Files with paths relative to the
// zip root, plus the little metadata each format needs (titles, the start
// page, the level pages). Everything else — the manifests, the SCORM launch
// page and its script, the SCORM 1.2 schema files — comes from here.
//
// Same input, same bytes: entries are sorted by path, every entry carries the
// same timestamp (2000-01-01), manifests list things in the order given, and
// Common Cartridge identifiers are derived from titles, paths and URLs.
//
// The content handed in must link only relatively and only to other files
// handed in (the package is unzipped somewhere under an LMS's own URL), and
// pages meant to size their frame post {subject: "lti.frameResize", height}
// to their parent, as the SCORM launch page and Canvas both listen for it.
package lms
