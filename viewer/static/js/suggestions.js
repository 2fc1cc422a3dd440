/* Suggested alignments, apart from what the documents state: the switches that show them (the
   coverage matrix's layer reloads the page with ?suggested=1; the graph's draws dashed edges),
   and the copy buttons of the rows a strategist takes into a workbook. Data reaches the page as
   text (textContent, vis-network's text tooltips), never as markup. */
(function () {
  "use strict";
  if (window.samsynSuggestions) { return; }

  /* a switch inside a form (the home page's layer) applies at once */
  Array.prototype.forEach.call(document.querySelectorAll("input[data-autosubmit]"), function (input) {
    input.addEventListener("change", function () { input.form.submit(); });
  });

  /* copy a <pre>'s text: the clipboard where the page may write it, else the text selected */
  Array.prototype.forEach.call(document.querySelectorAll("button.copy[data-copy]"), function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var label = button.textContent;
      function done() {
        button.textContent = button.getAttribute("data-done") || label;
        window.setTimeout(function () { button.textContent = label; }, 1500);
      }
      function select() {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(done, select);
      } else {
        select();
      }
    });
  });

  /* the graph page: suggested edges, dashed and in their own colour, only while the switch is on */
  var data = document.getElementById("suggested-data");
  var toggle = document.getElementById("show-suggested");
  var network = window.network;
  var layer = { shown: false, ids: [] };
  if (data && toggle && network) {
    var parsed = JSON.parse(data.textContent);
    var STYLE = { color: "#c2410c", highlight: "#9a3412", hover: "#9a3412", inherit: false };
    var edges = parsed.edges.map(function (e, i) {
      return { id: "suggested-" + i, from: e.from, to: e.to, title: e.title, label: e.label,
               dashes: [10, 6], width: 2.5, color: { color: STYLE.color, highlight: STYLE.highlight, hover: STYLE.hover,
               inherit: false, opacity: 1 }, font: { color: STYLE.color, strokeWidth: 3, size: 16 },
               suggested: true };
    });
    layer.ids = edges.map(function (e) { return e.id; });
    var dataset = network.body.data.edges;
    /* the graph's own highlight recolours every edge: give these theirs back, dimmed off the selection */
    function restyle() {
      if (!layer.shown) { return; }
      var selected = network.getSelectedNodes();
      dataset.update(edges.map(function (e) {
        var near = !selected.length || selected.indexOf(e.from) >= 0 || selected.indexOf(e.to) >= 0;
        return { id: e.id, width: 2.5, color: { color: STYLE.color, highlight: STYLE.highlight, hover: STYLE.hover,
                 inherit: false, opacity: near ? 1 : 0.2 } };
      }));
    }
    function show(on) {
      layer.shown = on;
      if (on) { dataset.add(edges); restyle(); } else { dataset.remove(layer.ids); }
      document.body.classList.toggle("suggested-on", on);
    }
    toggle.checked = false;  /* off by default, also after the browser restores a form */
    toggle.addEventListener("change", function () { show(toggle.checked); });
    ["click", "selectNode", "deselectNode"].forEach(function (event) { network.on(event, restyle); });
  }
  window.samsynSuggestions = layer;
})();
