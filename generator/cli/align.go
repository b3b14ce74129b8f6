package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ladder-ssg/ladder/generator/onet"
	"github.com/ladder-ssg/ladder/generator/pipeline"
)

// alignCmd prints every statement's best O*NET matches.
func (a *App) alignCmd(args []string) int {
	fs := a.flags("align")
	source := fs.String("source", ".", "the site `folder`")
	top := fs.Int("top", 3, "how many matches to print per statement (`K`)")
	format := fs.String("format", "text", "text for people, json (an array of objects) or tsv (one row per match)")
	if code, stop := a.parse(fs, args, 0); stop {
		return code
	}
	write, ok := map[string]func(io.Writer, []pipeline.StatementAlignment) error{
		"text": writeAlignText, "json": writeAlignJSON, "tsv": writeAlignTSV}[*format]
	if !ok {
		fmt.Fprintf(a.Stderr, "ladder align: unknown --format %q: use text, json or tsv\n", *format)
		return ExitUsage
	}
	if *top < 1 {
		fmt.Fprintf(a.Stderr, "ladder align: --top must be 1 or more, found %d\n", *top)
		return ExitUsage
	}
	rows, warnings, err := pipeline.Align(pipeline.Options{Source: *source, Defaults: a.Defaults}, *top)
	a.printWarnings(warnings.Warnings())
	if err != nil {
		return a.fail(err)
	}
	if err := write(a.Stdout, rows); err != nil {
		fmt.Fprintf(a.Stderr, "ladder align: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

func writeAlignJSON(w io.Writer, rows []pipeline.StatementAlignment) error {
	if rows == nil {
		rows = []pipeline.StatementAlignment{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

func writeAlignTSV(w io.Writer, rows []pipeline.StatementAlignment) error {
	fmt.Fprintln(w, "file\tsoc\tlevel\tindex\trank\tid\ttitle\tkind\tscore\tband\tstatement")
	for _, r := range rows {
		for k, m := range r.Matches {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%.3f\t%s\t%s\n", r.File, r.SOC, r.Level, r.Index, k+1,
				m.ID, m.Title, m.Kind, m.Score, m.Band, strings.ReplaceAll(r.Statement, "\t", " "))
		}
	}
	return nil
}

func writeAlignText(w io.Writer, rows []pipeline.StatementAlignment) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s %s[%d]: %s\n", r.SOC, r.Level, r.Index, r.Statement)
		for _, m := range r.Matches {
			fmt.Fprintf(tw, "  %.2f\t%s\t%s\t%s\t%s\n", m.Score, m.Band, m.Kind, m.ID, m.Title)
		}
	}
	fmt.Fprintf(tw, "\nO*NET elements: %s\n", onet.Credit)
	return tw.Flush()
}
