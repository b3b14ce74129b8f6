// Package i18n embeds ladder's shipped message catalogues, one TOML file
// per language (en.toml is the reference every other is checked against).
// A site's own i18n/<lang>.toml overrides or adds messages by key; see
// generator/i18n for the format.
package i18n

import "embed"

// FS holds the shipped catalogues.
//
//go:embed *.toml
var FS embed.FS
