package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ladder-ssg/ladder/generator/site"
)

// caseSchemaPath is the official 1EdTech CASE 1.1 CFPackage schema.
const caseSchemaPath = "../../../shared/schemas/case-v1p1-cfpackage.json"

// caseSchema compiles the official schema with format assertions on, so
// that identifiers must be UUIDs and dates RFC 3339 date-times.
func caseSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(caseSchemaPath)
	if err != nil {
		if requireData() {
			t.Fatalf("CASE schema: %v", err)
		}
		t.Skipf("CASE schema not available (%v; not failing without CI=true)", err)
	}
	return sch
}

// validateCASE checks one package against the schema.
func validateCASE(t testing.TB, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%s: not a valid CFPackage: %v", name, err)
	}
}

// cfPackage is what the tests read back from a package.
type cfPackage struct {
	CFDocument struct {
		Identifier, URI, Title, Creator, LastChangeDateTime string
	}
	CFItems []struct {
		Identifier, FullStatement, AbbreviatedStatement, HumanCodingScheme, CFItemType, URI, LastChangeDateTime string
	}
	CFAssociations []struct {
		Identifier, AssociationType string
		SequenceNumber              int
		OriginNodeURI               struct{ Identifier string }
		DestinationNodeURI          struct{ Identifier string }
	}
	CFDefinitions struct {
		CFItemTypes []struct{ Identifier, Title string }
	}
}

func readCASE(t testing.TB, data []byte) cfPackage {
	t.Helper()
	var p cfPackage
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCASEValidAgainstOfficialSchema(t *testing.T) {
	sch := caseSchema(t)
	for _, c := range configs {
		for _, s := range []*site.Site{seeds(t, c.cfg()), hostile(t, c.cfg()), dated(t, c.cfg())} {
			for _, o := range s.Occupations {
				data, err := CASE(o, s)
				if err != nil {
					t.Fatal(err)
				}
				validateCASE(t, sch, c.name+" "+o.Code, data)
			}
		}
	}
}

// TestCASECorpus validates the package of every framework of the corpus,
// checks that a second build gives the same bytes, and that no identifier
// is used twice across the whole corpus. Frameworks are checked on every
// core; the uniqueness check runs after.
func TestCASECorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus: skipped with -short")
	}
	sch := caseSchema(t)
	s1 := loadDir(t, corpusDir, baseConfig())
	s2 := loadDir(t, corpusDir, baseConfig())
	type result struct {
		ids       []string // document, items, associations
		itemTypes map[string]string
		err       error
	}
	results := make([]result, len(s1.Occupations))
	forEach(len(s1.Occupations), func(i int) {
		o := s1.Occupations[i]
		r := &results[i]
		data, err := CASE(o, s1)
		if err != nil {
			r.err = err
			return
		}
		again, err := CASE(s2.Occupations[i], s2)
		if err != nil {
			r.err = err
			return
		}
		if !bytes.Equal(data, again) {
			r.err = fmt.Errorf("%s: two builds of the same input differ", o.Code)
			return
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			r.err = err
			return
		}
		if err := sch.Validate(inst); err != nil {
			r.err = fmt.Errorf("%s: not a valid CFPackage: %v", o.Code, err)
			return
		}
		pkg := inst.(map[string]any)
		id := func(v any) string { return v.(map[string]any)["identifier"].(string) }
		r.ids = append(r.ids, id(pkg["CFDocument"]))
		for _, key := range []string{"CFItems", "CFAssociations"} {
			for _, v := range pkg[key].([]any) {
				r.ids = append(r.ids, id(v))
			}
		}
		r.itemTypes = map[string]string{}
		for _, v := range pkg["CFDefinitions"].(map[string]any)["CFItemTypes"].([]any) {
			r.itemTypes[v.(map[string]any)["title"].(string)] = id(v)
		}
	})
	owner := map[string]string{}
	itemTypes := map[string]string{}
	for i, r := range results {
		code := s1.Occupations[i].Code
		if r.err != nil {
			t.Fatal(r.err)
		}
		for _, id := range r.ids {
			if prev, ok := owner[id]; ok {
				t.Fatalf("identifier %s used by %s and %s", id, prev, code)
			}
			owner[id] = code
		}
		for title, id := range r.itemTypes {
			if prev, ok := itemTypes[title]; ok && prev != id {
				t.Fatalf("item type %q has identifiers %s and %s", title, prev, id)
			}
			itemTypes[title] = id
		}
	}
	t.Logf("%d CASE packages valid, %d identifiers, all unique", len(s1.Occupations), len(owner))
}

