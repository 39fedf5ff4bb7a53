// Offers a GeoNames lookup on the city form: pick a match to fill name, country,
// coordinates and id. Runs only where the city form's fields are on the page.
(function () {
  "use strict";
  var script = document.getElementById("geonames-lookup-script");
  function init() {
    var idField = document.getElementById("id_geonames_id");
    var nameField = document.getElementById("id_name_en");
    var countryField = document.getElementById("id_country_code");
    if (!idField || !nameField || !countryField || !script) return;
    var de = (document.documentElement.lang || "").indexOf("de") === 0;
    var t = {
      legend: de ? "In GeoNames nachschlagen" : "Look up in GeoNames",
      label: de ? "Name der Stadt" : "Name of the city",
      button: de ? "Suchen" : "Search",
      none: de ? "Keine Stadt gefunden." : "No city found.",
      found: de ? " Treffer. Wählen Sie einen, um die Felder zu füllen." : " matches. Choose one to fill the fields.",
      filled: de ? "Felder ausgefüllt: " : "Fields filled: "
    };
    var box = document.createElement("fieldset");
    box.className = "geonames-lookup";
    box.style.cssText = "margin:0 0 2em;padding:1em;border:1px solid var(--w-color-border-field-default,#ccc);border-radius:.3em";
    box.innerHTML =
      '<legend class="w-field__label">' + t.legend + "</legend>" +
      '<label for="geonames-q">' + t.label + "</label> " +
      '<input id="geonames-q" type="search" autocomplete="off" style="max-width:20em"> ' +
      '<button type="button" class="button button-small button-secondary">' + t.button + "</button>" +
      '<p role="status" aria-live="polite" class="geonames-status"></p><ul class="geonames-results" style="list-style:none;padding:0"></ul>';
    var form = nameField.closest("form");
    var anchor = form.querySelector(".w-form-width") || form.firstElementChild;
    anchor.parentNode.insertBefore(box, anchor);
    var input = box.querySelector("input");
    var status = box.querySelector(".geonames-status");
    var list = box.querySelector(".geonames-results");
    input.value = nameField.value;
    function setValue(field, value) {
      var el = document.getElementById(field);
      if (el) { el.value = value; el.dispatchEvent(new Event("change", { bubbles: true })); }
    }
    function choose(city) {
      if (!nameField.value) setValue("id_name_en", city.name);
      setValue("id_country_code", city.country_code);
      setValue("id_latitude", city.latitude);
      setValue("id_longitude", city.longitude);
      setValue("id_geonames_id", city.geonames_id);
      status.textContent = t.filled + city.name + " (" + city.geonames_id + ")";
    }
    function search() {
      var url = script.dataset.lookupUrl + "?q=" + encodeURIComponent(input.value);
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        list.innerHTML = "";
        status.textContent = data.results.length ? data.results.length + t.found : t.none;
        data.results.forEach(function (city) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button";
          b.className = "button button-small button-secondary";
          b.style.margin = ".2em 0";
          b.textContent = city.name + ", " + city.country + " (" + city.latitude + ", " + city.longitude + ")";
          b.addEventListener("click", function () { choose(city); });
          li.appendChild(b);
          list.appendChild(li);
        });
      });
    }
    box.querySelector("button").addEventListener("click", search);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); search(); } });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
