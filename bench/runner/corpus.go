package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// siteVersion changes whenever the generated site folders would differ;
// a folder with another (or no) stamp is regenerated.
const siteVersion = "ladder-bench sites v1"

const stampFile = ".bench-complete"

// prepareSite returns the ladder site folder for a size, generating it
// under the work folder unless a complete one is already there, and the
// number of frameworks it holds.
//
//   - seeds: an empty folder; ladder builds its embedded default site
//     (the two frameworks of content/frameworks and the pages of content/).
//   - 100: a deterministic, evenly spread 100 of the corpus files.
//   - 1016: the whole corpus, copied.
//   - 10160: the corpus and nine replicas with changed codes and titles.
func prepareSite(o options, bin *trash, size string) (dir string, frameworks int, err error) {
	dir = filepath.Join(o.work, "sites", size)
	if size == "seeds" {
		if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
			return "", 0, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", 0, err
		}
		seeds, err := filepath.Glob(filepath.Join("content", "frameworks", "*.json"))
		return dir, len(seeds), err
	}
	files, err := corpusFiles(o.corpus)
	if err != nil {
		return "", 0, err
	}
	want := map[string]int{"100": 100, "1016": len(files), "10160": 10 * len(files)}[size]
	if stamped(dir, siteVersion) {
		return dir, want, nil
	}
	logf("generating the %s-framework site in %s", sizeLabel(size), dir)
	if err := bin.discard(dir); err != nil {
		return "", 0, err
	}
	fwDir := filepath.Join(dir, "content", "frameworks")
	if err := os.MkdirAll(fwDir, 0o755); err != nil {
		return "", 0, err
	}
	n := 0
	switch size {
	case "100":
		for _, f := range subset(files, 100) {
			if err := copyFile(f, filepath.Join(fwDir, filepath.Base(f))); err != nil {
				return "", 0, err
			}
			n++
		}
	case "1016", "10160":
		sets := 1
		if size == "10160" {
			sets = 10
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return "", 0, err
			}
			base := strings.TrimSuffix(filepath.Base(f), ".json")
			for set := 1; set <= sets; set++ {
				out, name := data, base
				if set > 1 {
					if out, name, err = replicate(data, set); err != nil {
						return "", 0, fmt.Errorf("%s: %w", f, err)
					}
				}
				if err := os.WriteFile(filepath.Join(fwDir, name+".json"), out, 0o644); err != nil {
					return "", 0, err
				}
				n++
			}
		}
	}
	if n != want {
		return "", 0, fmt.Errorf("generated %d frameworks, want %d", n, want)
	}
	return dir, n, stamp(dir, siteVersion)
}

// corpusFiles lists the corpus's framework files in name order.
func corpusFiles(corpus string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(corpus, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .json files in %s", corpus)
	}
	slices.Sort(files)
	return files, nil
}

// subset picks n files spread evenly over the sorted list, so that every
// major occupational group is represented.
func subset(files []string, n int) []string {
	if n >= len(files) {
		return files
	}
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, files[i*len(files)/n])
	}
	return out
}

// replicate makes replica number set (2–10) of a framework file: the SOC
// code gets the suffix "-r<set>" and the title " (set <set>)", so codes
// and titles stay unique across replicas. Every other byte of the file is
// kept. It returns the new file and its code.
func replicate(data []byte, set int) ([]byte, string, error) {
	socStart, socEnd, soc, err := stringValue(data, "occupation", "soc")
	if err != nil {
		return nil, "", err
	}
	titleStart, titleEnd, title, err := stringValue(data, "occupation", "title")
	if err != nil {
		return nil, "", err
	}
	newSoc := soc + "-r" + strconv.Itoa(set)
	newTitle := fmt.Sprintf("%s (set %d)", title, set)
	type edit struct {
		start, end int
		value      string
	}
	edits := []edit{{socStart, socEnd, newSoc}, {titleStart, titleEnd, newTitle}}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(data[last:e.start])
		out.Write(jsonString(e.value))
		last = e.end
	}
	out.Write(data[last:])
	return out.Bytes(), newSoc, nil
}

// jsonString encodes s as a JSON string without HTML escaping.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// stringValue finds the string at data's top-level object key outer, key
// inner, and returns its byte span (quotes included) and decoded value.
func stringValue(data []byte, outer, inner string) (start, end int, value string, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// The path of object keys to the current token; "" for array items.
	type frame struct {
		object  bool
		key     string
		wantKey bool
	}
	var stack []frame
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, "", err
		}
		after := int(dec.InputOffset())
		top := len(stack) - 1
		if top >= 0 && stack[top].object && stack[top].wantKey {
			if k, ok := tok.(string); ok {
				stack[top].key, stack[top].wantKey = k, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:top]
		default:
			if s, ok := tok.(string); ok && len(stack) == 2 && stack[0].key == outer && stack[1].key == inner {
				q := bytes.IndexByte(data[before:after], '"')
				if q < 0 {
					return 0, 0, "", errors.New("string value without a quote")
				}
				return before + q, after, s, nil
			}
		}
		// A value ended: its object now expects the next key.
		if top := len(stack) - 1; top >= 0 && stack[top].object {
			stack[top].wantKey = true
		}
	}
	return 0, 0, "", fmt.Errorf("no string at %s.%s", outer, inner)
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

func stamped(dir, version string) bool {
	data, err := os.ReadFile(filepath.Join(dir, stampFile))
	return err == nil && string(data) == version+"\n"
}

func stamp(dir, version string) error {
	return os.WriteFile(filepath.Join(dir, stampFile), []byte(version+"\n"), 0o644)
}
