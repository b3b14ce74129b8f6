package qa

import (
	"strings"

	"golang.org/x/net/html"
)

// Text is the text of n and everything below it, as a reader sees it
// (scripts and styles included, as html.Parse keeps them as text).
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
