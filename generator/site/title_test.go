package site

import "testing"

func TestTitleFromName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"about", "About"},
		{"getting-started", "Getting Started"},
		{"snake_case_name", "Snake Case Name"},
		{"über-uns", "Über Uns"},
		{"ärger_öl-ñandú", "Ärger Öl Ñandú"},
		{"ǆungla", "ǅungla"}, // a digraph takes its title case, not its upper case
		{"日本語-page", "日本語 Page"},
		{"2024-notes", "2024 Notes"},
		{"--a--b--", "A B"},
		{"\xffbad", "\xffbad"}, // invalid UTF-8 stays as it is
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titleFromName(tt.name); got != tt.want {
				t.Errorf("titleFromName(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
