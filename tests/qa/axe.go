package qa

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// WCAG21AA returns the axe-core tags Axe checks by default: WCAG 2.0 and 2.1,
// levels A and AA.
func WCAG21AA() []string {
	return []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
}

// Violation is one axe-core rule that the page breaks, with every element
// that breaks it.
type Violation struct {
	ID      string    `json:"id"`     // the rule, e.g. "color-contrast"
	Impact  string    `json:"impact"` // "minor", "moderate", "serious" or "critical"
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []AxeNode `json:"nodes"`
	Tags    []string  `json:"tags"`
}

// AxeNode is one element that breaks a rule.
type AxeNode struct {
	Target  []string `json:"target"`  // CSS selectors, outermost document first
	HTML    string   `json:"html"`    // the element's opening markup
	Summary string   `json:"summary"` // axe's "Fix any of the following" text
}

// String formats v over several lines: the rule, then each element.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s [%s]", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    at %s: %s", strings.Join(n.Target, " "), n.HTML)
		for _, line := range strings.Split(strings.TrimSpace(n.Summary), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				b.WriteString("\n      " + line)
			}
		}
	}
	return b.String()
}

// AxeFindings turns violations on the page named file into findings, one per
// offending element.
func AxeFindings(file string, vs []Violation) []Finding {
	var out []Finding
	for _, v := range vs {
		for _, n := range v.Nodes {
			out = append(out, Finding{Check: "axe", File: file, Message: fmt.Sprintf("%s (%s): %s at %s: %s", v.ID, v.Impact, v.Help, strings.Join(n.Target, " "), n.HTML)})
		}
	}
	return out
}

// Axe injects axeSource (see AxeSource) into the page shown in the tab ctx
// (see Browser.Context) unless it is already there, runs it with the
// WCAG21AA tags and returns the violations. Run it after ColorScheme to check
// a dark theme's contrast.
func Axe(ctx context.Context, axeSource string) ([]Violation, error) {
	return AxeRun(ctx, axeSource, WCAG21AA()...)
}

// AxeRun is Axe with a chosen list of axe-core tags, such as "best-practice".
func AxeRun(ctx context.Context, axeSource string, tags ...string) ([]Violation, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	var present bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`typeof window.axe === "object"`, &present)); err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if !present {
		if err := chromedp.Run(ctx, chromedp.Evaluate(axeSource+"\n;void 0", nil)); err != nil {
			return nil, fmt.Errorf("axe: injecting axe-core: %w", err)
		}
	}
	tagsJSON, err := json.Marshal(tags)
	if err != nil {
		return nil, err
	}
	script := `(async () => {
  const r = await window.axe.run(document, {runOnly: {type: "tag", values: ` + string(tagsJSON) + `}, resultTypes: ["violations"]});
  return r.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl, tags: v.tags,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : String(t)),
      html: n.html, summary: n.failureSummary || "",
    })),
  }));
})()`
	var vs []Violation
	if err := chromedp.Run(ctx, chromedp.Evaluate(script, &vs, awaitPromise)); err != nil {
		return nil, fmt.Errorf("axe: running: %w", err)
	}
	return vs, nil
}
