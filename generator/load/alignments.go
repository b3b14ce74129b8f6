package load

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ladder-ssg/ladder/generator/diag"
	"github.com/ladder-ssg/ladder/generator/framework"
)

// AlignmentsFile is where a site pins or rejects alignments, inside
// content/.
const AlignmentsFile = "alignments.toml"

// Rule is one entry of content/alignments.toml; the type is the model's
// input (framework.AlignmentRule), so that the model needs nothing of load.
type Rule = framework.AlignmentRule

type rawRule struct {
	Occupation string `toml:"occupation"`
	Level      string `toml:"level"`
	Index      *int   `toml:"index"`
	Topic      string `toml:"topic"`
	Element    string `toml:"element"`
}

// ParseAlignments decodes content/alignments.toml; file is its name in
// diagnostics. Every problem is reported, each at its entry's line.
func ParseAlignments(file string, data []byte, strict bool) ([]Rule, diag.List) {
	var raw struct {
		Pin    []rawRule `toml:"pin"`
		Reject []rawRule `toml:"reject"`
	}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		d := diag.Diagnostic{File: file, Severity: diag.Error, Message: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Line, d.Column, d.Path, d.Message = pe.Position.Line, pe.Position.Col, pe.LastKey, pe.Message
		}
		return nil, diag.List{d}
	}
	var diags diag.List
	for _, k := range md.Undecoded() {
		sev, msg := diag.Warning, fmt.Sprintf("unknown key %q (ignored); expected occupation, level, index, topic or element in [[pin]] or [[reject]]", k.String())
		if strict {
			sev = diag.Error
		}
		d := diag.Diagnostic{File: file, Path: k.String(), Severity: sev, Message: msg}
		diags = append(diags, d)
	}
	var rules []Rule
	for _, table := range []struct {
		name   string
		reject bool
		rows   []rawRule
	}{{"pin", false, raw.Pin}, {"reject", true, raw.Reject}} {
		for i, r := range table.rows {
			line := tableLine(data, table.name, i)
			rule := Rule{Reject: table.reject, Occupation: r.Occupation, Level: r.Level, Index: -1, Topic: r.Topic,
				Element: strings.TrimSpace(r.Element), File: file, Line: line, Column: 1, Path: fmt.Sprintf("%s[%d]", table.name, i)}
			if r.Index != nil {
				rule.Index = *r.Index
			}
			if d := checkRule(rule); len(d) > 0 {
				diags = append(diags, d...)
				continue
			}
			rules = append(rules, rule)
		}
	}
	return rules, diags
}

// checkRule reports what is missing or contradictory in a rule by itself.
func checkRule(r Rule) diag.List {
	var msgs []string
	if r.Occupation == "" {
		msgs = append(msgs, "expected occupation, the O*NET-SOC code of a framework")
	}
	if r.Element == "" {
		msgs = append(msgs, `expected element, an O*NET element id such as "4.A.2.a.4.I01.D02"`)
	}
	if r.Index < -1 || r.Index >= 0 && r.Level == "" {
		msgs = append(msgs, "expected index (0 or more) together with level")
	}
	if r.Index >= 0 && r.Topic != "" {
		msgs = append(msgs, "expected either index or topic, not both")
	}
	var out diag.List
	for _, m := range msgs {
		out = append(out, diag.Diagnostic{File: r.File, Line: r.Line, Column: r.Column, Path: r.Path, Severity: diag.Error, Message: m})
	}
	return out
}

// tableLine finds the line of the n-th [[name]] header (0-based), since
// the TOML decoder does not report positions of decoded values.
func tableLine(data []byte, name string, n int) int {
	seen := 0
	for i, l := range strings.Split(string(data), "\n") {
		f := strings.Join(strings.Fields(l), "")
		if strings.HasPrefix(f, "[["+name+"]]") {
			if seen == n {
				return i + 1
			}
			seen++
		}
	}
	return 0
}

// checkRules reports rules that name an occupation, level or statement
// the site does not have.
func checkRules(rules []Rule, fws []*Framework) diag.List {
	var diags diag.List
	for _, r := range rules {
		d := diag.Diagnostic{File: r.File, Line: r.Line, Column: r.Column, Path: r.Path, Severity: diag.Error}
		k := slices.IndexFunc(fws, func(f *Framework) bool { return f.Occupation.SOC == r.Occupation })
		if k < 0 {
			d.Message = fmt.Sprintf("occupation %q: no framework has this code", r.Occupation)
			diags = append(diags, d)
			continue
		}
		if r.Level == "" {
			continue
		}
		f := fws[k]
		l := slices.IndexFunc(f.Levels, func(l framework.Level) bool { return l.Key == r.Level })
		switch {
		case l < 0:
			d.Message = fmt.Sprintf("level %q: %s has no such level", r.Level, r.Occupation)
		case r.Index >= len(f.Levels[l].Statements):
			d.Message = fmt.Sprintf("index %d: level %q of %s has %d statements (0 to %d)", r.Index, r.Level, r.Occupation,
				len(f.Levels[l].Statements), len(f.Levels[l].Statements)-1)
		default:
			continue
		}
		diags = append(diags, d)
	}
	return diags
}
