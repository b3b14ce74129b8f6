package export

import (
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/generator/align"
	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/site"
)

// CASE item types: levels and statements.
const (
	LevelItemType     = "Proficiency Level"
	StatementItemType = "Competency"
)

// caseVersion is the CASE version the packages declare.
const caseVersion = "1.1"

type casePackage struct {
	CFDocument     caseDocument      `json:"CFDocument"`
	CFItems        []caseItem        `json:"CFItems"`
	CFAssociations []caseAssociation `json:"CFAssociations"`
	CFDefinitions  caseDefinitions   `json:"CFDefinitions"`
}

type caseDocument struct {
	Identifier         string   `json:"identifier"`
	URI                string   `json:"uri"`
	CaseVersion        string   `json:"caseVersion"`
	Creator            string   `json:"creator"`
	Title              string   `json:"title"`
	LastChangeDateTime string   `json:"lastChangeDateTime"`
	OfficialSourceURL  string   `json:"officialSourceURL,omitempty"`
	Publisher          string   `json:"publisher,omitempty"`
	Description        string   `json:"description,omitempty"`
	Subject            []string `json:"subject,omitempty"`
	Language           string   `json:"language,omitempty"`
	Version            string   `json:"version,omitempty"`
	Notes              string   `json:"notes,omitempty"`
}

type caseItem struct {
	Identifier           string `json:"identifier"`
	FullStatement        string `json:"fullStatement"`
	AbbreviatedStatement string `json:"abbreviatedStatement,omitempty"`
	HumanCodingScheme    string `json:"humanCodingScheme"`
	CFItemType           string `json:"CFItemType"`
	URI                  string `json:"uri"`
	LastChangeDateTime   string `json:"lastChangeDateTime"`
}

type caseAssociation struct {
	Identifier         string   `json:"identifier"`
	AssociationType    string   `json:"associationType"`
	SequenceNumber     int      `json:"sequenceNumber,omitempty"`
	URI                string   `json:"uri"`
	OriginNodeURI      caseLink `json:"originNodeURI"`
	DestinationNodeURI caseLink `json:"destinationNodeURI"`
	LastChangeDateTime string   `json:"lastChangeDateTime"`
}

// caseLink is both a LinkURI and a LinkGenURI: title, identifier, uri.
type caseLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type caseDefinitions struct {
	CFItemTypes []caseItemType `json:"CFItemTypes"`
}

