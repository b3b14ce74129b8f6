package export

import "strconv"

// The CASE package is written by hand rather than by encoding/json's
// reflection, which was most of the cost of a site's packages: the same
// bytes as marshalJSON of the structs (TestCASEAsMarshalJSON), members in
// the order of their fields, empty omitempty members left out.

// jsonObject appends the members of one JSON object to b.
type jsonObject struct {
	b []byte
	n int // members so far
}

// name starts a member.
func (o *jsonObject) name(name string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':')
}

// str is a string member.
func (o *jsonObject) str(name, v string) {
	o.name(name)
	o.b = appendJSONString(o.b, v, false)
}

// strOmitEmpty is a string member left out when empty.
func (o *jsonObject) strOmitEmpty(name, v string) {
	if v != "" {
		o.str(name, v)
	}
}

// array is a member that is an array of n elements, each appended by
// elem; null when nil, as encoding/json writes a nil slice.
func (o *jsonObject) array(name string, n int, isNil bool, elem func(b []byte, i int) []byte) {
	o.name(name)
	if isNil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = append(o.b, '[')
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = elem(o.b, i)
	}
	o.b = append(o.b, ']')
}

// object is a member that is an object, its members appended by members.
func (o *jsonObject) object(name string, members func(*jsonObject)) {
	o.name(name)
	o.b = appendObject(o.b, members)
}

// appendObject appends an object whose members members appends.
func appendObject(b []byte, members func(*jsonObject)) []byte {
	o := jsonObject{b: append(b, '{')}
	members(&o)
	return append(o.b, '}')
}

// appendJSON appends the package as marshalJSON writes it.
func (p *casePackage) appendJSON(b []byte) []byte {
	return appendObject(b, func(o *jsonObject) {
		o.object("CFDocument", p.CFDocument.members)
		o.array("CFItems", len(p.CFItems), p.CFItems == nil, func(b []byte, i int) []byte {
			return appendObject(b, p.CFItems[i].members)
		})
		o.array("CFAssociations", len(p.CFAssociations), p.CFAssociations == nil, func(b []byte, i int) []byte {
			return appendObject(b, p.CFAssociations[i].members)
		})
		o.object("CFDefinitions", func(o *jsonObject) {
			types := p.CFDefinitions.CFItemTypes
			o.array("CFItemTypes", len(types), types == nil, func(b []byte, i int) []byte {
				return appendObject(b, types[i].members)
			})
		})
	})
}

func (d *caseDocument) members(o *jsonObject) {
	o.str("identifier", d.Identifier)
	o.str("uri", d.URI)
	o.str("caseVersion", d.CaseVersion)
	o.str("creator", d.Creator)
	o.str("title", d.Title)
	o.str("lastChangeDateTime", d.LastChangeDateTime)
	o.strOmitEmpty("officialSourceURL", d.OfficialSourceURL)
	o.strOmitEmpty("publisher", d.Publisher)
	o.strOmitEmpty("description", d.Description)
	if len(d.Subject) > 0 {
		o.array("subject", len(d.Subject), false, func(b []byte, i int) []byte {
			return appendJSONString(b, d.Subject[i], false)
		})
	}
	o.strOmitEmpty("language", d.Language)
	o.strOmitEmpty("version", d.Version)
	o.strOmitEmpty("notes", d.Notes)
}

func (it *caseItem) members(o *jsonObject) {
	o.str("identifier", it.Identifier)
	o.str("fullStatement", it.FullStatement)
	o.strOmitEmpty("abbreviatedStatement", it.AbbreviatedStatement)
	o.str("humanCodingScheme", it.HumanCodingScheme)
	o.str("CFItemType", it.CFItemType)
	o.str("uri", it.URI)
	o.str("lastChangeDateTime", it.LastChangeDateTime)
}

func (a *caseAssociation) members(o *jsonObject) {
	o.str("identifier", a.Identifier)
	o.str("associationType", a.AssociationType)
	if a.SequenceNumber != 0 {
		o.name("sequenceNumber")
		o.b = strconv.AppendInt(o.b, int64(a.SequenceNumber), 10)
	}
	o.str("uri", a.URI)
	o.object("originNodeURI", a.OriginNodeURI.members)
	o.object("destinationNodeURI", a.DestinationNodeURI.members)
	o.str("lastChangeDateTime", a.LastChangeDateTime)
}

func (l *caseLink) members(o *jsonObject) {
	o.str("title", l.Title)
	o.str("identifier", l.Identifier)
	o.str("uri", l.URI)
}

func (t *caseItemType) members(o *jsonObject) {
	o.str("identifier", t.Identifier)
	o.str("uri", t.URI)
	o.str("title", t.Title)
	o.str("description", t.Description)
	o.str("hierarchyCode", t.HierarchyCode)
	o.str("typeCode", t.TypeCode)
	o.str("lastChangeDateTime", t.LastChangeDateTime)
}
