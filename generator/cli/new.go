package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/generator/config"
	"github.com/ladder-ssg/ladder/generator/load"
	"github.com/ladder-ssg/ladder/generator/pipeline"
)

// defaultLevels is the level scheme of a site that has no frameworks yet.
var defaultLevels = [][2]string{{"emerging", "Emerging"}, {"developing", "Developing"}, {"proficient", "Proficient"}, {"advanced", "Advanced"}}

func (a *App) newCmd(args []string) int {
	if len(args) == 0 || args[0] != "framework" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fs := a.flags("new")
			fs.SetOutput(a.Stdout)
			fs.Usage()
			return ExitOK
		}
		fmt.Fprintln(a.Stderr, "ladder new: expected 'framework': ladder new framework CODE --title \"...\"")
		return ExitUsage
	}
	fs := a.flags("new")
	source := fs.String("source", ".", "the site `folder`")
	title := fs.String("title", "", "the occupation's `title` (required)")
	group := fs.String("group", "", "the occupational `group`")
	sector := fs.String("sector", "", "the two-digit NAICS `sector` code")
	jobZone := fs.Int("job-zone", 0, "the O*NET job `zone`, 1 to 5")
	// Flags may come before or after the code.
	rest := args[1:]
	var code string
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		code, rest = rest[0], rest[1:]
	}
	if c, stop := a.parse(fs, rest, boolToInt(code == "")); stop {
		return c
	}
	if code == "" {
		code = fs.Arg(0)
	}
	if strings.TrimSpace(*title) == "" {
		fmt.Fprintln(a.Stderr, "ladder new framework: --title is required")
		return ExitUsage
	}
	if *jobZone < 0 || *jobZone > 5 {
		fmt.Fprintln(a.Stderr, "ladder new framework: --job-zone must be 1 to 5")
		return ExitUsage
	}
	if msg := load.CheckCode(code); msg != "" {
		fmt.Fprintf(a.Stderr, "ladder new framework: CODE: %s\n", msg)
		return ExitUsage
	}
	if !isSite(*source) {
		fmt.Fprintf(a.Stderr, "ladder new framework: %s is not a site folder (it has neither %s nor content/): "+
			"run this in a site made by 'ladder init', or name one with --source DIR\n", *source, config.FileName)
		return ExitUsage
	}
	data, err := newFramework(code, *title, *group, *sector, *jobZone, a.levelScheme(*source))
	if err != nil {
		fmt.Fprintf(a.Stderr, "ladder new framework: %v\n", err)
		return ExitInput
	}
	file := filepath.Join(*source, filepath.FromSlash(load.ContentFolder(*source)), load.FrameworksDir, code+".json")
	// Check the result with the real decoder before writing it.
	if _, diags := load.DecodeFramework(file, data, true); diags.Err() != nil {
		return a.fail(diags.Err())
	}
	if _, err := os.Stat(file); err == nil {
		fmt.Fprintf(a.Stderr, "ladder new framework: %s already exists\n", file)
		return ExitInput
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return a.fail(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.Stdout, "ladder: created %s; replace the example statements, then run ladder build\n", file)
	return ExitOK
}

// isSite reports whether dir is a site folder: one with a ladder.toml or
// a content/ folder.
func isSite(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, "content")); err == nil && st.IsDir() {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, config.FileName))
	return err == nil
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// levelScheme returns the site's levels in order (key and label), or the
// default scheme when the site has no valid frameworks.
func (a *App) levelScheme(source string) [][2]string {
	levels, err := pipeline.Levels(pipeline.Options{Source: source, Defaults: a.Defaults})
	if err != nil || len(levels) == 0 {
		return defaultLevels
	}
	return levels
}

// newFramework writes a framework in the input format with ordered levels
// and one example statement each.
func newFramework(code, title, group, sector string, jobZone int, levels [][2]string) ([]byte, error) {
	var b bytes.Buffer
	// Strings are written as people type them: "&" and "<" stay as they
	// are (json.Marshal would write \u0026 and \u003c).
	str := func(s string) string {
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		return strings.TrimSuffix(out.String(), "\n")
	}
	fmt.Fprintf(&b, "{\n  \"schemaVersion\": \"1.0\",\n  \"exportedAt\": %s,\n", str(time.Now().UTC().Format(time.RFC3339)))
	fmt.Fprintf(&b, "  \"occupation\": {\n    \"soc\": %s,\n    \"title\": %s", str(code), str(title))
	if group != "" {
		fmt.Fprintf(&b, ",\n    \"group\": %s", str(group))
	}
	if sector != "" {
		fmt.Fprintf(&b, ",\n    \"sector\": %s", str(sector))
	}
	if jobZone != 0 {
		fmt.Fprintf(&b, ",\n    \"jobZone\": %d,\n    \"jobZoneInferred\": false", jobZone)
	}
	b.WriteString("\n  },\n  \"framework\": {\n    \"version\": \"1.0\",\n    \"description\": \"\",\n    \"contextCovered\": \"\",\n    \"levels\": {\n")
	for i, lv := range levels {
		fmt.Fprintf(&b, "      %s: {\n        \"label\": %s,\n        \"statements\": [\n          %s\n        ]\n      }",
			str(lv[0]), str(lv[1]), str(load.PlaceholderTopic+" — what a person does at the "+lv[1]+" level."))
		if i < len(levels)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("    }\n  },\n  \"sources\": {},\n  \"attribution\": \"\"\n}\n")
	return b.Bytes(), nil
}
