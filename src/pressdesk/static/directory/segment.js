// Live count on the segment form. Without JavaScript the "Count" button does the same on the server.
(function () {
  "use strict";
  var form = document.querySelector("form.segment-form");
  if (!form || !window.fetch) { return; }
  var output = document.getElementById("segment-size");
  var timer = null;
  function refresh() {
    var data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    var url = form.getAttribute("data-count-url") + "?" + new URLSearchParams(data).toString();
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (body.text) { output.textContent = body.text; } })
      .catch(function () { /* the Count button still works */ });
  }
  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  });
  refresh();
})();
