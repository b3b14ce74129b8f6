package export

import (
	"strings"

	"github.com/ladder-ssg/ladder/generator/site"
)

// NormalizedJSON returns the framework as ladder understood it, in the
// shape of the input format: schemaVersion, exportedAt (RFC 3339, UTC;
// left out when the file had none), occupation, framework with its levels
// as an object in the file's order, sources, attribution. Text is
// trimmed, empty statements are dropped, a missing version is null and
// empty optional fields are left out, so any reader of the input format
// reads it, ladder included.
//
// A "ladder" member adds what ladder derived: the occupation's code,
// page and original file, and per level (in order) its key, label, slug,
// number, code and page, and per statement its number, code, text, topic
// (null when it has none), performance, anchor and URL. URLs are relative
// to the file, which lives in the occupation's folder (see Downloads).
func NormalizedJSON(o *site.Occupation) ([]byte, error) {
	from := downloadPath(o, FormatNormalized)
	rel := func(target, fragment string) string { return link(&site.Site{}, from, target, fragment) }
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
	c := codesOf(o)
	var levels object
	var ladderLevels []object
	for _, ol := range o.Levels {
		texts := make([]string, len(ol.Statements))
		statements := make([]object, 0, len(ol.Statements))
		for i, st := range ol.Statements {
			texts[i] = st.Text
			var topic any
			if st.Topic != "" {
				topic = st.Topic
			}
			statements = append(statements, object{
				{"number", st.Number}, {"code", c.statement(ol, st)}, {"text", st.Text}, {"topic", topic},
				{"performance", st.Performance}, {"anchor", st.Anchor}, {"url", rel(ol.Path, st.Anchor)},
			})
		}
		levels = append(levels, member{ol.Key, object{{"label", ol.Label}, {"statements", texts}}})
		ladderLevels = append(ladderLevels, object{
			{"key", ol.Key}, {"label", ol.Label}, {"slug", ol.Slug}, {"number", ol.Number},
			{"code", c.level(ol)}, {"url", rel(ol.Path, "")}, {"statements", statements},
		})
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
	doc = append(doc, member{"ladder", object{
		{"code", o.Code},
		{"url", rel(o.Path, "")},
		{"original", rel(o.Download, "")},
		{"levels", ladderLevels},
	}})
	return marshalObject(doc)
}
