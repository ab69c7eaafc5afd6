(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("cp-data").textContent);
  var byId = {};

  // Tooltips are DOM text, never HTML: vis-network shows an Element as it is.
  function textBlock(text) {
    var div = document.createElement("div");
    div.className = "cp-tip";
    div.textContent = text;
    return div;
  }
  var nodeList = data.nodes.map(function (n) {
    var copy = Object.assign({}, n, { title: textBlock(n.tip || n.label || "") });
    byId[n.id] = n;
    return copy;
  });
  var edgeById = {};
  var edgeList = data.edges.map(function (e) {
    edgeById[e.id] = e;
    return Object.assign({}, e, { title: textBlock(e.tip || "") });
  });
  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("cp-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var status = document.getElementById("cp-status");
  var view = {
    network: network, nodes: nodes, edges: edges,
    counts: { nodes: data.nodes.length, edges: data.edges.length },
    ready: false, settleMs: null, kind: data.kind,
    find: find, show: show
  };
  window.cpgraph = view;

  var lr = !!(data.options.layout && data.options.layout.hierarchical &&
    data.options.layout.hierarchical.enabled && data.options.layout.hierarchical.direction === "LR");

  // A tall left-to-right tree fitted whole is too small to read: show its full width instead,
  // from the top, and let the reader scroll down (or press "Whole graph").
  // A tree laid out in blocks opens at a scale where every label reads, showing the first
  // council's pledges, actions and who is responsible (its top-right corner); "Whole graph"
  // shows every council's block, side by side.
  var READABLE = 0.85;
  function treeStart() {
    if (network.getScale() >= READABLE || !data.start) { return; }
    network.moveTo({
      position: { x: data.start.x + 40 - container.clientWidth / 2 / READABLE,
                  y: data.start.y - 30 + container.clientHeight / 2 / READABLE },
      scale: READABLE, animation: false
    });
  }
  function readableStart() {
    network.fit({ animation: false });
    if (data.layout === "tree-lr") { treeStart(); return; }
    if (!lr || network.getScale() >= 0.65 || !data.nodes.length) { return; }
    var positions = network.getPositions();
    var minX = Infinity, maxX = -Infinity, minY = Infinity;
    Object.keys(positions).forEach(function (id) {
      var p = positions[id];
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y);
    });
    var scale = Math.max(0.3, Math.min(0.8, container.clientWidth / (maxX - minX + 320)));
    var fromTop = minY - 60 / scale + container.clientHeight / 2 / scale;
    var root = data.nodes.filter(function (n) { return n.level === 0; })[0];
    var rootY = root && positions[root.id] ? positions[root.id].y : fromTop;
    network.moveTo({  // the first root in view, at the left, with every column on screen
      position: { x: (minX + maxX) / 2, y: Math.max(fromTop, rootY) },
      scale: scale, animation: false
    });
  }
  document.getElementById("cp-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });

  function settled() {
    if (view.ready) { return; }
    view.settledAt = Math.round(performance.now());  // since navigation started
    view.settleMs = Math.round(performance.now() - started);  // since this script started
    network.setOptions({ physics: false });
    readableStart();
    view.ready = true;
    status.textContent = "ready";
    document.body.setAttribute("data-ready", "1");
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settled);
    network.once("stabilized", settled);
  } else {
    network.once("afterDrawing", settled);
  }

  // Column headings of a tree laid out in blocks: above each block's columns, or pinned to the
  // top of the screen while the block is scrolled under it; never wider than a column.
  if (data.headings && data.headings.length) {
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale();
      var screenTop = network.DOMtoCanvas({ x: 0, y: 0 }).y + 30 / scale;
      ctx.save();
      ctx.textAlign = "center";
      data.headings.forEach(function (h) {
        var y = Math.min(Math.max(h.y, screenTop), h.bottom);
        var size = Math.min(15 / scale, 60);
        ctx.font = "bold " + size + "px DejaVu Sans, Arial, sans-serif";
        var width = ctx.measureText(h.text).width;
        if (width > data.column * 0.9) {
          size = size * data.column * 0.9 / width;
          width = data.column * 0.9;
          ctx.font = "bold " + size + "px DejaVu Sans, Arial, sans-serif";
        }
        ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
        ctx.fillRect(h.x - width / 2 - 4, y - size, width + 8, size * 1.35);
        ctx.fillStyle = "#445";
        ctx.fillText(h.text, h.x, y);
      });
      ctx.restore();
    });
  }

  // Column headings of the hierarchical views, drawn on the canvas at a readable size.
  var levelNames = data.headings && data.headings.length ? {} : (data.levels || {});
  if (Object.keys(levelNames).length) {
    network.on("afterDrawing", function (ctx) {
      var positions = network.getPositions();
      var across = {};
      data.nodes.forEach(function (n) {
        var p = positions[n.id];
        if (!p || n.level === undefined) { return; }
        var key = String(n.level);
        (across[key] = across[key] || []).push(lr ? p.x : p.y);
      });
      var scale = network.getScale();
      // Pinned to the top (or left) edge of the canvas, so they stay in sight while scrolling.
      var corner = network.DOMtoCanvas({ x: 0, y: 0 });
      var top = lr ? corner.y + 40 / scale : corner.x + 60 / scale;
      var gap = data.options.layout.hierarchical.levelSeparation * 0.92;
      ctx.save();
      ctx.textAlign = "center";
      Object.keys(across).forEach(function (key) {
        if (!(key in levelNames)) { return; }
        var xs = across[key];
        var mid = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
        var x = lr ? mid : top, y = lr ? top - 16 / scale : mid;
        // Readable on screen, but never wider than the gap between two columns.
        var size = Math.min(15 / scale, 26);
        ctx.font = "bold " + size + "px DejaVu Sans, Arial, sans-serif";
        var width = ctx.measureText(levelNames[key]).width;
        if (lr && width > gap) {
          size = size * gap / width;
          width = gap;
          ctx.font = "bold " + size + "px DejaVu Sans, Arial, sans-serif";
        }
        ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
        ctx.fillRect(x - width / 2 - 4 / scale, y - size, width + 8 / scale, size * 1.35);
        ctx.fillStyle = "#445";
        ctx.fillText(levelNames[key], x, y);
      });
      ctx.restore();
    });
  }

  // Details panel: the clicked node's (or line's) tooltip, as text.
  var detailsKind = document.getElementById("cp-details-kind");
  var details = document.getElementById("cp-details");
  function show(id) {
    var n = byId[id];
    if (!n) { return; }
    detailsKind.textContent = n.kind + (n.flags && n.flags.length ? " — " + n.flags.join(", ").replace(/_/g, " ") : "");
    details.textContent = n.tip || n.label;
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      show(params.nodes[0]);
    } else if (params.edges.length && edgeById[params.edges[0]]) {
      detailsKind.textContent = edgeById[params.edges[0]].kind.replace(/_/g, " ");
      details.textContent = edgeById[params.edges[0]].tip;
    }
  });

  // Search: match words of the query against labels and tooltips; pick a result to focus it.
  var input = document.getElementById("cp-search");
  var results = document.getElementById("cp-results");
  function find(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    return data.nodes.filter(function (n) {
      var hay = (n.label + " " + (n.tip || "")).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).sort(function (a, b) {
      var al = a.label.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      var bl = b.label.toLowerCase().indexOf(words[0]) >= 0 ? 0 : 1;
      return al - bl;
    }).slice(0, 15);
  }
  function choose(id) {
    results.hidden = true;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    show(id);
  }
  input.addEventListener("input", function () {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var found = find(input.value);
    found.forEach(function (n, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      var kind = document.createElement("span");
      kind.className = "cp-kind";
      kind.textContent = n.kind;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(n.label));
      li.addEventListener("click", function () { choose(n.id); });
      results.appendChild(li);
    });
    if (input.value.trim() && !found.length) {
      var none = document.createElement("li");
      none.textContent = "nothing matches";
      results.appendChild(none);
    }
    results.hidden = !input.value.trim();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = find(input.value);
      if (found.length) { choose(found[0].id); }
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
})();
