package diag

import "fmt"

// Plural returns one when n is 1 and many otherwise, for counts in
// messages: "1 error", "2 errors".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Unknown is the severity and message for a name that the input's format
// does not have (what names its kind: "field", "key", "front matter key"):
// a warning that it is ignored, or with strict an error.
func Unknown(what, name string, strict bool) (Severity, string) {
	if strict {
		return Error, fmt.Sprintf("unknown %s %q (not allowed with --strict)", what, name)
	}
	return Warning, fmt.Sprintf("unknown %s %q (ignored)", what, name)
}
