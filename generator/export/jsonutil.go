package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// marshalJSON encodes v compactly, with "<", ">" and "&" left as they are
// (the files are not HTML): the form the files are published in, so that
// nothing minifies them again.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// member is one name and value of an object.
type member struct {
	Name  string
	Value any
}

// object is a JSON object whose members keep their order.
type object []member

// MarshalJSONTo writes the members in order, straight to the encoder, so
// that nested objects are not re-read by every object around them.
func (o object) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, m := range o {
		if err := enc.WriteToken(jsontext.String(m.Name)); err != nil {
			return err
		}
		if err := jsonv2.MarshalEncode(enc, m.Value); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// appendObjectJSON appends an object tree to dst, encoded like
// marshalJSON does.
func appendObjectJSON(dst []byte, o object) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	if err := jsonv2.MarshalWrite(buf, o); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fixedTime stands in for a missing export date, so that builds of the
// same input stay byte-identical: 2000-01-01T00:00:00Z.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// dateOr returns t, or fixedTime when t is zero.
func dateOr(t time.Time) time.Time {
	if t.IsZero() {
		return fixedTime
	}
	return t
}

// formatTime writes t as an RFC 3339 date-time in UTC, with as many
// fractional seconds as it has.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// appendJSONString appends s quoted as encoding/json quotes it: "<", ">"
// and "&" escaped with escapeHTML (json.Marshal), left as they are
// without (marshalJSON). Text with nothing to escape, nearly all of a
// framework's, is copied as it is; the rest goes through encoding/json
// itself, so the two never differ.
func appendJSONString(dst []byte, s string, escapeHTML bool) []byte {
	if !needsJSONEscape(s, escapeHTML) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	enc.Encode(s) // a string always encodes
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// needsJSONEscape reports whether encoding/json writes s other than as
// it is between quotes: for a control character, a quote, a backslash,
// invalid UTF-8, U+2028 or U+2029 (which it escapes for JavaScript), and
// with escapeHTML "<", ">" or "&".
func needsJSONEscape(s string, escapeHTML bool) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case jsonPlainASCII[c]:
			i++
		case c < utf8.RuneSelf:
			if !escapeHTML && (c == '<' || c == '>' || c == '&') {
				i++
				continue
			}
			return true
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				return true
			}
			i += size
		}
	}
	return false
}

// jsonPlainASCII marks the ASCII bytes encoding/json never escapes:
// printable, neither quote nor backslash nor "<", ">" and "&".
var jsonPlainASCII = func() (plain [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		plain[c] = !strings.ContainsRune(`"\<>&`, rune(c))
	}
	return plain
}()
