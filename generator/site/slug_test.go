package site

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "assets/style.css", "assets/style.css"},
		{"occupations/x/index.html", "assets/style.css", "../../assets/style.css"},
		{"occupations/x/index.html", "occupations/x/emerging/index.html", "emerging/index.html"},
		{"occupations/x/emerging/index.html", "occupations/x/index.html", "../index.html"},
		{"occupations/x/emerging/index.html", "occupations/y/emerging/index.html", "../../y/emerging/index.html"},
		{"occupations/x/index.html", "occupations/x/index.html", "index.html"},
		{"occupations/xy/index.html", "occupations/x/index.html", "../x/index.html"},
		{"about/index.html", "index.html", "../index.html"},
		{"404.html", "index.html", "index.html"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to); got != tt.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
