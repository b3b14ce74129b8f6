/*
 * ladder self-assessment: "Where do I stand?" on an occupation page and its
 * embed view.
 *
 * The framework comes from its group's data script (occupations/assess/<group>.js,
 * window.ladderData[code]); the section #assess names the code and the way
 * to the site root. Each statement gets one radio group on the scale below;
 * a level is reached when at least REACH of its statements are rated TARGET
 * or above and every level before it is reached too. Ratings are kept in
 * this browser's localStorage only (STORE), in named profiles, per
 * framework code and statement code; they can be exported as JSON or CSV,
 * imported back (a file from another version of the framework is mapped by
 * statement code, and what no longer exists is listed), printed as a
 * personal report, and compared with another occupation by shared skill.
 * Inside a SCORM package (the embed view framed by ladder's launch page)
 * every change is posted to the launch page, which reports it to the LMS.
 */
(function () {
  "use strict";

  // t is the message of key in the page's language, from the catalogue
  // ladder writes into assets/text.js (keys js.* of its i18n/<lang>.toml,
  // without "js."), {name} placeholders filled from
  // vars; a message with plural forms picks the form of vars.n by the
  // language's CLDR rules. Every key here is "assess." and a name.
  // The site's catalogue (assets/text.js), loaded before this script.
  var TEXT = {lang: (window.ladderText || {}).lang || "en", messages: (window.ladderText || {}).messages || {}};
  function t(key, vars) {
    var m = TEXT.messages["assess." + key];
    if (m === undefined) {
      return "assess." + key;
    }
    vars = vars || {};
    if (typeof m === "object") {
      var cat = "other";
      try { cat = new Intl.PluralRules(TEXT.lang).select(vars.n); } catch (e) { /* an unknown language: other */ }
      m = m[cat] !== undefined ? m[cat] : m.other;
    }
    return m.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, function (all, name) {
      return vars[name] !== undefined ? String(vars[name]) : all;
    });
  }

  // tNodes is t as a list of children for el: each {name} of nodes is that
  // node (a link), the rest text.
  function tNodes(key, vars, nodes) {
    var text = t(key, vars);
    var re = /\{([A-Za-z][A-Za-z0-9_]*)\}/g, last = 0, m, out = [];
    while ((m = re.exec(text)) !== null) {
      if (!nodes[m[1]]) {
        continue;
      }
      if (m.index > last) {
        out.push(text.slice(last, m.index));
      }
      out.push(nodes[m[1]]);
      last = re.lastIndex;
    }
    if (last < text.length) {
      out.push(text.slice(last));
    }
    return out;
  }

  var STORE = "ladder.assess.v1";
  var SCALE = [t("scale-1"), t("scale-2"), t("scale-3"), t("scale-4")]; // ratings 1 to 4
  var ME = t("default-profile"); // the profile of a first visit
  var TARGET = 3; // "On my own": the rating that counts a statement as done
  var REACH = 0.75; // the share of a level's statements done for the level to count
  var FORMAT = "ladder-self-assessment";
  var CSV_HEAD = ["framework", "version", "code", "uri", "level", "topic", "statement", "rating", "rating_label"];

  var section = document.getElementById("assess");
  var app = document.getElementById("assess-app");
  if (!section || !app) {
    return;
  }
  var root = section.getAttribute("data-root") || "";
  var embed = section.hasAttribute("data-embed");
  var data = (window.ladderData || {})[section.getAttribute("data-code")];
  var state = load();
  var ui = {};
  var undo = null; // the ratings the last "Clear" removed

  // el makes an element with attributes and children (strings or nodes).
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === true) {
        node.setAttribute(k, "");
      } else if (attrs[k] !== false && attrs[k] !== null && attrs[k] !== undefined) {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function button(label, onClick, cls) {
    var b = el("button", {type: "button", "class": cls || null}, [label]);
    b.addEventListener("click", onClick);
    return b;
  }

  // link makes a link to the site file path (relative to the root).
  function link(path, text) {
    return el("a", {href: root + path}, [text]);
  }

  // --- storage -----------------------------------------------------------

  function load() {
    var s = null;
    try { s = JSON.parse(window.localStorage.getItem(STORE)); } catch (e) { s = null; }
    if (!s || typeof s !== "object" || !s.profiles || typeof s.profiles !== "object") {
      s = {current: ME, profiles: {}};
    }
    // Profiles are keyed by the names people type: a map without a
    // prototype, so "constructor" or "__proto__" is a name like any other.
    s.profiles = Object.assign(Object.create(null), s.profiles);
    if (!s.profiles[s.current]) {
      s.current = Object.keys(s.profiles)[0] || ME;
      s.profiles[s.current] = s.profiles[s.current] || {frameworks: {}};
    }
    return s;
  }

  // save writes the state back; it reports whether the browser kept it.
  function save() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(state));
      return true;
    } catch (e) {
      say(t("storage-failed"));
      return false;
    }
  }

  // ratings returns the ratings of this framework in the current profile,
  // statement code → 1..4, made when missing.
  function ratings() {
    var p = state.profiles[state.current];
    p.frameworks = p.frameworks || {};
    var f = p.frameworks[data.code];
    if (!f) {
      f = p.frameworks[data.code] = {ratings: {}};
    }
    return f.ratings;
  }

  function touch() {
    var f = state.profiles[state.current].frameworks[data.code];
    f.version = data.version;
    f.updated = new Date().toISOString();
  }

  // --- the statements ----------------------------------------------------

  // each calls fn(statement, level, levelIndex) for every statement.
  function each(fn) {
    data.levels.forEach(function (l, i) {
      l.statements.forEach(function (s) { fn(s, l, i); });
    });
  }

  function statementText(s) {
    return s.topic ? s.topic + " — " + s.text : s.text;
  }

  function shortCode(code) {
    return code.indexOf(data.code + ".") === 0 ? code.slice(data.code.length + 1) : code;
  }

  // levelPath is the page of level l: its embed view inside an embed view.
  function levelPath(l) { return embed ? l.embed : l.path; }
  // page is the page of a path that may name a part of it: a level
  // without a page of its own is a part of its occupation's.
  function page(p) { return p.split("#")[0]; }

  // uri is the statement's permanent address, absolute from the site's
  // base URL or else from where this page was opened.
  function uri(l, s) {
    var rel = page(l.path).replace(/index\.html$/, "") + "#" + s.anchor;
    if (data.base) {
      return data.base + rel;
    }
    try { return new URL(root + page(l.path) + "#" + s.anchor, window.location.href).href; } catch (e) { return rel; }
  }

  // standing works out where the ratings stand: per level the statements
  // done (rated TARGET or above) and rated, the level reached, the score.
  function standing() {
    var r = ratings();
    var out = {levels: [], about: -1, done: 0, rated: 0, total: 0};
    var open = true;
    data.levels.forEach(function (l, i) {
      var lv = {label: l.label, total: l.statements.length, done: 0, rated: 0};
      l.statements.forEach(function (s) {
        var v = r[s.code] || 0;
        lv.rated += v > 0 ? 1 : 0;
        lv.done += v >= TARGET ? 1 : 0;
      });
      lv.reached = lv.total > 0 && lv.done / lv.total >= REACH;
      if (open && lv.reached) {
        out.about = i;
      } else {
        open = false;
      }
      out.done += lv.done;
      out.rated += lv.rated;
      out.total += lv.total;
      out.levels.push(lv);
    });
    out.score = out.total ? Math.round(100 * out.done / out.total) : 0;
    return out;
  }

  function standText(st) {
    if (st.rated === 0) {
      return t("stand-none");
    }
    if (st.about < 0) {
      return t("stand-towards", {level: data.levels[0].label});
    }
    return t("stand-at", {level: data.levels[st.about].label});
  }

  function needed(lv) { return Math.max(0, Math.ceil(REACH * lv.total) - lv.done); }

  // --- building the view -------------------------------------------------

  function build() {
    ui.status = el("p", {"class": "assess-status", role: "status", "aria-live": "polite"});
    ui.report = el("div", {"class": "assess-import-report", id: "assess-import-report"});
    ui.summary = el("div", {"class": "assess-summary", id: "assess-summary"});
    ui.form = el("div", {"class": "assess-levels"});
    app.appendChild(profileBar());
    app.appendChild(ui.summary);
    app.appendChild(actions());
    app.appendChild(ui.status);
    app.appendChild(ui.report);
    app.appendChild(ui.form);
    if (!embed) {
      app.appendChild(gapSection());
    }
    app.hidden = false;
    refresh();
  }

  function profileBar() {
    ui.profile = el("select", {id: "assess-profile"});
    ui.profile.addEventListener("change", function () {
      state.current = ui.profile.value;
      save();
      undo = null;
      refresh();
      say(t("showing-profile", {profile: state.current}));
    });
    ui.newName = el("input", {id: "assess-new-profile", type: "text", autocomplete: "off", maxlength: "60"});
    var add = button(t("add-profile"), addProfile, "secondary");
    ui.newName.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        addProfile();
      }
    });
    return el("div", {"class": "assess-bar", role: "group", "aria-label": t("profiles")}, [
      el("div", {}, [el("label", {"for": "assess-profile"}, [t("profile")]), ui.profile]),
      el("div", {}, [el("label", {"for": "assess-new-profile"}, [t("new-profile")]), ui.newName, " ", add]),
      el("div", {}, [button(t("delete-profile"), deleteProfile, "secondary")])
    ]);
  }

  function addProfile() {
    var name = ui.newName.value.replace(/\s+/g, " ").trim();
    if (!name) {
      say(t("name-first"));
      ui.newName.focus();
      return;
    }
    if (!state.profiles[name]) {
      state.profiles[name] = {frameworks: {}};
    }
    state.current = name;
    ui.newName.value = "";
    save();
    refresh();
    say(t("profile-in-use", {profile: name}));
  }

  function deleteProfile() {
    var gone = state.current;
    delete state.profiles[gone];
    var names = Object.keys(state.profiles);
    state.current = names[0] || ME;
    state.profiles[state.current] = state.profiles[state.current] || {frameworks: {}};
    save();
    refresh();
    say(t("profile-deleted", {profile: gone, current: state.current}));
  }

  function actions() {
    ui.file = el("input", {type: "file", accept: ".json,.csv,application/json,text/csv", "class": "visually-hidden", id: "assess-import"});
    ui.file.addEventListener("change", function () {
      var f = ui.file.files && ui.file.files[0];
      if (!f) {
        return;
      }
      var reader = new FileReader();
      reader.onload = function () { importText(f.name, String(reader.result)); ui.file.value = ""; };
      reader.onerror = function () { say(t("read-failed")); };
      reader.readAsText(f);
    });
    return el("div", {"class": "assess-bar", role: "group", "aria-label": t("your-ratings")}, [
      button(t("export-json"), function () { download("json"); }),
      button(t("export-csv"), function () { download("csv"); }),
      el("label", {"class": "file-button"}, [t("import"), ui.file]),
      button(t("print"), printReport),
      button(t("clear"), clearRatings, "secondary")
    ]);
  }

  // statementsForm builds a fieldset per statement, grouped by level.
  function statementsForm() {
    var r = ratings();
    ui.form.textContent = "";
    data.levels.forEach(function (l, i) {
      var id = "assess-level-" + i;
      var list = el("ol", {"class": "assess-list"});
      l.statements.forEach(function (s) { list.appendChild(el("li", {}, [rateControl(l, s, r[s.code] || 0)])); });
      var heading = el("h3", {id: id}, [l.label + " ", el("span", {"class": "muted"}, [t("level-of", {number: i + 1, count: data.levels.length})])]);
      ui.form.appendChild(el("div", {"class": "assess-level", role: "group", "aria-labelledby": id}, [
        heading, el("p", {}, [link(levelPath(l), t("level-page", {level: l.label}))]), list]));
    });
  }

  function rateControl(l, s, value) {
    var name = "rate-" + s.code;
    var choices = el("div", {"class": "choices"});
    SCALE.forEach(function (label, k) {
      var input = el("input", {type: "radio", name: name, value: String(k + 1), checked: value === k + 1});
      input.addEventListener("change", function () { rate(s, k + 1); });
      choices.appendChild(el("label", {}, [input, label]));
    });
    var legend = el("legend", {}, [el("span", {"class": "code"}, [shortCode(s.code)]),
      s.topic ? el("strong", {}, [s.topic]) : "", s.topic ? " — " + s.text : s.text]);
    return el("fieldset", {"class": "rate", "data-code": s.code}, [legend, choices]);
  }

  function rate(s, value) {
    ratings()[s.code] = value;
    touch();
    save();
    undo = null;
    summary();
    report();
  }

  function refresh() {
    ui.profile.textContent = "";
    Object.keys(state.profiles).sort().forEach(function (n) {
      ui.profile.appendChild(el("option", {value: n, selected: n === state.current}, [n]));
    });
    statementsForm();
    summary();
    if (ui.gapTarget && ui.gapTarget.value) {
      showGap(ui.gapTarget.value);
    }
  }

  function summary() {
    var st = standing();
    var list = el("ul", {"class": "assess-progress"});
    st.levels.forEach(function (lv, i) {
      var id = "assess-progress-" + i;
      list.appendChild(el("li", {}, [
        el("span", {id: id + "-l"}, [lv.label]),
        el("progress", {max: String(lv.total), value: String(lv.done), "aria-labelledby": id + "-l " + id + "-t"}),
        el("span", {id: id + "-t"}, [t("progress", {done: lv.done, total: lv.total, rated: lv.rated}) + (lv.reached ? " · " + t("reached") : "")])
      ]));
    });
    ui.summary.textContent = "";
    ui.summary.appendChild(el("p", {"class": "stand", id: "assess-stand"}, [standText(st)]));
    ui.summary.appendChild(list);
    ui.summary.appendChild(el("details", {}, [el("summary", {}, [t("how")]), el("p", {}, [explain(st)])]));
  }

  function explain(st) {
    var parts = [t("explain-rule", {target: SCALE[TARGET - 1], above: SCALE[TARGET]})];
    st.levels.forEach(function (lv) {
      var v = {level: lv.label, done: lv.done, total: lv.total, n: needed(lv)};
      parts.push(lv.reached ? t("explain-reached", v) : t("explain-needed", v));
    });
    parts.push(t("explain-total", {rated: st.rated, n: st.total, score: st.score, target: SCALE[TARGET - 1]}));
    return parts.join(" ");
  }

  function say(text) {
    if (ui.status) {
      ui.status.textContent = text;
    }
  }

  // --- clear, export, import, print --------------------------------------

  function clearRatings() {
    var r = ratings();
    var n = Object.keys(r).length;
    undo = {profile: state.current, ratings: r};
    state.profiles[state.current].frameworks[data.code] = {ratings: {}};
    save();
    refresh();
    report();
    ui.status.textContent = t("cleared", {n: n, profile: state.current}) + " ";
    ui.status.appendChild(button(t("undo"), function () {
      if (undo && state.profiles[undo.profile]) {
        state.profiles[undo.profile].frameworks[data.code] = {ratings: undo.ratings, version: data.version};
        state.current = undo.profile;
        undo = null;
        save();
        refresh();
        report();
        say(t("undone"));
      }
    }, "secondary"));
  }

  // records lists every statement with its rating, for the exports.
  function records() {
    var r = ratings();
    var out = [];
    each(function (s, l) {
      var v = r[s.code] || 0;
      out.push({code: s.code, uri: uri(l, s), level: l.key, levelLabel: l.label, topic: s.topic || "",
        statement: statementText(s), rating: v || null, label: v ? SCALE[v - 1] : ""});
    });
    return out;
  }

  function exportJSON() {
    var st = standing();
    return JSON.stringify({
      format: FORMAT, formatVersion: 1, exportedAt: new Date().toISOString(), profile: state.current,
      framework: {code: data.code, title: data.title, version: data.version, date: data.date || null,
        url: data.base ? data.base + data.page.replace(/index\.html$/, "") : null},
      scale: SCALE.map(function (label, k) { return {value: k + 1, label: label}; }), target: TARGET,
      summary: {about: st.about >= 0 ? data.levels[st.about].label : null, rated: st.rated, total: st.total, score: st.score},
      ratings: records()
    }, null, 2) + "\n";
  }

  function csvField(v) {
    v = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(v) ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
  }

  function exportCSV() {
    var lines = [CSV_HEAD.join(",")];
    records().forEach(function (x) {
      lines.push([data.code, data.version, x.code, x.uri, x.levelLabel, x.topic, x.statement, x.rating, x.label].map(csvField).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function download(kind) {
    var text = kind === "json" ? exportJSON() : exportCSV();
    var type = kind === "json" ? "application/json" : "text/csv";
    var name = (data.code + "-self-assessment-" + state.current).replace(/[^A-Za-z0-9._-]+/g, "-") + "." + kind;
    var url = URL.createObjectURL(new Blob([text], {type: type + ";charset=utf-8"}));
    var a = el("a", {href: url, download: name});
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say(t("exported", {file: name}));
  }

  // parseCSV reads RFC 4180 CSV into rows of fields.
  function parseCSV(text) {
    var rows = [], row = [], field = "", quoted = false;
    text = text.replace(/^\ufeff/, "");
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (quoted) {
        if (c === "\"" && text.charAt(i + 1) === "\"") {
          field += "\"";
          i++;
        } else if (c === "\"") {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c === "\"") {
        quoted = true;
      } else if (c === ",") {
        row.push(field);
        field = "";
      } else if (c === "\n" || c === "\r") {
        if (c === "\r" && text.charAt(i + 1) === "\n") {
          i++;
        }
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
      } else {
        field += c;
      }
    }
    if (field !== "" || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }

  // readFile turns an exported file into {code, version, ratings: [{code,
  // statement, rating}]}, or throws an Error saying what is wrong.
  function readFile(name, text) {
    var body = text.replace(/^\ufeff/, "").trim();
    if (body.charAt(0) === "{") {
      var j = JSON.parse(body);
      if (j.format !== FORMAT || !j.framework || !Array.isArray(j.ratings)) {
        throw new Error(t("not-export", {file: name}));
      }
      return {code: j.framework.code, version: j.framework.version || "", ratings: j.ratings.map(function (x) {
        return {code: String(x.code), statement: x.statement || "", rating: Number(x.rating) || 0};
      })};
    }
    var rows = parseCSV(body);
    var head = rows.shift() || [];
    var col = {};
    head.forEach(function (h, i) { col[h.trim()] = i; });
    if (col.code === undefined || col.rating === undefined || col.framework === undefined) {
      throw new Error(t("no-columns", {file: name}));
    }
    var first = rows[0] || [];
    return {code: first[col.framework] || "", version: first[col.version] || "", ratings: rows.filter(function (r) {
      return r.length > 1;
    }).map(function (r) {
      return {code: r[col.code], statement: r[col.statement] || "", rating: Number(r[col.rating]) || 0};
    })};
  }

  function importText(name, text) {
    var file;
    try { file = readFile(name, text); } catch (e) {
      say(t("nothing-imported", {reason: e instanceof SyntaxError ? t("not-json", {file: name}) : e.message}));
      return;
    }
    if (file.code !== data.code) {
      say(t("nothing-imported", {reason: t("other-framework", {file: name, code: file.code, "this": data.code})}));
      return;
    }
    var known = {};
    each(function (s) { known[s.code] = s; });
    var r = ratings();
    var mapped = 0, reworded = [], missing = [];
    file.ratings.forEach(function (x) {
      if (!(x.rating >= 1 && x.rating <= SCALE.length)) {
        return;
      }
      var s = known[x.code];
      if (!s) {
        missing.push(x);
        return;
      }
      r[x.code] = x.rating;
      mapped++;
      if (x.statement && x.statement !== statementText(s)) {
        reworded.push(x);
      }
    });
    touch();
    save();
    undo = null;
    refresh();
    report();
    importReport(name, file, mapped, reworded, missing);
  }

  function importReport(name, file, mapped, reworded, missing) {
    var other = file.version !== (data.version || "");
    say(t("imported", {n: mapped, file: name}) +
      (other ? " " + t("imported-version", {version: file.version || t("unversioned"), current: data.version || t("unversioned")}) : "") +
      (missing.length ? t("imported-missing", {n: missing.length}) : "."));
    ui.report.textContent = "";
    if (other || missing.length) {
      var counts = {mapped: mapped, reworded: reworded.length, missing: missing.length};
      ui.report.appendChild(el("p", {}, [reworded.length ? t("mapped-reworded", counts) : t("mapped", counts)]));
    }
    if (missing.length) {
      ui.report.appendChild(el("h3", {}, [t("unmapped-title")]));
      ui.report.appendChild(el("ul", {"class": "assess-unmapped"}, missing.map(function (x) {
        return el("li", {}, [el("span", {"class": "code"}, [x.code]), " " + (x.statement || t("no-text")) + ": " + SCALE[x.rating - 1]]);
      })));
    }
    if (reworded.length) {
      ui.report.appendChild(el("h3", {}, [t("reworded-title")]));
      ui.report.appendChild(el("ul", {"class": "assess-reworded"}, reworded.map(function (x) {
        return el("li", {}, [el("span", {"class": "code"}, [x.code]), " " + t("was", {statement: x.statement})]);
      })));
    }
  }

  function printReport() {
    var old = document.getElementById("assess-report");
    if (old) {
      old.parentNode.removeChild(old);
    }
    var st = standing();
    var r = ratings();
    var meta = {code: data.code, version: data.version || t("unversioned"), date: data.date, profile: state.current,
      printed: new Date().toISOString().slice(0, 10)};
    var rep = el("div", {"class": "assess-report", id: "assess-report"}, [
      el("h1", {}, [t("report-title", {title: data.title})]),
      el("p", {}, [data.date ? t("report-meta-dated", meta) : t("report-meta", meta)]),
      el("p", {}, [el("strong", {}, [standText(st)]), " " + explain(st)])
    ]);
    data.levels.forEach(function (l) {
      var rows = l.statements.map(function (s) {
        var v = r[s.code] || 0;
        return el("tr", {}, [el("td", {}, [shortCode(s.code)]), el("td", {}, [statementText(s)]), el("td", {}, [v ? SCALE[v - 1] : t("not-rated")])]);
      });
      rep.appendChild(el("h2", {}, [l.label]));
      rep.appendChild(el("table", {}, [el("thead", {}, [el("tr", {}, [el("th", {}, [t("col-code")]), el("th", {}, [t("col-statement")]), el("th", {}, [t("col-rating")])])]),
        el("tbody", {}, rows)]));
    });
    document.body.appendChild(rep);
    document.documentElement.classList.add("print-report");
    window.addEventListener("afterprint", function done() {
      document.documentElement.classList.remove("print-report");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  // --- gap to another occupation -----------------------------------------

  function gapSection() {
    ui.gapTarget = el("select", {id: "gap-target"}, [el("option", {value: ""}, [t("gap-loading-list")])]);
    ui.gapTarget.disabled = true;
    ui.gapTarget.addEventListener("change", function () { showGap(ui.gapTarget.value); });
    ui.gap = el("div", {"class": "gap-result", id: "gap-result"});
    loadScript(data.index, function () { gapChoices(); });
    return el("div", {"class": "gap", role: "group", "aria-labelledby": "gap-title"}, [
      el("h3", {id: "gap-title"}, [t("gap-title")]),
      el("p", {}, [t("gap-lede", {target: SCALE[TARGET - 1]})]),
      el("label", {"for": "gap-target"}, [t("gap-with")]), " ", ui.gapTarget, ui.gap
    ]);
  }

  // loadScript adds a script of the site (path from the root), which
  // works from file:// where fetch does not.
  function loadScript(path, done) {
    var s = el("script", {src: root + path});
    s.onload = function () { done(null); };
    s.onerror = function () { done(new Error(path)); };
    document.head.appendChild(s);
  }

  function gapChoices() {
    var index = (window.ladderData || {})._index || [];
    var titles = {};
    index.forEach(function (x) { titles[x[0]] = x; });
    ui.gapTarget.textContent = "";
    ui.gapTarget.appendChild(el("option", {value: ""}, [t("gap-choose")]));
    var related = el("optgroup", {label: t("gap-related")}, data.related.filter(function (c) { return titles[c]; }).map(function (c) {
      return el("option", {value: c}, [titles[c][1]]);
    }));
    if (related.children.length) {
      ui.gapTarget.appendChild(related);
    }
    ui.gapTarget.appendChild(el("optgroup", {label: t("gap-all")}, index.filter(function (x) { return x[0] !== data.code; }).map(function (x) {
      return el("option", {value: x[0]}, [x[1]]);
    })));
    ui.gapTarget.disabled = false;
    ui.paths = {};
    index.forEach(function (x) { ui.paths[x[0]] = x[2]; });
  }

  function showGap(code) {
    ui.gap.textContent = "";
    if (!code) {
      return;
    }
    var other = (window.ladderData || {})[code];
    if (other) {
      ui.gap.appendChild(gapView(other));
      return;
    }
    ui.gap.appendChild(el("p", {}, [t("gap-loading")]));
    loadScript(ui.paths[code], function (err) {
      if (ui.gapTarget.value !== code) {
        return;
      }
      ui.gap.textContent = "";
      var loaded = (window.ladderData || {})[code];
      ui.gap.appendChild(loaded && !err ? gapView(loaded) : el("p", {}, [t("gap-not-loaded", {code: code})]));
    });
  }

  // mySkills maps each shared skill of this framework to its best rated
  // statement here.
  function mySkills() {
    var r = ratings();
    var best = {};
    each(function (s) {
      var v = r[s.code] || 0;
      if (s.skill && v > 0 && (!best[s.skill] || best[s.skill].rating < v)) {
        best[s.skill] = {rating: v, statement: s};
      }
    });
    return best;
  }

  function gapView(other) {
    var mine = mySkills();
    var counts = {covered: 0, started: 0, missing: 0, total: 0};
    var levels = other.levels.map(function (l) {
      var groups = {covered: [], started: [], missing: []};
      l.statements.forEach(function (s) {
        var m = s.skill && mine[s.skill];
        var kind = m && m.rating >= TARGET ? "covered" : m && m.rating > 1 ? "started" : "missing";
        groups[kind].push({s: s, m: m});
        counts[kind]++;
        counts.total++;
      });
      return gapLevel(other, l, groups);
    });
    var head = el("p", {"class": "gap-summary"}, [t("gap-summary",
      {covered: counts.covered, n: counts.total, title: other.title, started: counts.started, missing: counts.missing})]);
    return el("div", {}, [el("h4", {}, [link(other.page, other.title)]), head].concat(levels));
  }

  function gapLevel(other, l, groups) {
    var out = el("div", {"class": "gap-level"}, [el("h5", {}, [t("gap-level", {level: l.label, covered: groups.covered.length, total: l.statements.length})])]);
    var titles = {covered: t("gap-covered"), started: t("gap-started"), missing: t("gap-missing")};
    ["covered", "started", "missing"].forEach(function (kind) {
      if (!groups[kind].length) {
        return;
      }
      out.appendChild(el("p", {"class": "gap-kind"}, [titles[kind] + " (" + groups[kind].length + ")"]));
      out.appendChild(el("ul", {"class": "gap-list gap-" + kind}, groups[kind].map(function (x) {
        var item = el("li", {"data-code": x.s.code}, [el("a", {href: root + page(l.path) + "#" + x.s.anchor}, [statementText(x.s)])]);
        if (x.m) {
          var skill = x.s.skillPath ? link(x.s.skillPath, x.s.skillName) : document.createTextNode(x.s.skillName);
          item.appendChild(el("span", {"class": "gap-via"}, [" "].concat(tNodes("gap-via", {code: shortCode(x.m.statement.code),
            statement: x.m.statement.topic || x.m.statement.text, rating: SCALE[x.m.rating - 1]}, {skill: skill}))));
        }
        return item;
      })));
    });
    return out;
  }

  // --- SCORM, through ladder's launch page -------------------------------

  // report posts the ratings to the launch page framing this embed view,
  // which records them in the LMS (see generator/lms/static/launch.js).
  function report() {
    if (!embed || window.parent === window) {
      return;
    }
    var r = ratings();
    var st = standing();
    var list = [];
    each(function (s, l) { list.push({code: s.code, level: l.label, rating: r[s.code] || 0, label: r[s.code] ? SCALE[r[s.code] - 1] : ""}); });
    post({subject: "ladder.assessment", code: data.code, statements: list, score: st.score, scale: SCALE.length, target: TARGET});
  }

  function post(message) {
    try { window.parent.postMessage(message, "*"); } catch (e) { /* no course around */ }
  }

  function listen() {
    if (!embed || window.parent === window) {
      return;
    }
    window.addEventListener("message", function (event) {
      var m = event.data;
      if (event.source !== window.parent || !m || m.subject !== "ladder.assessment.restore" || m.code !== data.code) {
        return;
      }
      var r = ratings();
      var n = 0;
      Object.keys(m.ratings || {}).forEach(function (c) {
        var v = Number(m.ratings[c]);
        if (v >= 1 && v <= SCALE.length && r[c] !== v) {
          r[c] = v;
          n++;
        }
      });
      if (n) {
        touch();
        save();
        refresh();
        say(t("restored", {n: n}));
      }
      report();
    });
    var codes = [];
    each(function (s) { codes.push(s.code); });
    post({subject: "ladder.assessment.ready", code: data.code, codes: codes});
  }

  if (!data) {
    app.appendChild(el("p", {"class": "notice"}, [t("unavailable")]));
    app.hidden = false;
    return;
  }
  build();
  listen();
  window.addEventListener("storage", function (e) {
    if (e.key === STORE) {
      state = load();
      refresh();
    }
  });
}());