func TestCASEContent(t *testing.T) {
	s := seeds(t, baseConfig())
	var o *site.Occupation
	for _, x := range s.Occupations {
		if x.Code == "29-2012.00" {
			o = x
		}
	}
	if o == nil {
		t.Fatal("seed 29-2012.00 missing")
	}
	data, err := CASE(o, s)
	if err != nil {
		t.Fatal(err)
	}
	p := readCASE(t, data)
	proficient := o.Levels[2]
	st := proficient.Statements[2]

	items := map[string]int{}
	for i, it := range p.CFItems {
		items[it.HumanCodingScheme] = i
	}
	checks := []struct {
		name, got, want string
	}{
		{"document uri", p.CFDocument.URI, "https://example.org/frameworks/occupations/29-2012.00/"},
		{"document title", p.CFDocument.Title, "Medical and Clinical Laboratory Technicians"},
		{"creator", p.CFDocument.Creator, "EBSCOed"},
		{"lastChangeDateTime", p.CFDocument.LastChangeDateTime, "2026-05-15T12:38:05.819Z"},
		{"level type", p.CFItems[items["29-2012.00.P"]].CFItemType, "Proficiency Level"},
		{"level statement", p.CFItems[items["29-2012.00.P"]].FullStatement, "Proficient"},
		{"level uri", p.CFItems[items["29-2012.00.P"]].URI, "https://example.org/frameworks/occupations/29-2012.00/proficient/"},
		{"statement type", p.CFItems[items["29-2012.00.P.3"]].CFItemType, "Competency"},
		{"fullStatement", p.CFItems[items["29-2012.00.P.3"]].FullStatement, st.Text},
		{"abbreviatedStatement", p.CFItems[items["29-2012.00.P.3"]].AbbreviatedStatement, "Reagent and solution preparation"},
		{"statement uri", p.CFItems[items["29-2012.00.P.3"]].URI, "https://example.org/frameworks/occupations/29-2012.00/proficient/#" + st.Anchor},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}

	nStatements := 0
	for _, ol := range o.Levels {
		nStatements += len(ol.Statements)
	}
	if got, want := len(p.CFItems), len(o.Levels)+nStatements; got != want {
		t.Errorf("%d items, want %d", got, want)
	}
	kinds := map[string]int{}
	parent := map[string]string{}
	seq := map[string]int{}
	for _, a := range p.CFAssociations {
		kinds[a.AssociationType]++
		if a.AssociationType == "isChildOf" {
			parent[a.OriginNodeURI.Identifier] = a.DestinationNodeURI.Identifier
			seq[a.OriginNodeURI.Identifier] = a.SequenceNumber
		}
	}
	if kinds["isChildOf"] != len(p.CFItems) || kinds["precedes"] != len(o.Levels)-1 {
		t.Errorf("associations %v, want %d isChildOf and %d precedes", kinds, len(p.CFItems), len(o.Levels)-1)
	}
	stItem, lvItem := p.CFItems[items["29-2012.00.P.3"]], p.CFItems[items["29-2012.00.P"]]
	if parent[stItem.Identifier] != lvItem.Identifier || seq[stItem.Identifier] != 3 {
		t.Errorf("statement P.3: parent %s seq %d, want %s seq 3", parent[stItem.Identifier], seq[stItem.Identifier], lvItem.Identifier)
	}
	if parent[lvItem.Identifier] != p.CFDocument.Identifier || seq[lvItem.Identifier] != 3 {
		t.Errorf("level P: parent %s seq %d, want the document, seq 3", parent[lvItem.Identifier], seq[lvItem.Identifier])
	}
}

