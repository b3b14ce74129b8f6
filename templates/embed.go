// Package templates embeds ladder's default html/template files. A site's
// own templates/ folder overrides them by file name.
package templates

import "embed"

// FS holds the default templates.
//
//go:embed *.html partials/*.html
var FS embed.FS
