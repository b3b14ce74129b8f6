// Package content embeds ladder's default site content: the two published
// seed frameworks and the pages about them. `ladder build` uses it when a
// site folder has no content/ of its own.
package content

import "embed"

// FS holds the default content.
//
//go:embed frameworks/*.json *.md
var FS embed.FS
