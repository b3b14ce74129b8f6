/*
 * ladder search: offline search over the index that ladder builds into
 * search/ (generator/search). No dependencies, no fetch(): the index files
 * are scripts, loaded on demand with <script src>, so search works from
 * file:// as well as from a host.
 *
 * DOM contract
 * ------------
 * Load this file with <script src="{root}assets/search.js" defer></script>.
 * It enhances every form like this one ({root} is the relative path from
 * the page to the site root, e.g. "../../", or "" on the home page):
 *
 *   <form class="search" role="search" action="{root}search/index.html"
 *         method="get" data-root="{root}">
 *     <label for="site-search">Search</label>
 *     <input type="search" id="site-search" name="q" autocomplete="off">
 *     <select name="level">                       optional filter
 *       <option value="">All levels</option>
 *       <option value="{level slug}">{label}</option> …
 *     </select>
 *     <select name="group">                       optional filter
 *       <option value="">All groups</option>
 *       <option value="{group name}">{group name}</option> …
 *     </select>
 *     <button type="submit">Search</button>
 *   </form>
 *
 * - A form without data-results is a header search box: as you type, a
 *   dropdown of the best results appears after the input, inside the
 *   form (position it with CSS: .search { position: relative } and
 *   .search-dropdown). The input becomes a combobox (role, aria-expanded,
 *   aria-controls, aria-activedescendant); ArrowDown/ArrowUp move through
 *   the options, Enter opens the active one (or, with none active, submits
 *   the form to the search page), Escape closes the dropdown and then
 *   clears the box. Options are links.
 * - A form with data-results="ID" is the search page's form: results are
 *   listed in the element with that id, e.g.
 *
 *     <div id="search-results" class="search-results">
 *       <p>Search needs JavaScript. Browse the
 *          <a href="{root}occupations/index.html">A–Z list of occupations</a>.</p>
 *     </div>
 *
 *   On load, q, level and group are read from location.search into the
 *   form and the results shown; they update as you type, and the address
 *   follows (history.replaceState). The container's content is replaced,
 *   so a no-JavaScript message inside it disappears. The count of results
 *   is announced by a role="status" paragraph inside the container; do not
 *   put aria-live on the container itself (a live region there reads the
 *   whole list aloud on every keystroke).
 *
 * Markup created (style these classes):
 *   dropdown:  div.search-dropdown > div.search-listbox[role=listbox] >
 *              a.search-option[role=option] > span.search-option-title,
 *              span.search-option-context; a.search-option.search-all;
 *              p.search-status[role=status] (counts, "No results for …")
 *   page:      p.search-summary[role=status]; ol.search-hits >
 *              li.search-hit.search-hit-{kind} > a.search-hit-title,
 *              p.search-hit-context, p.search-hit-text;
 *              p.search-empty; button.search-more
 *   both:      matched words are wrapped in <mark>. All text goes in with
 *              textContent, never as HTML.
 *
 * Loading: search/keys.js (2 KB) loads at once, and with it stem.js (the
 * Snowball stemmers, beside search.js) when the index's language has one
 * and the page has not loaded it; search/meta.js (about 1 MB
 * for 1,000 occupations) when the page is idle after its load event, or
 * at once when the form gets the focus, the pointer or a touch; one
 * search/terms-NNN.js per query word as you type; search/texts-NNN.js
 * for the snippets on the search page. Each file loads once per page.
 * If the index cannot be loaded, the box says "Search is not available".
 *
 * Index format: see generator/search/search.go. The index files call
 * ladderSearch.add(kind, number, data).
 */
