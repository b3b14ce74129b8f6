package config

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestOutputsParse(t *testing.T) {
	c, diags := Parse("x.toml", []byte("[outputs]\nbundle = false\nscorm_per_occupation = false\nlevel_pages = false\n"), true)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	want := Outputs{CASE: true, CSV: true, JSON: true, SitePackages: true}
	if c.Outputs != want {
		t.Errorf("Outputs = %+v, want %+v", c.Outputs, want)
	}
	if Default().Outputs != (Outputs{true, true, true, true, true, true, true}) {
		t.Errorf("not every output is on by default: %+v", Default().Outputs)
	}
	for _, o := range OutputList() {
		if !Default().Outputs.On(o.Key) {
			t.Errorf("On(%q) is false by default: the key is not one of Outputs", o.Key)
		}
	}
}

func TestOutputsErrorsLocated(t *testing.T) {
	for src, want := range map[string]string{
		"title = \"T\"\n[outputs]\nbundle = \"no\"\n": "x.toml:3:",
		"[outputs]\n  scorm = false\n":                `x.toml:2:3: warning: outputs.scorm: unknown key "outputs.scorm"`,
	} {
		_, diags := Parse("x.toml", []byte(src), false)
		if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), want) {
			t.Errorf("%q: diagnostics %v, want one starting %q", src, diags, want)
		}
	}
}

func TestFit(t *testing.T) {
	each := map[string]Size{
		"site_packages":        {Files: 4, Bytes: 900},
		"bundle":               {Files: 1, Bytes: 500},
		"scorm_per_occupation": {Files: 100, Bytes: 500},
		"json":                 {Files: 100, Bytes: 300},
		"csv":                  {Files: 202, Bytes: 300},
		"case":                 {Files: 100, Bytes: 700},
	}
	total := Size{Files: 1000, Bytes: 5000}
	tests := []struct {
		name  string
		limit Size
		off   []string
		ok    bool
	}{
		{"fits already", Size{Files: 1000, Bytes: 5000}, nil, true},
		{"no limit", Size{}, nil, true},
		{"bytes over: the largest first", Size{Bytes: 4000}, []string{"site_packages", "bundle"}, true},
		{"files over: only outputs with files that help", Size{Files: 850}, []string{"site_packages", "bundle", "scorm_per_occupation", "json"}, true},
		{"cannot fit", Size{Files: 100}, []string{"site_packages", "bundle", "scorm_per_occupation", "json", "csv", "case"}, false},
	}
	withLevels := maps.Clone(each)
	withLevels["level_pages"] = Size{Files: 400, Bytes: 1500}
	tests = append(tests, []struct {
		name  string
		limit Size
		off   []string
		ok    bool
	}{
		{"level pages last", Size{Bytes: 1000}, []string{"site_packages", "bundle", "scorm_per_occupation", "json", "csv", "case", "level_pages"}, true},
		{"level pages not needed", Size{Bytes: 2000}, []string{"site_packages", "bundle", "scorm_per_occupation", "json", "csv", "case"}, true},
	}...)
	for _, tt := range tests {
		each := each
		if strings.HasPrefix(tt.name, "level pages") {
			each = withLevels
		}
		off, ok := Fit(total, each, tt.limit)
		if !slices.Equal(off, tt.off) || ok != tt.ok {
			t.Errorf("%s: Fit = %v, %v; want %v, %v", tt.name, off, ok, tt.off, tt.ok)
		}
	}
}
