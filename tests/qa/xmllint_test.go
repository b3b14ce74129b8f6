package qa

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckXML(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "ok.xml", `<?xml version="1.0"?><urlset><url><loc>a.html</loc></url></urlset>`)
	writeFile(t, root, "bad.xml", "<?xml version=\"1.0\"?>\n<urlset>\n<url></urlset>\n")
	writeFile(t, root, "s.xsd", `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="urlset"><xs:complexType><xs:sequence>
    <xs:element name="url" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="loc" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`)
	writeFile(t, root, "invalid.xml", `<?xml version="1.0"?><urlset><url><lock>a.html</lock></url></urlset>`)
	p := func(name string) string { return filepath.Join(root, name) }

	cases := []struct {
		name   string
		schema string
		files  []string
		want   string // substring of the findings; "" for none
	}{
		{"well-formed", "", []string{p("ok.xml")}, ""},
		{"malformed", "", []string{p("ok.xml"), p("bad.xml")}, "bad.xml:3: [xmllint] parser error"},
		{"valid", p("s.xsd"), []string{p("ok.xml")}, ""},
		{"invalid", p("s.xsd"), []string{p("invalid.xml")}, "invalid.xml:1: [xmllint] element lock"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := FormatFindings(CheckXML(t, c.schema, c.files...))
			switch {
			case c.want == "" && got != "":
				t.Errorf("want no findings, got:\n%s", got)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Errorf("want a finding containing %q, got:\n%s", c.want, got)
			}
		})
	}
}
