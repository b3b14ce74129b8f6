package export

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/paths"
	"github.com/ladder-ssg/ladder/generator/site"
)

// NormalizedJSON returns the framework as ladder understood it, in the
// shape of the input format: schemaVersion, exportedAt (RFC 3339, UTC;
// left out when the file had none), occupation, framework with its levels
// as an object in the file's order, sources, attribution. Text is
// trimmed, empty statements are dropped, a missing version is null and
// empty optional fields are left out, so any reader of the input format
// reads it, ladder included. It is the framework file the site publishes
// (o.Download), in place of the file as it came.
//
// A "ladder" member adds what ladder derived, by position and without
// repeating any text (a statement's topic and performance are the text
// split at its first " — ", see framework.Split): the occupation's code
// and page, and per level, in the order of framework.levels, its code,
// its page (the occupation's, on a site without level pages), each
// statement's anchor and each statement's O*NET alignment
// ([element URN, confidence band], or null). Statement n (1-based) of a
// level has the code <level code>.<n> and the URL <level url>#<anchor>.
// URLs are relative to the file, which lives in the occupation's folder.
func NormalizedJSON(o *site.Occupation) ([]byte, error) { return appendNormalizedJSON(nil, o) }

// appendNormalizedJSON appends NormalizedJSON's file to dst.
func appendNormalizedJSON(dst []byte, o *site.Occupation) ([]byte, error) {
	doc := normalizedFramework(o)
	from := o.Download
	rel := func(target string) string { return link(&site.Site{}, from, target, "") }
	c := codesOf(o)
	levels := make([]object, 0, len(o.Levels))
	for _, ol := range o.Levels {
		anchors := make([]string, len(ol.Statements))
		alignments := make([]any, len(ol.Statements))
		for i, st := range ol.Statements {
			anchors[i] = st.Anchor
			if ol.Aligned != nil && ol.Aligned[i] != nil {
				al := ol.Aligned[i]
				alignments[i] = [2]string{onet.URI(al.Element), al.Band.String()}
			}
		}
		level := object{{"code", c.level(ol)}, {"url", rel(paths.Page(ol.Path))}, {"anchors", anchors}}
		if ol.Aligned != nil {
			level = append(level, member{"alignments", alignments})
		}
		levels = append(levels, level)
	}
	doc = append(doc, member{"ladder", object{{"code", o.Code}, {"url", rel(o.Path)}, {"levels", levels}}})
	return appendObjectJSON(dst, doc)
}

// normalizedFramework is the framework of o in the input format's shape,
// without the "ladder" member.
func normalizedFramework(o *site.Occupation) object {
	occ := o.Framework.Occupation
	var doc object
	if o.SchemaVersion != "" {
		doc = append(doc, member{"schemaVersion", o.SchemaVersion})
	}
	if !o.ExportedAt.IsZero() {
		doc = append(doc, member{"exportedAt", formatTime(o.ExportedAt)})
	}
	occupation := object{{"soc", occ.SOC}, {"title", occ.Title}}
	if occ.Group != "" {
		occupation = append(occupation, member{"group", occ.Group})
	}
	if occ.Sector != "" {
		occupation = append(occupation, member{"sector", occ.Sector})
	}
	if occ.JobZone != 0 {
		occupation = append(occupation, member{"jobZone", occ.JobZone}, member{"jobZoneInferred", occ.JobZoneInferred})
	}
	doc = append(doc, member{"occupation", occupation})

	var version any
	if o.Version != "" {
		version = o.Version
	}
	fw := object{{"version", version}}
	if o.Framework.Description != "" {
		fw = append(fw, member{"description", o.Framework.Description})
	}
	if o.ContextCovered != "" {
		fw = append(fw, member{"contextCovered", o.ContextCovered})
	}
	var levels object
	for _, ol := range o.Levels {
		texts := make([]string, len(ol.Statements))
		for i, st := range ol.Statements {
			texts[i] = st.Text
		}
		levels = append(levels, member{ol.Key, object{{"label", ol.Label}, {"statements", texts}}})
	}
	doc = append(doc, member{"framework", append(fw, member{"levels", levels})})

	if len(o.Sources) > 0 {
		var sources object
		for _, src := range o.Sources {
			sources = append(sources, member{src.Key, src.Value})
		}
		doc = append(doc, member{"sources", sources})
	}
	if a := strings.TrimSpace(o.Attribution); a != "" {
		doc = append(doc, member{"attribution", a})
	}
	return doc
}
