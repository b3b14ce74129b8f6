package cli

import (
	"encoding/json"
	"errors"
	"os"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/pipeline"
)

// buildSummary is what `ladder build --summary FILE` writes: the figures
// of the one-line summary, for CI dashboards.
type buildSummary struct {
	OK         bool         `json:"ok"`
	Out        string       `json:"out"`
	Pages      int          `json:"pages"`
	Files      int          `json:"files"`
	Bytes      int64        `json:"bytes"`
	Seconds    float64      `json:"seconds"`
	Warnings   int          `json:"warnings"`
	Errors     int          `json:"errors"`
	Steps      []stepTiming `json:"steps"`
	Diagnostic []string     `json:"diagnostics,omitempty"`
	Notes      []string     `json:"notes,omitempty"`
	Host       string       `json:"host,omitempty"`
}

type stepTiming struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

func writeSummary(path string, res pipeline.Result, buildErr error) error {
	s := buildSummary{OK: buildErr == nil, Out: res.Out, Pages: res.Pages, Files: res.Files, Bytes: res.Bytes,
		Seconds: res.Duration.Seconds(), Warnings: len(res.Warnings), Steps: []stepTiming{}, Notes: res.Notes, Host: res.Host}
	for _, st := range res.Steps {
		s.Steps = append(s.Steps, stepTiming{st.Name, st.Duration.Seconds()})
	}
	var list diag.List
	if errors.As(buildErr, &list) {
		s.Errors = len(list)
	} else if buildErr != nil {
		s.Errors = 1
	}
	for _, d := range append(list, res.Warnings...) {
		s.Diagnostic = append(s.Diagnostic, d.Error())
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
