// ladder embed pages: tell the parent page how tall this page is, so an
// LMS iframe can fit it without a scroll bar. Canvas listens for the
// lti.frameResize message; other hosts may use the same message.
(function () {
  "use strict";
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
