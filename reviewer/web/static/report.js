// A marked text beside its findings (the drafter's check report and the office's review
// screen): click a mark to find its finding, click a finding to find its words, filter the
// findings by family and severity. Plain JavaScript, no library.
(function () {
  "use strict";
  // Clicks and keys inside a finding's own controls (the review screen's forms) stay theirs.
  function inControl(e) {
    return e.target.closest && e.target.closest("input, label, button, textarea, select") !== null;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var byNumber = {};
  items.forEach(function (li) { byNumber[li.getAttribute("data-f")] = li; });

  function select(n) {
    items.forEach(function (li) { li.classList.toggle("current", li.getAttribute("data-f") === n); });
    marks.forEach(function (m) {
      m.classList.toggle("current", m.getAttribute("data-f").split(" ").indexOf(n) >= 0);
    });
  }

  function showFinding(n) {
    var li = byNumber[n];
    if (!li || li.hidden) { return; }
    select(n);
    li.scrollIntoView({block: "nearest"});
    li.focus({preventScroll: true});
  }

  function showWords(n) {
    var anchor = document.getElementById("m" + n);
    select(n);
    if (anchor) { anchor.scrollIntoView({block: "center"}); }
  }

  marks.forEach(function (m) {
    function go() {
      var visible = m.getAttribute("data-f").split(" ").filter(function (n) {
        return byNumber[n] && !byNumber[n].hidden;
      });
      if (visible.length) { showFinding(visible[0]); }
    }
    m.addEventListener("click", go);
    m.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
  });
  Array.prototype.forEach.call(document.querySelectorAll("sup.no"), function (s) {
    s.addEventListener("click", function () { showFinding(s.getAttribute("data-f")); });
  });
  items.forEach(function (li) {
    var n = li.getAttribute("data-f");
    li.addEventListener("click", function (e) {
      if (inControl(e)) { return; }
      e.preventDefault();
      showWords(n);
    });
    li.addEventListener("keydown", function (e) { if (e.key === "Enter" && !inControl(e)) { showWords(n); } });
  });

  var form = document.getElementById("filters");
  if (!form) { return; }
  function wanted(kind) {
    return Array.prototype.slice.call(form.querySelectorAll('input[data-filter="' + kind + '"]'))
      .filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }
  function apply() {
    var families = wanted("family"), severities = wanted("severity"), shown = 0;
    items.forEach(function (li) {
      var on = families.indexOf(li.getAttribute("data-family")) >= 0 &&
        severities.indexOf(li.getAttribute("data-severity")) >= 0;
      li.hidden = !on;
      if (on) { shown += 1; }
    });
    marks.forEach(function (m) {
      var any = m.getAttribute("data-f").split(" ").some(function (n) {
        return byNumber[n] && !byNumber[n].hidden;
      });
      m.classList.toggle("dim", !any);
    });
    Array.prototype.forEach.call(document.querySelectorAll("sup.no"), function (s) {
      var li = byNumber[s.getAttribute("data-f")];
      s.hidden = !li || li.hidden;
    });
    document.getElementById("shown").textContent = "显示 " + shown + " / " + items.length + " 处";
  }
  form.addEventListener("change", apply);
  apply();
}());
