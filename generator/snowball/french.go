package snowball

// French is Snowball's French stemmer.
func French(s string) string {
	w := &word{r: frPrelude([]rune(s))}
	frRegions(w)
	if frStandard(w) || frIVerb(w) || frVerb(w) {
		// Step 3: a final Y becomes i, a final ç c.
		if n := len(w.r); n > 0 && w.r[n-1] == 'Y' {
			w.r[n-1] = 'i'
		} else if n > 0 && w.r[n-1] == 'ç' {
			w.r[n-1] = 'c'
		}
	} else {
		frResidual(w)
	}
	// Step 5: undouble.
	if w.ends("enn") || w.ends("onn") || w.ends("ett") || w.ends("ell") || w.ends("eill") {
		w.cut(1)
	}
	// Step 6: é or è before the final non-vowels becomes e.
	i := len(w.r)
	for i > 0 && !frVowel(w.r[i-1]) {
		i--
	}
	if i < len(w.r) && i > 0 && (w.r[i-1] == 'é' || w.r[i-1] == 'è') {
		w.r[i-1] = 'e'
	}
	return frPostlude(w.r)
}

func frVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'â', 'à', 'ë', 'é', 'ê', 'è', 'ï', 'î', 'ô', 'û', 'ù':
		return true
	}
	return false
}

// frPrelude marks the u and i between vowels, the y before or after a
// vowel and the u after q as consonants (U, I, Y), and writes ë and ï as
// He and Hi.
func frPrelude(r []rune) []rune {
	for i := 0; i < len(r); {
		at := func(k int) rune {
			if k < len(r) {
				return r[k]
			}
			return 0
		}
		switch {
		case frVowel(r[i]) && (at(i+1) == 'u' || at(i+1) == 'i') && frVowel(at(i+2)):
			r[i+1] -= 'a' - 'A'
			i += 2
		case frVowel(r[i]) && at(i+1) == 'y':
			r[i+1] = 'Y'
			i += 2
		case r[i] == 'ë' || r[i] == 'ï':
			c := 'e'
			if r[i] == 'ï' {
				c = 'i'
			}
			r = append(r[:i], append([]rune{'H', c}, r[i+1:]...)...)
			i += 2
		case r[i] == 'y' && frVowel(at(i+1)):
			r[i] = 'Y'
			i += 2
		case r[i] == 'q' && at(i+1) == 'u':
			r[i+1] = 'U'
			i += 2
		default:
			i++
		}
	}
	return r
}

