package framework

import (
	"strings"
	"testing"
)

// FuzzSplit checks the statement splitter on arbitrary text: the parts
// are trimmed, come from the text in order, and a topic exists only when
// the separator does.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Lab glassware, pipettes, and balances — use accurately under a senior technician's review.",
		"No separator", " — ", "A — ", " — B", "A — B — C", "\u200f — \u202e", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := Split(s)
		if st.Text != strings.TrimSpace(s) {
			t.Fatalf("Text %q is not the trimmed input", st.Text)
		}
		if st.Topic == "" {
			if st.Performance != st.Text {
				t.Fatalf("without a topic, performance %q must be the whole text %q", st.Performance, st.Text)
			}
			return
		}
		if !strings.Contains(st.Text, TopicSeparator) {
			t.Fatal("topic without separator")
		}
		if st.Topic != strings.TrimSpace(st.Topic) || st.Performance != strings.TrimSpace(st.Performance) || st.Performance == "" {
			t.Fatalf("untrimmed or empty parts: %q / %q", st.Topic, st.Performance)
		}
		if !strings.HasPrefix(st.Text, st.Topic) || !strings.HasSuffix(st.Text, st.Performance) {
			t.Fatalf("parts %q / %q not from %q", st.Topic, st.Performance, st.Text)
		}
	})
}
