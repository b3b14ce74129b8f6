// harness.js runs assets/search.js in node for search_js_test.go:
//
//   node harness.js <search.js> <site dir with search/> <cases.json>
//
// It loads the index files of the site into the ladderSearch registry,
// answers the cases with search.js's functions and prints the answers as
// JSON for the Go test to compare with Go's.
"use strict";
const vm = require("vm");
const fs = require("fs");
const path = require("path");

const [searchJS, dir, casesFile] = process.argv.slice(2);
require(path.resolve(path.dirname(searchJS), "stem.js"));
const LS = require(path.resolve(searchJS));
const registry = globalThis.ladderSearch;
const loaded = new Map();
const loads = [];
function load(file) {
  if (!loaded.has(file)) {
    loads.push(file);
    const t = process.hrtime.bigint();
    vm.runInThisContext(fs.readFileSync(path.join(dir, "search", file), "utf8"), { filename: file });
    loaded.set(file, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return Promise.resolve();
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
  const out = {};
  out.words = cases.words.map((s) => LS.words(s));
  out.queries = cases.queries.map((s) => LS.parseQuery(s).map((t) => [t.word, t.prefix]));
  out.anchors = cases.anchors.map((s) => LS.anchorBase(s));
  out.stems = cases.stems.map((s) => LS.nearStem(s));
  out.stemWords = (cases.stemWords || []).map((c) => new LS.Language(c[0]).stem(c[1]));
  out.languages = (cases.languages || []).map((c) => LS.parseQuery(c[1], new LS.Language(c[0])).map((t) => [t.word, t.prefix, t.stem]));
  const engine = new LS.Engine(load, registry);
  let t = process.hrtime.bigint();
  await engine.ready();
  out.metaMillis = Number(process.hrtime.bigint() - t) / 1e6;
  out.search = [];
  for (const c of cases.search || []) {
    loads.length = 0;
    t = process.hrtime.bigint();
    const r = await engine.search(c.q, { level: c.level || "", group: c.group || "" });
    const millis = Number(process.hrtime.bigint() - t) / 1e6;
    const hits = c.limit ? r.hits.slice(0, c.limit) : r.hits;
    out.search.push({ hits: hits, also: hits.map((d) => r.also.get(d) || []), suggestion: r.suggestion, total: r.total, millis: millis, loads: loads.slice() });
  }
  if (cases.docs) {
    const all = cases.docs === true ? [...Array(engine.n).keys()] : cases.docs;
    const texts = await engine.texts(all);
    out.docs = all.map((d, i) => {
      const x = engine.doc(d);
      return [x.kind, x.title, texts[i], x.code, x.occupation, x.level, x.levelKey, x.group, x.url];
    });
  }
  const lang = new LS.Language(cases.lang || "en");
  out.segments = (cases.segments || []).map((c) => LS.segments(c[0], LS.parseQuery(c[1], lang), lang));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
