// Package assets embeds ladder's default static files (stylesheets,
// scripts, icons). A site's own assets/ folder overrides them by name.
package assets

import "embed"

// FS holds the default assets.
//
//go:embed *.css *.svg *.js
var FS embed.FS
