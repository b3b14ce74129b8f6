package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAlignFormats runs `ladder align` on the default content in each
// format and reads the output back as its users' tools would.
func TestAlignFormats(t *testing.T) {
	src := t.TempDir()
	code, out, errs := run(t, "align", "--source", src, "--format", "json", "--top", "3")
	if code != ExitOK {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	var rows []struct {
		File, SOC, Level, Statement string
		Index                       *int
		Matches                     []struct {
			ID, Title, Kind string
			Score           *float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("json: %v", err)
	}
	if len(rows) != 80 {
		t.Fatalf("json: %d statements, want 80", len(rows))
	}
	for _, r := range rows {
		if r.File == "" || r.SOC == "" || r.Level == "" || r.Index == nil || r.Statement == "" || len(r.Matches) != 3 {
			t.Fatalf("json: incomplete row %+v", r)
		}
		for _, m := range r.Matches {
			if m.ID == "" || m.Title == "" || m.Score == nil || (m.Kind != "dwa" && m.Kind != "skill" && m.Kind != "knowledge") {
				t.Fatalf("json: incomplete match %+v", m)
			}
		}
	}
	code, out, _ = run(t, "align", "--source", src, "--format", "tsv", "--top", "2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || !strings.HasPrefix(lines[0], "file\tsoc\tlevel\tindex\trank\tid\t") || len(lines) != 1+80*2 {
		t.Errorf("tsv: exit %d, %d lines, header %q", code, len(lines), lines[0])
	}
	code, out, _ = run(t, "align", "--source", src)
	if code != ExitOK || !strings.Contains(out, "29-2012.00 emerging[0]:") || !strings.Contains(out, "O*NET") {
		t.Errorf("text: exit %d, output %.200q", code, out)
	}
	for _, bad := range [][]string{{"--format", "xml"}, {"--top", "0"}} {
		if code, _, _ := run(t, append([]string{"align", "--source", src}, bad...)...); code != ExitUsage {
			t.Errorf("align %v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
}

// TestAlignRules pins and rejects alignments in content/alignments.toml
// and checks that align applies them and reports bad rules at their line.
func TestAlignRules(t *testing.T) {
	src := t.TempDir()
	fw := filepath.Join(src, "content", "frameworks")
	if err := os.MkdirAll(fw, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "content", "frameworks", "29-2012.00.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(fw, "29-2012.00.json"), data, 0o644)
	rules := filepath.Join(src, "content", "alignments.toml")
	os.WriteFile(rules, []byte(`[[pin]]
occupation = "29-2012.00"
level = "emerging"
index = 4
element = "4.A.3.a.3.I09.D03"

[[reject]]
occupation = "29-2012.00"
topic = "Laboratory findings"
element = "4.A.3.b.1.I06.D03"
`), 0o644)
	code, out, errs := run(t, "align", "--source", src, "--format", "json", "--top", "5")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rows []struct {
		Level     string
		Index     int
		Statement string
		Matches   []struct{ ID, Band string }
	}
	json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		if r.Level == "emerging" && r.Index == 4 && (r.Matches[0].ID != "4.A.3.a.3.I09.D03" || r.Matches[0].Band != "pinned") {
			t.Errorf("pinned statement: first match %+v", r.Matches[0])
		}
		if strings.HasPrefix(r.Statement, "Laboratory findings — ") {
			for _, m := range r.Matches {
				if m.ID == "4.A.3.b.1.I06.D03" {
					t.Errorf("%s: rejected element still matched", r.Statement)
				}
			}
		}
	}
	os.WriteFile(rules, []byte("[[pin]]\noccupation = \"29-2012.00\"\nelement = \"4.A.3.a.3.I09.D03\"\n\n[[pin]]\noccupation = \"99-9999.00\"\nlevel = \"emerging\"\nindex = 99\nelement = \"nope\"\n\n[[reject]]\nelement = \"2.A.1.a\"\n"), 0o644)
	code, _, errs = run(t, "check", "--source", src)
	for _, want := range []string{"alignments.toml:5:1: pin[1]: occupation \"99-9999.00\": no framework has this code",
		"alignments.toml:5:1: pin[1].element: element \"nope\"", "alignments.toml:11:1: reject[0]: expected occupation"} {
		if code != ExitInput || !strings.Contains(errs, want) {
			t.Errorf("check: exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}
	os.WriteFile(rules, []byte("[[pin]]\noccupation = \"29-2012.00\"\nelement = \"9.Z.not.an.id\"\n"), 0o644)
	code, _, errs = run(t, "check", "--source", src)
	if code != ExitInput || !strings.Contains(errs, "alignments.toml:1:1") || !strings.Contains(errs, `element "9.Z.not.an.id": not an O*NET`) {
		t.Errorf("check unknown element: exit %d:\n%s", code, errs)
	}
}
