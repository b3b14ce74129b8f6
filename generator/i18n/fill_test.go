package i18n

import "testing"

func TestFill(t *testing.T) {
	values := map[string]string{"n": "3", "name": "{n}", "empty": ""}
	value := func(name string) (string, bool) { v, ok := values[name]; return v, ok }
	for _, tc := range []struct{ text, want string }{
		{"no placeholders", "no placeholders"},
		{"{n} items", "3 items"},
		{"{empty} rest", " rest"},
		{"{name} is not read again", "{n} is not read again"},
		{"{unknown} stays, {n} goes", "{unknown} stays, 3 goes"},
		{"an open { and {n}", "an open { and 3"},
		{"a lone { brace", "a lone { brace"},
		{"{n}{n}", "33"},
	} {
		if got := fill(tc.text, value); got != tc.want {
			t.Errorf("fill(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
