// Package schema holds the JSON Schema (draft 2020-12) of ladder's framework
// format, so that editors validate and complete framework files while people
// type, and the editor settings that point VS Code and JetBrains IDEs at it.
//
// The schema lives in framework.schema.json beside this file, embedded into
// the binary. It describes exactly what load.DecodeFramework accepts: the
// package's tests run both over the seeds, the O*NET corpus and a table of
// invalid and edge-case files and require the same verdict from each. The
// few inputs where they cannot agree are listed in the tests: text that is
// not JSON to a schema validator (invalid UTF-8, duplicate member names,
// truncated files) and numbers whose spelling only ladder sees (a job zone
// of 3.0).
//
// Its $id, ID, names the format version, not a place the schema must be
// fetched from: editors are given a local copy (EditorSettings).
package schema

import (
	"bytes"
	_ "embed"
)

// ID is the $id of the schema; StrictID is the $id of its strict variant.
const (
	ID       = "https://ladder-ssg.github.io/schema/framework-1.0.json"
	StrictID = "https://ladder-ssg.github.io/schema/framework-1.0.strict.json"
)

// FileName is where EditorSettings puts the schema in a site, relative to
// the site's root; FrameworkGlob is the files it applies to.
const (
	FileName      = ".ladder/framework.schema.json"
	FrameworkGlob = "content/frameworks/**/*.json"
)

//go:embed framework.schema.json
var frameworkSchema []byte

// openMembers is how the schema allows unknown members in the four objects
// that have named members (the file, occupation, framework and each level).
// It appears nowhere else in the file; StrictJSON turns it around.
const openMembers = `"additionalProperties": true`

// JSON returns the schema, the same bytes as framework.schema.json. Unknown
// members are allowed, as DecodeFramework accepts them with a warning.
func JSON() []byte {
	return bytes.Clone(frameworkSchema)
}

// StrictJSON returns the schema with unknown members forbidden in the file,
// occupation, framework and level objects, matching DecodeFramework with
// strict set (ladder's --strict). Level keys and source names stay free.
// Its $id is StrictID.
func StrictJSON() []byte {
	s := bytes.ReplaceAll(frameworkSchema, []byte(openMembers), []byte(`"additionalProperties": false`))
	s = bytes.Replace(s, []byte(`"$id": "`+ID+`"`), []byte(`"$id": "`+StrictID+`"`), 1)
	s = bytes.Replace(s, []byte(`"title": "ladder competency framework"`), []byte(`"title": "ladder competency framework (strict)"`), 1)
	return s
}

// EditorSettings returns the files `ladder init` writes so that editors
// check content/frameworks/**/*.json against the schema, keyed by their
// slash-separated path relative to the new site's root:
//
//   - .ladder/framework.schema.json: the strict schema (StrictJSON). Editors
//     show its findings as warnings, and an unknown member is one ladder
//     warns about too, so a misspelt "lables" is caught while typing.
//   - .vscode/settings.json: json.schemas maps the framework files to the
//     schema by a workspace-relative path ("./.ladder/…"). The patterns
//     are rooted at the workspace folder ("/content/frameworks/…", top
//     level and nested), plus the unrooted FrameworkGlob for a site opened
//     inside a larger workspace.
//   - .idea/jsonSchemas.xml: the same mapping for JetBrains IDEs. Their
//     patterns turn '*' into "any characters, slashes included", so
//     content/frameworks/*.json covers nested folders too.
//
// The settings point at the local copy, never at ID, so editors work
// offline and always check the format of the ladder that wrote them.
func EditorSettings() map[string][]byte {
	return map[string][]byte{
		FileName:                StrictJSON(),
		".vscode/settings.json": []byte(vscodeSettings),
		".idea/jsonSchemas.xml": []byte(jetbrainsMappings),
	}
}

const vscodeSettings = `{
  "json.schemas": [
    {
      "fileMatch": [
        "/content/frameworks/*.json",
        "/content/frameworks/**/*.json",
        "content/frameworks/**/*.json"
      ],
      "url": "./` + FileName + `"
    }
  ]
}
`

const jetbrainsMappings = `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="JsonSchemaMappingsProjectConfiguration">
    <state>
      <map>
        <entry key="ladder framework">
          <value>
            <SchemaInfo>
              <option name="name" value="ladder framework" />
              <option name="relativePathToSchema" value="` + FileName + `" />
              <option name="schemaVersion" value="JSON Schema version 2020-12" />
              <option name="patterns">
                <list>
                  <Item>
                    <option name="path" value="content/frameworks/*.json" />
                    <option name="mappingKind" value="Pattern" />
                  </Item>
                </list>
              </option>
            </SchemaInfo>
          </value>
        </entry>
      </map>
    </state>
  </component>
</project>
`
