package export

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/generator/site"
)

func TestUUIDv5KnownAnswers(t *testing.T) {
	dns := uuid{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	cases := []struct {
		ns   uuid
		name string
		want string
	}{
		// RFC 9562, appendix A.4.
		{dns, "www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2"},
		// Python's uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/").
		{namespaceURL, "https://example.org/", "527dda32-a0de-5105-a042-cb475b5f7d11"},
	}
	for _, c := range cases {
		if got := uuidV5(c.ns, c.name).String(); got != c.want {
			t.Errorf("uuidV5(%q) = %s, want %s", c.name, got, c.want)
		}
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestIDsDependOnSiteAndNames(t *testing.T) {
	a := ids{uuidV5(namespaceURL, "https://a.example/")}
	b := ids{uuidV5(namespaceURL, "https://b.example/")}
	seen := map[string]string{}
	for _, c := range []struct {
		x     ids
		parts []string
	}{
		{a, []string{"level", "x", "a/statement/1"}},
		{a, []string{"level", "x", "a"}},
		{a, []string{"statement", "x", "a", "1"}},
		{b, []string{"statement", "x", "a", "1"}},
		{a, []string{"statement", "x", "a\", \"1"}},
	} {
		id := c.x.id(c.parts...)
		if !uuidPattern.MatchString(id) {
			t.Errorf("%q: %s is not a lower-case version 5 UUID", c.parts, id)
		}
		if prev, ok := seen[id]; ok {
			t.Errorf("%q and %s share %s", c.parts, prev, id)
		}
		seen[id] = strings.Join(c.parts, "|")
		if again := c.x.id(c.parts...); again != id {
			t.Errorf("%q: %s then %s", c.parts, id, again)
		}
	}
}

func TestLevelCodes(t *testing.T) {
	cases := []struct {
		keys []string
		want string
	}{
		{[]string{"emerging", "developing", "proficient", "advanced"}, "E D P A"},
		{[]string{"Novice", "expert"}, "N E"},
		{[]string{"practitioner", "proficient", "advanced"}, "1 2 3"},
		{[]string{"emerging", "3rd"}, "1 2"},
		{[]string{"émergent", "avancé"}, "1 2"},
		{[]string{"only"}, "O"},
	}
	for _, c := range cases {
		o := &site.Occupation{Code: "x"}
		for i, k := range c.keys {
			o.Levels = append(o.Levels, &site.OccupationLevel{Occupation: o, Key: k, Number: i + 1})
		}
		if got := strings.Join(levelCodes(o), " "); got != c.want {
			t.Errorf("levelCodes(%q) = %q, want %q", c.keys, got, c.want)
		}
	}
}

func TestShorten(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 12, "one two…"},
		{"abcdefghijklmnop", 8, "abcdefg…"},
		{"éééé éééé éééé", 10, "éééé éééé…"},
	}
	for _, c := range cases {
		got := shorten(c.in, c.max)
		if got != c.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
		if n := len([]rune(got)); n > c.max {
			t.Errorf("shorten(%q, %d) has %d characters", c.in, c.max, n)
		}
	}
}

func TestLink(t *testing.T) {
	base := &site.Site{}
	base.Config.BaseURL = "https://example.org/f/"
	offline := &site.Site{}
	cases := []struct {
		s                      *site.Site
		from, target, fragment string
		want                   string
	}{
		{base, "x", "index.html", "", "https://example.org/f/"},
		{base, "x", "occupations/a/index.html", "", "https://example.org/f/occupations/a/"},
		{base, "x", "occupations/a/emerging/index.html", "écoute", "https://example.org/f/occupations/a/emerging/#%C3%A9coute"},
		{base, "x", "occupations/a/a.json", "", "https://example.org/f/occupations/a/a.json"},
		{base, "x", "occupations/a/notindex.html", "", "https://example.org/f/occupations/a/notindex.html"},
		{base, "x", "levels/é t/index.html", "", "https://example.org/f/levels/%C3%A9%20t/"},
		{offline, "occupations/a/a.case.json", "occupations/a/index.html", "", "index.html"},
		{offline, "occupations/a/a.case.json", "occupations/a/emerging/index.html", "s-1", "emerging/index.html#s-1"},
		{offline, "feed.xml", "occupations/a/index.html", "", "occupations/a/index.html"},
		{offline, "occupations/a/index.html", "index.html", "", "../../index.html"},
	}
	for _, c := range cases {
		if got := link(c.s, c.from, c.target, c.fragment); got != c.want {
			t.Errorf("link(%q, %q, %q) = %q, want %q", c.from, c.target, c.fragment, got, c.want)
		}
	}
}

// jsonOddities are strings encoding/json writes other than as they are,
// and some it writes as they are, for the tests of appendJSONString.
var jsonOddities = []string{
	"", "plain", "29-2012.00", `a"b`, `back\slash`, "tab\there", "line\nbreak", "\r\b\f\x00\x1f\x7f",
	"<b>&amp;</b>", "café — naïve", "\u2028\u2029", "bad \xff utf-8", "\xe2\x80", "emoji 🚀", strings.Repeat("long ", 100),
}

func TestIDNamesArePartsAsJSON(t *testing.T) {
	x := ids{uuidV5(namespaceURL, "https://a.example/")}
	for _, s := range jsonOddities {
		parts := []string{"statement", s, "x"}
		name, err := json.Marshal(parts)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := x.id(parts...), uuidV5(x.ns, string(name)).String(); got != want {
			t.Errorf("id(%q) = %s, want %s, the UUID of %s", parts, got, want, name)
		}
	}
}

func TestAppendJSONStringAsEncodingJSON(t *testing.T) {
	for _, s := range jsonOddities {
		for _, html := range []bool{true, false} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(buf.String(), "\n")
			if got := string(appendJSONString(nil, s, html)); got != want {
				t.Errorf("appendJSONString(%q, %v) = %s, want %s", s, html, got, want)
			}
		}
	}
}
