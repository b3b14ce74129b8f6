// ladder site script: small enhancements; every page works without it.
(function () {
  "use strict";
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
          status.textContent = "Copied.";
        }
      }, function () {
        if (status) {
          status.textContent = "Copying failed: select the code and copy it.";
        }
      });
    });
  });
})();
