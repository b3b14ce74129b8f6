/*
 * ladder's launch script, for SCORM 1.2, SCORM 2004 and cmi5.
 *
 * Launched by a cmi5 LMS (the URL has endpoint, fetch, actor, registration
 * and activityId), it reports by xAPI to the LMS's LRS: "initialized" once
 * started, "completed" once every level has been shown, "terminated" when
 * the page goes away. Otherwise it finds the LMS's SCORM API object
 * (window.API_1484_11 for SCORM 2004, else window.API for SCORM 1.2, in a
 * parent frame or in the window that opened this one), initialises the
 * session, and records which levels the learner has shown in the frame
 * #ladder-frame. A level link (a[data-level]) names a page, or a section
 * of one by its fragment (an occupation's embed view holds every level,
 * each at #<slug>): the frame moves between a page's sections by fragment,
 * without loading it again, so the framed page's hashchange counts as
 * showing a level as its load does. Once every level has been shown, the
 * completion status (cmi.core.lesson_status, or cmi.completion_status in
 * 2004) becomes "completed"; before that it is "incomplete". The visited
 * set is kept in cmi.suspend_data so that it survives to the next session,
 * and the location names the last level shown (the frame goes back to it
 * when the next session starts). The framed embed view's self-assessment
 * (assets/assess.js) posts its ratings here: each changed rating becomes
 * an interaction, the share of statements rated at or above the target the
 * score, and the ratings join the visited set in cmi.suspend_data, posted
 * back to the page when it opens in a later session.
 *
 * With no LMS around, the page works the same but records nothing. Nothing
 * here may throw: every call into another window or into the LMS is guarded.
 */
