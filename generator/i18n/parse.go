package i18n

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/ladder-ssg/ladder/generator/diag"
)

// Parse decodes one catalogue file; file is its name in diagnostics. Keys
// are flattened with dots ([count] statements = … is "count.statements"),
// and a table whose keys are all CLDR plural categories is one count
// message. Each message records its key's line and column.
func Parse(file string, data []byte) (map[string]Message, diag.List) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		d := diag.Diagnostic{File: file, Severity: diag.Error, Message: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Line, d.Column, d.Path, d.Message = pe.Position.Line, pe.Position.Col, pe.LastKey, pe.Message
		}
		return nil, diag.List{d}
	}
	places := keyPlaces(data)
	msgs := map[string]Message{}
	var diags diag.List
	flatten("", raw, func(key string, v any) {
		line, col := place(places, key)
		m, err := toMessage(v)
		if err != "" {
			diags = append(diags, diag.Diagnostic{File: file, Line: line, Column: col, Path: key, Severity: diag.Error, Message: err})
			return
		}
		m.Line, m.Column = line, col
		msgs[key] = m
	})
	return msgs, diags
}

// flatten calls leaf for every message of a decoded TOML table: strings,
// tables of plural forms, and anything else (which toMessage refuses).
func flatten(prefix string, table map[string]any, leaf func(string, any)) {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := table[k].(map[string]any); ok && !pluralTable(sub) {
			flatten(key, sub, leaf)
			continue
		}
		leaf(key, table[k])
	}
}

// pluralTable reports whether every key of a table is a plural category.
func pluralTable(t map[string]any) bool {
	for k := range t {
		if !isCategory(k) {
			return false
		}
	}
	return len(t) > 0
}

// toMessage makes a message of a decoded value, or says what was expected.
func toMessage(v any) (Message, string) {
	switch v := v.(type) {
	case string:
		return Message{Text: v}, ""
	case map[string]any:
		forms := map[string]string{}
		for k, f := range v {
			s, ok := f.(string)
			if !ok {
				return Message{}, fmt.Sprintf("plural form %q: expected a string, found %T", k, f)
			}
			forms[k] = s
		}
		return Message{Forms: forms}, ""
	}
	return Message{}, fmt.Sprintf("expected a string or a table of plural forms (zero, one, two, few, many, other), found %T", v)
}

// place finds where key, or the nearest enclosing key, is written.
func place(places map[string][2]int, key string) (int, int) {
	for k := key; k != ""; {
		if p, ok := places[k]; ok {
			return p[0], p[1]
		}
		i := strings.LastIndex(k, ".")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return 0, 0
}

// keyPlaces finds the line and column of every key and table header of a
// TOML file, since the decoder does not report them. It reads the usual
// shapes of a catalogue: [table] headers, key = value lines with bare,
// quoted or dotted keys; it skips multi-line strings.
func keyPlaces(data []byte) map[string][2]int {
	out := map[string][2]int{}
	prefix, inMulti := "", false
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if inMulti {
			inMulti = strings.Count(trimmed, `"""`)%2 == 0 && strings.Count(trimmed, `'''`)%2 == 0
			continue
		}
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "["):
			end := strings.LastIndex(trimmed, "]")
			if end < 0 {
				continue
			}
			prefix = joinKey(strings.Trim(trimmed[:end], "[]"))
			out[prefix] = [2]int{i + 1, col + 1}
			continue
		}
		key, rest, ok := splitKey(trimmed)
		if !ok {
			continue
		}
		if prefix != "" {
			key = prefix + "." + key
		}
		out[key] = [2]int{i + 1, col}
		if strings.Count(rest, `"""`)%2 == 1 || strings.Count(rest, `'''`)%2 == 1 {
			inMulti = true
		}
	}
	return out
}

// splitKey splits `key = value` at the first = outside quotes and returns
// the dotted key without quotes and the value's text.
func splitKey(s string) (string, string, bool) {
	quote := rune(0)
	for i, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == '=':
			return joinKey(s[:i]), s[i+1:], true
		}
	}
	return "", "", false
}

// joinKey normalises a TOML key (`a . "b.c"`) to its dotted form, keeping
// dots inside quotes ("nav.home" is one key of two words).
func joinKey(k string) string {
	var parts []string
	var cur strings.Builder
	quote := rune(0)
	for _, r := range strings.TrimSpace(k) {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case quote == 0 && (r == ' ' || r == '\t'):
		default:
			cur.WriteRune(r)
		}
	}
	return strings.Join(append(parts, strings.TrimSpace(cur.String())), ".")
}
