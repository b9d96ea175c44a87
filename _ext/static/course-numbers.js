// Numbers tables (northeast/tables.py): a filter box and sortable columns, added in the page so
// that the table itself stays plain HTML (complete in a live notebook and in print).
(function () {
  "use strict";

  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    if (numeric) {
      var raw = cell.getAttribute("data-sort");
      return raw === null || raw === "" ? null : parseFloat(raw);
    }
    var summary = cell.querySelector("summary");
    return (summary || cell).textContent.trim().toLowerCase();
  }

  function compare(a, b, direction) {
    if (a === b) return 0;
    if (a === null) return 1; // blanks last, whatever the direction
    if (b === null) return -1;
    return (a < b ? -1 : 1) * direction;
  }

  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "course-numbers-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", next);
        var numeric = th.getAttribute("data-sort-type") === "number";
        var direction = next === "ascending" ? 1 : -1;
        var rows = original.slice().sort(function (a, b) {
          return compare(cellKey(a, index, numeric), cellKey(b, index, numeric), direction) ||
            original.indexOf(a) - original.indexOf(b); // stable: reading order breaks ties
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function addFilter(table, number) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var wrapper = document.createElement("div");
    wrapper.className = "course-numbers-filter";
    var id = "course-numbers-filter-" + number;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter the numbers";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = "a word, a place, a year";
    var status = document.createElement("span");
    status.className = "course-numbers-count";
    status.setAttribute("role", "status");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    table.parentNode.insertBefore(wrapper, table);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words.length ? shown + " of " + rows.length + " shown" : "";
    });
  }

  function init() {
    document.querySelectorAll("table.course-numbers").forEach(function (table, number) {
      makeSortable(table);
      addFilter(table, number);
    });
  }

  // Print everything: folded tables and rows open on paper.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.course-numbers").forEach(function (d) { d.open = true; });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
