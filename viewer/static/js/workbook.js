/* The workbook check page: a file dropped on the zone becomes the form's file (no upload of its
   own, the form's buttons send it); a file over the server's limit is refused before sending. */
(function () {
  "use strict";
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("workbook-file");
  if (!zone || !input) { return; }
  var limit = Number(zone.getAttribute("data-max-bytes")) || 0;

  function tooBig(file) {
    return limit && file.size > limit;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dragging");
    var files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) { return; }
    input.files = files;
    input.dispatchEvent(new Event("change"));
  });
  input.addEventListener("change", function () {
    var file = input.files[0];
    input.setCustomValidity(file && tooBig(file) ? "max " + Math.floor(limit / 1048576) + " MB" : "");
    zone.classList.toggle("chosen", Boolean(file));
    zone.setAttribute("data-file", file ? file.name : "");
  });
}());
