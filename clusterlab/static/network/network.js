// The network view: clusters drawn with cytoscape from the page's JSON endpoint; a click on
// one of the viewer's clusters draws its members. No inline script (CSP).
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("network-view");
    if (!box || typeof window.cytoscape !== "function") return;
    var status = document.getElementById("network-status");
    var back = document.getElementById("network-collapse");
    var baseUrl = box.getAttribute("data-url");

    var cy = window.cytoscape({
      container: box,
      elements: [],
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
            "label": "data(label)", "font-size": 9, "color": "#1d2330",
            "text-wrap": "ellipsis", "text-max-width": 120,
            "width": "data(diameter)", "height": "data(diameter)",
            "background-color": "#8fb8b5" } },
        { selector: "node[kind = 'cluster']", style: { "background-color": "#0b6e69" } },
        { selector: "node[?expandable]", style: { "border-width": 2, "border-color": "#d9480f" } },
        { selector: "node[?scope]", style: { "background-color": "#d9480f" } },
        { selector: "node[kind = 'organisation']", style: { "background-color": "#f08c4a", "font-size": 6 } },
        { selector: "node[kind = 'other']", style: { "background-color": "#adb5bd" } },
        { selector: "edge", style: {
            "width": "data(thickness)", "line-color": "#9aa5b5", "opacity": 0.55,
            "curve-style": "haystack" } }
      ],
      layout: { name: "preset" }
    });
    window.clusterlabNetwork = cy; // for the end-to-end test and the curious

    function elements(data) {
      var list = [];
      // Positions come in [0, 1000]; spread them by the number of nodes so that a few
      // nodes are drawn large and many do not overlap.
      var spread = 80 * Math.sqrt(Math.max(data.nodes.length, 1)) / 1000;
      data.nodes.forEach(function (n) {
        var diameter = n.kind === "organisation" ? 8 + Math.min(Math.sqrt(n.ties || 1) * 3, 20)
          : 14 + Math.min(Math.sqrt(n.size) * 1.6, 60);
        list.push({ group: "nodes", data: Object.assign({ diameter: diameter }, n),
                    position: { x: n.x * spread, y: n.y * spread } });
      });
      data.edges.forEach(function (e, i) {
        list.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
                    weight: e.weight, thickness: Math.min(1 + Math.log(e.weight), 8) } });
      });
      return list;
    }

    function load(expand) {
      var url = baseUrl + (expand ? "&expand=" + encodeURIComponent(expand) : "");
      status.textContent = "…";
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          cy.elements().remove();
          cy.add(elements(data));
          cy.fit(undefined, 30);
          box.setAttribute("data-expanded", data.expanded || "");
          box.setAttribute("data-nodes", String(data.nodes.length));
          back.hidden = !data.expanded;
          status.textContent = (box.getAttribute("data-status") || "{nodes} · {edges}")
            .replace("{nodes}", data.nodes.length).replace("{edges}", data.edges.length);
        })
        .catch(function (err) { status.textContent = String(err); });
    }

    cy.on("tap", "node", function (event) {
      var d = event.target.data();
      if (d.kind === "cluster" && d.expandable && !d.expanded) load(d.cluster);
    });
    back.addEventListener("click", function () { load(null); });
    load(null);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
