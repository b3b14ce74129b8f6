package markup

import "testing"

func TestTOMLKey(t *testing.T) {
	tests := []struct {
		name, data, key        string
		topLevel               bool
		line, keyCol, valueCol int
	}{
		{"bare", "title = \"T\"\nweight = 3", "weight", true, 2, 1, 10},
		{"indented, CRLF", "a = 1\r\n  weight =  3\r\n", "weight", true, 2, 3, 13},
		{"double-quoted", `"weight" = 3`, "weight", true, 1, 1, 12},
		{"single-quoted", `'weight' = 3`, "weight", true, 1, 1, 12},
		{"dotted", "title.sub = 1", "title", true, 1, 1, 1},
		{"not a prefix of a longer key", "weights = 1\nweight = 2", "weight", true, 2, 1, 10},
		{"characters, not bytes", "ü = 1\nweight = \"é\"", "weight", true, 2, 1, 10},
		{"in a table, top level only", "[params]\nweight = 3", "weight", true, 0, 0, 0},
		{"in a table, anywhere", "[params]\nweight = 3", "weight", false, 2, 1, 10},
		{"missing", "title = 1", "weight", false, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, keyCol, valueCol := TOMLKey([]byte(tt.data), tt.key, tt.topLevel)
			if line != tt.line || keyCol != tt.keyCol || valueCol != tt.valueCol {
				t.Errorf("TOMLKey = %d, %d, %d; want %d, %d, %d", line, keyCol, valueCol, tt.line, tt.keyCol, tt.valueCol)
			}
		})
	}
}
