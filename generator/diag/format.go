package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// jsonDiagnostic is the machine-readable form of a Diagnostic.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Path     string `json:"path,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// WriteJSON writes the list as one JSON array of objects with file, line,
// column, path, severity and message; an empty list is [].
func WriteJSON(w io.Writer, l List) error {
	out := make([]jsonDiagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, jsonDiagnostic{d.File, d.Line, d.Column, d.Path, d.Severity.String(), d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteGitHub writes the list as GitHub Actions workflow commands, so each
// problem shows as an annotation on the file and line in a pull request.
func WriteGitHub(w io.Writer, l List) error {
	for _, d := range l {
		var props []string
		props = append(props, "file="+escapeProperty(d.File))
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line), fmt.Sprintf("col=%d", d.Column))
		}
		title := "ladder"
		if d.Path != "" {
			title += ": " + d.Path
		}
		props = append(props, "title="+escapeProperty(title))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
