package markup

import (
	"strings"
	"unicode/utf8"
)

// TOMLKey finds the line where key (one name, bare or quoted) is assigned
// in the TOML document data, with the character columns of the key and of
// its value; for a dotted key ("key.sub = …") the value column is the
// key's. The TOML decoder reports no positions of the keys it decoded, so
// this scans lines. With topLevel, it looks only before the first table
// header; otherwise in every table. It returns zeros when the key is not
// found. It serves ladder.toml (config) and TOML front matter alike.
func TOMLKey(data []byte, key string, topLevel bool) (line, keyCol, valueCol int) {
	names := []string{key, `"` + key + `"`, `'` + key + `'`}
	for n, text := range strings.Split(string(data), "\n") {
		text = strings.TrimSuffix(text, "\r")
		trimmed := strings.TrimLeft(text, " \t")
		if topLevel && strings.HasPrefix(trimmed, "[") {
			break // table headers start nested keys
		}
		indent := len(text) - len(trimmed)
		for _, name := range names {
			after, ok := strings.CutPrefix(trimmed, name)
			if !ok {
				continue
			}
			tail := strings.TrimLeft(after, " \t")
			keyCol = utf8.RuneCountInString(text[:indent]) + 1
			switch {
			case strings.HasPrefix(tail, "="):
				value := strings.TrimLeft(tail[1:], " \t")
				return n + 1, keyCol, utf8.RuneCountInString(text[:len(text)-len(value)]) + 1
			case strings.HasPrefix(tail, "."):
				return n + 1, keyCol, keyCol
			}
		}
	}
	return 0, 0, 0
}
