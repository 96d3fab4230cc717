// The review screen: decide the checked findings in bulk, and keep the opinion drafted from the
// accepted findings until the reviewer edits it. Without this script every control still works
// one finding at a time, and the server drafts the opinion when it is left empty.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) { return; }
  var opinion = document.getElementById("opinion");
  var edited = false;
  if (opinion) { opinion.addEventListener("input", function () { edited = true; }); }

  function picked() {
    return Array.prototype.filter.call(form.querySelectorAll("input.pick"), function (b) {
      var li = b.closest("li.finding");
      return b.checked && !(li && li.hidden);
    });
  }
  function choose(n, value) {
    var radio = form.querySelector('input[name="choice_' + n + '"][value="' + value + '"]');
    if (radio) { radio.checked = true; }
  }
  function draft() {
    if (!opinion || edited) { return; }
    var lines = [];
    form.querySelectorAll("li.finding").forEach(function (li) {
      var n = li.id.slice(1);
      var accept = form.querySelector('input[name="choice_' + n + '"][value="accept"]');
      if (accept && accept.checked) {
        var title = li.querySelector(".title").textContent;
        var quote = li.querySelector("blockquote");
        lines.push((lines.length + 1) + ". " + title + (quote ? "“" + quote.textContent + "”" : "") + "。");
      }
    });
    opinion.value = lines.length ? ["经审查，该文件存在以下问题："].concat(lines, ["请依法予以纠正，并将纠正情况报我局。"]).join("\n") : "";
  }
  // The bulk bar sticks to the top of the findings list: the list's scroll padding follows the
  // bar's height (it wraps on a narrow screen), so a finding scrolled into view is not under it.
  var bar = document.getElementById("bulk");
  var pane = bar && bar.closest("aside.findings");
  function pad() { pane.style.scrollPaddingTop = (bar.offsetHeight + 4) + "px"; }
  if (pane) { pad(); window.addEventListener("resize", pad); }

  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      // Only the findings the filters show (report.js hides the others).
      form.querySelectorAll("input.pick").forEach(function (b) {
        var li = b.closest("li.finding");
        b.checked = all.checked && !(li && li.hidden);
      });
    });
  }
  var accept = document.getElementById("bulk-accept");
  if (accept) {
    accept.addEventListener("click", function () {
      picked().forEach(function (b) { choose(b.value, "accept"); });
      draft();
    });
  }
  var dismiss = document.getElementById("bulk-dismiss");
  if (dismiss) {
    dismiss.addEventListener("click", function () {
      var reason = document.getElementById("bulk-reason").value.trim();
      if (!reason) { document.getElementById("bulk-reason").focus(); return; }
      picked().forEach(function (b) {
        choose(b.value, "dismiss");
        form.querySelector('input[name="reason_' + b.value + '"]').value = reason;
      });
      draft();
    });
  }
  form.addEventListener("change", function (e) {
    if (e.target.type === "radio" && e.target.name.indexOf("choice_") === 0) { draft(); }
  });
})();
