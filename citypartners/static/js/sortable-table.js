// Sort buttons for tables marked data-sortable. Without JavaScript the table is
// complete in its server order; with it, each column heading becomes a button
// and aria-sort tells assistive technology which column is sorted, and how.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.children[index];
    return (cell.getAttribute("data-sort-value") || cell.textContent).trim();
  }
  function enhance(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var tbody = table.tBodies[0];
    // Made at the first sort, not on load: building a collator loads the language's
    // collation data, the costliest step of this script (Lighthouse: a long task on load).
    var collator = null;
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      var icon = document.createElement("span");
      icon.className = "sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(tbody.rows);
        collator = collator || new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
        rows.sort(function (a, b) {
          var va = cellValue(a, index), vb = cellValue(b, index);
          // Unknown values (empty) go last in either direction.
          if (!va && vb) return 1;
          if (va && !vb) return -1;
          var order = collator.compare(va, vb);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
})();
