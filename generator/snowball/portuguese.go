package snowball

// Portuguese is Snowball's Portuguese stemmer.
func Portuguese(s string) string {
	// ã and õ are written a~ and o~, as the algorithm's suffixes are.
	w := &word{r: make([]rune, 0, len(s))}
	for _, c := range s {
		switch c {
		case 'ã':
			w.r = append(w.r, 'a', '~')
		case 'õ':
			w.r = append(w.r, 'o', '~')
		default:
			w.r = append(w.r, c)
		}
	}
	w.pv = romanceRV(w.r, ptVowel)
	w.p1, w.p2 = regions(w.r, 0, ptVowel)
	if ptStandard(w) || ptVerb(w) {
		// Step 3: an i in RV after c.
		if n := len(w.r); w.ends("ci") && n-1 >= w.pv {
			w.cut(1)
		}
	} else if suf, k := w.longest([]string{"os", "a", "i", "o", "á", "í", "ó"}); suf != "" {
		w.delIf(k, k >= w.pv) // step 4
	}
	// Step 5: residual forms.
	switch suf, k := w.longest([]string{"e", "é", "ê", "ç"}); suf {
	case "e", "é", "ê":
		if k >= w.pv {
			w.r = w.r[:k]
			if (w.ends("gu") || w.ends("ci")) && len(w.r)-1 >= w.pv {
				w.cut(1)
			}
		}
	case "ç":
		w.r[k] = 'c'
	}
	out := w.r[:0]
	for i, c := range w.r {
		switch {
		case c == '~' && i > 0 && out[len(out)-1] == 'a':
			out[len(out)-1] = 'ã'
		case c == '~' && i > 0 && out[len(out)-1] == 'o':
			out[len(out)-1] = 'õ'
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func ptVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'â', 'ê', 'ô':
		return true
	}
	return false
}

var ptStandardRules = romanceRules{
	delete: []string{"eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "ável", "ível", "ista", "istas",
		"oso", "osa", "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador", "aça~o", "adoras",
		"adores", "aço~es", "ante", "antes", "ância"},
	log:   []string{"logia", "logias"},
	u:     []string{"uça~o", "uço~es"},
	ente:  []string{"ência", "ências"},
	idad:  []string{"idade", "idades"},
	iv:    []string{"iva", "ivo", "ivas", "ivos"},
	mente: []string{"ante", "avel", "ível"},
}

// ptStandard is step 1; it reports whether it changed the word.
func ptStandard(w *word) bool {
	suf, at := w.longest([]string{"eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "ável", "ível",
		"ista", "istas", "oso", "osa", "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador",
		"aça~o", "adoras", "adores", "aço~es", "ante", "antes", "ância", "logia", "logias", "uça~o", "uço~es",
		"ência", "ências", "amente", "mente", "idade", "idades", "iva", "ivo", "ivas", "ivos", "ira", "iras"})
	if suf == "ira" || suf == "iras" {
		return at >= w.pv && w.before(at) == 'e' && w.set(at, "ir")
	}
	return romanceStandard(w, suf, at, ptStandardRules)
}

// ptVerb is step 2: verb endings in RV.
func ptVerb(w *word) bool {
	s, k := w.inRV([]string{"ada", "ida", "ia", "aria", "eria", "iria", "ará", "ara", "erá", "era", "irá", "ava",
		"asse", "esse", "isse", "aste", "este", "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam",
		"iriam", "aram", "eram", "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido",
		"ando", "endo", "indo", "ara~o", "era~o", "ira~o", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias",
		"erias", "irias", "arás", "aras", "erás", "eras", "irás", "avas", "es", "ardes", "erdes", "irdes", "ares",
		"eres", "ires", "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "íeis", "aríeis",
		"eríeis", "iríeis", "áreis", "areis", "éreis", "ereis", "íreis", "ireis", "ásseis", "ésseis", "ísseis",
		"áveis", "ados", "idos", "ámos", "amos", "íamos", "aríamos", "eríamos", "iríamos", "áramos", "éramos",
		"íramos", "ávamos", "emos", "aremos", "eremos", "iremos", "ássemos", "êssemos", "íssemos", "imos", "armos",
		"ermos", "irmos", "eu", "iu", "ou", "ira", "iras"})
	return s != "" && w.del(k)
}
