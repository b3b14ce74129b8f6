// Package export turns the site model into the standard formats other
// systems import: per framework a CASE 1.1 package, Moodle and Canvas
// competency CSVs and the normalized framework JSON; site-wide a sitemap,
// robots.txt, an Atom feed, the frameworks.json catalogue and a zip of
// everything; and the schema.org JSON-LD values the pages embed. Every
// function is pure: it reads the model and returns bytes or values, so the
// build decides where they are written, and the same input always gives
// the same bytes (no clocks, no map order).
//
// # URLs
//
// A URL in an export is absolute when the site has a base URL: the base
// URL, then the page's path with a trailing "index.html" dropped (as the
// canonical links do), then "#" and the statement anchor. Without a base
// URL it is relative to the file that contains it, ending in the file
// ("emerging/index.html#anchor" inside occupations/<code>/<code>.case.json),
// so that it resolves wherever the site is opened, file:// included.
// Path segments and anchors are percent-encoded.
//
// # Identifiers
//
// Every CASE identifier is a name-based UUID (version 5, RFC 9562) in a
// namespace of the site: the UUIDv5 of the base URL in the URL namespace
// or, for a site without one, the UUIDv5 of its title in ladder's own
// namespace. The names are the occupation code, the level key and the
// statement's position in its level, so identifiers are the same in every
// build of the same input and differ between frameworks and sites.
// Changing the base URL (or, without one, the title) changes them all.
//
// Codes for people (CASE humanCodingScheme, Moodle ID numbers, Canvas
// display names) are the occupation code, a level code and the statement
// number: 29-2012.00.P.3 is the third statement of the Proficient level.
// The level code is the upper-cased first letter of the level key when
// every key of the framework starts with an ASCII letter and those
// letters differ; otherwise every level of that framework is coded by its
// number (29-2012.00.3.2).
//
// # Open Badges 3.0
//
// An Open Badges 3.0 achievement points at a statement with an Alignment
// (see Alignment): targetName is the statement's topic (the whole
// statement when it has none), targetDescription the statement,
// targetUrl the statement's anchor URL (the CFItem's uri), targetCode
// its humanCodingScheme, targetFramework the framework's title and
// targetType "CFItem". The anchor and the code are stable across builds,
// so a badge issued today keeps pointing at the same statement.
package export
