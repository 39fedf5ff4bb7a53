// The "new partner city" form: typing a city's name offers GeoNames matches; choosing one
// fills its GeoNames id and its names (the server reads country and place from GeoNames).
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("new-partner-city");
    if (!form) return;
    var input = document.getElementById("city-search");
    var list = document.getElementById("city-matches");
    var status = document.getElementById("city-search-status");
    var idField = document.getElementById("id_geonames_id");
    var nameDe = document.getElementById("id_name_de");
    var nameEn = document.getElementById("id_name_en");
    var timer = null;
    var asked = "";
    function choose(city) {
      idField.value = city.geonames_id;
      nameEn.value = city.name;
      if (!nameDe.value || nameDe.dataset.filled === "yes") {
        nameDe.value = city.name;
        nameDe.dataset.filled = "yes";
      }
      list.innerHTML = "";
      status.textContent = input.dataset.chosen + " " + city.name + ", " + city.country +
        " (" + city.latitude + ", " + city.longitude + "), GeoNames " + city.geonames_id;
      var error = document.getElementById("geonames-error");
      if (error) error.remove();
    }
    function search() {
      var query = input.value.trim();
      if (query.length < 2 || query === asked) return;
      asked = query;
      fetch(form.dataset.lookupUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (query !== asked) return;  // an older answer
          list.innerHTML = "";
          status.textContent = data.results.length ? input.dataset.found : input.dataset.none;
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
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); search(); }
    });
    nameDe.addEventListener("input", function () { nameDe.dataset.filled = "no"; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
