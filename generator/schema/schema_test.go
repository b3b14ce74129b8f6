package schema_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/schema"
)

func TestSchemaIsDraft202012(t *testing.T) {
	file, err := os.ReadFile("framework.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, schema.JSON()) {
		t.Error("JSON() differs from framework.schema.json")
	}
	for _, tt := range []struct {
		name string
		doc  []byte
		id   string
	}{{"JSON", schema.JSON(), schema.ID}, {"StrictJSON", schema.StrictJSON(), schema.StrictID}} {
		var top map[string]any
		if err := json.Unmarshal(tt.doc, &top); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if top["$schema"] != "https://json-schema.org/draft/2020-12/schema" || top["$id"] != tt.id {
			t.Errorf("%s: $schema %v, $id %v", tt.name, top["$schema"], top["$id"])
		}
		for _, e := range engines {
			compile(t, tt.doc, e, "") // checks the metaschema too
		}
	}
	// StrictJSON closes exactly the four objects with named members.
	if n := bytes.Count(schema.JSON(), []byte(`"additionalProperties": true`)); n != 4 {
		t.Errorf("JSON has %d open objects, want 4", n)
	}
	if n := bytes.Count(schema.StrictJSON(), []byte(`"additionalProperties": false`)); n != 4 {
		t.Errorf("StrictJSON has %d closed objects, want 4", n)
	}
}

// TestEveryFieldDocumented walks every subschema that describes a value in
// a framework file: each needs a title, a description and examples, and
// each example must be valid against it.
func TestEveryFieldDocumented(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(schema.JSON(), &doc); err != nil {
		t.Fatal(err)
	}
	var ptrs []string
	var walk func(ptr string, s map[string]any)
	walk = func(ptr string, s map[string]any) {
		if _, ref := s["$ref"]; ref {
			return
		}
		ptrs = append(ptrs, ptr)
		for _, key := range []string{"title", "description"} {
			if v, _ := s[key].(string); strings.TrimSpace(v) == "" {
				t.Errorf("%s: no %s", ptr, key)
			}
		}
		if ex, _ := s["examples"].([]any); len(ex) == 0 {
			t.Errorf("%s: no examples", ptr)
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			walk(ptr+"/properties/"+name, p.(map[string]any))
		}
		for _, key := range []string{"additionalProperties", "items", "propertyNames"} {
			if sub, ok := s[key].(map[string]any); ok {
				walk(ptr+"/"+key, sub)
			}
		}
		defs, _ := s["$defs"].(map[string]any)
		for name, d := range defs {
			walk(ptr+"/$defs/"+name, d.(map[string]any))
		}
	}
	walk("", doc)
	slices.Sort(ptrs)
	// Every member ladder reads is documented.
	for _, want := range []string{
		"/properties/schemaVersion", "/properties/exportedAt", "/properties/attribution",
		"/properties/occupation/properties/soc", "/properties/occupation/properties/title",
		"/properties/occupation/properties/group", "/properties/occupation/properties/sector",
		"/properties/occupation/properties/jobZone", "/properties/occupation/properties/jobZoneInferred",
		"/properties/occupation/properties/renamedFrom",
		"/properties/framework/properties/version", "/properties/framework/properties/description",
		"/properties/framework/properties/contextCovered", "/properties/framework/properties/levels",
		"/properties/framework/properties/levels/propertyNames", "/properties/sources/additionalProperties",
		"/$defs/level/properties/label", "/$defs/level/properties/statements", "/$defs/level/properties/statements/items",
	} {
		if _, found := slices.BinarySearch(ptrs, want); !found {
			t.Errorf("%s is not described", want)
		}
	}
	// Each example is valid against its own subschema.
	for _, ptr := range ptrs {
		s := compile(t, schema.JSON(), engines[0], "#"+ptr)
		sub := lookup(doc, ptr)
		for i, ex := range sub["examples"].([]any) {
			if strings.HasSuffix(ptr, "/propertyNames") {
				continue // an example key, not a value
			}
			v := roundTrip(t, ex)
			if err := s.Validate(v); err != nil {
				t.Errorf("%s: example %d is invalid: %v", ptr, i, err)
			}
		}
	}
	// The file's own example is a valid framework to ladder, even strictly.
	for i, ex := range doc["examples"].([]any) {
		data, _ := json.Marshal(ex)
		if f, diags := load.DecodeFramework("example.json", data, true); f == nil || len(diags) > 0 {
			t.Errorf("example %d: %v", i, diags)
		}
	}
	t.Logf("%d subschemas documented", len(ptrs))
}

func lookup(doc map[string]any, ptr string) map[string]any {
	s := doc
	for _, tok := range strings.Split(ptr, "/")[1:] {
		s = s[tok].(map[string]any)
	}
	return s
}

// roundTrip turns a decoded example into the validator's own data model.
func roundTrip(t *testing.T, v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEditorSettings(t *testing.T) {
	files := schema.EditorSettings()
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range files {
			if !yield(name) {
				return
			}
		}
	})
	want := []string{".idea/jsonSchemas.xml", ".ladder/framework.schema.json", ".vscode/settings.json"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	if !bytes.Equal(files[schema.FileName], schema.StrictJSON()) {
		t.Error("the editors' schema is not StrictJSON()")
	}

	// VS Code: a workspace-relative schema path and patterns rooted at the
	// workspace folder that cover nested folders.
	var vscode struct {
		Schemas []struct {
			FileMatch []string `json:"fileMatch"`
			URL       string   `json:"url"`
		} `json:"json.schemas"`
	}
	if err := json.Unmarshal(files[".vscode/settings.json"], &vscode); err != nil {
		t.Fatalf(".vscode/settings.json: %v", err)
	}
	if len(vscode.Schemas) != 1 || vscode.Schemas[0].URL != "./.ladder/framework.schema.json" ||
		!slices.Contains(vscode.Schemas[0].FileMatch, "/"+schema.FrameworkGlob) || !slices.Contains(vscode.Schemas[0].FileMatch, schema.FrameworkGlob) {
		t.Errorf(".vscode/settings.json: %+v", vscode)
	}

	// JetBrains: well-formed XML naming the schema file and a pattern.
	type option struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
		Items []struct {
			Options []option `xml:"option"`
		} `xml:"list>Item"`
	}
	var idea struct {
		Component struct {
			Name    string   `xml:"name,attr"`
			Options []option `xml:"state>map>entry>value>SchemaInfo>option"`
		} `xml:"component"`
	}
	if err := xml.Unmarshal(files[".idea/jsonSchemas.xml"], &idea); err != nil {
		t.Fatalf(".idea/jsonSchemas.xml: %v", err)
	}
	opts := map[string]option{}
	for _, o := range idea.Component.Options {
		opts[o.Name] = o
	}
	if idea.Component.Name != "JsonSchemaMappingsProjectConfiguration" || opts["relativePathToSchema"].Value != schema.FileName {
		t.Errorf(".idea/jsonSchemas.xml: component %q, options %v", idea.Component.Name, opts)
	}
	if len(opts["patterns"].Items) != 1 {
		t.Fatalf(".idea/jsonSchemas.xml: patterns %+v", opts["patterns"])
	}
	item := map[string]string{}
	for _, o := range opts["patterns"].Items[0].Options {
		item[o.Name] = o.Value
	}
	if item["mappingKind"] != "Pattern" || path.Dir(item["path"]) != "content/frameworks" {
		t.Errorf(".idea/jsonSchemas.xml pattern: %v", item)
	}
}
