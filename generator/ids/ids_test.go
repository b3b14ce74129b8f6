package ids

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Healthcare Practitioners & Technical", 60, "healthcare-practitioners-technical"},
		{"Lab glassware, pipettes, and balances", 60, "lab-glassware-pipettes-and-balances"},
		{"Patient's records", 60, "patients-records"},
		{"Überblick für Pflegekräfte", 60, "überblick-für-pflegekräfte"},
		{"🚀", 60, ""},
		{"one two three four", 9, "one-two"},
		{"averyveryverylongword", 6, "averyv"},
		{"ééééé", 5, "éé"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in, tt.max); got != tt.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	u := Names{"index": 1}
	var got []string
	for _, base := range []string{"a", "a", "index", "a-2", "a", "b"} {
		got = append(got, u.Name(base))
	}
	want := []string{"a", "a-2", "index-2", "a-2-2", "a-3", "b"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("names %q, want %q", got, want)
		}
	}
}

func TestFNV64(t *testing.T) {
	tests := []struct {
		data string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"foobar", 0x85944171f73967e8},
	}
	for _, tt := range tests {
		if got := FNV64([]byte(tt.data)); got != tt.want {
			t.Errorf("FNV64(%q) = %#x, want %#x", tt.data, got, tt.want)
		}
	}
	if FNV64Strings("ab", "c") == FNV64Strings("a", "bc") {
		t.Error(`FNV64Strings("ab", "c") == FNV64Strings("a", "bc")`)
	}
}
