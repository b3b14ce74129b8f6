package markup

import (
	"errors"
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes a TOML front matter block (the lines between the
// delimiters, LF line endings).
func decodeTOML(block []byte) (FrontMatter, error) {
	var fm FrontMatter
	var raw map[string]any
	md, err := toml.Decode(string(block), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := lineAt(block, pe.Position.Line)
			return fm, &FrontMatterError{
				Line:   pe.Position.Line + blockLineOffset,
				Column: runeColumn(line, pe.Position.Col),
				Msg:    "invalid TOML: " + pe.Message,
				Err:    err,
			}
		}
		return fm, &FrontMatterError{Line: 1 + blockLineOffset, Column: 1, Msg: "invalid TOML: " + err.Error(), Err: err}
	}
	seen := map[string]bool{}
	for _, k := range md.Keys() { // Keys keeps the order of the source
		key := k[0]
		if seen[key] {
			continue
		}
		seen[key] = true
		kind, ok := fieldKindOf(key)
		if !ok {
			fm.Unknown = append(fm.Unknown, key)
			continue
		}
		if err := fm.setTOML(block, key, kind, raw[key]); err != nil {
			return FrontMatter{}, err
		}
	}
	return fm, nil
}

func (fm *FrontMatter) setTOML(block []byte, key string, kind fieldKind, v any) error {
	mismatch := func() error {
		line, col := tomlKeyPos(block, key)
		return &FrontMatterError{
			Line: line + blockLineOffset, Column: col,
			Msg: fmt.Sprintf("%s: expected %s, found %s", key, expected(kind, "table"), describeTOML(v)),
		}
	}
	switch kind {
	case kindString:
		s, ok := v.(string)
		if !ok {
			return mismatch()
		}
		fm.setString(key, s)
	case kindInt:
		n, ok := v.(int64)
		if !ok {
			return mismatch()
		}
		i, err := toInt(n)
		if err != nil {
			line, col := tomlKeyPos(block, key)
			return &FrontMatterError{Line: line + blockLineOffset, Column: col, Msg: fmt.Sprintf("%s: expected an integer, found %d (%v)", key, n, err)}
		}
		fm.Weight = i
	case kindBool:
		b, ok := v.(bool)
		if !ok {
			return mismatch()
		}
		fm.Draft = b
	case kindTable:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch()
		}
		fm.Params = m
	}
	return nil
}

// describeTOML names a decoded TOML value for an error message.
func describeTOML(v any) string {
	switch x := v.(type) {
	case string:
		return "string " + quoteFound(x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return fmt.Sprintf("float %v", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		// BurntSushi/toml marks local values with these location names.
		switch x.Location().String() {
		case "date-local":
			return "date " + x.Format(time.DateOnly)
		case "time-local":
			return "time " + x.Format(time.TimeOnly)
		case "datetime-local":
			return "date-time " + x.Format("2006-01-02T15:04:05")
		}
		return "date-time " + x.Format(time.RFC3339)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// tomlKeyPos finds where the top-level key is assigned in block: the line
// and the character column of its value (TOMLKey), or the block's
// first line when the key is not found.
func tomlKeyPos(block []byte, key string) (line, col int) {
	line, _, col = TOMLKey(block, key, true)
	if line == 0 {
		return 1, 1
	}
	return line, col
}
