package load

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeFramework feeds the decoder arbitrary bytes, seeded with the
// published frameworks. It must never panic or hang, must return either a
// framework or at least one error, and every diagnostic must point inside
// the file.
func FuzzDecodeFramework(f *testing.F) {
	for _, name := range []string{"29-2012.00.json", "19-4021.00.json"} {
		data, err := os.ReadFile("../../content/frameworks/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "null", "[]", "{}", valid, `{"occupation":{"soc":"../x"}}`, "\xEF\xBB\xBF{}", `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, diags := DecodeFramework("f.json", data, false)
		if fw == nil && len(diags.Errors()) == 0 {
			t.Fatal("no framework and no error")
		}
		if fw != nil && len(diags.Errors()) > 0 {
			t.Fatal("a framework despite errors")
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range diags {
			if d.Line < 1 || d.Line > lines || d.Column < 1 {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
			}
			if !utf8.ValidString(d.Message) && utf8.Valid(data) {
				t.Fatalf("invalid UTF-8 in message: %q", d.Message)
			}
		}
		if fw != nil {
			if CheckCode(fw.Occupation.SOC) != "" || fw.Occupation.Title == "" || len(fw.Levels) == 0 {
				t.Fatalf("invalid framework accepted: %+v", fw.Occupation)
			}
			for _, lv := range fw.Levels {
				if lv.Label == "" || len(lv.Statements) == 0 {
					t.Fatalf("invalid level accepted: %+v", lv)
				}
			}
		}
	})
}
