/*
 * ladder comparison: two occupations side by side, level by level, built
 * in the browser on the one page compare/index.html.
 *
 * The page's query names the two occupations (?a=<code>&b=<code>; a hash
 * "#a=…&b=…" works too). Their frameworks come from the data scripts the
 * self-assessment reads (window.ladderData[code], listed with their paths
 * by the index script the page loads), added with <script> so that it
 * works from file://. The levels and rows line up as ladder's Go model
 * lines them up (relate.Compare, site.Comparison.Levels): levels by their
 * folded key, then the rest in order; within a pair of levels, statements
 * with the same shared skill side by side in A's order, then A's others,
 * then B's. Without a pair in the URL the page offers two lists to pick
 * from.
 */
(function () {
  "use strict";

  var root = document.getElementById("compare");
  if (!root) {
    return;
  }
  // The site's catalogue (assets/text.js), loaded before this script.
  var TEXT = {lang: (window.ladderText || {}).lang || "en", messages: (window.ladderText || {}).messages || {}};
  // t is the message compare.<key> in the page's language with {name}
  // placeholders filled from vars, the plural form of vars.n if it has
  // forms.
  function t(key, vars) {
    var m = TEXT.messages["compare." + key];
    if (m === undefined) {
      return "compare." + key;
    }
    vars = vars || {};
    if (typeof m === "object") {
      var cat = "other";
      try { cat = new Intl.PluralRules(TEXT.lang).select(vars.n); } catch (e) { /* other */ }
      m = m[cat] !== undefined ? m[cat] : m.other;
    }
    return m.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, function (all, name) {
      return vars[name] !== undefined ? String(vars[name]) : all;
    });
  }

  var siteRoot = root.getAttribute("data-root") || "";
  var status = document.getElementById("compare-status");
  var title = document.getElementById("compare-title");
  var out = document.getElementById("compare-levels");
  var data = window.ladderData || {};
  var index = data._index || [];

  function el(name, attrs, children) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function pair() {
    var q = new URLSearchParams(location.search);
    if (!q.get("a") && location.hash.length > 1) {
      q = new URLSearchParams(location.hash.slice(1));
    }
    return [q.get("a") || "", q.get("b") || ""];
  }

  function entry(code) {
    for (var i = 0; i < index.length; i++) {
      if (index[i][0] === code) {
        return index[i];
      }
    }
    return null;
  }

  // load adds the data script of each code (once: occupations of a group
  // share one), then calls done.
  function load(codes, done) {
    var left = 0, added = {};
    codes.forEach(function (code) {
      var path = entry(code)[2];
      if (data[code] || added[path]) {
        return;
      }
      added[path] = true;
      left++;
      var s = document.createElement("script");
      s.src = siteRoot + path;
      s.onload = s.onerror = function () {
        if (--left === 0) {
          done();
        }
      };
      document.head.appendChild(s);
    });
    if (left === 0) {
      done();
    }
  }

  // pick fills and shows the form that chooses two occupations.
  function pick(a, b) {
    var form = document.getElementById("compare-pick");
    [["compare-a", a], ["compare-b", b]].forEach(function (s) {
      var select = document.getElementById(s[0]);
      index.forEach(function (o) {
        var opt = el("option", {value: o[0]}, [o[1] + " (" + o[0] + ")"]);
        opt.selected = o[0] === s[1];
        select.appendChild(opt);
      });
    });
    form.hidden = false;
  }

  function skillKey(s) {
    return s.skillPath ? s.skill : null;
  }

  // levelPairs pairs the levels of a and b as relate.Compare does.
  function levelPairs(la, lb) {
    var pairB = [], takenB = lb.map(function () { return false; });
    var key = function (l) { return l.match || l.key; };
    la.forEach(function (l, i) {
      pairB[i] = -1;
      for (var j = 0; j < lb.length; j++) {
        if (!takenB[j] && key(lb[j]) === key(l)) {
          pairB[i] = j;
          takenB[j] = true;
          break;
        }
      }
    });
    var j = 0;
    la.forEach(function (l, i) {
      if (pairB[i] >= 0) {
        return;
      }
      while (j < lb.length && takenB[j]) {
        j++;
      }
      if (j < lb.length) {
        pairB[i] = j;
        takenB[j] = true;
      }
    });
    var out = la.map(function (l, i) { return [l, pairB[i] >= 0 ? lb[pairB[i]] : null]; });
    lb.forEach(function (l, j) {
      if (!takenB[j]) {
        out.push([null, l]);
      }
    });
    return out;
  }

  // rows lines up the statements of two levels (either may be null).
  function rows(a, b) {
    var sa = a ? a.statements : [], sb = b ? b.statements : [];
    var usedA = sa.map(function () { return false; }), usedB = sb.map(function () { return false; });
    var out = [];
    sa.forEach(function (x, i) {
      var k = skillKey(x);
      if (k === null) {
        return;
      }
      for (var j = 0; j < sb.length; j++) {
        if (!usedB[j] && skillKey(sb[j]) === k) {
          usedA[i] = usedB[j] = true;
          out.push([x, sb[j], true]);
          return;
        }
      }
    });
    sa.forEach(function (x, i) {
      if (!usedA[i]) {
        out.push([x, null, false]);
      }
    });
    sb.forEach(function (y, j) {
      if (!usedB[j]) {
        out.push([null, y, false]);
      }
    });
    return out;
  }

  function shared(fa, fb) {
    var keys = {}, n = 0, seen = {};
    fa.levels.forEach(function (l) {
      l.statements.forEach(function (s) {
        if (skillKey(s) !== null) {
          keys[skillKey(s)] = true;
        }
      });
    });
    fb.levels.forEach(function (l) {
      l.statements.forEach(function (s) {
        var k = skillKey(s);
        if (k !== null && keys[k] && !seen[k]) {
          seen[k] = true;
          n++;
        }
      });
    });
    return n;
  }

  function cell(s, level) {
    if (!s) {
      return el("td", {}, [el("span", {"class": "muted"}, ["—"])]);
    }
    var link = el("a", {href: siteRoot + level.path.split("#")[0] + "#" + s.anchor});
    if (s.topic) {
      link.appendChild(el("strong", {}, [s.topic]));
      link.appendChild(document.createTextNode(" — "));
    }
    link.appendChild(document.createTextNode(s.text));
    return el("td", {}, [link]);
  }

  function table(fa, fb, p) {
    var a = p[0], b = p[1];
    var label = a ? a.label : b.label;
    if (a && b && a.label !== b.label) {
      label = a.label + " / " + b.label;
    }
    var body = el("tbody");
    rows(a, b).forEach(function (r) {
      body.appendChild(el("tr", r[2] ? {"class": "shared"} : {}, [cell(r[0], a), cell(r[1], b)]));
    });
    return el("section", {"class": "compare-level"}, [
      el("h2", {}, [label]),
      el("table", {"class": "compare-table"}, [
        el("caption", {"class": "visually-hidden"}, [t("caption", {level: a ? a.label : b.label})]),
        el("thead", {}, [el("tr", {}, [el("th", {scope: "col"}, [fa.title]), el("th", {scope: "col"}, [fb.title])])]),
        body
      ])
    ]);
  }

  function link(f) {
    return el("a", {href: siteRoot + f.page}, [f.title]);
  }

  // lede is the message with {a} and {b} as links to the two pages.
  function lede(fa, fb, n) {
    var text = t("lede", {n: n}), nodes = {a: link(fa), b: link(fb)};
    var re = /\{(a|b)\}/g, last = 0, m, out = [];
    while ((m = re.exec(text)) !== null) {
      out.push(text.slice(last, m.index), nodes[m[1]]);
      last = re.lastIndex;
    }
    out.push(text.slice(last));
    return out;
  }

  function show(a, b) {
    var fa = data[a], fb = data[b];
    var missing = [a, b].filter(function (c) { return !data[c]; });
    if (missing.length) {
      status.textContent = t("unknown", {code: missing.join(", ")});
      pick(a, b);
      return;
    }
    var heading = t("title", {a: fa.title, b: fb.title});
    title.textContent = heading;
    document.title = heading + document.title.slice(document.title.indexOf(" · "));
    lede(fa, fb, shared(fa, fb)).forEach(function (n) {
      status.appendChild(typeof n === "string" ? document.createTextNode(n) : n);
    });
    levelPairs(fa.levels, fb.levels).forEach(function (p) {
      out.appendChild(table(fa, fb, p));
    });
  }

  var ab = pair();
  if (!ab[0] || !ab[1]) {
    pick(ab[0], ab[1]);
    return;
  }
  var known = ab.filter(entry);
  if (known.length < 2) {
    status.textContent = t("unknown", {code: ab.filter(function (c) { return !entry(c); }).join(", ")});
    pick(ab[0], ab[1]);
    return;
  }
  load(ab, function () { show(ab[0], ab[1]); });
})();
