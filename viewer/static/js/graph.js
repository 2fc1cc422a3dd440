/* The alignment graph: vis-network over server-computed positions (physics off).
   Everything from the data reaches the page as text (textContent, vis-network's innerText
   tooltips, canvas labels), never as markup. */
(function () {
  "use strict";
  var source = document.getElementById("graph-data");
  if (!source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.map(function (e, i) { e.id = "e" + i; return e; }));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;

  /* Organisation bands and column headings, drawn on the canvas under the nodes (as text). */
  var ROW = 78;
  var xs0 = data.nodes.map(function (n) { return n.x; });
  var ys0 = data.nodes.map(function (n) { return n.y; });
  var left = Math.min.apply(null, xs0.concat([0])) - 150, right = Math.max.apply(null, xs0.concat([0])) + 150;
  var topY = Math.min.apply(null, ys0.concat([0]));
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    (data.bands || []).forEach(function (band, i) {
      ctx.fillStyle = i % 2 === 0 ? "#f6f8fb" : "#fdfdfe";
      var stratRight = (data.columns.filter(function (c) { return !c.concepts; }).map(function (c) { return c.x; }).pop() || 0) + 150;
      ctx.fillRect(left, band.top - ROW * 1.1, stratRight - left, band.bottom - band.top + ROW * 1.9);
      ctx.fillStyle = "#1d2330";
      ctx.font = "600 21px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
      ctx.textAlign = "left";
      ctx.textBaseline = "middle";
      ctx.fillText(band.label, left + 12, band.top - ROW * 0.72);
    });
    ctx.fillStyle = "#5b6577";
    ctx.font = "600 17px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    (data.columns || []).forEach(function (col) {
      ctx.fillText((col.label || "").toUpperCase(), col.x, topY - ROW * 1.9);
    });
    ctx.restore();
  });

  /* First view: the whole graph if it fits at a readable scale, else fit the width and start at
     the top (the columns are long; scroll to pan, Ctrl/pinch or the wheel to zoom). */
  function initialView() {
    var ids = data.nodes.map(function (n) { return n.id; });
    if (!ids.length) { return; }
    var xs = data.nodes.map(function (n) { return n.x; }), ys = data.nodes.map(function (n) { return n.y; });
    var minX = Math.min.apply(null, xs) - 165, maxX = Math.max.apply(null, xs) + 150;
    var minY = Math.min.apply(null, ys) - ROW * 2.4, maxY = Math.max.apply(null, ys) + 60;
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var fitScale = Math.min(w / (maxX - minX), h / (maxY - minY));
    if (fitScale >= 0.6) {
      network.fit({ animation: false });
      return;
    }
    var scale = Math.min(1, Math.max(fitScale, w / (maxX - minX)));
    if (data.mode === "overview") {
      /* the organisations' column is long: show the concept columns whole, from the top */
      var conceptYs = data.nodes.filter(function (n) { return n.level > 0; }).map(function (n) { return n.y; });
      var span = (conceptYs.length ? Math.max.apply(null, conceptYs) : 0) - minY + 60;
      scale = Math.min(scale, Math.max(0.45, h / span));
    }
    network.moveTo({ position: { x: (minX + maxX) / 2, y: minY + (h / 2) / scale }, scale: scale, animation: false });
  }
  initialView();
  network.once("afterDrawing", function () {
    window.samsynGraphDrawnAt = performance.now();
    document.body.setAttribute("data-graph-drawn", "1");
  });

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var out = {}, inc = {};
  data.edges.forEach(function (e) {
    (out[e.from] = out[e.from] || []).push(e);
    (inc[e.to] = inc[e.to] || []).push(e);
  });

  function closure(start, adjacency, key) {
    var seen = {}, stack = [start], edgeIds = [];
    seen[start] = true;
    while (stack.length) {
      var n = stack.pop();
      (adjacency[n] || []).forEach(function (e) {
        edgeIds.push(e.id);
        var m = e[key];
        if (!seen[m]) { seen[m] = true; stack.push(m); }
      });
    }
    return { nodes: Object.keys(seen), edges: edgeIds };
  }

  var dimmed = false;
  function highlight(id) {
    var up = closure(id, out, "to"), down = closure(id, inc, "from");
    var keepNodes = {}, keepEdges = {};
    up.nodes.concat(down.nodes).forEach(function (n) { keepNodes[n] = true; });
    up.edges.concat(down.edges).forEach(function (e) { keepEdges[e] = true; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: keepNodes[n.id] ? 1 : 0.15 };
    }));
    edges.update(edges.get().map(function (e) {
      return { id: e.id, color: keepEdges[e.id] ? { color: "#1d4ed8", opacity: 1 } : { color: "#c9ced6", opacity: 0.25 },
               width: keepEdges[e.id] ? 2.2 : 1 };
    }));
    dimmed = true;
    return up;
  }
  function resetHighlight() {
    if (!dimmed) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color || data.options.edges.color, width: e.width || 1.2 }; }));
    dimmed = false;
  }

  function text(id, value) {
    var el = document.getElementById(id);
    el.textContent = value || "";
    return el;
  }

  function showPanel(id) {
    var n = byId[id];
    if (!n) { return; }
    document.getElementById("panel").classList.add("open");
    document.getElementById("panel-body").hidden = false;
    var kind = text("panel-kind", n.kindLabel);
    kind.className = "badge kind-" + n.kind;
    text("panel-label", n.fullLabel);
    var other = data.lang === "sv" ? "en" : "sv";
    var otherLabel = n.labels && n.labels[other] && n.labels[other] !== n.fullLabel ? n.labels[other] : "";
    text("panel-other", otherLabel ? other + ": " + otherLabel : "");
    text("panel-org", n.members ? (n.title || "").split("\n").slice(1).join(" · ") : (n.organisationLabel || n.frameworkLabel || ""));
    var quote = document.getElementById("panel-quote");
    if (n.quote) {
      quote.hidden = false;
      text("panel-quote-text", n.quote);
      text("panel-pages", n.pages && n.pages.length ? (n.pages.length === 1 ? data.words.page : data.words.pages) + " " + n.pages.join(", ") : "");
    } else {
      quote.hidden = true;
    }
    var drill = document.getElementById("panel-drill");
    if (n.drill) { drill.href = n.drill; drill.hidden = false; } else { drill.hidden = true; }
    var link = document.getElementById("panel-link");
    if (n.page) { link.href = n.page; link.hidden = false; } else { link.hidden = true; }
    var list = document.getElementById("panel-trace");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var reached = closure(id, out, "to").nodes.filter(function (m) { return m !== id; });
    reached.sort(function (a, b) { return (byId[a].level - byId[b].level) || byId[a].fullLabel.localeCompare(byId[b].fullLabel); });
    if (!reached.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = data.words.notrace;
      list.appendChild(none);
    }
    reached.forEach(function (m) {
      var li = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "dot kind-" + byId[m].kind;
      li.appendChild(badge);
      var a = document.createElement(byId[m].page ? "a" : "span");
      if (byId[m].page) { a.href = byId[m].page; }
      a.textContent = byId[m].fullLabel;
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  /* In the overview a click on an organisation or a concept drills down into it. */
  function drillDown(id) {
    var n = byId[id];
    if (data.mode !== "overview" || !n || !n.drill) { return false; }
    window.location.assign(n.drill);
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length && drillDown(params.nodes[0])) { return; }
    if (params.nodes.length) {
      showPanel(params.nodes[0]);
      highlight(params.nodes[0]);
    } else {
      resetHighlight();
      closePanel();
    }
  });
  function closePanel() {
    document.getElementById("panel").classList.remove("open");
    document.getElementById("panel-body").hidden = true;
  }
  document.getElementById("panel-close").addEventListener("click", function () {
    closePanel();
    network.unselectAll();
    resetHighlight();
  });
  network.on("selectNode", function (params) { highlight(params.nodes[0]); });
  network.on("deselectNode", function () { resetHighlight(); });

  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  window.addEventListener("resize", function () { network.redraw(); });

  if (data.focus && byId[data.focus]) {
    network.selectNodes([data.focus]);
    showPanel(data.focus);
    highlight(data.focus);
    network.focus(data.focus, { scale: 0.9, animation: false });
  }
  window.samsynGraph = { showPanel: showPanel, highlight: highlight, reset: resetHighlight, drillDown: drillDown };
})();
