package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Categories are the CLDR plural categories, in CLDR's order.
var Categories = [...]string{"zero", "one", "two", "few", "many", "other"}

// isCategory reports whether name is a CLDR plural category.
func isCategory(name string) bool {
	for _, c := range Categories {
		if c == name {
			return true
		}
	}
	return false
}

// category is the CLDR cardinal plural category of the whole number n in
// the language tag ("one", "few", "other", ...).
func category(tag language.Tag, n int) string {
	if n < 0 {
		n = -n
	}
	switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// requiredCategories lists the categories a whole-number count can fall
// in for the language (ladder only counts things): Arabic needs all six,
// English and French one and other, Japanese only other. The counts up
// to 1,000 cover every rule of CLDR's whole-number cardinals.
func requiredCategories(tag language.Tag) []string {
	seen := map[string]bool{"other": true}
	for n := 0; n <= 1000; n++ {
		seen[category(tag, n)] = true
	}
	var out []string
	for _, c := range Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}
