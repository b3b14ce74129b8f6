// Command gen writes the O*NET data that package onet embeds, from the
// O*NET 29.3 reference files in ../shared/onet-eval (CC BY 4.0):
//
//	go run ./generator/onet/internal/gen ../shared/onet-eval generator/onet/data
//
// It keeps only what ladder reads: the work-activity hierarchy (GWA →
// IWA → DWA titles), the Skills, Knowledge and Abilities elements with
// their descriptions, and the development half's task statements with
// the activities O*NET's analysts linked to them, grouped by occupation
// with its title and description. Output is gzip without a time stamp,
// so the same input always gives the same bytes.
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen ONET_EVAL_DIR OUT_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	dwa, err := readTSV(filepath.Join(in, "reference", "DWA Reference.txt"))
	if err != nil {
		return err
	}
	cm, err := readTSV(filepath.Join(in, "reference", "Content Model Reference.txt"))
	if err != nil {
		return err
	}
	tasks, err := readTSV(filepath.Join(in, "tasks.tsv"))
	if err != nil {
		return err
	}
	occs, err := readTSV(filepath.Join(in, "occupations.tsv"))
	if err != nil {
		return err
	}
	// The elements are read on every Load: plain, no decompressing.
	if err := writePlain(filepath.Join(out, "activities.tsv"), activities(dwa)); err != nil {
		return err
	}
	if err := writePlain(filepath.Join(out, "elements.tsv"), elements(cm)); err != nil {
		return err
	}
	return write(filepath.Join(out, "tasks.tsv.gz"), examples(tasks, occs))
}

// activities lists GWA, IWA and DWA rows: kind, id, parent id, title.
func activities(rows [][]string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(kind, id, parent, title string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, strings.Join([]string{kind, id, parent, title}, "\t"))
		}
	}
	for _, r := range rows[1:] {
		add("gwa", r[0], "", r[1])
		add("iwa", r[2], r[0], r[3])
		add("dwa", r[4], r[2], r[5])
	}
	return out
}

// elements lists the Content Model's abilities (1.A), skills (2.A, 2.B),
// knowledge (2.C) and generalized work activities (4.A): id, name,
// description.
func elements(rows [][]string) []string {
	var out []string
	for _, r := range rows[1:] {
		id := r[0]
		for _, p := range []string{"1.A.", "2.A.", "2.B.", "2.C.", "4.A."} {
			if strings.HasPrefix(id, p) {
				out = append(out, strings.Join(r[:3], "\t"))
				break
			}
		}
	}
	return out
}

// examples lists, per occupation of the task file, a line "#soc\ttitle\tdescription"
// and then its tasks: "task\tdwa ids".
func examples(tasks, occs [][]string) []string {
	occ := map[string][]string{}
	for _, r := range occs[1:] {
		occ[r[0]] = r
	}
	by := map[string][]string{}
	for _, r := range tasks[1:] {
		if r[3] == "" {
			continue
		}
		by[r[0]] = append(by[r[0]], r[2]+"\t"+r[3])
	}
	socs := make([]string, 0, len(by))
	for s := range by {
		socs = append(socs, s)
	}
	slices.Sort(socs)
	var out []string
	for _, s := range socs {
		o := occ[s]
		title, desc := s, ""
		if o != nil {
			title, desc = o[1], o[2]
		}
		out = append(out, "#"+s+"\t"+title+"\t"+desc)
		out = append(out, by[s]...)
	}
	return out
}

func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	return rows, sc.Err()
}

func write(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if _, err := zw.Write([]byte(l + "\n")); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func writePlain(path string, lines []string) error {
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}