func frPostlude(r []rune) string {
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); i++ {
		switch c := r[i]; c {
		case 'I', 'U', 'Y':
			out = append(out, c+'a'-'A')
		case 'H':
			switch {
			case i+1 < len(r) && r[i+1] == 'e':
				out = append(out, 'ë')
				i++
			case i+1 < len(r) && r[i+1] == 'i':
				out = append(out, 'ï')
				i++
			}
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func frRegions(w *word) {
	r := w.r
	n := len(r)
	switch {
	case n >= 3 && frVowel(r[0]) && frVowel(r[1]):
		w.pv = 3
	case w.startsWith("par") || w.startsWith("col") || w.startsWith("tap"):
		w.pv = 3
	default:
		w.pv = n
		for i := 1; i < n; i++ {
			if frVowel(r[i]) {
				w.pv = i + 1
				break
			}
		}
	}
	w.p1, w.p2 = regions(r, 0, frVowel)
}

// frStandard is step 1. It reports whether it removed an ending, except
// for -amment, -emment and -ment(s), after which steps 2a and 2b run.
func frStandard(w *word) bool {
	suf, at := w.longest([]string{"ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes",
		"atrice", "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions", "utions",
		"ence", "ences", "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux", "euse", "euses",
		"issement", "issements", "amment", "emment", "ment", "ments"})
	r2 := at >= w.p2
	switch suf {
	case "":
		return false
	case "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes":
		return r2 && w.del(at)
	case "atrice", "ateur", "ation", "atrices", "ateurs", "ations":
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		if w.ends("ic") {
			w.icOrIqU(len(w.r) - 2)
		}
		return true
	case "logie", "logies":
		return r2 && w.set(at, "log")
	case "usion", "ution", "usions", "utions":
		return r2 && w.set(at, "u")
	case "ence", "ences":
		return r2 && w.set(at, "ent")
	case "ement", "ements":
		if at < w.pv {
			return false
		}
		w.r = w.r[:at]
		frAfterEment(w)
		return true
	case "ité", "ités":
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		frAfterIte(w)
		return true
	case "if", "ive", "ifs", "ives":
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		frAfterIve(w)
		return true
	case "eaux":
		return w.set(at, "eau")
	case "aux":
		return at >= w.p1 && w.set(at, "al")
	case "euse", "euses":
		if r2 {
			return w.del(at)
		}
		return at >= w.p1 && w.set(at, "eux")
	case "issement", "issements":
		return at >= w.p1 && !frVowel(w.before(at)) && w.del(at)
	case "amment":
		if at >= w.pv {
			w.replace(at, "ant")
		}
	case "emment":
		if at >= w.pv {
			w.replace(at, "ent")
		}
	case "ment", "ments":
		if at-1 >= w.pv && frVowel(w.before(at)) {
			w.r = w.r[:at]
		}
	}
	return false
}

// frAfterIte removes what may come before a removed -ité.
func frAfterIte(w *word) {
	switch s, k := w.longest([]string{"abil", "ic", "iv"}); s {
	case "abil":
		if k >= w.p2 {
			w.r = w.r[:k]
		} else {
			w.replace(k, "abl")
		}
	case "ic":
		w.icOrIqU(k)
	case "iv":
		w.delIf(k, k >= w.p2)
	}
}

// frAfterIve removes what may come before a removed -if or -ive.
func frAfterIve(w *word) {
	if w.ends("at") && len(w.r)-2 >= w.p2 {
		w.cut(2)
		if w.ends("ic") {
			w.icOrIqU(len(w.r) - 2)
		}
	}
}

// frAfterEment removes what may come before a removed -ement.
func frAfterEment(w *word) {
	s, k := w.longest([]string{"iv", "eus", "abl", "iqU", "ièr", "Ièr"})
	switch s {
	case "iv":
		if k >= w.p2 {
			w.r = w.r[:k]
			if w.ends("at") && len(w.r)-2 >= w.p2 {
				w.cut(2)
			}
		}
	case "eus":
		if k >= w.p2 {
			w.r = w.r[:k]
		} else if k >= w.p1 {
			w.replace(k, "eux")
		}
	case "abl", "iqU":
		w.delIf(k, k >= w.p2)
	case "ièr", "Ièr":
		if k >= w.pv {
			w.replace(k, "i")
		}
	}
}

// icOrIqU removes the "ic" at k when it is in R2, else writes it iqU.
func (w *word) icOrIqU(k int) {
	if k >= w.p2 {
		w.r = w.r[:k]
	} else {
		w.replace(k, "iqU")
	}
}

// del removes the ending at k and reports true.
func (w *word) del(k int) bool {
	w.r = w.r[:k]
	return true
}

// set replaces the ending at k with s and reports true.
func (w *word) set(k int, s string) bool {
	w.replace(k, s)
	return true
}

// delIf removes the ending at k when ok.
func (w *word) delIf(k int, ok bool) {
	if ok {
		w.r = w.r[:k]
	}
}

// inRV returns the longest of suffixes that the word ends in within RV.
func (w *word) inRV(suffixes []string) (string, int) {
	if w.pv > len(w.r) {
		return "", -1
	}
	rv := &word{r: w.r[w.pv:]}
	s, k := rv.longest(suffixes)
	if s == "" {
		return "", -1
	}
	return s, k + w.pv
}

// frIVerb is step 2a: the endings of -ir verbs after a non-vowel in RV.
func frIVerb(w *word) bool {
	s, k := w.inRV([]string{"îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait",
		"iras", "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant",
		"issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it"})
	if s == "" || k-1 < w.pv {
		return false
	}
	if b := w.before(k); b == 'H' || frVowel(b) {
		return false
	}
	return w.del(k)
}

// frVerb is step 2b: the other verb endings in RV.
func frVerb(w *word) bool {
	s, k := w.inRV([]string{"ions", "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait",
		"eras", "erez", "eriez", "erions", "erons", "eront", "ez", "iez", "âmes", "ât", "âtes", "a", "ai", "aIent",
		"ais", "ait", "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions"})
	switch s {
	case "":
		return false
	case "ions":
		return k >= w.p2 && w.del(k)
	case "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse",
		"assent", "asses", "assiez", "assions":
		w.r = w.r[:k]
		if w.ends("e") && len(w.r)-1 >= w.pv {
			w.cut(1)
		}
		return true
	}
	return w.del(k)
}

// frResidual is step 4.
func frResidual(w *word) {
	if n := len(w.r); w.ends("s") && n >= 2 {
		b := w.r[n-2]
		if w.ends("His") || !isIn("aiouès")(b) {
			w.cut(1)
		}
	}
	s, k := w.inRV([]string{"ion", "ier", "ière", "Ier", "Ière", "e"})
	switch s {
	case "ion":
		if b := w.before(k); k >= w.p2 && k-1 >= w.pv && (b == 's' || b == 't') {
			w.r = w.r[:k]
		}
	case "ier", "ière", "Ier", "Ière":
		w.replace(k, "i")
	case "e":
		w.r = w.r[:k]
	}
}
