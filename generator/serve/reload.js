// Live reload for `ladder serve`. The development server adds this script
// to the pages it serves; it is never part of a published site.
//
// Events (Server-Sent Events from /__ladder/events, data is JSON):
//   hello  {build}               on every (re)connection: reload if the site
//                                changed since this page was served
//   reload {build}               the site was rebuilt: reload the page
//   reload {build, pages}        these pages changed: reload if this is one
//   css    {build}               only style sheets changed: swap them in place
//   error  {build, diagnostics}  the input is broken: show the overlay
//   clear  {build}               the input is fixed: hide the overlay
(() => {
  "use strict";
  const script = document.currentScript;
  let build = (script && script.dataset.ladderBuild) || "";
  const OVERLAY_ID = "ladder-error-overlay";
  let source = null;

  function connect() {
    source = new EventSource("/__ladder/events");
    source.addEventListener("hello", (e) => {
      const msg = JSON.parse(e.data);
      if (build && msg.build !== build) {
        location.reload(); // rebuilt while disconnected, or a new server
        return;
      }
      build = msg.build;
    });
    source.addEventListener("reload", (e) => {
      const msg = JSON.parse(e.data);
      if (Array.isArray(msg.pages) && !msg.pages.includes(currentPage())) {
        build = msg.build; // nothing on this page changed
        return;
      }
      location.reload();
    });
    source.addEventListener("css", (e) => {
      build = JSON.parse(e.data).build;
      hideOverlay();
      refreshStyleSheets();
    });
    source.addEventListener("error", (e) => {
      // EventSource fires a plain "error" Event when the connection drops;
      // only the server's error events carry data.
      if (typeof e.data !== "string") {
        if (source.readyState === EventSource.CLOSED) {
          // The browser gave up (the server answered with an error):
          // try again, as it does by itself after a network error.
          source = null;
          setTimeout(connect, 1000);
        }
        return;
      }
      showOverlay(JSON.parse(e.data).diagnostics || []);
    });
    source.addEventListener("clear", hideOverlay);
  }

  // currentPage is this page's file relative to the site root, as the
  // server names changed pages: "occupations/x/index.html".
  function currentPage() {
    let p = location.pathname;
    try {
      p = decodeURIComponent(p);
    } catch (_) {
      // A malformed escape: compare the path as it is.
    }
    if (p.endsWith("/")) p += "index.html";
    return p.replace(/^\/+/, "");
  }

  // refreshStyleSheets loads every same-origin style sheet again under a
  // new URL, keeping the old one until the new one has loaded, so the page
  // never shows unstyled.
  function refreshStyleSheets() {
    const stamp = String(Date.now());
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const href = link.getAttribute("href");
      if (!href) continue;
      const url = new URL(href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("ladder-reload", stamp);
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener("load", () => link.remove(), { once: true });
      next.addEventListener("error", () => next.remove(), { once: true });
      link.after(next);
    }
  }

  function hideOverlay() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, style, text) {
    const e = document.createElement(tag);
    Object.assign(e.style, style || {});
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

  // showOverlay lists the diagnostics over the page, which stays the last
  // good build underneath. All text goes in as text, never as markup.
  function showOverlay(diagnostics) {
    hideOverlay();
    const backdrop = el("div", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(0, 0, 0, 0.55)", padding: "2rem 1rem", boxSizing: "border-box",
    });
    backdrop.id = OVERLAY_ID;

    const panel = el("div", {
      position: "relative", maxWidth: "60rem", margin: "0 auto", padding: "1.25rem 1.5rem",
      background: "#ffffff", color: "#1a1a1a", borderTop: "6px solid #b3261e",
      borderRadius: "6px", boxShadow: "0 8px 32px rgba(0, 0, 0, 0.4)",
      font: '16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', textAlign: "left",
    });
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    backdrop.append(panel);

    const close = el("button", {
      position: "absolute", top: "0.5rem", right: "0.5rem", minWidth: "2.75rem", minHeight: "2.75rem",
      font: "inherit", fontSize: "1.5rem", lineHeight: "1", cursor: "pointer",
      background: "#ffffff", color: "#1a1a1a", border: "2px solid #1a1a1a", borderRadius: "4px",
    }, "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close the error report");
    close.addEventListener("click", hideOverlay);
    panel.append(close);

    const n = diagnostics.length;
    const title = el("h2", { margin: "0 3rem 0.5rem 0", fontSize: "1.25rem", color: "#b3261e" },
      n === 1 ? "ladder: 1 problem stops the build" : `ladder: ${n} problems stop the build`);
    title.id = OVERLAY_ID + "-title";
    panel.append(title);
    panel.append(el("p", { margin: "0 0 1rem" },
      "The page below is the last good build. Fix the file and save: this report closes and the page reloads."));

    const list = el("ol", { margin: "0", padding: "0 0 0 1.5rem" });
    for (const d of diagnostics) {
      const item = el("li", { margin: "0 0 0.75rem" });
      let where = d.file || "";
      if (d.line) where += `:${d.line}:${d.column || 0}`;
      item.append(el("code", { fontFamily: mono, fontWeight: "bold", wordBreak: "break-all" }, where));
      if (d.path) {
        item.append(el("span", {}, " at "));
        item.append(el("code", { fontFamily: mono, background: "#f1f1f1", padding: "0 0.25rem" }, d.path));
      }
      item.append(el("div", { whiteSpace: "pre-wrap" }, d.message || ""));
      list.append(item);
    }
    panel.append(list);
    document.body.append(backdrop);
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideOverlay();
  });
  connect();
})();