func TestCASEOfflineAndOddFrameworks(t *testing.T) {
	s := hostile(t, offlineConfig())
	o := s.Occupations[0]
	data, err := CASE(o, s)
	if err != nil {
		t.Fatal(err)
	}
	p := readCASE(t, data)
	if p.CFDocument.URI != "index.html" {
		t.Errorf("document uri %q, want index.html (relative to the package)", p.CFDocument.URI)
	}
	if p.CFDocument.LastChangeDateTime != "2000-01-01T00:00:00Z" {
		t.Errorf("lastChangeDateTime %q without an export date, want the fixed 2000-01-01T00:00:00Z", p.CFDocument.LastChangeDateTime)
	}
	if p.CFDocument.Creator != "Someone" {
		t.Errorf("creator %q, want Someone", p.CFDocument.Creator)
	}
	var codes []string
	for _, it := range p.CFItems {
		codes = append(codes, it.HumanCodingScheme)
		if strings.HasPrefix(it.URI, "/") || strings.Contains(it.URI, "://") {
			t.Errorf("offline uri %q is not relative", it.URI)
		}
	}
	want := "99-0001.00.1 99-0001.00.1.1 99-0001.00.1.2 99-0001.00.2 99-0001.00.2.1 99-0001.00.2.2 99-0001.00.3 99-0001.00.3.1"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("codes %s\nwant  %s", got, want)
	}
	if got := fmt.Sprint(p.CFItems[2].URI); !strings.HasPrefix(got, "practitioner/index.html#d") {
		t.Errorf("statement uri %q, want practitioner/index.html#<anchor>", got)
	}
}

// TestCASEAlignments checks that every aligned statement of the seeds has
// one association with its O*NET element, of the type its band calls for,
// and that the packages stay valid.
func TestCASEAlignments(t *testing.T) {
	sch := caseSchema(t)
	s := seeds(t, baseConfig())
	for _, o := range s.Occupations {
		data, err := CASE(o, s)
		if err != nil {
			t.Fatal(err)
		}
		validateCASE(t, sch, o.Code, data)
		p := readCASE(t, data)
		toONET := map[string]string{} // statement identifier → association type
		for _, a := range p.CFAssociations {
			if strings.HasPrefix(a.DestinationNodeURI.Identifier, "urn:onet:29.3:") {
				if _, dup := toONET[a.OriginNodeURI.Identifier]; dup {
					t.Errorf("%s: statement %s has two O*NET associations", o.Code, a.OriginNodeURI.Identifier)
				}
				toONET[a.OriginNodeURI.Identifier] = a.AssociationType
			}
		}
		n := 0
		for _, ol := range o.Levels {
			for _, al := range ol.Aligned {
				if al == nil {
					continue
				}
				n++
			}
		}
		if n == 0 || len(toONET) != n {
			t.Errorf("%s: %d O*NET associations for %d aligned statements", o.Code, len(toONET), n)
		}
		for id, kind := range toONET {
			if kind != "exactMatchOf" && kind != "isRelatedTo" {
				t.Errorf("%s: %s associated by %q", o.Code, id, kind)
			}
		}
	}
}

// TestCASEAsMarshalJSON checks that the package written by hand is what
// encoding/json writes of its structs, for the seeds and for frameworks
// with odd text.
func TestCASEAsMarshalJSON(t *testing.T) {
	check := func(s *site.Site) {
		for _, o := range s.Occupations {
			x := siteIDs(s)
			from := downloadPath(o, FormatCASE)
			doc := caseDocumentOf(o, s, x, from, formatTime(dateOr(o.ExportedAt)))
			level, statement := caseItemTypes(x)
			pkgs := []casePackage{{CFDocument: doc}, {CFDocument: doc, CFDefinitions: caseDefinitions{[]caseItemType{level, statement}}}}
			data, err := CASE(o, s)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &pkgs[1]); err != nil {
				t.Fatal(err)
			}
			if again, _ := marshalJSON(pkgs[1]); !bytes.Equal(data, again) {
				t.Errorf("%s: CASE wrote\n%s\nencoding/json writes it\n%s", o.Code, data, again)
			}
			doc.Subject, doc.Notes = []string{"a\u2028b", "<&>"}, "line\nbreak \"quoted\" \xff"
			pkgs = append(pkgs, casePackage{CFDocument: doc, CFItems: []caseItem{}})
			for _, pkg := range pkgs {
				want, err := marshalJSON(pkg)
				if err != nil {
					t.Fatal(err)
				}
				if got := pkg.appendJSON(nil); !bytes.Equal(got, want) {
					t.Errorf("%s: written by hand\n%s\nencoding/json\n%s", o.Code, got, want)
				}
			}
		}
	}
	check(seeds(t, baseConfig()))
	check(hostile(t, offlineConfig()))
}