type caseItemType struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	HierarchyCode      string `json:"hierarchyCode"`
	TypeCode           string `json:"typeCode"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

// CASE returns the framework as a 1EdTech CASE 1.1 CFPackage (JSON): one
// CFDocument, a CFItem of type "Proficiency Level" per level and of type
// "Competency" per statement, isChildOf associations from each statement
// to its level and from each level to the document (sequenceNumber is the
// 1-based position), and a precedes association from each level to the
// next. Item uris are the level pages and the statements' anchors on them;
// the document's is the occupation page; associations and item types have
// no page, so theirs are urn:uuid URIs of their identifiers. An item
// says only what CASE 1.1 requires and what no other record of the
// package says: its type by title (CFItemType, defined once in
// CFDefinitions, not a CFItemTypeURI per item), no language (the
// document's), no listEnumeration (its isChildOf sequenceNumber). A statement
// aligned to an O*NET element has an association with it (see
// alignmentAssociation), whose destination is the element's URN. Every record
// changed last when the framework was exported (2000-01-01T00:00:00Z when
// the file does not say). The creator is the framework's attribution
// without its "©", else the site's publisher, else the site's title.
func CASE(o *site.Occupation, s *site.Site) ([]byte, error) { return appendCASE(nil, o, s) }

// appendCASE appends CASE's package to dst.
func appendCASE(dst []byte, o *site.Occupation, s *site.Site) ([]byte, error) {
	x := siteIDs(s)
	c := codesOf(o)
	from := downloadPath(o, FormatCASE)
	changed := formatTime(dateOr(o.ExportedAt))

	doc := caseDocumentOf(o, s, x, from, changed)
	docLink := caseLink{Title: doc.Title, Identifier: doc.Identifier, URI: doc.URI}

	levelType, statementType := caseItemTypes(x)
	pkg := casePackage{CFDocument: doc, CFDefinitions: caseDefinitions{[]caseItemType{levelType, statementType}}}
	if n := caseNodes(o); n > 0 {
		// Of their size at once (an item a node; at most two associations
		// a node), not doubling to it: ten thousand frameworks' packages
		// are made in a build.
		pkg.CFItems = make([]caseItem, 0, n)
		pkg.CFAssociations = make([]caseAssociation, 0, 2*n)
	}
	associate := func(kind string, seq int, origin, dest caseLink) {
		id := x.association(kind, origin.Identifier, dest.Identifier)
		pkg.CFAssociations = append(pkg.CFAssociations, caseAssociation{
			Identifier: id, AssociationType: kind, SequenceNumber: seq, URI: "urn:uuid:" + id,
			OriginNodeURI: origin, DestinationNodeURI: dest, LastChangeDateTime: changed,
		})
	}

	var prev caseLink
	for _, ol := range o.Levels {
		level := caseItem{
			Identifier:         x.level(ol),
			FullStatement:      ol.Label,
			HumanCodingScheme:  c.level(ol),
			CFItemType:         LevelItemType,
			URI:                link(s, from, ol.Path, ""),
			LastChangeDateTime: changed,
		}
		pkg.CFItems = append(pkg.CFItems, level)
		levelLink := caseLink{Title: level.FullStatement, Identifier: level.Identifier, URI: level.URI}
		associate("isChildOf", ol.Number, levelLink, docLink)
		if prev.Identifier != "" {
			associate("precedes", 0, prev, levelLink)
		}
		prev = levelLink
		for k, st := range ol.Statements {
			item := caseItem{
				Identifier:           x.statement(ol, st),
				FullStatement:        st.Text,
				AbbreviatedStatement: st.Topic,
				HumanCodingScheme:    c.statement(ol, st),
				CFItemType:           StatementItemType,
				URI:                  link(s, from, ol.Path, st.Anchor),
				LastChangeDateTime:   changed,
			}
			pkg.CFItems = append(pkg.CFItems, item)
			itemLink := caseLink{Title: item.HumanCodingScheme, Identifier: item.Identifier, URI: item.URI}
			associate("isChildOf", st.Number, itemLink, levelLink)
			if kind, dest, ok := alignmentLink(ol, k); ok {
				associate(kind, 0, itemLink, dest)
			}
		}
	}
	// Records take 460 to 540 bytes in the corpus: a buffer of the size,
	// not one doubling its way there.
	return pkg.appendJSON(slices.Grow(dst, 2048+576*(len(pkg.CFItems)+len(pkg.CFAssociations)))), nil
}

// caseNodes counts the levels and statements of o.
func caseNodes(o *site.Occupation) int {
	n := len(o.Levels)
	for _, ol := range o.Levels {
		n += len(ol.Statements)
	}
	return n
}

// caseDocumentOf is the package's CFDocument.
func caseDocumentOf(o *site.Occupation, s *site.Site, x ids, from, changed string) caseDocument {
	doc := caseDocument{
		Identifier:         x.document(o),
		URI:                link(s, from, o.Path, ""),
		CaseVersion:        caseVersion,
		Creator:            creator(o, s),
		Title:              o.Title(),
		LastChangeDateTime: changed,
		Publisher:          s.Config.Publisher,
		Description:        description(o),
		Language:           s.Config.Language,
		Version:            o.Version,
		Notes:              strings.Join(notes(o), "\n"),
	}
	if absolute(s) {
		doc.OfficialSourceURL = doc.URI
	}
	if o.Framework.Occupation.Group != "" {
		doc.Subject = []string{o.Framework.Occupation.Group}
	}
	return doc
}

// alignmentLink returns the association type and destination of the
// k-th statement's O*NET alignment, or false when it has none.
func alignmentLink(ol *site.OccupationLevel, k int) (string, caseLink, bool) {
	if ol.Aligned == nil || ol.Aligned[k] == nil {
		return "", caseLink{}, false
	}
	al := ol.Aligned[k]
	uri := onet.URI(al.Element)
	return alignmentAssociation(al.Band), caseLink{Title: al.Element.Title, Identifier: uri, URI: uri}, true
}

// alignmentAssociation is the CASE association of a statement with its
// O*NET element: exactMatchOf when the site pinned it or the match is
// exact or of high confidence, isRelatedTo otherwise.
func alignmentAssociation(b align.Band) string {
	if b >= align.High {
		return "exactMatchOf"
	}
	return "isRelatedTo"
}

// caseItemTypes returns the definitions of the two item types. They are
// the same in every package of a site, identifiers and dates included.
func caseItemTypes(x ids) (level, statement caseItemType) {
	changed := formatTime(fixedTime)
	def := func(title, desc, hierarchy, code string) caseItemType {
		id := x.itemType(title)
		return caseItemType{Identifier: id, URI: "urn:uuid:" + id, Title: title, Description: desc,
			HierarchyCode: hierarchy, TypeCode: code, LastChangeDateTime: changed}
	}
	return def(LevelItemType, "A proficiency level of an occupational competency framework, from entry to leadership.", "1", "proficiency-level"),
		def(StatementItemType, "A competency statement: what a worker at the level it belongs to is expected to do.", "2", "competency")
}

// creator names who promulgates the framework: its attribution without a
// leading copyright sign, else the site's publisher, else the site's title.
func creator(o *site.Occupation, s *site.Site) string {
	a := strings.TrimSpace(o.Attribution)
	for _, p := range []string{"©", "(c)", "(C)", "Copyright"} {
		a = strings.TrimSpace(strings.TrimPrefix(a, p))
	}
	switch {
	case a != "":
		return a
	case s.Config.Publisher != "":
		return s.Config.Publisher
	}
	return s.Config.Title
}

// description is the framework's description, or what it covers when it
// has none.
func description(o *site.Occupation) string {
	if o.Framework.Description != "" {
		return o.Framework.Description
	}
	return o.ContextCovered
}

// notes are what the CASE document and the LMS formats have no field
// for: the context the framework covers (when the description is not
// already it), its sources and its attribution, one per line.
func notes(o *site.Occupation) []string {
	var lines []string
	if o.ContextCovered != "" && o.Framework.Description != "" {
		lines = append(lines, "Context covered: "+o.ContextCovered)
	}
	for _, src := range o.Sources {
		lines = append(lines, "Source ("+src.Key+"): "+src.Value)
	}
	if o.Attribution != "" {
		lines = append(lines, "Attribution: "+o.Attribution)
	}
	return lines
}
