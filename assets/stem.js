/*
 * ladder stemmers: Snowball's English (Porter2), French, Spanish, German
 * and Portuguese stemmers, line for line the Go of generator/snowball, so
 * that a search in the browser stems query words as the index was built.
 * words.TestStemmersMatchNode holds the two to the same stems over the
 * golden word lists. No dependencies; works from file://.
 *
 * ladderStem.stemmer(lang) returns the stemmer of a language's primary
 * subtag ("en", "fr", "es", "de", "pt"), or null. A stemmer takes one
 * lower-case word without apostrophes, in composed form (NFC), and returns
 * its stem, as generator/snowball does.
 */
(function (global) {
  "use strict";

  // Word is a word being stemmed with its regions (pv, p1, p2): a suffix
  // is in a region when it starts at or after the region's start.
  function Word(s) {
    this.s = s;
    this.pv = this.p1 = this.p2 = s.length;
  }
  Word.prototype.ends = function (x) {
    return this.s.endsWith(x);
  };
  // longest returns [the longest of list that the word ends in, where it
  // starts], or ["", -1].
  Word.prototype.longest = function (list) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      if (list[i].length > best.length && this.s.endsWith(list[i])) best = list[i];
    }
    return best ? [best, this.s.length - best.length] : ["", -1];
  };
  Word.prototype.cut = function (n) {
    this.s = this.s.slice(0, this.s.length - n);
  };
  Word.prototype.replace = function (i, x) {
    this.s = this.s.slice(0, i) + x;
  };
  Word.prototype.before = function (i) {
    return i <= 0 || i > this.s.length ? "" : this.s[i - 1];
  };
  Word.prototype.startsWith = function (p) {
    return this.s.startsWith(p);
  };
  Word.prototype.del = function (k) {
    this.s = this.s.slice(0, k);
    return true;
  };
  Word.prototype.set = function (k, x) {
    this.replace(k, x);
    return true;
  };
  Word.prototype.delIf = function (k, ok) {
    if (ok) this.s = this.s.slice(0, k);
  };
  Word.prototype.inRV = function (list) {
    if (this.pv > this.s.length) return ["", -1];
    var rv = new Word(this.s.slice(this.pv));
    var m = rv.longest(list);
    return m[0] ? [m[0], m[1] + this.pv] : ["", -1];
  };
  Word.prototype.icOrIqU = function (k) {
    if (k >= this.p2) this.s = this.s.slice(0, k);
    else this.replace(k, "iqU");
  };

  function vowels(set) {
    return function (c) {
      return c !== "" && c !== undefined && set.indexOf(c) >= 0;
    };
  }
  function isIn(set) {
    return vowels(set);
  }

  function pastVowelConsonant(s, from, vowel) {
    var i = from;
    while (i < s.length && !vowel(s[i])) i++;
    while (i < s.length && vowel(s[i])) i++;
    return i >= s.length ? s.length : i + 1;
  }

  function regions(w, vowel) {
    w.p1 = pastVowelConsonant(w.s, 0, vowel);
    w.p2 = pastVowelConsonant(w.s, w.p1, vowel);
  }

  function romanceRV(s, vowel) {
    var n = s.length;
    if (n < 2) return n;
    var next = function (from, want) {
      for (var i = from; i < n; i++) if (vowel(s[i]) === want) return i + 1;
      return -1;
    };
    var p;
    if (vowel(s[0])) {
      if (!vowel(s[1]) && (p = next(2, true)) >= 0) return p;
      if (vowel(s[1]) && (p = next(2, false)) >= 0) return p;
      return n;
    }
    if (!vowel(s[1])) return (p = next(2, true)) >= 0 ? p : n;
    return n >= 3 ? 3 : n;
  }

  // --- English (Porter2) ---

  var enVowel = vowels("aeiouy");
  var EN_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
  };
  var EN_AFTER_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

  function english(s) {
    if (s.length < 3) return s;
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, s)) return EN_EXCEPTIONS[s];
    var r = s.split("");
    if (r[0] === "y") r[0] = "Y";
    for (var i = 1; i < r.length; i++) if (r[i] === "y" && enVowel(r[i - 1])) r[i] = "Y";
    var w = new Word(r.join(""));
    regions(w, enVowel);
    ["gener", "commun", "arsen"].forEach(function (p) {
      if (w.startsWith(p)) {
        w.p1 = p.length;
        w.p2 = pastVowelConsonant(w.s, w.p1, enVowel);
      }
    });
    enStep1a(w);
    if (EN_AFTER_1A.indexOf(w.s) >= 0) return w.s;
    enStep1b(w);
    var n = w.s.length;
    if (n > 2 && (w.s[n - 1] === "y" || w.s[n - 1] === "Y") && !enVowel(w.s[n - 2])) w.replace(n - 1, "i");
    enStep2(w);
    enStep3(w);
    enStep4(w);
    enStep5(w);
    return w.s.replace(/Y/g, "y");
  }

  function enShort(s, end) {
    if (end >= 3 && !enVowel(s[end - 3]) && enVowel(s[end - 2]) && !enVowel(s[end - 1]) &&
        s[end - 1] !== "w" && s[end - 1] !== "x" && s[end - 1] !== "Y") return true;
    return end === 2 && enVowel(s[0]) && !enVowel(s[1]);
  }

  function enStep1a(w) {
    var m = w.longest(["sses", "ied", "ies", "s", "us", "ss"]), at = m[1];
    switch (m[0]) {
      case "sses":
        w.cut(2);
        break;
      case "ied":
      case "ies":
        w.replace(at, at >= 2 ? "i" : "ie");
        break;
      case "s":
        for (var i = 0; i < at - 1; i++) {
          if (enVowel(w.s[i])) {
            w.cut(1);
            return;
          }
        }
    }
  }

  function enStep1b(w) {
    var m = w.longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]), at = m[1];
    if (m[0] === "") return;
    if (m[0] === "eed" || m[0] === "eedly") {
      if (at >= w.p1) w.replace(at, "ee");
      return;
    }
    var vowel = false;
    for (var i = 0; i < at; i++) vowel = vowel || enVowel(w.s[i]);
    if (!vowel) return;
    w.s = w.s.slice(0, at);
    var n = w.s.length;
    if (w.ends("at") || w.ends("bl") || w.ends("iz")) w.s += "e";
    else if (n >= 2 && w.s[n - 1] === w.s[n - 2] && isIn("bdfgmnprt")(w.s[n - 1])) w.cut(1);
    else if (w.p1 === n && enShort(w.s, n)) w.s += "e";
  }

  var EN_STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: "",
  };

  function enStep2(w) {
    var m = w.longest(Object.keys(EN_STEP2)), at = m[1];
    if (m[0] === "" || at < w.p1) return;
    if (m[0] === "ogi" && w.before(at) !== "l") return;
    if (m[0] === "li" && !isIn("cdeghkmnrt")(w.before(at))) return;
    w.replace(at, EN_STEP2[m[0]]);
  }

  var EN_STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };

  function enStep3(w) {
    var m = w.longest(Object.keys(EN_STEP3)), at = m[1];
    if (m[0] === "" || at < w.p1) return;
    if (m[0] === "ative" && at < w.p2) return;
    w.replace(at, EN_STEP3[m[0]]);
  }

  function enStep4(w) {
    var m = w.longest(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
      "iti", "ous", "ive", "ize", "ion"]), at = m[1];
    if (m[0] === "" || at < w.p2) return;
    if (m[0] === "ion" && w.before(at) !== "s" && w.before(at) !== "t") return;
    w.s = w.s.slice(0, at);
  }

  function enStep5(w) {
    var n = w.s.length;
    if (n === 0) return;
    if (w.s[n - 1] === "e") {
      if (n - 1 >= w.p2 || (n - 1 >= w.p1 && !enShort(w.s, n - 1))) w.cut(1);
    } else if (w.s[n - 1] === "l") {
      if (n - 1 >= w.p2 && w.before(n - 1) === "l") w.cut(1);
    }
  }

  // --- French ---

  var frVowel = vowels("aeiouyâàëéêèïîôûù");

  function french(s) {
    var w = new Word(frPrelude(s));
    frRegions(w);
    if (frStandard(w) || frIVerb(w) || frVerb(w)) {
      var n = w.s.length;
      if (n > 0 && w.s[n - 1] === "Y") w.replace(n - 1, "i");
      else if (n > 0 && w.s[n - 1] === "ç") w.replace(n - 1, "c");
    } else {
      frResidual(w);
    }
    if (w.ends("enn") || w.ends("onn") || w.ends("ett") || w.ends("ell") || w.ends("eill")) w.cut(1);
    var i = w.s.length;
    while (i > 0 && !frVowel(w.s[i - 1])) i--;
    if (i < w.s.length && i > 0 && (w.s[i - 1] === "é" || w.s[i - 1] === "è")) {
      w.s = w.s.slice(0, i - 1) + "e" + w.s.slice(i);
    }
    return frPostlude(w.s);
  }

  function frPrelude(s) {
    var r = s.split("");
    for (var i = 0; i < r.length;) {
      if (frVowel(r[i]) && (r[i + 1] === "u" || r[i + 1] === "i") && frVowel(r[i + 2])) {
        r[i + 1] = r[i + 1].toUpperCase();
        i += 2;
      } else if (frVowel(r[i]) && r[i + 1] === "y") {
        r[i + 1] = "Y";
        i += 2;
      } else if (r[i] === "ë" || r[i] === "ï") {
        r.splice(i, 1, "H", r[i] === "ë" ? "e" : "i");
        i += 2;
      } else if (r[i] === "y" && frVowel(r[i + 1])) {
        r[i] = "Y";
        i += 2;
      } else if (r[i] === "q" && r[i + 1] === "u") {
        r[i + 1] = "U";
        i += 2;
      } else {
        i++;
      }
    }
    return r.join("");
  }

  function frPostlude(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === "I" || c === "U" || c === "Y") {
        out += c.toLowerCase();
      } else if (c === "H") {
        if (s[i + 1] === "e") {
          out += "ë";
          i++;
        } else if (s[i + 1] === "i") {
          out += "ï";
          i++;
        }
      } else {
        out += c;
      }
    }
    return out;
  }

  function frRegions(w) {
    var s = w.s, n = s.length;
    if (n >= 3 && frVowel(s[0]) && frVowel(s[1])) {
      w.pv = 3;
    } else if (w.startsWith("par") || w.startsWith("col") || w.startsWith("tap")) {
      w.pv = 3;
    } else {
      w.pv = n;
      for (var i = 1; i < n; i++) {
        if (frVowel(s[i])) {
          w.pv = i + 1;
          break;
        }
      }
    }
    regions(w, frVowel);
  }

  var FR_STANDARD = ["ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes",
    "atrice", "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions", "utions",
    "ence", "ences", "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux", "euse", "euses",
    "issement", "issements", "amment", "emment", "ment", "ments"];

  function frStandard(w) {
    var m = w.longest(FR_STANDARD), suf = m[0], at = m[1];
    var r2 = at >= w.p2;
    switch (suf) {
      case "":
        return false;
      case "ance": case "iqUe": case "isme": case "able": case "iste": case "eux":
      case "ances": case "iqUes": case "ismes": case "ables": case "istes":
        return r2 && w.del(at);
      case "atrice": case "ateur": case "ation": case "atrices": case "ateurs": case "ations":
        if (!r2) return false;
        w.s = w.s.slice(0, at);
        if (w.ends("ic")) w.icOrIqU(w.s.length - 2);
        return true;
      case "logie": case "logies":
        return r2 && w.set(at, "log");
      case "usion": case "ution": case "usions": case "utions":
        return r2 && w.set(at, "u");
      case "ence": case "ences":
        return r2 && w.set(at, "ent");
      case "ement": case "ements":
        if (at < w.pv) return false;
        w.s = w.s.slice(0, at);
        frAfterEment(w);
        return true;
      case "ité": case "ités":
        if (!r2) return false;
        w.s = w.s.slice(0, at);
        frAfterIte(w);
        return true;
      case "if": case "ive": case "ifs": case "ives":
        if (!r2) return false;
        w.s = w.s.slice(0, at);
        frAfterIve(w);
        return true;
      case "eaux":
        return w.set(at, "eau");
      case "aux":
        return at >= w.p1 && w.set(at, "al");
      case "euse": case "euses":
        if (r2) return w.del(at);
        return at >= w.p1 && w.set(at, "eux");
      case "issement": case "issements":
        return at >= w.p1 && !frVowel(w.before(at)) && w.del(at);
      case "amment":
        if (at >= w.pv) w.replace(at, "ant");
        return false;
      case "emment":
        if (at >= w.pv) w.replace(at, "ent");
        return false;
      case "ment": case "ments":
        if (at - 1 >= w.pv && frVowel(w.before(at))) w.s = w.s.slice(0, at);
        return false;
    }
    return false;
  }

  function frAfterIte(w) {
    var t = w.longest(["abil", "ic", "iv"]), k = t[1];
    if (t[0] === "abil") {
      if (k >= w.p2) w.s = w.s.slice(0, k);
      else w.replace(k, "abl");
    } else if (t[0] === "ic") {
      w.icOrIqU(k);
    } else if (t[0] === "iv") {
      w.delIf(k, k >= w.p2);
    }
  }

  function frAfterIve(w) {
    if (w.ends("at") && w.s.length - 2 >= w.p2) {
      w.cut(2);
      if (w.ends("ic")) w.icOrIqU(w.s.length - 2);
    }
  }

  function frAfterEment(w) {
    var m = w.longest(["iv", "eus", "abl", "iqU", "ièr", "Ièr"]), k = m[1];
    switch (m[0]) {
      case "iv":
        if (k >= w.p2) {
          w.s = w.s.slice(0, k);
          if (w.ends("at") && w.s.length - 2 >= w.p2) w.cut(2);
        }
        break;
      case "eus":
        if (k >= w.p2) w.s = w.s.slice(0, k);
        else if (k >= w.p1) w.replace(k, "eux");
        break;
      case "abl": case "iqU":
        w.delIf(k, k >= w.p2);
        break;
      case "ièr": case "Ièr":
        if (k >= w.pv) w.replace(k, "i");
    }
  }

  function frIVerb(w) {
    var m = w.inRV(["îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait",
      "iras", "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant",
      "issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it"]);
    var k = m[1];
    if (m[0] === "" || k - 1 < w.pv) return false;
    var b = w.before(k);
    if (b === "H" || frVowel(b)) return false;
    return w.del(k);
  }

  var FR_VERB_A = ["âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as",
    "asse", "assent", "asses", "assiez", "assions"];

  function frVerb(w) {
    var m = w.inRV(["ions", "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait",
      "eras", "erez", "eriez", "erions", "erons", "eront", "ez", "iez"].concat(FR_VERB_A));
    var k = m[1];
    if (m[0] === "") return false;
    if (m[0] === "ions") return k >= w.p2 && w.del(k);
    if (FR_VERB_A.indexOf(m[0]) >= 0) {
      w.s = w.s.slice(0, k);
      if (w.ends("e") && w.s.length - 1 >= w.pv) w.cut(1);
      return true;
    }
    return w.del(k);
  }

  function frResidual(w) {
    var n = w.s.length;
    if (w.ends("s") && n >= 2) {
      if (w.ends("His") || !isIn("aiouès")(w.s[n - 2])) w.cut(1);
    }
    var m = w.inRV(["ion", "ier", "ière", "Ier", "Ière", "e"]), k = m[1];
    switch (m[0]) {
      case "ion":
        var b = w.before(k);
        if (k >= w.p2 && k - 1 >= w.pv && (b === "s" || b === "t")) w.s = w.s.slice(0, k);
        break;
      case "ier": case "ière": case "Ier": case "Ière":
        w.replace(k, "i");
        break;
      case "e":
        w.s = w.s.slice(0, k);
    }
  }

  // --- Spanish and Portuguese, step 1 ---

  function romanceStandard(w, suf, at, rules) {
    if (suf === "") return false;
    var r2 = at >= w.p2;
    var has = function (list) { return list.indexOf(suf) >= 0; };
    var m;
    if (has(rules.del)) return r2 && w.del(at);
    if (has(rules.delIC)) {
      if (!r2) return false;
      w.s = w.s.slice(0, at);
      if (w.ends("ic")) w.delIf(w.s.length - 2, w.s.length - 2 >= w.p2);
      return true;
    }
    if (has(rules.log)) return r2 && w.set(at, "log");
    if (has(rules.u)) return r2 && w.set(at, "u");
    if (has(rules.ente)) return r2 && w.set(at, "ente");
    if (suf === "amente") {
      if (at < w.p1) return false;
      w.s = w.s.slice(0, at);
      m = w.longest(["iv", "os", "ic", "ad"]);
      if (m[0] !== "" && m[1] >= w.p2) {
        w.s = w.s.slice(0, m[1]);
        if (m[0] === "iv" && w.ends("at") && w.s.length - 2 >= w.p2) w.cut(2);
      }
      return true;
    }
    if (suf === "mente") {
      if (!r2) return false;
      w.s = w.s.slice(0, at);
      m = w.longest(rules.mente);
      if (m[1] >= 0) w.delIf(m[1], m[1] >= w.p2);
      return true;
    }
    if (has(rules.idad)) {
      if (!r2) return false;
      w.s = w.s.slice(0, at);
      m = w.longest(["abil", "ic", "iv"]);
      if (m[1] >= 0) w.delIf(m[1], m[1] >= w.p2);
      return true;
    }
    if (has(rules.iv)) {
      if (!r2) return false;
      w.s = w.s.slice(0, at);
      if (w.ends("at") && w.s.length - 2 >= w.p2) w.cut(2);
      return true;
    }
    return false;
  }

  // endings lists the step-1 endings of rules and the others given.
  function endings(rules, others) {
    return [].concat(rules.del, rules.delIC, rules.log, rules.u, rules.ente, rules.idad, rules.iv, others);
  }

  // --- Spanish ---

  var esVowel = vowels("aeiouáéíóúü");
  var ES_RULES = {
    del: ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
      "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"],
    delIC: ["adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"],
    log: ["logía", "logías"],
    u: ["ución", "uciones"],
    ente: ["encia", "encias"],
    idad: ["idad", "idades"],
    iv: ["iva", "ivo", "ivas", "ivos"],
    mente: ["ante", "able", "ible"],
  };
  var ES_STANDARD = endings(ES_RULES, ["amente", "mente"]);

  function spanish(s) {
    var w = new Word(s);
    w.pv = romanceRV(s, esVowel);
    regions(w, esVowel);
    esPronoun(w);
    if (!esStandard(w) && !esYVerb(w)) esVerb(w);
    var m = w.longest(["os", "a", "o", "á", "í", "ó", "e", "é"]), k = m[1];
    switch (m[0]) {
      case "os": case "a": case "o": case "á": case "í": case "ó":
        w.delIf(k, k >= w.pv);
        break;
      case "e": case "é":
        if (k >= w.pv) {
          w.s = w.s.slice(0, k);
          if (w.ends("gu") && w.s.length - 1 >= w.pv) w.cut(1);
        }
    }
    return w.s.replace(/[áéíóú]/g, function (c) { return { á: "a", é: "e", í: "i", ó: "o", ú: "u" }[c]; });
  }

  var ES_GERUND = { iéndo: "iendo", ándo: "ando", ár: "ar", ér: "er", ír: "ir" };

  function esPronoun(w) {
    var p = w.longest(["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"]);
    var at = p[1];
    if (p[0] === "") return;
    var m = new Word(w.s.slice(0, at)).longest(["iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo"]);
    var k = m[1];
    if (m[0] === "" || k < w.pv) return;
    if (Object.prototype.hasOwnProperty.call(ES_GERUND, m[0])) w.replace(k, ES_GERUND[m[0]]);
    else if (m[0] === "yendo") {
      if (w.before(k) === "u") w.s = w.s.slice(0, at);
    } else w.s = w.s.slice(0, at);
  }

  function esStandard(w) {
    var m = w.longest(ES_STANDARD);
    return romanceStandard(w, m[0], m[1], ES_RULES);
  }

  function esYVerb(w) {
    var m = w.inRV(["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"]);
    return m[0] !== "" && w.before(m[1]) === "u" && w.del(m[1]);
  }

  var ES_VERB = ["en", "es", "éis", "emos",
    "arían", "arías", "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará", "aré",
    "erían", "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos", "erá", "eré",
    "irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos", "iremos", "irá", "iré",
    "aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ían",
    "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ió", "ar", "er", "ir", "as",
    "abas", "adas", "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis", "abais", "íais", "arais", "ierais",
    "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "ábamos", "íamos", "imos", "áramos", "iéramos",
    "iésemos", "ásemos"];

  function esVerb(w) {
    var m = w.inRV(ES_VERB), k = m[1];
    if (m[0] === "") return;
    w.s = w.s.slice(0, k);
    if ((m[0] === "en" || m[0] === "es" || m[0] === "éis" || m[0] === "emos") && w.ends("gu")) w.cut(1);
  }

  // --- Portuguese ---

  var ptVowel = vowels("aeiouáéíóúâêô");
  var PT_RULES = {
    del: ["eza", "ezas", "ico", "ica", "icos", "icas", "ismo", "ismos", "ável", "ível", "ista", "istas",
      "oso", "osa", "osos", "osas", "amento", "amentos", "imento", "imentos", "adora", "ador", "aça~o", "adoras",
      "adores", "aço~es", "ante", "antes", "ância"],
    delIC: [],
    log: ["logia", "logias"],
    u: ["uça~o", "uço~es"],
    ente: ["ência", "ências"],
    idad: ["idade", "idades"],
    iv: ["iva", "ivo", "ivas", "ivos"],
    mente: ["ante", "avel", "ível"],
  };
  var PT_STANDARD = endings(PT_RULES, ["amente", "mente", "ira", "iras"]);

  var PT_VERB = ["ada", "ida", "ia", "aria", "eria", "iria", "ará", "ara", "erá", "era", "irá", "ava",
    "asse", "esse", "isse", "aste", "este", "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam",
    "iriam", "aram", "eram", "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido",
    "ando", "endo", "indo", "ara~o", "era~o", "ira~o", "ar", "er", "ir", "as", "adas", "idas", "ias", "arias",
    "erias", "irias", "arás", "aras", "erás", "eras", "irás", "avas", "es", "ardes", "erdes", "irdes", "ares",
    "eres", "ires", "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "íeis", "aríeis",
    "eríeis", "iríeis", "áreis", "areis", "éreis", "ereis", "íreis", "ireis", "ásseis", "ésseis", "ísseis",
    "áveis", "ados", "idos", "ámos", "amos", "íamos", "aríamos", "eríamos", "iríamos", "áramos", "éramos",
    "íramos", "ávamos", "emos", "aremos", "eremos", "iremos", "ássemos", "êssemos", "íssemos", "imos", "armos",
    "ermos", "irmos", "eu", "iu", "ou", "ira", "iras"];

  function portuguese(s) {
    var w = new Word(s.replace(/ã/g, "a~").replace(/õ/g, "o~"));
    w.pv = romanceRV(w.s, ptVowel);
    regions(w, ptVowel);
    var m;
    if (ptStandard(w) || ptVerb(w)) {
      if (w.ends("ci") && w.s.length - 1 >= w.pv) w.cut(1);
    } else {
      m = w.longest(["os", "a", "i", "o", "á", "í", "ó"]);
      if (m[0] !== "") w.delIf(m[1], m[1] >= w.pv);
    }
    m = w.longest(["e", "é", "ê", "ç"]);
    var k = m[1];
    if (m[0] === "ç") {
      w.replace(k, "c");
    } else if (m[0] !== "" && k >= w.pv) {
      w.s = w.s.slice(0, k);
      if ((w.ends("gu") || w.ends("ci")) && w.s.length - 1 >= w.pv) w.cut(1);
    }
    return w.s.replace(/a~/g, "ã").replace(/o~/g, "õ");
  }

  function ptStandard(w) {
    var m = w.longest(PT_STANDARD), at = m[1];
    if (m[0] === "ira" || m[0] === "iras") return at >= w.pv && w.before(at) === "e" && w.set(at, "ir");
    return romanceStandard(w, m[0], at, PT_RULES);
  }

  function ptVerb(w) {
    var m = w.inRV(PT_VERB);
    return m[0] !== "" && w.del(m[1]);
  }

  // --- German ---

  var deVowel = vowels("aeiouyäöü");

  function german(s) {
    var r = s.replace(/ß/g, "ss").split("");
    for (var i = 0; i + 2 < r.length;) {
      if (deVowel(r[i]) && (r[i + 1] === "u" || r[i + 1] === "y") && deVowel(r[i + 2])) {
        r[i + 1] = r[i + 1].toUpperCase();
        i += 2;
      } else {
        i++;
      }
    }
    var w = new Word(r.join(""));
    regions(w, deVowel);
    w.p1 = Math.max(w.p1, 3);
    deStep1(w);
    deStep2(w);
    deStep3(w);
    return w.s.replace(/[UYäöü]/g, function (c) { return { U: "u", Y: "y", ä: "a", ö: "o", ü: "u" }[c]; });
  }

  function deStep1(w) {
    var m = w.longest(["em", "ern", "er", "e", "en", "es", "s"]), at = m[1];
    if (m[0] === "" || at < w.p1) return;
    if (m[0] === "s") {
      if (isIn("bdfghklmnrt")(w.before(at))) w.s = w.s.slice(0, at);
      return;
    }
    w.s = w.s.slice(0, at);
    if ((m[0] === "e" || m[0] === "en" || m[0] === "es") && w.ends("niss")) w.cut(1);
  }

  function deStep2(w) {
    var m = w.longest(["en", "er", "est", "st"]), at = m[1];
    if (m[0] === "" || at < w.p1) return;
    if (m[0] !== "st") w.s = w.s.slice(0, at);
    else if (isIn("bdfghklmnt")(w.before(at)) && at - 1 >= 3) w.s = w.s.slice(0, at);
  }

  function deStep3(w) {
    var m = w.longest(["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]), at = m[1];
    if (m[0] === "" || at < w.p2) return;
    switch (m[0]) {
      case "end": case "ung":
        w.s = w.s.slice(0, at);
        if (w.ends("ig") && w.s.length - 2 >= w.p2 && w.before(w.s.length - 2) !== "e") w.cut(2);
        break;
      case "ig": case "ik": case "isch":
        if (w.before(at) !== "e") w.s = w.s.slice(0, at);
        break;
      case "lich": case "heit":
        w.s = w.s.slice(0, at);
        if ((w.ends("er") || w.ends("en")) && w.s.length - 2 >= w.p1) w.cut(2);
        break;
      case "keit":
        w.s = w.s.slice(0, at);
        var t = w.longest(["lich", "ig"]);
        if (t[0] !== "" && t[1] >= w.p2) w.s = w.s.slice(0, t[1]);
    }
  }

  var STEMMERS = { en: english, fr: french, es: spanish, de: german, pt: portuguese };

  var api = {
    stemmer: function (lang) {
      var primary = String(lang || "").toLowerCase().split("-")[0];
      return Object.prototype.hasOwnProperty.call(STEMMERS, primary) ? STEMMERS[primary] : null;
    },
  };
  global.ladderStem = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
