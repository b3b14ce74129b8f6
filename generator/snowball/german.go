package snowball

import "strings"

// German is Snowball's German stemmer. It also takes the umlauts off the
// stem, as the algorithm does.
func German(s string) string {
	r := []rune(strings.ReplaceAll(s, "ß", "ss"))
	// prelude: u and y between vowels are consonants, marked U and Y.
	for i := 0; i+2 < len(r); {
		if deVowel(r[i]) && (r[i+1] == 'u' || r[i+1] == 'y') && deVowel(r[i+2]) {
			r[i+1] -= 'a' - 'A'
			i += 2
			continue
		}
		i++
	}
	w := &word{r: r}
	w.p1, w.p2 = regions(r, 0, deVowel)
	w.p1 = max(w.p1, 3)
	deStep1(w)
	deStep2(w)
	deStep3(w)
	mapRunes(w.r, "UüYäö", "uuyao")
	return string(w.r)
}

func deVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'ü':
		return true
	}
	return false
}

func deStep1(w *word) {
	suf, at := w.longest([]string{"em", "ern", "er", "e", "en", "es", "s"})
	if suf == "" || at < w.p1 {
		return
	}
	switch suf {
	case "em", "ern", "er":
		w.r = w.r[:at]
	case "e", "en", "es":
		w.r = w.r[:at]
		if w.ends("niss") {
			w.cut(1)
		}
	case "s":
		if isIn("bdfghklmnrt")(w.before(at)) {
			w.r = w.r[:at]
		}
	}
}

func deStep2(w *word) {
	suf, at := w.longest([]string{"en", "er", "est", "st"})
	if suf == "" || at < w.p1 {
		return
	}
	if suf != "st" {
		w.r = w.r[:at]
		return
	}
	if isIn("bdfghklmnt")(w.before(at)) && at-1 >= 3 {
		w.r = w.r[:at]
	}
}

func deStep3(w *word) {
	suf, at := w.longest([]string{"end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"})
	if suf == "" || at < w.p2 {
		return
	}
	switch suf {
	case "end", "ung":
		w.r = w.r[:at]
		if w.ends("ig") && len(w.r)-2 >= w.p2 && w.before(len(w.r)-2) != 'e' {
			w.cut(2)
		}
	case "ig", "ik", "isch":
		if w.before(at) != 'e' {
			w.r = w.r[:at]
		}
	case "lich", "heit":
		w.r = w.r[:at]
		if (w.ends("er") || w.ends("en")) && len(w.r)-2 >= w.p1 {
			w.cut(2)
		}
	case "keit":
		w.r = w.r[:at]
		if s, k := w.longest([]string{"lich", "ig"}); s != "" && k >= w.p2 {
			w.r = w.r[:k]
		}
	}
}
