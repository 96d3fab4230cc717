// Cleanup audits: while a run is going on, ask the server for its progress every second and show
// it; when the run has ended (finished, interrupted or failed) reload the page, which then shows
// the result. Without this script the page still works: reload it to see the progress.
(function () {
  "use strict";
  var panel = document.getElementById("audit-status");
  if (!panel || panel.getAttribute("data-state") !== "running") { return; }
  var url = panel.getAttribute("data-url");
  var bar = document.getElementById("audit-progress");
  var count = document.getElementById("audit-count");

  function show(s) {
    if (s.state !== "running") { window.location.reload(); return; }
    if (s.run_id) {
      if (bar) { bar.max = s.total || 1; bar.value = s.done; }
      if (count) { count.textContent = "已完成 " + s.done + "/" + s.total + " 份（" + s.percent + "%）"; }
    }
    window.setTimeout(poll, 1000);
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(show)
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
