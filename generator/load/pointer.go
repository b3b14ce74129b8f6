package load

import (
	"bytes"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// PointerOffset returns the byte offset in data where the value at pointer (an
// RFC 6901 JSON Pointer) starts. A UTF-8 byte-order mark is allowed.
func PointerOffset(data []byte, pointer string) (int, bool) {
	skip := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		skip = 3
	}
	if len(data) == 0 {
		return 0, false
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data[skip:]))
	for {
		before := dec.InputOffset()
		if _, err := dec.ReadToken(); err != nil {
			return 0, false
		}
		// In an object, an odd count of tokens read means a name was.
		if kind, n := dec.StackIndex(dec.StackDepth()); kind == '{' && n%2 == 1 {
			continue
		}
		if string(dec.StackPointer()) == pointer {
			start := int(before)
			for start < len(data)-skip && strings.IndexByte(" \t\r\n:,", data[skip+start]) >= 0 {
				start++
			}
			return skip + start, true
		}
	}
}
