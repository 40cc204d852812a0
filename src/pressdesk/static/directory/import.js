// Follows a running import without reloading the page every few seconds: the status is asked for quietly,
// the progress line (a polite live region) is updated, and the page is loaded again once, when the result is
// there. Without JavaScript a <noscript> meta refresh does the same by reloading, and can be switched off.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-import-status");
  var progress = document.getElementById("import-progress");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && !state.running) { window.location.reload(); return; }
        if (state && state.progress && progress) { progress.textContent = state.progress; }
        window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
})();
