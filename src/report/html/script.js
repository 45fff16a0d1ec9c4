// accord report: sorting and filtering only; the page is complete without this script.
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  document.documentElement.className += " js";

  // Sorting: each header of a sortable group of tables becomes a button; the group's
  // rows are sorted together and poured back into its tables, each keeping its size.
  function key(row, col) {
    return row.cells[col] ? row.cells[col].textContent.trim().toLowerCase() : "";
  }
  each(document.querySelectorAll(".group.sortable"), function (group) {
    var head = group.querySelector("thead tr");
    if (!head) return;
    var bodies = Array.prototype.slice.call(group.querySelectorAll("tbody"));
    var sizes = bodies.map(function (b) { return b.rows.length; });
    each(head.cells, function (th, col) {
      var by = th.hasAttribute("data-col") ? Number(th.getAttribute("data-col")) : col;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        each(head.cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = [];
        bodies.forEach(function (body) { each(body.rows, function (r) { rows.push([key(r, by), rows.length, r]); }); });
        rows.sort(function (x, y) {
          var c = x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
          return (up ? c : -c) || x[1] - y[1];
        });
        var k = 0;
        bodies.forEach(function (body, n) {
          var frag = document.createDocumentFragment();
          for (var j = 0; j < sizes[n]; j++, k++) frag.appendChild(rows[k][2]);
          body.appendChild(frag);
        });
      });
    });
  });

  // Filtering: an agreement matches when its section holds the words; every row that
  // belongs to it is shown with it.
  var form = document.getElementById("filter");
  if (!form) return;
  var text = document.getElementById("filter-text");
  var phase = document.getElementById("filter-phase");
  var count = document.getElementById("filter-count");
  var sections = document.querySelectorAll("article.agreement");
  var words = null;
  var rows = null;
  function apply() {
    var q = text.value.trim().toLowerCase();
    var p = phase.value;
    if (!rows) {
      // Rows name their agreement, or link to its section ("#a-ID").
      rows = [];
      each(document.querySelectorAll("[data-agreement], .due tbody tr"), function (e) {
        var id = e.getAttribute("data-agreement");
        if (id === null) {
          var link = e.querySelector("a[href^='#a-']");
          id = link ? link.getAttribute("href").slice(3) : "";
        }
        rows.push([e, id]);
      });
      words = {};
      each(sections, function (s) { words[s.getAttribute("data-agreement")] = s.textContent.toLowerCase(); });
    }
    var keep = {};
    var n = 0;
    each(sections, function (s) {
      var id = s.getAttribute("data-agreement");
      var ok = (!p || s.getAttribute("data-phase") === p) && (!q || words[id].indexOf(q) >= 0);
      if (ok) { keep[id] = true; n++; }
    });
    rows.forEach(function (r) { r[0].hidden = !keep[r[1]]; });
    count.textContent = q || p ? n + " of " + sections.length + " agreements shown" : "";
  }
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  text.addEventListener("input", apply);
  phase.addEventListener("change", apply);
})();
