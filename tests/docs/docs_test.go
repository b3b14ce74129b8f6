// Package docs_test checks the files the documentation hands to users:
// the GitHub Pages workflow must be valid YAML with every step a site needs,
// and the Publishing page must show it exactly.
package docs_test

import (
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/ladder-ssg/ladder/generator/host"
)

type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Concurrency map[string]any    `yaml:"concurrency"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		If          string `yaml:"if"`
		RunsOn      string `yaml:"runs-on"`
		Needs       any    `yaml:"needs"`
		Environment struct {
			Name string `yaml:"name"`
			URL  string `yaml:"url"`
		} `yaml:"environment"`
		Steps []struct {
			Name string         `yaml:"name"`
			ID   string         `yaml:"id"`
			Uses string         `yaml:"uses"`
			Run  string         `yaml:"run"`
			With map[string]any `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func TestGitHubPagesWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../docs/deploy/github-pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.UnmarshalWithOptions(data, &wf, yaml.Strict()); err != nil {
		t.Fatalf("not valid YAML for a workflow: %v", err)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v: Pages needs pages: write and id-token: write", wf.Permissions)
	}
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	var steps []string
	for _, s := range wf.Jobs["build"].Steps {
		steps = append(steps, s.Uses+s.Run)
	}
	all := strings.Join(steps, "\n")
	for _, want := range []string{"actions/checkout@", "actions/setup-go@", "go install github.com/ladder-ssg/ladder@", "ladder check", "actions/configure-pages@", "ladder build --base-url", "actions/upload-pages-artifact@"} {
		if !strings.Contains(all, want) {
			t.Errorf("build job lacks a step with %q", want)
		}
	}
	deploy := wf.Jobs["deploy"]
	if deploy.Needs != "build" || deploy.Environment.Name != "github-pages" || len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy job: %+v", deploy)
	}
	page, err := os.ReadFile("../../content/publishing.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "```yaml\n"+string(data)+"```") {
		t.Error("content/publishing.md does not show docs/deploy/github-pages.yml as it is")
	}
}

// TestPublishingListsHostLimits holds the Publishing page's table of host
// limits to the limits --host checks: a row per host, citing its sources.
func TestPublishingListsHostLimits(t *testing.T) {
	page, err := os.ReadFile("../../content/publishing.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(page), "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ = strings.Cut(name, "`")
			rows[name] = line
		}
	}
	for _, l := range host.All() {
		row, ok := rows[l.Name]
		if !ok {
			t.Errorf("content/publishing.md has no row for --host %s", l.Name)
			continue
		}
		for _, src := range l.Sources {
			if !strings.Contains(row, "("+src+")") {
				t.Errorf("the row of %s does not cite %s", l.Name, src)
			}
		}
		for _, n := range []int{l.Files, l.Entries, l.FilesPerFolder} {
			if n > 0 && !strings.Contains(row, host.Count(n)) {
				t.Errorf("the row of %s does not say %s", l.Name, host.Count(n))
			}
		}
		for _, n := range []int64{l.FileBytes, l.SiteBytes} {
			if n > 0 && !strings.Contains(row, host.Bytes(n)) {
				t.Errorf("the row of %s does not say %s", l.Name, host.Bytes(n))
			}
		}
	}
}