(function (global) {
  "use strict";

  // ---------------------------------------------------------------------
  // Words of the interface: the site's catalogue in the page's language
  // (keys js.* of i18n/<lang>.toml, without "js."), which ladder writes
  // into assets/text.js (window.ladderText).

  var CATALOGUE = (typeof window !== "undefined" && window.ladderText) || { lang: "en", messages: {} };

  // t is the message of key with {name} placeholders filled from vars; a
  // message with plural forms picks the form of vars.n by the language's
  // CLDR rules.
  function t(key, vars) {
    var m = CATALOGUE.messages[key];
    if (m === undefined) return key;
    vars = vars || {};
    if (typeof m === "object") {
      var cat = "other";
      try {
        cat = new Intl.PluralRules(CATALOGUE.lang).select(vars.n);
      } catch (e) { /* an unknown language: other */ }
      m = m[cat] !== undefined ? m[cat] : m.other;
    }
    return m.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, function (all, name) {
      return vars[name] !== undefined ? String(vars[name]) : all;
    });
  }

  // tNodes appends the message of key to parent, each {name} of nodes as
  // that node (a link) and the rest as text.
  function tNodes(parent, key, vars, nodes) {
    var text = t(key, vars);
    var re = /\{([A-Za-z][A-Za-z0-9_]*)\}/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (!nodes[m[1]]) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(nodes[m[1]]);
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // ---------------------------------------------------------------------
  // Text: the same folding and words as words.Fold and words.Words, by
  // the rules of the index's language as words.Language has them.

  var WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  var STOP = {
    en: "and of the or a an for to in on with",
    fr: "le la les un une des de du et ou a au aux en pour par sur dans avec",
    es: "el la los las un una unos unas de del y o a al en para por con",
    de: "der die das den dem des ein eine einen einem einer eines und oder zu zum zur in im an am auf fur mit von vom",
    pt: "o a os as um uma uns umas de do da dos das e ou em no na nos nas para por com ao aos",
  };
  var ELIDED = new Set(["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"]);

  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ").replace(/ß/g, "ss");
  }

  // Language is words.Language of a language tag (the index's keys.js
  // has the code of its primary subtag, "" for none); the stemmer comes from assets/stem.js (ladderStem), which must be loaded
  // first for a language that has one.
  function Language(tag) {
    var code = String(tag || "").toLowerCase().split("-")[0];
    this.code = Object.prototype.hasOwnProperty.call(STOP, code) ? code : "";
    this.stop = new Set(this.code ? STOP[this.code].split(" ") : []);
    this.stemmer = this.code && global.ladderStem ? global.ladderStem.stemmer(this.code) : null;
  }

  // tokens returns the words of s: {word: folded, written: as written
  // without apostrophes}; in French without an elided word before an
  // apostrophe (words.Language.Each). m, when given, is s.match(WORD).
  Language.prototype.tokens = function (s, m) {
    var out = [];
    m = m || s.match(WORD) || [];
    for (var i = 0; i < m.length; i++) {
      var written = m[i];
      var cut = written.search(/['’]/);
      if (this.code === "fr" && cut > 0 && ELIDED.has(fold(written.slice(0, cut)))) written = written.slice(cut + 1);
      written = written.replace(/['’]/g, "");
      var w = fold(written);
      if (w) out.push({ word: w, written: written });
    }
    return out;
  };

  // stem is words.Language.Stem.
  Language.prototype.stem = function (w) {
    if (!this.stemmer || w === "") return fold(w);
    w = w.normalize("NFC");
    for (var ch of w) {
      var c = ch.codePointAt(0);
      if (c >= 0x250 || c === 0x130) return fold(w);
    }
    return fold(this.stemmer(w.toLowerCase())) || fold(w);
  };

  // near is search.nearPrefix: [the NearStem of w, STEM] in English and
  // in languages without a stemmer, else ["", NEAR].
  Language.prototype.near = function (w) {
    return this.code === "en" || this.code === "" ? [nearStem(w), STEM] : ["", NEAR];
  };

  var ENGLISH = null;
  function english() {
    if (!ENGLISH) ENGLISH = new Language("en");
    return ENGLISH;
  }

  // words returns the folded words of s in the language lang (none by
  // default).
  function words(s, lang) {
    return (lang || new Language("")).tokens(s).map(function (t) { return t.word; });
  }

  // parseQuery is search.ParseQuery: terms {word, prefix, stem}; lang is
  // a Language, English by default.
  function parseQuery(q, lang) {
    lang = lang || english();
    var ws = lang.tokens(q);
    var open = /[\p{L}\p{N}\p{M}]$/u.test(q);
    var terms = [];
    ws.forEach(function (tok, k) {
      var w = tok.word;
      var t = { word: w, prefix: open && k === ws.length - 1 && Array.from(w).length >= 2, stem: "" };
      if (!t.prefix && lang.stop.has(w)) return;
      for (var i = 0; i < terms.length; i++) {
        if (terms[i].word === t.word && terms[i].prefix === t.prefix) return;
      }
      t.stem = lang.stem(tok.written);
      terms.push(t);
    });
    return terms;
  }

  var NEAR_SUFFIXES = ["ations", "ation", "ments", "ment", "ings", "ing", "ists", "ist", "ies", "ers", "er", "ed", "es", "s", "y"];

  // nearStem is search.NearStem: near words begin with it; "" for none.
  function nearStem(w) {
    var n = Array.from(w).length;
    for (var i = 0; i < NEAR_SUFFIXES.length; i++) {
      var s = NEAR_SUFFIXES[i];
      if (w.endsWith(s) && n - s.length >= 4) return w.slice(0, w.length - s.length);
    }
    return n >= 4 ? w : "";
  }

  // key is the terms-file key of a folded word: its first two letters.
  function key(w) {
    return Array.from(w).slice(0, 2).join("");
  }

  // anchorBase is search.anchorBase: the anchor derived from a title, or
  // null when it cannot be derived.
  function anchorBase(title) {
    var out = "";
    var dash = false;
    for (var ch of title) {
      if (/[A-Za-z0-9]/.test(ch)) {
        if (dash && out) out += "-";
        dash = false;
        out += ch.toLowerCase();
      } else if (ch === "'" || ch === "’") {
        // dropped
      } else if (ch.codePointAt(0) >= 0x80 && /[\p{L}\p{Nd}]/u.test(ch)) {
        return null;
      } else {
        dash = true;
      }
    }
    if (out.length > 48) {
      var cut = out.lastIndexOf("-", 48);
      if (cut <= 0) cut = 48;
      out = out.slice(0, cut);
    }
    if (out === "" || /^[0-9]/.test(out)) out = "s-" + out;
    return out.replace(/-$/, "");
  }

  // Namer hands out one page's anchors as the site model does.
  function Namer() {
    this.u = new Map([["main", 1], ["top", 1]]);
  }
  Namer.prototype.name = function (base) {
    var n = this.u.get(base) || 0;
    this.u.set(base, n + 1);
    if (n === 0) return base;
    for (;;) {
      n++;
      var cand = base + "-" + n;
      if (!this.u.get(cand)) {
        this.u.set(cand, 1);
        this.u.set(base, n);
        return cand;
      }
    }
  };
  Namer.prototype.claim = function (a) {
    if (!this.u.get(a)) this.u.set(a, 1);
  };

  var EXACT = 0, PREFIX = 1, NEAR = 2, STEM = 3;

  // match is search.match: how a folded word, whose stem is stem, matches
  // a query term, or -1; near is Language.near of the term.
  function match(w, stem, t, near) {
    if (w === t.word) return EXACT;
    if (t.prefix && w.startsWith(t.word)) return PREFIX;
    if (near[0] && w.startsWith(near[0])) return NEAR;
    if (stem === t.stem) return near[1];
    return -1;
  }

  // allowedEdits, editDistance, likeness and typoMatches are their
  // namesakes in search (fuzzy.go): a word that matches nothing finds the
  // words of its terms file a few edits away, and the closest is offered.
  function allowedEdits(n) {
    return n < 5 ? 0 : n < 8 ? 1 : 2;
  }

  function editDistance(a, b, max) {
    var r = Array.from(a), s = Array.from(b);
    if (Math.abs(r.length - s.length) > max) return max + 1;
    var prev2 = new Array(s.length + 1).fill(0), prev = [], cur = new Array(s.length + 1).fill(0);
    for (var j = 0; j <= s.length; j++) prev.push(j);
    for (var i = 1; i <= r.length; i++) {
      cur[0] = i;
      var low = i;
      for (j = 1; j <= s.length; j++) {
        var cost = r[i - 1] === s[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && r[i - 1] === s[j - 2] && r[i - 2] === s[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        low = Math.min(low, cur[j]);
      }
      if (low > max) return max + 1;
      var t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[s.length], max + 1);
  }

  // likeness compares UTF-8 bytes, as Go does.
  function likeness(a, b) {
    var x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
    var p = 0, s = 0;
    while (p < x.length && p < y.length && x[p] === y[p]) p++;
    while (s < x.length && s < y.length && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
    return p + s;
  }

  // typoMatches returns {found: a Set of words, suggest: the word to offer}.
  function typoMatches(word, entries) {
    var max = allowedEdits(Array.from(word).length);
    var found = new Set(), suggest = "", bestD = max + 1, bestL = -1;
    if (max === 0) return { found: found, suggest: suggest };
    var k = key(word);
    for (var e = 0; e < entries.length; e++) {
      var w = entries[e][0];
      if (key(w) !== k) continue;
      var d = editDistance(word, w, max);
      if (d > max) continue;
      found.add(w);
      var l = likeness(word, w);
      if (d < bestD || (d === bestD && (l > bestL || (l === bestL && w < suggest)))) {
        bestD = d;
        bestL = l;
        suggest = w;
      }
    }
    return { found: found, suggest: suggest };
  }

  // matches reports whether a folded word, whose stem is stem, matches
  // any query term in the Language lang.
  function matches(w, stem, terms, lang) {
    for (var i = 0; i < terms.length; i++) {
      if (match(w, stem, terms[i], lang.near(terms[i].word)) >= 0) return true;
    }
    return false;
  }

  // segments splits text into [piece, matched] pairs: matched pieces are
  // words that match a query term; lang is the Language of the terms.
  function segments(text, terms, lang) {
    lang = lang || english();
    var out = [];
    var last = 0;
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text)) !== null) {
      var tok = lang.tokens(m[0], [m[0]])[0];
      if (tok && matches(tok.word, lang.stem(tok.written), terms, lang)) {
        if (m.index > last) out.push([text.slice(last, m.index), false]);
        out.push([m[0], true]);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) out.push([text.slice(last), false]);
    return out;
  }

  // ---------------------------------------------------------------------
  // The index.

  // Scores, as in search.Search.
  var TITLE = 0, TEXT = 1, SUFFIX = 2, OCC = 3;
  var TITLE_SCORES = [16, 12, 10, 2], TEXT_SCORES = [8, 6, 4, 1], CTX_SCORES = [3, 2, 1, 1];
  var TITLE_NEAR = 10;
  var OCCUPATION_BONUS = 1000;

  function score(unit, m, occupation) {
    if (unit === TITLE || (unit === OCC && occupation)) return TITLE_SCORES[m];
    if (unit === TEXT || unit === SUFFIX) return TEXT_SCORES[m];
    return CTX_SCORES[m];
  }

  // entryStem is the stem of a terms-file entry [term, stem, …]: a
  // number is that many code units of the term (search.stemCode).
  function entryStem(entry) {
    return typeof entry[1] === "number" ? entry[0].slice(0, entry[1]) : entry[1];
  }

  // decodePostings undoes search.encodePostings.
  function decodePostings(enc) {
    var out = [];
    var prev = -1;
    for (var i = 0; i < enc.length; i++) {
      var x = enc[i];
      if (x > 0) {
        prev += x;
        out.push(prev);
      } else {
        for (var k = 0; k < -x; k++) out.push(++prev);
      }
    }
    return out;
  }

  // inverse lists, for each unit, the documents that have it: documents
  // off[u] to off[u+1]-1 of docs.
  function inverse(unitOf, n) {
    var off = new Int32Array(n + 1);
    var i;
    for (i = 0; i < unitOf.length; i++) if (unitOf[i] >= 0) off[unitOf[i] + 1]++;
    for (i = 0; i < n; i++) off[i + 1] += off[i];
    var fill = off.slice(0, n);
    var docs = new Int32Array(off[n]);
    for (i = 0; i < unitOf.length; i++) if (unitOf[i] >= 0) docs[fill[unitOf[i]]++] = i;
    return { off: off, docs: docs };
  }

  // Engine answers queries. load(file) returns a promise that the index
  // file search/<file> has been loaded (and has called ladderSearch.add);
  // store is where ladderSearch.add keeps what the files hold.
  // loadStems, when given, loads assets/stem.js and returns a promise of
  // it; by default it is load("../assets/stem.js").
  function Engine(load, store, loadStems) {
    this.load = load;
    this.store = store;
    this.loadStems = loadStems || function () { return load("../assets/stem.js"); };
    this.meta = null;
    this.postings = new Map();
    this.anchors = new Map(); // url → anchors of the page's documents
  }

  // keys loads keys.js once: which terms file holds which key, and the
  // language of the index, with the stemmers (assets/stem.js) when the
  // language has one and they are not loaded yet.
  Engine.prototype.keys = function () {
    var self = this;
    if (!this.keysPromise) {
      this.keysPromise = this.load("keys.js").then(function () {
        var k = self.store.get("keys:0");
        if (!k || k.v !== 2) throw new Error("search index: unknown format");
        self.termFile = k.terms;
        // Without stem.js (a site that left it out), words with the same
        // stem are not found, but whole words, prefixes and typos still are.
        var stems = k.lang && !global.ladderStem ? self.loadStems().catch(function () {}) : Promise.resolve();
        return stems.then(function () { self.lang = new Language(k.lang); });
      });
    }
    return this.keysPromise;
  };

  // ready loads keys.js and meta.js once.
  Engine.prototype.ready = function () {
    var self = this;
    if (!this.readyPromise) {
      this.readyPromise = Promise.all([this.keys(), this.load("meta.js")]).then(function () {
        self.prepare(self.store.get("meta:0"));
      });
    }
    return this.readyPromise;
  };

  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var B64_VALUE = new Int8Array(128).fill(-1);
  for (var b64i = 0; b64i < 64; b64i++) B64_VALUE[B64.charCodeAt(b64i)] = b64i;

  // Fixed is a list of numbers coded by search.base64Fixed, read in place.
  function Fixed(s, n) {
    this.s = s;
    this.w = n ? s.length / n : 1;
  }
  Fixed.prototype.at = function (i) {
    var s = this.s, p = i * this.w, x = 0;
    for (var k = 0; k < this.w; k++) x = x * 64 + B64_VALUE[s.charCodeAt(p + k)];
    return x;
  };

  // unFrontCode undoes search.frontCode.
  function unFrontCode(codes) {
    var out = new Array(codes.length / 2);
    var prev = "";
    for (var i = 0; i < codes.length; i += 2) {
      prev = prev.slice(0, codes[i]) + codes[i + 1];
      out[i / 2] = prev;
    }
    return out;
  }

  // prepare reads meta.js. Per-document lists stay coded in their
  // strings (see Fixed), so that the first query need not wait for them.
  Engine.prototype.prepare = function (m) {
    if (!m || m.v !== 1) throw new Error("search index: unknown format");
    var n = m.n;
    var ctx = m.ctx, runs = m.runs;
    var nruns = runs.length / 2;
    var ctxOf = new Int32Array(n), urlOf = new Int32Array(n);
    var isOcc = new Uint8Array(n), isStmt = new Uint8Array(n);
    var occKind = m.kinds.indexOf("occupation"), stmtKind = m.kinds.indexOf("statement");
    // Runs of documents: run r covers documents runStart[r] to runStart[r+1]-1.
    var runStart = new Int32Array(nruns + 1);
    var sufOfRun = new Int32Array(nruns), occOfRun = new Int32Array(nruns), urlOfRun = new Int32Array(nruns);
    for (var r = 0, d = 0; r < nruns; r++) {
      var end = d + runs[2 * r], ci = runs[2 * r + 1], c = ci * 6;
      runStart[r] = d;
      sufOfRun[r] = ctx[c + 4];
      occOfRun[r] = ctx[c + 1];
      urlOfRun[r] = ctx[c + 5];
      ctxOf.fill(ci, d, end);
      urlOf.fill(ctx[c + 5], d, end);
      if (ctx[c] === occKind) isOcc.fill(1, d, end);
      if (ctx[c] === stmtKind) isStmt.fill(1, d, end);
      d = end;
    }
    runStart[nruns] = n;
    this.meta = m;
    this.urls = unFrontCode(m.urls);
    this.n = n;
    this.ctxOf = ctxOf;
    this.ti = new Fixed(m.ti, n);
    this.xi = new Fixed(m.xi, n);
    this.urlOf = urlOf;
    this.isOcc = isOcc;
    this.isStmt = isStmt;
    this.runStart = runStart;
    this.urlOfRun = urlOfRun;
    // For each kind of unit: the documents (titles, texts) or the runs of
    // documents (suffixes, occupations) that have each unit.
    this.units = [
      { off: new Fixed(m.to, m.titles.length + 1), docs: new Fixed(m.td, n) },
      { off: new Fixed(m.xo, m.nx + 1), docs: new Fixed(m.xd, n) },
      fixedLike(inverse(sufOfRun, m.sufs.length)),
      fixedLike(inverse(occOfRun, m.occ.length)),
    ];
    this.pages = null; // the runs of each URL, made when an anchor is first derived
  };

  // fixedLike gives an inverse the interface of a pair of Fixed lists.
  function fixedLike(inv) {
    return {
      off: { at: function (i) { return inv.off[i]; } },
      docs: { at: function (i) { return inv.docs[i]; } },
    };
  }

  // termEntries loads and returns the dictionary entries of a key.
  Engine.prototype.termEntries = function (k) {
    var self = this;
    return this.keys().then(function () {
      var f = Object.prototype.hasOwnProperty.call(self.termFile, k) ? self.termFile[k] : undefined;
      if (f === undefined) return [];
      return self.load("terms-" + pad(f) + ".js").then(function () {
        return self.store.get("terms:" + f)[k] || [];
      });
    });
  };

  function pad(n) {
    return String(n).padStart(3, "0");
  }

  // best returns the best score of a term in every document (Uint8Array)
  // and the documents that have one.
  Engine.prototype.best = function (t, entries) {
    var best = new Uint8Array(this.n);
    var touched = [];
    var near = this.lang.near(t.word);
    var kinds = entries.map(function (entry) { return match(entry[0], entryStem(entry), t, near); });
    var fix = "";
    if (kinds.every(function (m) { return m < 0; })) {
      var typos = typoMatches(t.word, entries);
      fix = typos.suggest;
      kinds = entries.map(function (entry) { return typos.found.has(entry[0]) ? NEAR : -1; });
    }
    for (var e = 0; e < entries.length; e++) {
      var entry = entries[e];
      var w = entry[0];
      var m = kinds[e];
      if (m < 0) continue;
      for (var u = 0; u < entry.length - 2; u++) {
        var pk = w + "\u0000" + u;
        var units = this.postings.get(pk);
        if (!units) {
          units = decodePostings(entry[u + 2]);
          this.postings.set(pk, units);
        }
        var inv = this.units[u];
        var byRun = u === SUFFIX || u === OCC;
        for (var i = 0; i < units.length; i++) {
          var unit = units[i];
          for (var j = inv.off.at(unit), jend = inv.off.at(unit + 1); j < jend; j++) {
            var lo = inv.docs.at(j), hi = lo + 1;
            if (byRun) {
              hi = this.runStart[lo + 1];
              lo = this.runStart[lo];
            }
            for (var d = lo; d < hi; d++) {
              var s = score(u, m, this.isOcc[d] === 1);
              if (s > best[d]) {
                if (best[d] === 0) touched.push(d);
                best[d] = s;
              }
            }
          }
        }
      }
    }
    return { best: best, touched: touched, fix: fix };
  };

  // search returns a promise of {terms, hits, total}: hits are document
  // numbers, best first, as search.Index.Search orders them. filter is
  // {level, group}: a level slug and a group name, "" for any. When
  // wanted is given and returns false once the index files are in, the
  // query is dropped and the promise gives null.
  Engine.prototype.search = function (q, filter, wanted) {
    var self = this;
    // The query is parsed by the rules of the index's language, in
    // keys.js; the terms files load beside meta.js.
    return this.keys().then(function () {
      var terms = parseQuery(q, self.lang);
      if (terms.length === 0) return { terms: terms, hits: [], total: 0, also: new Map(), suggestion: "", lang: self.lang };
      var lists = Promise.all(terms.map(function (t) { return self.termEntries(key(t.word)); }));
      return Promise.all([lists, self.ready()]).then(function (all) {
        if (wanted && !wanted()) return null;
        var r = self.rank(terms, all[0], filter || {});
        return { terms: terms, hits: r.hits, total: r.hits.length, also: r.also, suggestion: r.suggestion, lang: self.lang };
      });
    });
  };

  Engine.prototype.rank = function (terms, lists, filter) {
    var m = this.meta;
    var per = terms.map(function (t, i) { return this.best(t, lists[i]); }, this);
    var fixed = false;
    var suggestion = terms.map(function (t, i) {
      if (per[i].fix) fixed = true;
      return per[i].fix || t.word;
    }).join(" ");
    var levels = null, groupIdx = -2, i;
    if (filter.level) {
      levels = new Set();
      for (i = 0; i < m.levels.length; i++) if (m.levels[i][0] === filter.level) levels.add(i);
    }
    if (filter.group) groupIdx = m.groups.indexOf(filter.group);
    var keys = [];
    var first = per[0];
    for (i = 0; i < first.touched.length; i++) {
      var d = first.touched[i];
      var c = this.ctxOf[d] * 6;
      if (levels && !levels.has(m.ctx[c + 2])) continue;
      if (groupIdx !== -2 && (groupIdx < 0 || m.ctx[c + 3] !== groupIdx)) continue;
      var s = first.best[d];
      var title = s >= TITLE_NEAR;
      var ok = true;
      for (var k = 1; k < per.length; k++) {
        var x = per[k].best[d];
        if (x === 0) {
          ok = false;
          break;
        }
        s += x;
        title = title && x >= TITLE_NEAR;
      }
      if (!ok) continue;
      if (title && this.isOcc[d] === 1) s += OCCUPATION_BONUS;
      var tl = parseInt(m.tl[this.ti.at(d)], 36);
      // score descending, then title length, then document, in one number
      keys.push((1048575 - s) * 4294967296 + tl * 67108864 + d);
    }
    var sorted = Float64Array.from(keys).sort();
    var g = this.groupSkills(sorted);
    return { hits: g.hits, also: g.also, suggestion: fixed ? suggestion : "" };
  };

  // groupSkills is search.Index.groupSkills: of the statements of one
  // occupation with one topic, the best ranked stands for the others,
  // listed in also (a Map from a hit to its other documents).
  Engine.prototype.groupSkills = function (sorted) {
    var hits = [], also = new Map(), first = new Map();
    for (var i = 0; i < sorted.length; i++) {
      var d = sorted[i] % 67108864;
      var occ = this.meta.ctx[this.ctxOf[d] * 6 + 1];
      if (this.isStmt[d] !== 1 || occ < 0) {
        hits.push(d);
        continue;
      }
      var k = occ + ":" + this.ti.at(d);
      var at = first.get(k);
      if (at !== undefined) {
        if (!also.has(at)) also.set(at, []);
        also.get(at).push(d);
        continue;
      }
      first.set(k, d);
      hits.push(d);
    }
    return { hits: hits, also: also };
  };

  // fragment returns the #fragment of document d, without "#".
  Engine.prototype.fragment = function (d) {
    var m = this.meta;
    if (Object.prototype.hasOwnProperty.call(m.frags, d)) return m.frags[d];
    if (this.isStmt[d] !== 1) return "";
    var url = this.urlOf[d];
    if (!this.pages) this.pages = inverse(this.urlOfRun, this.urls.length);
    var anchors = this.anchors.get(url);
    if (!anchors) {
      anchors = new Map();
      var nm = new Namer();
      for (var j = this.pages.off[url]; j < this.pages.off[url + 1]; j++) {
        var run = this.pages.docs[j];
        for (var e = this.runStart[run]; e < this.runStart[run + 1]; e++) {
          if (this.isStmt[e] !== 1) continue;
          if (Object.prototype.hasOwnProperty.call(m.frags, e)) nm.claim(m.frags[e]);
          else anchors.set(e, nm.name(anchorBase(m.titles[this.ti.at(e)])));
        }
      }
      this.anchors.set(url, anchors);
    }
    return anchors.get(d);
  };

  // doc returns what meta.js knows of document d.
  Engine.prototype.doc = function (d) {
    var m = this.meta;
    var c = m.ctx.slice(this.ctxOf[d] * 6, this.ctxOf[d] * 6 + 6);
    var occ = c[1] >= 0 ? m.occ[c[1]] : ["", ""];
    var level = c[2] >= 0 ? m.levels[c[2]] : ["", ""];
    var frag = this.fragment(d);
    return {
      kind: m.kinds[c[0]],
      title: m.titles[this.ti.at(d)],
      occupation: occ[0],
      code: occ[1],
      levelKey: level[0],
      level: level[1],
      group: c[3] >= 0 ? m.groups[c[3]] : "",
      url: this.urls[c[5]] + (frag ? "#" + frag : ""),
    };
  };

  // levels returns the labels of the levels that hit d stands for, itself
  // and the documents grouped under it (r.also), in the framework's order.
  Engine.prototype.levels = function (d, also) {
    var self = this;
    var ds = [d].concat(also.get(d) || []).sort(function (a, b) { return a - b; });
    var out = [];
    ds.forEach(function (x) {
      var l = self.doc(x).level;
      if (l && out.indexOf(l) < 0) out.push(l);
    });
    return out;
  };

  // texts loads the texts of documents ds and returns a promise of them.
  Engine.prototype.texts = function (ds) {
    var self = this;
    var m = this.meta;
    var files = new Set();
    ds.forEach(function (d) { files.add(Math.floor(self.xi.at(d) / m.shard)); });
    return Promise.all(Array.from(files).map(function (f) {
      return self.load("texts-" + pad(f) + ".js");
    })).then(function () {
      return ds.map(function (d) {
        var x = self.xi.at(d);
        var text = self.store.get("texts:" + Math.floor(x / m.shard))[x % m.shard];
        var suf = m.ctx[self.ctxOf[d] * 6 + 4];
        return suf >= 0 ? text + m.sufs[suf] : text;
      });
    });
  };

  // Registry is window.ladderSearch: the index files hand it their data.
  function Registry() {
    this.data = new Map();
  }
  Registry.prototype.add = function (kind, n, data) {
    this.data.set(kind + ":" + n, data);
  };
  Registry.prototype.get = function (k) {
    return this.data.get(k);
  };

  var api = {
    fold: fold,
    words: words,
    parseQuery: parseQuery,
    Language: Language,
    nearStem: nearStem,
    key: key,
    anchorBase: anchorBase,
    Namer: Namer,
    segments: segments,
    decodePostings: decodePostings,
    Engine: Engine,
    Registry: Registry,
  };

  var registry = global.ladderSearch instanceof Registry ? global.ladderSearch : new Registry();
  global.ladderSearch = registry;

  if (typeof module === "object" && module.exports) {
    module.exports = api;
  }
  if (typeof document === "undefined") return;

  // ---------------------------------------------------------------------
  // The page.

  var DROPDOWN_HITS = 8;
  var PAGE_HITS = 20;
  var SNIPPET = 240;

  // Script loading, shared by every form on the page: each file once.
  var scripts = new Map();
  function loader(root) {
    return function (file) { return loadScript(root + "search/" + file); };
  }

  function loadScript(src) {
    if (!scripts.has(src)) {
      scripts.set(src, new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () {
          scripts.delete(src);
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(s);
      }));
    }
    return scripts.get(src);
  }

  // STEM_SRC is assets/stem.js beside this script, wherever the page's
  // search index is (a site in several languages may have one per tree).
  var SELF = document.currentScript && document.currentScript.src;
  var STEM_SRC = SELF ? SELF.replace(/[^/?#]*([?#].*)?$/, "stem.js") : "";

  var engines = new Map();
  function engineFor(root) {
    if (!engines.has(root)) {
      engines.set(root, new Engine(loader(root), registry, function () {
        return loadScript(STEM_SRC || root + "assets/stem.js");
      }));
    }
    return engines.get(root);
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // highlight appends text to parent with matched words in <mark>.
  function highlight(parent, text, terms, lang) {
    segments(text, terms, lang).forEach(function (p) {
      if (p[1]) parent.appendChild(el("mark", "", p[0]));
      else parent.appendChild(document.createTextNode(p[0]));
    });
  }

  // snippet shortens a long text around its first match.
  function snippet(text, terms, lang) {
    if (text.length <= SNIPPET) return text;
    var segs = segments(text, terms, lang);
    var at = 0, pos = 0;
    for (var i = 0; i < segs.length; i++) {
      if (segs[i][1]) {
        at = pos;
        break;
      }
      pos += segs[i][0].length;
    }
    var start = Math.max(0, at - SNIPPET / 3);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp > 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(text.length, start + SNIPPET);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  // context is the line under a result's title: an occupation's code and
  // group; a shared skill's count; a statement's occupation and levels
  // (levels: the labels of the levels it stands for, see groupSkills).
  function context(doc, levels) {
    if (doc.kind === "occupation") return [doc.code, doc.group].filter(Boolean).join(" · ");
    if (doc.kind === "skill") return t("shared-skill") + " · " + doc.level;
    var occ = doc.occupation + (doc.code ? " (" + doc.code + ")" : "");
    return [occ, (levels || [doc.level]).join(", ")].filter(Boolean).join(" · ");
  }

  // suggestion appends "Did you mean …?" to parent, linking the query
  // with its typos corrected.
  function suggestion(parent, s, href) {
    var a = el("a", "", s);
    a.href = href;
    tNodes(parent, "did-you-mean", null, { suggestion: a });
  }

  function quoted(q) {
    return t("quoted", { q: q.trim() });
  }

  var uid = 0;

  // whenIdle runs fn once the page has loaded and the browser is idle.
  function whenIdle(fn) {
    var later = function () {
      if (global.requestIdleCallback) global.requestIdleCallback(fn, { timeout: 2000 });
      else setTimeout(fn, 200);
    };
    if (document.readyState === "complete") later();
    else global.addEventListener("load", later, { once: true });
  }

  // Search is one enhanced form.
  function Search(form) {
    this.form = form;
    this.root = form.getAttribute("data-root") || "";
    this.engine = engineFor(this.root);
    this.input = form.querySelector('input[name="q"]');
    this.level = form.querySelector('select[name="level"]');
    this.group = form.querySelector('select[name="group"]');
    this.seq = 0;
    var results = form.getAttribute("data-results");
    this.page = results ? document.getElementById(results) : null;
    if (this.page) this.initPage();
    else this.initDropdown();
    var self = this;
    // The index loads ahead: keys.js (tiny) at once, so that the first
    // word's terms file can load without waiting for it; meta.js when the
    // page is idle after loading, or as soon as the box may be used.
    var preload = function () { self.engine.ready().catch(function () {}); };
    this.engine.keys().catch(function () {});
    ["focusin", "pointerenter", "touchstart"].forEach(function (type) {
      form.addEventListener(type, preload, { once: true, passive: true });
    });
    whenIdle(preload);
    this.input.addEventListener("input", function () { self.update(); });
    [this.level, this.group].forEach(function (s) {
      if (s) s.addEventListener("change", function () { self.update(); });
    });
  }

  Search.prototype.filter = function () {
    return { level: this.level ? this.level.value : "", group: this.group ? this.group.value : "" };
  };

  // update runs the query now; an answer to an older query is dropped.
  Search.prototype.update = function () {
    var self = this;
    var seq = ++this.seq;
    var q = this.input.value;
    var filter = this.filter();
    if (this.page) this.syncAddress(q, filter);
    if (!this.page && Array.from(q.trim()).length < 2) {
      this.close();
      return;
    }
    this.engine.search(q, filter, function () { return seq === self.seq; }).then(function (r) {
      if (!r || seq !== self.seq) return null;
      return self.page ? self.renderPage(q, r, seq) : self.renderDropdown(q, r, seq);
    }).catch(function (err) {
      if (seq === self.seq) self.fail(err);
    });
  };

  Search.prototype.fail = function (err) {
    var msg = t("unavailable");
    if (typeof console !== "undefined") console.error(err);
    if (this.page) {
      this.page.replaceChildren(el("p", "search-empty", msg));
    } else {
      this.listbox.replaceChildren();
      this.status.textContent = msg;
      this.open(false);
    }
  };

  // --- Dropdown ---

  Search.prototype.initDropdown = function () {
    var self = this;
    var id = this.input.id || "ladder-search-" + ++uid;
    this.input.id = id;
    this.dropdown = el("div", "search-dropdown");
    this.dropdown.hidden = true;
    this.listbox = el("div", "search-listbox");
    this.listbox.id = id + "-listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", t("suggestions"));
    this.status = el("p", "search-status");
    this.status.setAttribute("role", "status");
    this.dropdown.appendChild(this.listbox);
    this.dropdown.appendChild(this.status);
    this.input.insertAdjacentElement("afterend", this.dropdown);
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-controls", this.listbox.id);
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("autocomplete", "off");
    this.active = -1;
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    // Keep the focus in the box while an option is clicked.
    this.dropdown.addEventListener("mousedown", function (e) { e.preventDefault(); });
    // Enter on an active option opens it, whatever submits the form.
    this.form.addEventListener("submit", function (e) {
      var opts = self.options();
      if (!self.dropdown.hidden && self.active >= 0 && opts[self.active]) {
        e.preventDefault();
        window.location.href = opts[self.active].href;
      }
    });
    this.form.addEventListener("focusout", function (e) {
      if (!self.form.contains(e.relatedTarget)) self.close();
    });
  };

  Search.prototype.options = function () {
    return Array.prototype.slice.call(this.listbox.querySelectorAll('[role="option"]'));
  };

  Search.prototype.open = function (withOptions) {
    this.dropdown.hidden = false;
    this.input.setAttribute("aria-expanded", withOptions ? "true" : "false");
  };

  Search.prototype.close = function () {
    if (!this.dropdown) return;
    this.dropdown.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  Search.prototype.setActive = function (i) {
    var opts = this.options();
    this.active = i;
    opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === i ? "true" : "false"); });
    if (i >= 0 && opts[i]) {
      this.input.setAttribute("aria-activedescendant", opts[i].id);
      if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Search.prototype.key = function (e) {
    var opts = this.options();
    var isOpen = !this.dropdown.hidden;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!isOpen) {
          if (this.input.value.trim()) this.update();
          e.preventDefault();
          return;
        }
        if (opts.length === 0) return;
        e.preventDefault();
        var next;
        if (e.key === "ArrowDown") next = (this.active + 1) % opts.length;
        else next = this.active <= 0 ? opts.length - 1 : this.active - 1;
        this.setActive(next);
        break;
      case "Enter":
        if (isOpen && this.active >= 0 && opts[this.active]) {
          e.preventDefault();
          window.location.href = opts[this.active].href;
        }
        break;
      case "Escape":
        if (isOpen) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = "";
        }
        break;
    }
  };

  Search.prototype.searchURL = function (q, filter) {
    var p = new URLSearchParams();
    p.set("q", q);
    if (filter.level) p.set("level", filter.level);
    if (filter.group) p.set("group", filter.group);
    return this.root + "search/index.html?" + p.toString();
  };

  Search.prototype.renderDropdown = function (q, r) {
    var self = this;
    var opts = [];
    r.hits.slice(0, DROPDOWN_HITS).forEach(function (d, i) {
      var doc = self.engine.doc(d);
      var a = el("a", "search-option search-option-" + doc.kind);
      a.id = self.listbox.id + "-" + i;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      a.href = self.root + doc.url;
      var title = el("span", "search-option-title");
      highlight(title, doc.title, r.terms, r.lang);
      var ctx = el("span", "search-option-context");
      highlight(ctx, context(doc, self.engine.levels(d, r.also)), r.terms, r.lang);
      a.appendChild(title);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(ctx);
      opts.push(a);
    });
    if (r.total > 0) {
      var all = el("a", "search-option search-all", r.total > opts.length ? t("see-all", { n: r.total }) : t("open-page"));
      all.id = this.listbox.id + "-all";
      all.setAttribute("role", "option");
      all.setAttribute("aria-selected", "false");
      all.tabIndex = -1;
      all.href = this.searchURL(q, this.filter());
      opts.push(all);
    }
    if (r.suggestion) {
      var fix = el("a", "search-option search-suggestion", t("did-you-mean", { suggestion: r.suggestion }));
      fix.id = this.listbox.id + "-fix";
      fix.setAttribute("role", "option");
      fix.setAttribute("aria-selected", "false");
      fix.tabIndex = -1;
      fix.href = this.searchURL(r.suggestion, this.filter());
      opts.unshift(fix);
    }
    this.listbox.replaceChildren.apply(this.listbox, opts);
    this.listbox.hidden = opts.length === 0;
    this.status.textContent = r.total === 0 ? t("no-results", { q: quoted(q) }) : t("results", { n: r.total });
    this.status.className = r.total === 0 ? "search-status search-empty" : "search-status visually-hidden";
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.open(opts.length > 0);
  };

  // --- Search page ---

  Search.prototype.initPage = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.input.value = params.get("q") || "";
    [["level", this.level], ["group", this.group]].forEach(function (p) {
      var v = params.get(p[0]);
      if (p[1] && v !== null) p[1].value = v;
    });
    this.shown = 0;
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.update();
    });
    this.summary = el("p", "search-summary");
    this.summary.setAttribute("role", "status");
    this.page.replaceChildren(this.summary);
    if (this.input.value.trim()) this.update();
    else this.summary.textContent = t("prompt");
  };

  Search.prototype.syncAddress = function (q, filter) {
    try {
      var p = new URLSearchParams();
      if (q) p.set("q", q);
      if (filter.level) p.set("level", filter.level);
      if (filter.group) p.set("group", filter.group);
      var s = p.toString();
      history.replaceState(null, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages; the address
      // then just does not follow.
    }
  };

  Search.prototype.renderPage = function (q, r, seq) {
    var self = this;
    this.result = r;
    this.query = q;
    if (!q.trim()) {
      this.summary.textContent = t("prompt");
      this.page.replaceChildren(this.summary);
      return null;
    }
    if (r.total === 0) {
      this.summary.textContent = t("no-results", { q: quoted(q) });
      var hint = el("p", "search-empty");
      if (r.suggestion) {
        suggestion(hint, r.suggestion, this.searchURL(r.suggestion, this.filter()));
        hint.appendChild(document.createTextNode(" "));
      }
      var az = el("a", "", t("az-list"));
      az.href = this.root + "occupations/index.html";
      tNodes(hint, "no-results-hint", null, { az: az });
      this.page.replaceChildren(this.summary, hint);
      return null;
    }
    this.list = el("ol", "search-hits");
    this.more = el("button", "search-more", t("more"));
    this.more.type = "button";
    this.more.addEventListener("click", function () { self.showMore(self.seq); });
    this.shown = 0;
    return this.showMore(seq, true);
  };

  Search.prototype.showMore = function (seq, first) {
    var self = this;
    var r = this.result;
    var ds = r.hits.slice(this.shown, this.shown + PAGE_HITS);
    return this.engine.texts(ds).then(function (texts) {
      if (seq !== self.seq) return;
      var items = ds.map(function (d, i) {
        var doc = self.engine.doc(d);
        var li = el("li", "search-hit search-hit-" + doc.kind);
        var a = el("a", "search-hit-title");
        a.href = self.root + doc.url;
        highlight(a, doc.title, r.terms, r.lang);
        li.appendChild(a);
        var ctx = el("p", "search-hit-context");
        highlight(ctx, context(doc, self.engine.levels(d, r.also)), r.terms, r.lang);
        li.appendChild(ctx);
        if (texts[i]) {
          var p = el("p", "search-hit-text");
          highlight(p, snippet(texts[i], r.terms, r.lang), r.terms, r.lang);
          li.appendChild(p);
        }
        return li;
      });
      var firstNew = items[0];
      items.forEach(function (li) { self.list.appendChild(li); });
      self.shown += ds.length;
      self.summary.textContent = self.shown < r.total ?
        t("results-for-showing", { n: r.total, q: quoted(self.query), shown: self.shown }) :
        t("results-for", { n: r.total, q: quoted(self.query) });
      if (first) {
        self.page.replaceChildren(self.summary, self.list);
        if (r.suggestion) {
          var fix = el("p", "search-suggestion");
          suggestion(fix, r.suggestion, self.searchURL(r.suggestion, self.filter()));
          self.summary.insertAdjacentElement("afterend", fix);
        }
      }
      if (self.shown < r.total) {
        self.page.appendChild(self.more);
      } else if (self.more.parentNode) {
        self.more.remove();
      }
      if (!first && firstNew) {
        // Move on to the first new result, so keyboard users continue there.
        var link = firstNew.querySelector("a");
        if (link) link.focus();
      }
    });
  };

  function init() {
    var forms = document.querySelectorAll('form.search[role="search"]');
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].querySelector('input[name="q"]')) new Search(forms[i]);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
