package markup

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
)

// Default chroma styles for StyleCSS. Both are the Modus themes, designed
// for WCAG AAA: every token colour has at least 7:1 contrast against the
// style's background (comments: 8.06:1 on white, 8.83:1 on black).
const (
	DefaultLightStyle = "modus-operandi"
	DefaultDarkStyle  = "modus-vivendi"
)

// StyleCSS returns the stylesheet for highlighted code blocks (the .chroma
// classes Renderer emits): the light style's rules as they are, then the
// dark style's inside @media (prefers-color-scheme: dark), where every
// light token rule is first reset, so no light colour or weight survives
// in dark mode. An
// empty dark name leaves out the dark block. Style names are chroma's
// (see https://xyproto.github.io/splash/docs/); an unknown name is an error.
//
// Generate it once per build: it does not change between pages.
func StyleCSS(light, dark string) ([]byte, error) {
	ls, err := lookupStyle(light)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := styleFormatter().WriteCSS(&buf, ls); err != nil {
		return nil, fmt.Errorf("markup: style %q: %w", light, err)
	}
	if dark == "" {
		return buf.Bytes(), nil
	}
	ds, err := lookupStyle(dark)
	if err != nil {
		return nil, err
	}
	var darkCSS bytes.Buffer
	if err := styleFormatter().WriteCSS(&darkCSS, ds); err != nil {
		return nil, fmt.Errorf("markup: style %q: %w", dark, err)
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	// Chroma writes only the properties a style sets, so a colour or
	// weight the light style gives a class would show through in dark mode
	// where the dark style leaves that class alone. Reset each light rule
	// first; the dark style's own rules follow and win by order.
	var selectors []string
	for _, m := range cssTokenRule.FindAllSubmatch(buf.Bytes(), -1) {
		selectors = append(selectors, string(m[1]))
	}
	if len(selectors) > 0 {
		fmt.Fprintf(&buf, "  %s { %s }\n", strings.Join(selectors, ", "), cssReset)
	}
	for line := range strings.Lines(darkCSS.String()) {
		buf.WriteString("  " + line)
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// cssTokenRule matches a rule chroma writes for a token class.
var cssTokenRule = regexp.MustCompile(`(?m)^(\.chroma \.[\w-]+) \{`)

// cssReset undoes every property chroma's StyleEntryToCSS can set.
const cssReset = "color: inherit; background-color: transparent; font-weight: normal; font-style: normal; text-decoration: none"

func lookupStyle(name string) (*chroma.Style, error) { return storedStyle(name) }

// styleFormatter returns the formatter whose WriteCSS matches the classes
// Renderer emits.
func styleFormatter() *chromahtml.Formatter {
	return chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.TabWidth(4),
		chromahtml.WithCSSComments(false),
	)
}
