package snowball

// English is the Porter2 stemmer (Snowball's "english"). Words of fewer
// than three letters are left as they are.
func English(s string) string {
	r := []rune(s)
	if len(r) < 3 {
		return s
	}
	if x, ok := englishException(s); ok {
		return x
	}
	// prelude: a y that is the first letter or follows a vowel is a
	// consonant, marked Y.
	if r[0] == 'y' {
		r[0] = 'Y'
	}
	for i := 1; i < len(r); i++ {
		if r[i] == 'y' && enVowel(r[i-1]) {
			r[i] = 'Y'
		}
	}
	w := &word{r: r}
	w.p1, w.p2 = regions(r, 0, enVowel)
	for _, p := range []string{"gener", "commun", "arsen"} {
		if w.startsWith(p) {
			w.p1 = len([]rune(p))
			w.p2 = pastVowelConsonant(w.r, w.p1, enVowel)
		}
	}
	enStep1a(w)
	switch string(w.r) {
	case "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed":
		return string(w.r)
	}
	enStep1b(w)
	// Step 1c: a final y after a consonant that is not the first letter.
	if n := len(w.r); n > 2 && (w.r[n-1] == 'y' || w.r[n-1] == 'Y') && !enVowel(w.r[n-2]) {
		w.r[n-1] = 'i'
	}
	enStep2(w)
	enStep3(w)
	enStep4(w)
	enStep5(w)
	for i, c := range w.r {
		if c == 'Y' {
			w.r[i] = 'y'
		}
	}
	return string(w.r)
}

func enVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func (w *word) startsWith(p string) bool {
	i := 0
	for _, c := range p {
		if i >= len(w.r) || w.r[i] != c {
			return false
		}
		i++
	}
	return true
}

// englishException returns the stems Porter2 gives whole words.
func englishException(s string) (string, bool) {
	switch s {
	case "skis":
		return "ski", true
	case "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "idly":
		return "idl", true
	case "gently":
		return "gentl", true
	case "ugly":
		return "ugli", true
	case "early":
		return "earli", true
	case "only":
		return "onli", true
	case "singly":
		return "singl", true
	case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes":
		return s, true
	}
	return "", false
}

// enShort reports whether r[:end] ends in a short syllable: a non-vowel
// other than w, x or Y after a vowel after a non-vowel, or a non-vowel
// after a vowel that begins the word.
func enShort(r []rune, end int) bool {
	if end >= 3 && !enVowel(r[end-3]) && enVowel(r[end-2]) && !enVowel(r[end-1]) &&
		r[end-1] != 'w' && r[end-1] != 'x' && r[end-1] != 'Y' {
		return true
	}
	return end == 2 && enVowel(r[0]) && !enVowel(r[1])
}

func enStep1a(w *word) {
	suf, at := w.longest([]string{"sses", "ied", "ies", "s", "us", "ss"})
	switch suf {
	case "sses":
		w.cut(2)
	case "ied", "ies":
		if at >= 2 {
			w.replace(at, "i")
		} else {
			w.replace(at, "ie")
		}
	case "s":
		for i := 0; i < at-1; i++ {
			if enVowel(w.r[i]) {
				w.cut(1)
				return
			}
		}
	}
}

func enStep1b(w *word) {
	suf, at := w.longest([]string{"eed", "eedly", "ed", "edly", "ing", "ingly"})
	switch suf {
	case "":
		return
	case "eed", "eedly":
		if at >= w.p1 {
			w.replace(at, "ee")
		}
		return
	}
	vowel := false
	for _, c := range w.r[:at] {
		vowel = vowel || enVowel(c)
	}
	if !vowel {
		return
	}
	w.r = w.r[:at]
	switch {
	case w.ends("at") || w.ends("bl") || w.ends("iz"):
		w.r = append(w.r, 'e')
	case len(w.r) >= 2 && w.r[len(w.r)-1] == w.r[len(w.r)-2] && isIn("bdfgmnprt")(w.r[len(w.r)-1]):
		w.cut(1)
	case w.p1 == len(w.r) && enShort(w.r, len(w.r)):
		w.r = append(w.r, 'e')
	}
}

// enStep2 replaces the longest of its endings in R1; "ogi" only after
// l, and "li" goes only after a valid li-ending.
func enStep2(w *word) {
	enReplace(w, w.p1, [][2]string{{"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"abli", "able"},
		{"entli", "ent"}, {"izer", "ize"}, {"ization", "ize"}, {"ational", "ate"}, {"ation", "ate"}, {"ator", "ate"},
		{"alism", "al"}, {"aliti", "al"}, {"alli", "al"}, {"fulness", "ful"}, {"ousli", "ous"}, {"ousness", "ous"},
		{"iveness", "ive"}, {"iviti", "ive"}, {"biliti", "ble"}, {"bli", "ble"}, {"ogi", "og"}, {"fulli", "ful"},
		{"lessli", "less"}, {"li", ""}},
		func(suf string, at int) bool {
			switch suf {
			case "ogi":
				return w.before(at) == 'l'
			case "li":
				return isIn("cdeghkmnrt")(w.before(at))
			}
			return true
		})
}

// enStep3 replaces the longest of its endings in R1; "ative" goes only
// in R2.
func enStep3(w *word) {
	enReplace(w, w.p1, [][2]string{{"tional", "tion"}, {"ational", "ate"}, {"alize", "al"}, {"icate", "ic"},
		{"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""}, {"ative", ""}},
		func(suf string, at int) bool { return suf != "ative" || at >= w.p2 })
}

// enReplace replaces the longest ending of table that the word ends in,
// when it starts at or after region and ok allows, by its replacement.
func enReplace(w *word, region int, table [][2]string, ok func(suf string, at int) bool) {
	best := -1
	for i, e := range table {
		if (best < 0 || len(e[0]) > len(table[best][0])) && w.ends(e[0]) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	suf := table[best][0]
	at := len(w.r) - len(suf) // the endings are ASCII
	if at >= region && ok(suf, at) {
		w.replace(at, table[best][1])
	}
}

func enStep4(w *word) {
	suf, at := w.longest([]string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
		"ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"})
	if suf == "" || at < w.p2 {
		return
	}
	if suf == "ion" && w.before(at) != 's' && w.before(at) != 't' {
		return
	}
	w.r = w.r[:at]
}

func enStep5(w *word) {
	n := len(w.r)
	switch {
	case n == 0:
	case w.r[n-1] == 'e':
		if n-1 >= w.p2 || n-1 >= w.p1 && !enShort(w.r, n-1) {
			w.cut(1)
		}
	case w.r[n-1] == 'l':
		if n-1 >= w.p2 && w.before(n-1) == 'l' {
			w.cut(1)
		}
	}
}
