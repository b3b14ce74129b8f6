package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/ladder-ssg/ladder/generator/framework"
	"github.com/ladder-ssg/ladder/generator/ids"
	"github.com/ladder-ssg/ladder/generator/load"
)

// hugoVersion changes whenever the generated Hugo content would differ.
const hugoVersion = "ladder-bench hugo content v1"

// The Hugo project of a size is generated under the work folder from the
// same framework files the ladder site holds:
//
//	hugo.toml, layouts/         copied from bench/hugo/ on every run
//	static/assets/              ladder's stylesheets and icon (assets/)
//	content/_index.md           the home page: occupations A–Z
//	content/occupations/_index.md
//	content/occupations/<soc>/_index.md    one page per occupation
//	content/occupations/<soc>/<level>.md   one page per occupation × level
//	content/occupations/<soc>/<soc>.json   the framework file, for download
//
// Front matter is JSON holding the framework's data, decoded by ladder's
// own decoder (so levels keep their order and statements are split into
// topic and performance exactly as ladder splits them).
func prepareHugo(o options, bin *trash, size, ladderSite string) (string, error) {
	dir := filepath.Join(o.work, "hugo", size)
	if !stamped(dir, hugoVersion) {
		src := filepath.Join(ladderSite, "content", "frameworks")
		if size == "seeds" {
			src = filepath.Join("content", "frameworks")
		}
		files, err := filepath.Glob(filepath.Join(src, "*.json"))
		if err != nil {
			return "", err
		}
		logf("generating the %s Hugo site in %s", sizeLabel(size), dir)
		if err := bin.discard(dir); err != nil {
			return "", err
		}
		if err := writeHugoContent(filepath.Join(dir, "content"), files); err != nil {
			return "", err
		}
		if err := stamp(dir, hugoVersion); err != nil {
			return "", err
		}
	}
	// The templates, configuration and static files are refreshed on
	// every run, so edits under bench/hugo/ take effect at once.
	for _, sub := range []string{"layouts", "static", "hugo.toml", "resources", "public"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return "", err
		}
	}
	if err := copyTree(filepath.Join("bench", "hugo"), dir); err != nil {
		return "", err
	}
	static := filepath.Join(dir, "static", "assets")
	if err := os.MkdirAll(static, 0o755); err != nil {
		return "", err
	}
	for _, pat := range []string{"*.css", "*.svg"} {
		files, _ := filepath.Glob(filepath.Join("assets", pat))
		for _, f := range files {
			if err := copyFile(f, filepath.Join(static, filepath.Base(f))); err != nil {
				return "", err
			}
		}
	}
	return dir, nil
}

// occupationFM is the front matter of an occupation page.
type occupationFM struct {
	Title           string     `json:"title"`
	Layout          string     `json:"layout"`
	Description     string     `json:"description,omitempty"`
	SOC             string     `json:"soc"`
	Group           string     `json:"group,omitempty"`
	Sector          string     `json:"sector,omitempty"`
	SectorName      string     `json:"sectorname,omitempty"`
	JobZone         int        `json:"jobzone,omitempty"`
	JobZoneName     string     `json:"jobzonename,omitempty"`
	JobZoneInferred bool       `json:"jobzoneinferred,omitempty"`
	Version         string     `json:"version,omitempty"`
	Exported        string     `json:"exported,omitempty"`
	ContextCovered  string     `json:"contextcovered,omitempty"`
	Sources         []sourceFM `json:"sources,omitempty"`
	Attribution     string     `json:"attribution,omitempty"`
}

type sourceFM struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// levelFM is the front matter of a level page.
type levelFM struct {
	Title      string        `json:"title"`
	Layout     string        `json:"layout"`
	Label      string        `json:"label"`
	Weight     int           `json:"weight"`
	Statements []statementFM `json:"statements"`
}

type statementFM struct {
	Topic       string `json:"topic,omitempty"`
	Performance string `json:"performance"`
}

func writeHugoContent(content string, files []string) error {
	occ := filepath.Join(content, "occupations")
	if err := os.MkdirAll(occ, 0o755); err != nil {
		return err
	}
	if err := writeFrontMatter(filepath.Join(content, "_index.md"), map[string]string{"title": "Competency frameworks"}); err != nil {
		return err
	}
	if err := writeFrontMatter(filepath.Join(occ, "_index.md"), map[string]string{"title": "Occupations"}); err != nil {
		return err
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fw, diags := load.DecodeFramework(file, data, false)
		if err := diags.Err(); err != nil {
			return err
		}
		o := fw.Occupation
		dir := filepath.Join(occ, o.SOC)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		fm := occupationFM{Title: o.Title, Layout: "occupation", Description: fw.Description, SOC: o.SOC,
			Group: o.Group, Sector: o.Sector, SectorName: framework.SectorName(o.Sector),
			JobZone: o.JobZone, JobZoneName: framework.JobZoneName(o.JobZone), JobZoneInferred: o.JobZoneInferred,
			Version: fw.Version, ContextCovered: fw.ContextCovered, Attribution: fw.Attribution}
		if !fw.ExportedAt.IsZero() {
			fm.Exported = fw.ExportedAt.Format("2006-01-02")
		}
		for _, s := range fw.Sources {
			fm.Sources = append(fm.Sources, sourceFM{s.Key, s.Value})
		}
		if err := writeFrontMatter(filepath.Join(dir, "_index.md"), fm); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, o.SOC+".json"), data, 0o644); err != nil {
			return err
		}
		seen := map[string]bool{}
		for i, lv := range fw.Levels {
			slug := ids.Slug(lv.Key, 40)
			if slug == "" || seen[slug] {
				return fmt.Errorf("%s: level %q: no unique slug", file, lv.Key)
			}
			seen[slug] = true
			lfm := levelFM{Title: lv.Label + " · " + o.Title, Layout: "level", Label: lv.Label, Weight: i + 1}
			for _, st := range lv.Statements {
				lfm.Statements = append(lfm.Statements, statementFM{st.Topic, st.Performance})
			}
			if err := writeFrontMatter(filepath.Join(dir, slug+".md"), lfm); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeFrontMatter writes a content file that is only JSON front matter.
func writeFrontMatter(file string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}

// copyTree copies the files under from into to, keeping relative paths.
func copyTree(from, to string) error {
	return filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return copyFile(p, dst)
	})
}

// hugoVersionLine is `hugo version`, first line, or "" without hugo.
func hugoVersionLine(bin string) string {
	if bin == "" {
		return ""
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}
