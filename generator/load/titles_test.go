package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// versionFile is a framework file for code with title, its version and
// the title it renames ("" for none), indented so positions are lines.
func versionFile(code, title, version, renamedFrom string) string {
	rename := ""
	if renamedFrom != "" {
		rename = ",\n    \"renamedFrom\": \"" + renamedFrom + "\""
	}
	return "{\n  \"occupation\": {\n    \"soc\": \"" + code + "\",\n    \"title\": \"" + title + "\"" + rename +
		"\n  },\n  \"framework\": {\"version\": \"" + version + "\", \"levels\": {\"a\": {\"label\": \"A\", \"statements\": [\"x\"]}}}\n}\n"
}

// loadFiles writes files under content/frameworks/ of a new site folder
// and loads it.
func loadFiles(t *testing.T, strict bool, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, "content", "frameworks", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := Site(dir, Defaults{Content: fstest.MapFS{}, Templates: fstest.MapFS{}, Assets: fstest.MapFS{}}, Options{Strict: strict})
	var got []string
	for _, d := range diags {
		got = append(got, strings.ReplaceAll(d.Error(), filepath.ToSlash(dir)+"/", ""))
	}
	return got
}

// TestVersionsOfOneOccupation checks which files may share a code: the
// same title (ignoring case and spacing) or an explicit rename chain are
// versions of one occupation; a different title is a located warning, an
// error with --strict; a duplicate of one version is a located error.
func TestVersionsOfOneOccupation(t *testing.T) {
	const lab, dev = "Medical Lab Technicians", "Software Developers"
	const conflict = `content/frameworks/b.json:4:14: %soccupation.title: occupation code "29-2012.00" is "Medical Lab Technicians" in content/frameworks/a.json, but this file titles it "Software Developers": `
	tests := []struct {
		name   string
		strict bool
		files  map[string]string
		want   []string // prefixes of the diagnostics, in order
	}{
		{"same title", true, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", " medical  lab technicians", "2", "")}, nil},
		{"another occupation's code", false, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", dev, "2", "")},
			[]string{strings.Replace(conflict, "%s", "warning: ", 1) + "it is published as"}},
		{"another occupation's code, strict", true, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", dev, "2", "")},
			[]string{strings.Replace(conflict, "%s", "", 1) + "it would be published"}},
		{"renamed", true, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", dev, "2", lab)}, nil},
		{"renamed twice, files out of order", true, map[string]string{
			"a.json": versionFile("29-2012.00", "Third", "3", "Second"),
			"b.json": versionFile("29-2012.00", "First", "1", ""),
			"c.json": versionFile("29-2012.00", "Second", "2", "First")}, nil},
		{"rename from a title no version has", true, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", dev, "2", "Web Developers")},
			[]string{strings.Replace(conflict, "%s", "", 1)}},
		{"same version twice", false, map[string]string{
			"a.json": versionFile("29-2012.00", lab, "1", ""),
			"b.json": versionFile("29-2012.00", lab, "1", "")},
			[]string{`content/frameworks/b.json:3:12: occupation.soc: duplicate occupation code "29-2012.00": content/frameworks/a.json already defines it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadFiles(t, tt.strict, tt.files)
			if len(got) != len(tt.want) {
				t.Fatalf("diagnostics:\n%s\nwant %d", strings.Join(got, "\n"), len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("diagnostic %d:\n%s\nwant it to start\n%s", i, got[i], w)
				}
			}
		})
	}
}
