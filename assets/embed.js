// ladder embed pages. An occupation's embed view holds every level, each
// a section whose id is the level's slug: the level a fragment names
// (#advanced) is shown alone by embed.css, and here its link is marked
// current and focus moves to it (a browser may do so itself, or undo it
// as it scrolls to the fragment, so a section takes focus: tabindex -1),
// so that keyboard and screen reader users land where the page scrolled. Framed, the page also tells
// the parent how tall it is, so an LMS iframe can fit it without a scroll
// bar: Canvas listens for the lti.frameResize message; other hosts may use
// the same message.
(function () {
  "use strict";
  // The colour scheme, fixed before the style sheet applies (this script
  // runs in the head, not deferred): ?theme=light|dark|auto in the URL,
  // else the site's embed_theme, this script's data-theme. Links to other
  // pages keep a ?theme= given in the URL.
  var given = new URLSearchParams(location.search).get("theme");
  var script = document.currentScript;
  var theme = /^(light|dark|auto)$/.test(given) ? given : (script && script.getAttribute("data-theme")) || "light";
  if (theme !== "auto") {
    document.documentElement.setAttribute("data-theme", theme);
  }
  var scheme = document.querySelector('meta[name="color-scheme"]');
  if (scheme) {
    scheme.content = theme === "auto" ? "light dark" : theme;
  }
  function keepTheme() {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href"), hash = href.indexOf("#"), page = hash < 0 ? href : href.slice(0, hash);
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|\?/i.test(page) || !/\.html$/.test(page)) {
        return;
      }
      a.setAttribute("href", page + "?theme=" + theme + (hash < 0 ? "" : href.slice(hash)));
    });
  }
  if (given === theme) {
    document.addEventListener("DOMContentLoaded", keepTheme);
  }

  function showLevel(focus) {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep it as it is */ }
    var section = id && document.getElementById(id);
    var level = section && section.classList.contains("embed-level") ? section : null;
    document.querySelectorAll(".level-steps a").forEach(function (a) {
      if (level && a.getAttribute("href") === "#" + level.id) {
        a.setAttribute("aria-current", "location");
      } else {
        a.removeAttribute("aria-current");
      }
    });
    if (level && focus && document.activeElement !== level) {
      level.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", function () { showLevel(location.hash.length > 1); });
  window.addEventListener("hashchange", function () { showLevel(true); });
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) {
      return;
    }
    last = height;
    try {
      window.parent.postMessage({ subject: "lti.frameResize", height: height }, "*");
      window.parent.postMessage(JSON.stringify({ subject: "lti.frameResize", height: height }), "*");
    } catch (e) {
      // A parent that cannot be messaged just keeps its own height.
    }
  }
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  if (window.ResizeObserver) {
    new ResizeObserver(post).observe(document.documentElement);
  }
  post();
})();
