// ladder site script: small enhancements; every page works without it.
(function () {
  "use strict";
  // t is the message of key in the page's language, from the catalogue
  // ladder writes into assets/text.js (window.ladderText), keys js.* of
  // its i18n/<lang>.toml, {name} placeholders filled from vars; without
  // it, the keys show.
  var text = (window.ladderText || {}).messages || {};
  function t(key, vars) {
    var m = typeof text[key] === "string" ? text[key] : key;
    return m.replace(/\{([a-z]+)\}/g, function (all, name) {
      return vars && vars[name] !== undefined ? vars[name] : all;
    });
  }
  // A related occupation's "Compare" link leads to its page, which a
  // reader without JavaScript can use; with it, to the comparison, which
  // the browser builds (assets/compare.js).
  document.querySelectorAll("a[data-compare]").forEach(function (a) {
    a.setAttribute("href", a.getAttribute("data-compare"));
  });
  // "Copy embed code" buttons copy the text of the element they name.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        if (status) {
          status.textContent = t("copied");
        }
      }, function () {
        if (status) {
          status.textContent = t("copy-failed-code");
        }
      });
    });
  });
  // "Copy link" buttons copy a statement's permanent address, made
  // absolute from wherever the page was opened (a host or file://).
  var copyStatus = document.querySelector(".copy-status");
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }
  // Each statement's permanent link gets a "Copy link" button, made here
  // as it works only with a script. It copies the published address (the
  // canonical page's, on a site with a base URL) or this page's, with the
  // statement's anchor.
  var canonical = document.querySelector('link[rel="canonical"]');
  // On a site without level pages, statements are cells of the
  // progression table, named by their codes.
  document.querySelectorAll("li.statement .statement-uri a.uri, td a.cell-code.uri").forEach(function (link) {
    var li = link.closest("li");
    var number = li ? Array.prototype.indexOf.call(li.parentNode.children, li) + 1 : link.textContent;
    var uri = new URL(link.getAttribute("href"), canonical ? canonical.href : window.location.href).href;
    var button = document.createElement("button");
    var to = document.createElement("span");
    button.type = "button";
    button.className = "copy-uri";
    button.setAttribute("data-uri", uri);
    button.textContent = t("copy-link");
    to.className = "visually-hidden";
    to.textContent = " " + t("copy-link-to", { number: number });
    button.appendChild(to);
    link.parentNode.append(" ", button);
    button.addEventListener("click", function () {
      copyText(uri).then(function () {
        button.setAttribute("data-copied", uri);
        if (copyStatus) {
          copyStatus.textContent = t("copied-link", { uri: uri });
        }
      }, function () {
        if (copyStatus) {
          copyStatus.textContent = t("copy-failed-link", { uri: uri });
        }
      });
    });
  });
})();
