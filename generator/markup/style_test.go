package markup

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

func TestStyleCSS(t *testing.T) {
	css, err := StyleCSS(DefaultLightStyle, DefaultDarkStyle)
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	light, dark, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {\n")
	if !ok {
		t.Fatalf("no dark media block:\n%s", s)
	}
	if !strings.HasSuffix(dark, "}\n") {
		t.Errorf("dark block not closed:\n%s", dark)
	}
	if !strings.Contains(light, ".chroma { color: #000000; background-color: #ffffff;") {
		t.Errorf("light .chroma rule missing:\n%s", light)
	}
	if !strings.Contains(dark, "  .chroma { color: #ffffff; background-color: #000000;") {
		t.Errorf("dark .chroma rule missing:\n%s", dark)
	}
	if !strings.Contains(light, ".chroma .c { color: #505050 }") {
		t.Errorf("light comment rule missing:\n%s", light)
	}
	if !strings.Contains(dark, "  .chroma .c { color: #a8a8a8 }") {
		t.Errorf("dark comment rule missing:\n%s", dark)
	}
	// The Renderer's classes are the stylesheet's.
	out, _ := render(t, New(), goCode)
	if !strings.Contains(out, `<span class="kd">func</span>`) || !strings.Contains(light, ".chroma .kd {") {
		t.Errorf("renderer and stylesheet disagree on class names")
	}
}

// TestStyleCSSDarkResetsLight checks, for a pair whose styles colour
// different classes, that every class the light style sets is reset in the
// dark block before the dark style's own rules.
func TestStyleCSSDarkResetsLight(t *testing.T) {
	css, err := StyleCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, _ := strings.Cut(string(css), "@media (prefers-color-scheme: dark) {\n")
	var resetLine string
	for line := range strings.Lines(dark) {
		if strings.Contains(line, cssReset) {
			resetLine = line
			break
		}
	}
	resetAt := strings.Index(dark, resetLine)
	reset := map[string]bool{}
	for _, sel := range strings.Split(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(resetLine), "{ "+cssReset+" }")), ", ") {
		reset[sel] = true
	}
	rule := regexp.MustCompile(`(?m)^\s*(\.chroma \.[\w-]+) \{`)
	n := 0
	for _, m := range rule.FindAllStringSubmatch(light, -1) {
		n++
		if !reset[m[1]] {
			t.Errorf("%s has a light rule but no reset in dark mode", m[1])
		}
	}
	for _, m := range rule.FindAllStringSubmatchIndex(dark, -1) {
		if m[0] < resetAt {
			t.Errorf("dark rule %s comes before the reset", dark[m[2]:m[3]])
		}
	}
	if n < 20 {
		t.Errorf("only %d light token rules found; the pattern is probably wrong:\n%s", n, light)
	}
}

func TestStyleCSSLightOnly(t *testing.T) {
	css, err := StyleCSS("github", "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(css), "@media") || !strings.Contains(string(css), ".chroma {") {
		t.Errorf("unexpected light-only CSS:\n%s", css)
	}
}

func TestStyleCSSUnknown(t *testing.T) {
	for _, names := range [][2]string{{"no-such-style", DefaultDarkStyle}, {DefaultLightStyle, "no-such-dark"}} {
		_, err := StyleCSS(names[0], names[1])
		if err == nil || !strings.Contains(err.Error(), "unknown chroma style") {
			t.Errorf("StyleCSS(%q, %q) error = %v, want unknown chroma style", names[0], names[1], err)
		}
	}
}

// TestDefaultStylesContrast checks WCAG 2 contrast of every token colour
// against its background in the default styles: at least 4.5:1 (AA for
// normal text). Line-number tokens are skipped; the Renderer never emits
// them.
func TestDefaultStylesContrast(t *testing.T) {
	for _, name := range []string{DefaultLightStyle, DefaultDarkStyle} {
		style, err := lookupStyle(name)
		if err != nil {
			t.Fatal(err)
		}
		bg := style.Get(chroma.Background)
		if !bg.Colour.IsSet() || !bg.Background.IsSet() {
			t.Fatalf("%s: background entry lacks a colour: %v", name, bg)
		}
		t.Logf("%s: comment %s on %s = %.2f:1", name, style.Get(chroma.Comment).Colour, bg.Background,
			contrast(style.Get(chroma.Comment).Colour, bg.Background))
		for tt := range chroma.StandardTypes {
			if strings.HasPrefix(tt.String(), "Line") {
				continue
			}
			e := style.Get(tt)
			fg, back := e.Colour, bg.Background
			if !fg.IsSet() {
				fg = bg.Colour
			}
			if e.Background.IsSet() {
				back = e.Background
			}
			if r := contrast(fg, back); r < 4.5 {
				t.Errorf("%s: %s %s on %s has contrast %.2f:1, want >= 4.5:1", name, tt, fg, back, r)
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c chroma.Colour) float64 {
	channel := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.Red()) + 0.7152*channel(c.Green()) + 0.0722*channel(c.Blue())
}