(function () {
  "use strict";

  var MAX_HOPS = 500; // parent frames to climb before giving up
  var SUSPEND_PREFIX = "ladder1:"; // format of cmi.suspend_data, see encode

  // The two SCORM run-times' names and limits for the same things.
  var SCORM12 = {
    api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
    status: "cmi.core.lesson_status", location: "cmi.core.lesson_location", suspend: "cmi.suspend_data",
    time: "cmi.core.session_time", exit: "cmi.core.exit", normalExit: "",
    locationMax: 255, suspendMax: 4096, duration: sessionTime,
    score: "cmi.core.score.", response: "student_response", stamp: "time", stampOf: clockTime
  };
  var SCORM2004 = {
    api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
    status: "cmi.completion_status", location: "cmi.location", suspend: "cmi.suspend_data",
    time: "cmi.session_time", exit: "cmi.exit", normalExit: "normal",
    locationMax: 1000, suspendMax: 64000, duration: isoDuration,
    score: "cmi.score.", response: "learner_response", stamp: "timestamp", stampOf: isoTime
  };
  var rte = SCORM12; // the run-time of the API found

  var api = null; // the LMS API, once its initialisation has succeeded
  var xapi = null; // the cmi5 session, when launched by a cmi5 LMS
  var finished = false; // the session has been ended
  var completed = false; // lesson_status is completed (or passed)
  var started = new Date().getTime();
  var restored = null; // visited flags read from cmi.suspend_data
  var resumeAt = ""; // the location the last session left, a level link's href
  var frame = null;
  var links = [];
  var visited = [];
  var current = -1;
  var observer = null; // ResizeObserver of the framed page
  var sized = null; // the framed document that reported its own height
  var assessment = ""; // the self-assessment's part of cmi.suspend_data, see assessPart
  var reported = {}; // statement code → the rating last recorded as an interaction

  // apiIn climbs from win through its parents, returning the first API
  // object of the run-time r (window[r.api] with the method r.init). A
  // frame from another origin throws on access; that frame is skipped, and
  // the climb goes on where it can.
  function apiIn(win, r) {
    for (var hops = 0; win && hops <= MAX_HOPS; hops++) {
      try {
        var candidate = win[r.api];
        if (candidate && typeof candidate[r.init] === "function") {
          return candidate;
        }
      } catch (e) { /* another origin */ }
      var parent = null;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) {
        break;
      }
      win = parent;
    }
    return null;
  }

  // findAPI looks for a SCORM 2004 API, then a SCORM 1.2 one, setting rte
  // to the run-time found.
  function findAPI() {
    var runtimes = [SCORM2004, SCORM12];
    for (var i = 0; i < runtimes.length; i++) {
      var found = apiIn(window, runtimes[i]);
      if (!found) {
        try {
          if (window.opener) {
            found = apiIn(window.opener, runtimes[i]);
          }
        } catch (e) { found = null; }
      }
      if (found) {
        rte = runtimes[i];
        return found;
      }
    }
    return null;
  }

  // lms calls the API method name with args, returning its result as a
  // string ("" when there is no API or the call throws).
  function lms(name) {
    if (!api) {
      return "";
    }
    try {
      var result = api[name].apply(api, Array.prototype.slice.call(arguments, 1));
      return result === undefined || result === null ? "" : String(result);
    } catch (e) {
      return "";
    }
  }

  function get(element) { return lms(rte.get, element); }
  function set(element, value) { return lms(rte.set, element, String(value)); }

  function start() {
    if (cmi5Start()) {
      return;
    }
    var found = null;
    try { found = findAPI(); } catch (e) { found = null; }
    if (!found) {
      return;
    }
    api = found;
    if (lms(rte.init, "") !== "true") {
      api = null; // the LMS refused: behave as if there were none
      return;
    }
    var status = get(rte.status);
    completed = status === "completed" || status === "passed";
    restored = decode(get(rte.suspend));
    resumeAt = get(rte.location);
    if (!completed) {
      set(rte.status, "incomplete");
      lms(rte.commit, "");
    }
  }

  // encode writes the visited flags as "ladder1:<count>:<hex>", four levels
  // to a hex digit (level i is bit i%4 of digit i/4), so that thousands of
  // levels fit in the 4096 characters of cmi.suspend_data.
  function encode(flags) {
    var hex = "";
    for (var i = 0; i < flags.length; i += 4) {
      var nibble = 0;
      for (var b = 0; b < 4 && i + b < flags.length; b++) {
        if (flags[i + b]) {
          nibble |= 1 << b;
        }
      }
      hex += nibble.toString(16);
    }
    return SUSPEND_PREFIX + flags.length + ":" + hex;
  }

  // decode reads what encode wrote; it returns null for anything else, and
  // the caller ignores flags whose count differs from the page's levels.
  function decode(text) {
    if (!text || text.indexOf(SUSPEND_PREFIX) !== 0) {
      return null;
    }
    var bar = text.indexOf("|");
    if (bar >= 0) {
      assessment = text.slice(bar + 1);
      text = text.slice(0, bar);
    }
    var parts = text.slice(SUSPEND_PREFIX.length).split(":");
    var count = parseInt(parts[0], 10);
    var hex = parts[1] || "";
    if (parts.length !== 2 || !(count >= 0) || !/^[0-9a-f]*$/.test(hex) || hex.length !== Math.ceil(count / 4)) {
      return null;
    }
    var flags = [];
    for (var i = 0; i < count; i++) {
      flags.push((parseInt(hex.charAt(i >> 2), 16) & (1 << (i % 4))) !== 0);
    }
    return flags;
  }

  // key normalises a URL's path and fragment for comparison:
  // percent-decoded, with a trailing "index.html" dropped; an empty
  // fragment ("#") is none.
  function key(path, hash) {
    var k = path.replace(/\/index\.html?$/, "/") + (hash && hash !== "#" ? hash : "");
    try { k = decodeURIComponent(k); } catch (e) { /* keep as is */ }
    return k;
  }

  // setup reads the page once the level links and the frame exist.
  function setup() {
    if (frame) {
      return true;
    }
    frame = document.getElementById("ladder-frame");
    if (!frame) {
      return false;
    }
    links = Array.prototype.slice.call(document.querySelectorAll("a[data-level]"));
    for (var i = 0; i < links.length; i++) {
      visited.push(!!(restored && restored.length === links.length && restored[i]));
      if (resumeAt && links[i].getAttribute("href") === resumeAt) {
        // Back where the last session left: the level's address.
        try { frame.contentWindow.location.replace(links[i].href); } catch (e) { frame.src = links[i].href; }
      }
    }
    render();
    return true;
  }

  function levelOf(path, hash) {
    var k = key(path, hash);
    for (var i = 0; i < links.length; i++) {
      if (key(links[i].pathname, links[i].hash) === k) {
        return i;
      }
    }
    return -1;
  }

  function countVisited() {
    var n = 0;
    for (var i = 0; i < visited.length; i++) {
      if (visited[i]) {
        n++;
      }
    }
    return n;
  }

  function render() {
    for (var i = 0; i < links.length; i++) {
      if (visited[i]) {
        links[i].setAttribute("data-visited", "");
      } else {
        links[i].removeAttribute("data-visited");
      }
      if (i === current) {
        links[i].setAttribute("aria-current", "page");
      } else {
        links[i].removeAttribute("aria-current");
      }
    }
    var progress = document.getElementById("ladder-progress");
    if (progress) {
      var done = countVisited();
      var text = done === links.length && progress.getAttribute("data-done") ?
        progress.getAttribute("data-done") : progress.getAttribute("data-template") || "";
      text = text.replace("{done}", String(done)).replace("{total}", String(links.length));
      if (progress.textContent !== text) {
        progress.textContent = text;
      }
    }
  }

  // shown handles a page shown in the frame: it marks its level visited and
  // tells the LMS.
  function shown() {
    var path = null, hash = "";
    try {
      path = frame.contentWindow.location.pathname;
      hash = frame.contentWindow.location.hash;
    } catch (e) { path = null; }
    if (path === null) {
      return; // another origin: nothing to learn
    }
    fit();
    var level = levelOf(path, hash);
    var fresh = level >= 0 && !visited[level];
    current = level;
    if (level >= 0) {
      visited[level] = true;
    }
    render();
    if (xapi && !completed && countVisited() === visited.length) {
      completed = true;
      cmi5Completed();
    }
    if (!api || finished) {
      return;
    }
    var changed = false;
    if (level >= 0) {
      var href = links[level].getAttribute("href") || "";
      set(rte.location, href.length <= rte.locationMax ? href : String(level));
      changed = true;
    }
    if (fresh) {
      saveSuspend();
    }
    // Checked on every page, not only on a fresh level: every level may
    // have been restored as opened while the LMS says incomplete.
    if (!completed && countVisited() === visited.length) {
      completed = true;
      set(rte.status, "completed");
      changed = true;
    }
    if (changed) {
      lms(rte.commit, "");
    }
  }

  // saveSuspend writes the visited levels and the self-assessment to
  // cmi.suspend_data: "ladder1:<count>:<hex>|a<count>:<digits>", the second
  // part the rating (0 for none) of each statement in the page's order.
  function saveSuspend() {
    var data = encode(visited) + (assessment ? "|" + assessment : "");
    if (data.length > rte.suspendMax) {
      data = encode(visited);
    }
    set(rte.suspend, data);
  }

  // restoreFor reads the assessment part for the statement codes the framed
  // page lists: code → rating; empty when it was saved for other statements.
  function restoreFor(codes) {
    var m = /^a(\d+):([0-9]*)$/.exec(assessment || "");
    var out = {};
    if (!m || Number(m[1]) !== codes.length || m[2].length !== codes.length) {
      return out;
    }
    for (var i = 0; i < codes.length; i++) {
      var v = Number(m[2].charAt(i));
      if (v > 0) {
        out[codes[i]] = v;
        reported[codes[i]] = v;
      }
    }
    return out;
  }

  // onAssessment records the self-assessment the framed embed view posts
  // (see assets/assess.js): an interaction (likert, the rating's value) for
  // each statement whose rating changed, the score as the share of
  // statements rated at or above the target, and the ratings in
  // cmi.suspend_data for the next session.
  function onAssessment(m) {
    if (!api || finished || !m.statements || !m.statements.length) {
      return;
    }
    var digits = "";
    for (var i = 0; i < m.statements.length; i++) {
      var st = m.statements[i];
      var v = Math.max(0, Math.min(9, Number(st.rating) || 0));
      digits += String(v);
      if (v > 0 && reported[st.code] !== v) {
        interaction(st, v);
        reported[st.code] = v;
      }
    }
    assessment = "a" + m.statements.length + ":" + digits;
    var score = Math.max(0, Math.min(100, Math.round(Number(m.score) || 0)));
    set(rte.score + "min", "0");
    set(rte.score + "max", "100");
    set(rte.score + "raw", String(score));
    if (rte === SCORM2004) {
      set("cmi.score.scaled", String(score / 100));
    }
    saveSuspend();
    lms(rte.commit, "");
  }

  function interaction(st, v) {
    var n = parseInt(get("cmi.interactions._count"), 10);
    var p = "cmi.interactions." + (n >= 0 ? n : 0) + ".";
    set(p + "id", String(st.code).replace(/[^A-Za-z0-9._:-]/g, "_").slice(0, 250));
    set(p + "type", "likert");
    set(p + rte.response, String(v));
    set(p + "result", "neutral");
    set(p + rte.stamp, rte.stampOf(new Date()));
    if (rte === SCORM2004 && st.label) {
      set(p + "description", st.level + ": " + st.label);
    }
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  // clockTime is a SCORM 1.2 CMITime, HH:MM:SS.
  function clockTime(d) { return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()); }

  // isoTime is a SCORM 2004 time(second,10,0), to the second.
  function isoTime(d) { return d.toISOString().slice(0, 19); }

  // onFrameMessage answers the framed page's self-assessment: its first
  // message gets the ratings kept in the LMS back.
  function onFrameMessage(data) {
    if (data.subject === "ladder.assessment.ready") {
      var ratings = restoreFor(data.codes || []);
      try {
        frame.contentWindow.postMessage({subject: "ladder.assessment.restore", code: data.code, ratings: ratings}, "*");
      } catch (e) { /* the frame went away */ }
    } else if (data.subject === "ladder.assessment") {
      onAssessment(data);
    }
  }

  function setHeight(px) {
    if (frame && px > 0 && px < 1000000) {
      frame.style.height = Math.ceil(px) + "px";
    }
  }

  // fit sizes the frame to its page when the page is from this origin and
  // has not reported its own height.
  function fit() {
    try {
      var doc = frame.contentDocument;
      if (doc && doc !== sized && doc.documentElement) {
        setHeight(doc.documentElement.getBoundingClientRect().height);
      }
    } catch (e) { /* another origin: wait for a message */ }
  }

  // watchSize refits the frame whenever its page changes size.
  function watchSize() {
    try {
      if (observer) {
        observer.disconnect();
        observer = null;
      }
      var win = frame.contentWindow;
      var doc = frame.contentDocument;
      if (win && win.ResizeObserver && doc && doc !== sized) {
        observer = new win.ResizeObserver(fit);
        observer.observe(doc.documentElement);
      }
    } catch (e) { observer = null; }
  }

  // onMessage takes the height the framed page posts, in the form Canvas
  // listens for: {subject: "lti.frameResize", height: 1234} (or the same as
  // JSON text). Only the framed page is listened to.
  function onMessage(event) {
    try {
      if (!frame) {
        setup();
      }
      if (!frame || event.source !== frame.contentWindow) {
        return;
      }
      var data = event.data;
      if (data && typeof data === "object" && typeof data.subject === "string" && data.subject.indexOf("ladder.assessment") === 0) {
        onFrameMessage(data);
        return;
      }
      if (typeof data === "string") {
        if (data.indexOf("lti.frameResize") < 0) {
          return;
        }
        data = JSON.parse(data);
      }
      if (data && data.subject === "lti.frameResize") {
        // A page that reports its height knows it best: stop measuring it.
        setHeight(parseFloat(data.height));
        try { sized = frame.contentDocument; } catch (e) { sized = null; }
        if (sized && observer) {
          observer.disconnect();
          observer = null;
        }
      }
    } catch (e) { /* not a message for us */ }
  }

  // framed starts following a page just loaded in the frame: its size,
  // and its fragment, which names the level shown.
  function framed() {
    watchSize();
    try { frame.contentWindow.addEventListener("hashchange", shown); } catch (e) { /* another origin */ }
    shown();
  }

  function onLoad(event) {
    if (event.target && event.target.id === "ladder-frame" && setup()) {
      framed();
    }
  }

  // finish ends the session once, however the page goes away.
  function finish() {
    if (xapi && !finished) {
      finished = true;
      cmi5Send("terminated", {duration: isoDuration(new Date().getTime() - started)}, true);
      return;
    }
    if (!api || finished) {
      return;
    }
    finished = true;
    set(rte.time, rte.duration(new Date().getTime() - started));
    set(rte.exit, completed ? rte.normalExit : "suspend");
    lms(rte.finish, "");
  }

  // sessionTime formats milliseconds as a CMITimespan, HHHH:MM:SS.SS.
  function sessionTime(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.min(9999, Math.floor(cs / 360000));
    var m = Math.floor(cs / 6000) % 60;
    var s = Math.floor(cs / 100) % 60;
    var c = cs % 100;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(h) + ":" + two(m) + ":" + two(s) + "." + two(c);
  }

  // isoDuration formats milliseconds as an ISO 8601 duration to the
  // hundredth of a second, PT#H#M#.##S (SCORM 2004 timeinterval, xAPI).
  function isoDuration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var c = cs % 100;
    return "PT" + Math.floor(cs / 360000) + "H" + (Math.floor(cs / 6000) % 60) + "M" +
      (Math.floor(cs / 100) % 60) + "." + (c < 10 ? "0" : "") + c + "S";
  }

  // cmi5Start starts a cmi5 session when the URL carries cmi5's launch
  // parameters: it fetches the auth token from the fetch URL, reads the
  // LMS.LaunchData state (its context template and launch mode), then
  // sends "initialized". It returns whether the page was launched so.
  function cmi5Start() {
    var q = null;
    try { q = new URLSearchParams(window.location.search); } catch (e) { return false; }
    var p = {endpoint: q.get("endpoint"), fetch: q.get("fetch"), actor: q.get("actor"),
      registration: q.get("registration"), activityId: q.get("activityId")};
    if (!p.endpoint || !p.fetch || !p.actor || !p.registration || !p.activityId || !window.fetch) {
      return false;
    }
    try { p.actor = JSON.parse(p.actor); } catch (e) { return false; }
    if (p.endpoint.charAt(p.endpoint.length - 1) !== "/") {
      p.endpoint += "/";
    }
    p.context = {};
    p.mode = "Normal";
    xapi = p;
    p.queue = window.fetch(p.fetch, {method: "POST"}).then(function (r) { return r.json(); }).then(function (body) {
      p.auth = "Basic " + body["auth-token"];
      var query = "stateId=LMS.LaunchData&activityId=" + encodeURIComponent(p.activityId) +
        "&agent=" + encodeURIComponent(JSON.stringify(p.actor)) + "&registration=" + encodeURIComponent(p.registration);
      return window.fetch(p.endpoint + "activities/state?" + query, {headers: xapiHeaders()});
    }).then(function (r) { return r.json(); }).then(function (data) {
      p.context = (data && data.contextTemplate) || {};
      p.mode = (data && data.launchMode) || "Normal";
    }).catch(function () { xapi = null; });
    cmi5Send("initialized", null, false);
    return true;
  }

  function xapiHeaders() {
    return {"Authorization": xapi.auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"};
  }

  // cmi5Completed reports completion, unless the LMS launched the page for
  // review or browsing only.
  function cmi5Completed() {
    cmi5Send("completed", {completion: true, duration: isoDuration(new Date().getTime() - started)}, false);
  }

  // cmi5Send queues the cmi5-defined statement verb (with result when
  // given) after those before it; keepalive lets it leave a closing page.
  function cmi5Send(verb, result, keepalive) {
    var session = xapi;
    if (!session) {
      return;
    }
    var at = new Date().toISOString();
    session.queue = session.queue.then(function () {
      if (xapi !== session || (verb === "completed" && session.mode !== "Normal")) {
        return null;
      }
      return window.fetch(session.endpoint + "statements", {method: "POST", headers: xapiHeaders(),
        body: JSON.stringify(cmi5Statement(verb, result, at)), keepalive: keepalive});
    }).catch(function () { return null; });
  }

  // cmi5Statement builds a cmi5-defined statement: the LMS's context
  // template with the registration and cmi5's categories.
  function cmi5Statement(verb, result, at) {
    var ctx = JSON.parse(JSON.stringify(xapi.context || {}));
    ctx.registration = xapi.registration;
    ctx.contextActivities = ctx.contextActivities || {};
    var category = ctx.contextActivities.category || [];
    category.push({id: "https://w3id.org/xapi/cmi5/context/categories/cmi5"});
    if (verb === "completed") {
      category.push({id: "https://w3id.org/xapi/cmi5/context/categories/moveon"});
    }
    ctx.contextActivities.category = category;
    var s = {
      id: uuid(), timestamp: at, actor: xapi.actor,
      verb: {id: "http://adlnet.gov/expapi/verbs/" + verb, display: {"en-US": verb}},
      object: {id: xapi.activityId, objectType: "Activity"}, context: ctx
    };
    if (result) {
      s.result = result;
    }
    return s;
  }

  // uuid returns a random (version 4) UUID.
  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.floor(Math.random() * 16);
      return (c === "x" ? r : (r & 3) | 8).toString(16);
    });
  }

  start();
  // Capture: the frame's load event does not bubble, and it may come
  // before DOMContentLoaded.
  document.addEventListener("load", onLoad, true);
  document.addEventListener("DOMContentLoaded", function () {
    if (setup()) {
      // The frame may have finished loading before this script saw it.
      try {
        var doc = frame.contentDocument;
        if (doc && doc.readyState === "complete" && doc.location.href !== "about:blank") {
          framed();
        }
      } catch (e) { /* another origin */ }
    }
  });
  // Outline the frame while focus is inside it (see launch.css).
  window.addEventListener("blur", function () {
    if (frame && document.activeElement === frame) {
      frame.classList.add("focus-inside");
    }
  });
  window.addEventListener("focus", function () {
    if (frame) {
      frame.classList.remove("focus-inside");
    }
  });
  window.addEventListener("message", onMessage);
  window.addEventListener("resize", function () { if (frame) { fit(); } });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  window.addEventListener("unload", finish);
}());
