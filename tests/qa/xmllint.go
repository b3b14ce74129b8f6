package qa

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// xmllintLoc matches the "file:line: message" lines xmllint prints.
var xmllintLoc = regexp.MustCompile(`^(.+?):(\d+): (.*)$`)

// CheckXML checks that files are well-formed XML with xmllint and, when
// schema is not "", that they are valid against that XML Schema (.xsd). It
// returns one finding per reported problem and fails t when xmllint cannot
// run at all.
func CheckXML(t testing.TB, schema string, files ...string) []Finding {
	t.Helper()
	bin := Xmllint(t)
	if len(files) == 0 {
		t.Fatal("qa.CheckXML: no files to check")
	}
	args := []string{"--noout", "--nonet"}
	if schema != "" {
		args = append(args, "--schema", schema)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(args, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("xmllint: %v", err)
	}
	findings := parseXmllint(out.String())
	if err != nil && len(findings) == 0 {
		findings = append(findings, Finding{Check: "xmllint", Message: strings.TrimSpace(out.String()) + " (" + err.Error() + ")"})
	}
	return findings
}

// parseXmllint turns xmllint's diagnostics into findings, skipping the
// "file validates" lines and the source excerpts it prints under each error.
func parseXmllint(out string) []Finding {
	var findings []Finding
	for _, line := range strings.Split(out, "\n") {
		if strings.HasSuffix(line, " validates") {
			continue
		}
		m := xmllintLoc.FindStringSubmatch(line)
		if m == nil {
			if strings.HasSuffix(line, " fails to validate") {
				continue
			}
			if strings.Contains(line, "error") && len(findings) == 0 {
				findings = append(findings, Finding{Check: "xmllint", Message: line})
			}
			continue
		}
		n, _ := strconv.Atoi(m[2])
		findings = append(findings, Finding{Check: "xmllint", File: m[1], Line: n, Message: m[3]})
	}
	return findings
}
