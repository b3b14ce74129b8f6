package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/ladder-ssg/ladder/generator/schema"
)

// exampleFramework is the default content file that `ladder init` copies
// as the new site's example.
const exampleFramework = "frameworks/29-2012.00.json"

// scaffold is every file of a new site besides the example framework.
var scaffold = map[string]string{
	"ladder.toml": `# ladder site configuration.
title = "My competency frameworks"
description = "Competency frameworks with proficiency levels for our occupations."
# The absolute URL the site is published at; enables canonical links and the sitemap.
# base_url = "https://example.org/frameworks/"
language = "en"
# Who publishes the site: named in the O*NET modification notice.
publisher = "Our organisation"
`,
	"content/_index.md": `---
title: Our competency frameworks
---
Welcome. These frameworks describe what people in each occupation do at
every proficiency level. Pick an occupation to start.
`,
	"content/about.md": `---
title: About
description: What the frameworks are and where they come from.
weight: 10
---
# About

Each framework lists **proficiency levels** for one occupation; each level
is a list of statements of the form *topic — performance at this level*.

Add a framework by saving a JSON file under ` + "`content/frameworks/`" + `, then run
` + "`ladder build`" + ` and open ` + "`public/index.html`" + `.
`,
	".gitignore": "public/\n",
}

func (a *App) init(args []string) int {
	fset := a.flags("init")
	if code, stop := a.parse(fset, args, 1); stop {
		return code
	}
	dir := fset.Arg(0)
	if err := a.writeScaffold(dir); err != nil {
		fmt.Fprintf(a.Stderr, "ladder init: %v\n", err)
		return ExitInput
	}
	fmt.Fprintf(a.Stdout, "ladder: created a new site in %s\n\nNext:\n  cd %s\n  ladder build\n  %s %s\n", dir, dir, opener(runtime.GOOS), filepath.Join("public", "index.html"))
	return ExitOK
}

// writeScaffold creates the site files, refusing to overwrite any.
func (a *App) writeScaffold(dir string) error {
	example, err := fs.ReadFile(a.Defaults.Content, exampleFramework)
	if err != nil {
		return fmt.Errorf("reading the example framework: %w", err)
	}
	// The embedded file is one long line; indent it so that a person
	// editing it reads it, and its errors point at short lines.
	var indented bytes.Buffer
	if err := json.Indent(&indented, example, "", "  "); err != nil {
		return fmt.Errorf("indenting the example framework: %w", err)
	}
	indented.WriteByte('\n')
	files := map[string][]byte{"content/" + exampleFramework: indented.Bytes()}
	for name, body := range scaffold {
		files[name] = []byte(body)
	}
	// Editor settings: VS Code and JetBrains validate frameworks as you type.
	for name, body := range schema.EditorSettings() {
		files[name] = body
	}
	for name := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s already exists: choose an empty or new folder", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return err
		}
	}
	return nil
}
