package framework

import "testing"

func TestSplit(t *testing.T) {
	tests := []struct {
		in, topic, perf string
	}{
		{"Lab glassware — use accurately.", "Lab glassware", "use accurately."},
		{"  Topic  —  perf  ", "Topic", "perf"},
		{"No separator here.", "", "No separator here."},
		{"A — b — c", "A", "b — c"},
		{"— starts with dash", "", "— starts with dash"},
		{"Ends with dash —", "", "Ends with dash —"},
		{"hyphen - is not a separator", "", "hyphen - is not a separator"},
		{"em—dash without spaces", "", "em—dash without spaces"},
		{"", "", ""},
	}
	for _, tt := range tests {
		got := Split(tt.in)
		if got.Topic != tt.topic || got.Performance != tt.perf {
			t.Errorf("Split(%q) = %q / %q, want %q / %q", tt.in, got.Topic, got.Performance, tt.topic, tt.perf)
		}
	}
}

func TestNames(t *testing.T) {
	if got := SectorName("62"); got != "Health Care and Social Assistance" {
		t.Errorf("SectorName(62) = %q", got)
	}
	if got := SectorName("31-33"); got != "Manufacturing" {
		t.Errorf("SectorName(31-33) = %q", got)
	}
	if got := SectorName("99"); got != "" {
		t.Errorf("SectorName(99) = %q", got)
	}
	if got := JobZoneName(3); got != "Medium Preparation Needed" {
		t.Errorf("JobZoneName(3) = %q", got)
	}
	for _, n := range []int{-1, 0, 6} {
		if JobZoneName(n) != "" || ValidJobZone(n) {
			t.Errorf("job zone %d should be invalid", n)
		}
	}
}
