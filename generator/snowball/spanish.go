package snowball

// Spanish is Snowball's Spanish stemmer.
func Spanish(s string) string {
	w := &word{r: []rune(s)}
	w.pv = romanceRV(w.r, esVowel)
	w.p1, w.p2 = regions(w.r, 0, esVowel)
	esPronoun(w)
	if !esStandard(w) && !esYVerb(w) {
		esVerb(w)
	}
	// Step 3: residual suffixes.
	switch suf, k := w.longest([]string{"os", "a", "o", "á", "í", "ó", "e", "é"}); suf {
	case "os", "a", "o", "á", "í", "ó":
		w.delIf(k, k >= w.pv)
	case "e", "é":
		if k >= w.pv {
			w.r = w.r[:k]
			if w.ends("gu") && len(w.r)-1 >= w.pv {
				w.cut(1)
			}
		}
	}
	mapRunes(w.r, "áéíóú", "aeiou")
	return string(w.r)
}

func esVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü':
		return true
	}
	return false
}

// esPronoun is step 0: an attached pronoun after a gerund or infinitive
// in RV.
func esPronoun(w *word) {
	pron, at := w.longest([]string{"me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"})
	if pron == "" {
		return
	}
	before := &word{r: w.r[:at]}
	s, k := before.longest([]string{"iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo"})
	if s == "" || k < w.pv {
		return
	}
	switch s {
	case "iéndo", "ándo", "ár", "ér", "ír":
		w.replace(k, map[string]string{"iéndo": "iendo", "ándo": "ando", "ár": "ar", "ér": "er", "ír": "ir"}[s])
	case "yendo":
		if w.before(k) == 'u' {
			w.r = w.r[:at]
		}
	default:
		w.r = w.r[:at]
	}
}

// esStandard is step 1; it reports whether it removed an ending.
func esStandard(w *word) bool {
	suf, at := w.longest([]string{"anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables",
		"ible", "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos",
		"adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias",
		"logía", "logías", "ución", "uciones", "encia", "encias", "amente", "mente", "idad", "idades",
		"iva", "ivo", "ivas", "ivos"})
	return romanceStandard(w, suf, at, esStandardRules)
}

// romanceRules are the step-1 endings that Spanish and Portuguese treat
// alike, by what follows their removal.
type romanceRules struct {
	delete, deleteIC, log, u, ente, idad, iv []string
	mente                                    []string // what a removed -mente may follow and lose
}

var esStandardRules = romanceRules{
	delete: []string{"anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
		"ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"},
	deleteIC: []string{"adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"},
	log:      []string{"logía", "logías"},
	u:        []string{"ución", "uciones"},
	ente:     []string{"encia", "encias"},
	idad:     []string{"idad", "idades"},
	iv:       []string{"iva", "ivo", "ivas", "ivos"},
	mente:    []string{"ante", "able", "ible"},
}

// romanceStandard applies the step-1 rule of ending suf found at at.
func romanceStandard(w *word, suf string, at int, rules romanceRules) bool {
	if suf == "" {
		return false
	}
	r2 := at >= w.p2
	has := func(list []string) bool {
		for _, s := range list {
			if s == suf {
				return true
			}
		}
		return false
	}
	switch {
	case has(rules.delete):
		return r2 && w.del(at)
	case has(rules.deleteIC):
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		if w.ends("ic") {
			w.delIf(len(w.r)-2, len(w.r)-2 >= w.p2)
		}
		return true
	case has(rules.log):
		return r2 && w.set(at, "log")
	case has(rules.u):
		return r2 && w.set(at, "u")
	case has(rules.ente):
		return r2 && w.set(at, "ente")
	case suf == "amente":
		if at < w.p1 {
			return false
		}
		w.r = w.r[:at]
		if s, k := w.longest([]string{"iv", "os", "ic", "ad"}); s != "" && k >= w.p2 {
			w.r = w.r[:k]
			if s == "iv" && w.ends("at") && len(w.r)-2 >= w.p2 {
				w.cut(2)
			}
		}
		return true
	case suf == "mente":
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		if _, k := w.longest(rules.mente); k >= 0 {
			w.delIf(k, k >= w.p2)
		}
		return true
	case has(rules.idad):
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		if _, k := w.longest([]string{"abil", "ic", "iv"}); k >= 0 {
			w.delIf(k, k >= w.p2)
		}
		return true
	case has(rules.iv):
		if !r2 {
			return false
		}
		w.r = w.r[:at]
		if w.ends("at") && len(w.r)-2 >= w.p2 {
			w.cut(2)
		}
		return true
	}
	return false
}

// esYVerb is step 2a: endings that begin with y, in RV, after a u.
func esYVerb(w *word) bool {
	s, k := w.inRV([]string{"ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"})
	return s != "" && w.before(k) == 'u' && w.del(k)
}

// esVerb is step 2b: the other verb endings in RV.
func esVerb(w *word) {
	s, k := w.inRV([]string{"en", "es", "éis", "emos",
		"arían", "arías", "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará", "aré",
		"erían", "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos", "erá", "eré",
		"irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos", "iremos", "irá", "iré",
		"aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ían",
		"aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ió", "ar", "er", "ir", "as",
		"abas", "adas", "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis", "abais", "íais", "arais", "ierais",
		"aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "ábamos", "íamos", "imos", "áramos", "iéramos",
		"iésemos", "ásemos"})
	switch s {
	case "":
	case "en", "es", "éis", "emos":
		w.r = w.r[:k]
		if w.ends("gu") {
			w.cut(1)
		}
	default:
		w.r = w.r[:k]
	}
}
