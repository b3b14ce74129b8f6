/*
 * ladder's SCORM 1.2 launch script.
 *
 * It finds the LMS's API object (window.API in a parent frame or in the
 * window that opened this one), initialises the session, and records which
 * level pages the learner has shown in the frame #ladder-frame. Once every
 * level link (a[data-level]) has been shown, cmi.core.lesson_status becomes
 * "completed"; before that it is "incomplete". The visited set is kept in
 * cmi.suspend_data so that it survives to the next session, and
 * cmi.core.lesson_location names the last level shown.
 *
 * With no LMS around, the page works the same but records nothing. Nothing
 * here may throw: every call into another window or into the LMS is guarded.
 */
(function () {
  "use strict";

  var MAX_HOPS = 500; // parent frames to climb before giving up
  var SUSPEND_PREFIX = "ladder1:"; // format of cmi.suspend_data, see encode
  var LOCATION_MAX = 255; // CMIString255
  var SUSPEND_MAX = 4096; // CMIString4096

  var api = null; // the LMS API, once LMSInitialize has succeeded
  var finished = false; // LMSFinish has been called
  var completed = false; // lesson_status is completed (or passed)
  var started = new Date().getTime();
  var restored = null; // visited flags read from cmi.suspend_data
  var frame = null;
  var links = [];
  var visited = [];
  var current = -1;
  var observer = null; // ResizeObserver of the framed page
  var sized = null; // the framed document that reported its own height

  // apiIn climbs from win through its parents, returning the first
  // window.API that has LMSInitialize. A frame from another origin throws on
  // access; that frame is skipped, and the climb goes on where it can.
  function apiIn(win) {
    for (var hops = 0; win && hops <= MAX_HOPS; hops++) {
      try {
        var candidate = win.API;
        if (candidate && typeof candidate.LMSInitialize === "function") {
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

  function findAPI() {
    var found = apiIn(window);
    if (!found) {
      try {
        if (window.opener) {
          found = apiIn(window.opener);
        }
      } catch (e) { found = null; }
    }
    return found;
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

  function get(element) { return lms("LMSGetValue", element); }
  function set(element, value) { return lms("LMSSetValue", element, String(value)); }

  function start() {
    var found = null;
    try { found = findAPI(); } catch (e) { found = null; }
    if (!found) {
      return;
    }
    api = found;
    if (lms("LMSInitialize", "") !== "true") {
      api = null; // the LMS refused: behave as if there were none
      return;
    }
    var status = get("cmi.core.lesson_status");
    completed = status === "completed" || status === "passed";
    restored = decode(get("cmi.suspend_data"));
    if (!completed) {
      set("cmi.core.lesson_status", "incomplete");
      lms("LMSCommit", "");
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

  // key normalises a URL path for comparison: percent-decoded, with a
  // trailing "index.html" dropped.
  function key(path) {
    try { path = decodeURIComponent(path); } catch (e) { /* keep as is */ }
    return path.replace(/\/index\.html?$/, "/");
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
    }
    render();
    return true;
  }

  function levelOf(path) {
    var k = key(path);
    for (var i = 0; i < links.length; i++) {
      if (key(links[i].pathname) === k) {
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
    var path = null;
    try { path = frame.contentWindow.location.pathname; } catch (e) { path = null; }
    if (path === null) {
      return; // another origin: nothing to learn
    }
    fit();
    watchSize();
    var level = levelOf(path);
    var fresh = level >= 0 && !visited[level];
    current = level;
    if (level >= 0) {
      visited[level] = true;
    }
    render();
    if (!api || finished) {
      return;
    }
    var changed = false;
    if (level >= 0) {
      var href = links[level].getAttribute("href") || "";
      set("cmi.core.lesson_location", href.length <= LOCATION_MAX ? href : String(level));
      changed = true;
    }
    if (fresh) {
      var data = encode(visited);
      if (data.length <= SUSPEND_MAX) {
        set("cmi.suspend_data", data);
      }
    }
    // Checked on every page, not only on a fresh level: every level may
    // have been restored as opened while the LMS says incomplete.
    if (!completed && countVisited() === visited.length) {
      completed = true;
      set("cmi.core.lesson_status", "completed");
      changed = true;
    }
    if (changed) {
      lms("LMSCommit", "");
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
      if (!frame || event.source !== frame.contentWindow) {
        return;
      }
      var data = event.data;
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

  function onLoad(event) {
    if (event.target && event.target.id === "ladder-frame" && setup()) {
      shown();
    }
  }

  // finish ends the session once, however the page goes away.
  function finish() {
    if (!api || finished) {
      return;
    }
    finished = true;
    set("cmi.core.session_time", sessionTime(new Date().getTime() - started));
    set("cmi.core.exit", completed ? "" : "suspend");
    lms("LMSFinish", "");
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
          shown();
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
