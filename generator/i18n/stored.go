package i18n

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/generator/diag"
)

// Every build reads the English catalogue (and its own language's), and
// decoding their TOML took some 5 ms of a build of the default site that
// lasts 100 ms. The shipped catalogues are kept here decoded as well:
// stored/<lang>.txt holds what Parse makes of i18n/<lang>.toml, in a
// form read at the cost of unquoting each message. A stored catalogue
// names the SHA-256 of the TOML it was made from, and is used only for
// those bytes, so a catalogue edited since is parsed as before. Written
// by go test ./generator/i18n -run TestStoredCatalogues -update, which
// holds each to Parse.
//
// The form: a first line "sha256 <hex>", then one message a line, its
// fields separated by tabs: the key, its line and column, then either
// the quoted text or, for a count message, each plural category and its
// quoted form.
//
//go:embed stored
var storedData embed.FS

// parseShipped is Parse of the shipped catalogue of lang: its stored
// form when there is one for these bytes.
func parseShipped(lang, label string, data []byte) (map[string]Message, diag.List) {
	if stored, err := storedData.ReadFile("stored/" + lang + ".txt"); err == nil {
		if msgs, err := readStored(stored, data); err == nil {
			return msgs, nil
		}
	}
	return Parse(label, data)
}

// storedSum is the first line of a stored catalogue made from data.
func storedSum(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256 " + hex.EncodeToString(sum[:])
}

// readStored reads a stored catalogue, if it was made from data.
func readStored(stored, data []byte) (map[string]Message, error) {
	sum, rest, _ := bytes.Cut(stored, []byte("\n"))
	if string(sum) != storedSum(data) {
		return nil, fmt.Errorf("stored catalogue: made from other bytes")
	}
	msgs := make(map[string]Message, bytes.Count(rest, []byte("\n")))
	for n, line := range strings.Split(strings.TrimSuffix(string(rest), "\n"), "\n") {
		key, m, err := readStoredMessage(line)
		if err != nil {
			return nil, fmt.Errorf("stored catalogue: line %d: %w", n+2, err)
		}
		msgs[key] = m
	}
	return msgs, nil
}

// readStoredMessage reads one line of a stored catalogue.
func readStoredMessage(line string) (string, Message, error) {
	f := strings.Split(line, "\t")
	if len(f) < 4 || len(f) > 4 && len(f)%2 != 1 {
		return "", Message{}, fmt.Errorf("%d fields", len(f))
	}
	var m Message
	var err1, err2 error
	m.Line, err1 = strconv.Atoi(f[1])
	m.Column, err2 = strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return "", Message{}, fmt.Errorf("no line and column")
	}
	if len(f) == 4 {
		m.Text, err1 = strconv.Unquote(f[3])
		return f[0], m, err1
	}
	m.Forms = make(map[string]string, (len(f)-3)/2)
	for i := 3; i < len(f); i += 2 {
		form, err := strconv.Unquote(f[i+1])
		if err != nil {
			return "", Message{}, err
		}
		m.Forms[f[i]] = form
	}
	return f[0], m, nil
}

// writeStored writes the stored form of msgs, parsed from data.
func writeStored(msgs map[string]Message, data []byte) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintln(w, storedSum(data))
	keys := make([]string, 0, len(msgs))
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := msgs[k]
		fmt.Fprintf(w, "%s\t%d\t%d", k, m.Line, m.Column)
		if m.Forms == nil {
			fmt.Fprintf(w, "\t%s\n", strconv.Quote(m.Text))
			continue
		}
		cats := make([]string, 0, len(m.Forms))
		for c := range m.Forms {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		for _, c := range cats {
			fmt.Fprintf(w, "\t%s\t%s", c, strconv.Quote(m.Forms[c]))
		}
		fmt.Fprintln(w)
	}
	w.Flush()
	return b.Bytes()
}
