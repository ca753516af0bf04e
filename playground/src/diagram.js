// The diagram: one box per collection (stored fields, computed fields in
// italics), one arrow per relation from the field that stores the
// reference to the collection it points at, with the cardinality at each
// end. Built with DOM calls: every label is text, never markup.
const NS = "http://www.w3.org/2000/svg";
const BOX_W = 210, ROW_H = 18, HEAD_H = 26, GAP_X = 150, GAP_Y = 70;

function el(name, attrs = {}, text) {
  const n = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

export function renderDiagram(container, report) {
  container.replaceChildren();
  const colls = report.collections || [];
  if (!colls.length) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = (report.errors || []).length ? "Fix the schema errors to see the diagram." : "No collections yet: type a schema.";
    container.append(p);
    return;
  }
  const cols = Math.max(1, Math.ceil(Math.sqrt(colls.length)));
  const boxes = new Map();
  let rowTop = 20, rowHeight = 0;
  colls.forEach((c, i) => {
    const col = i % cols;
    if (col === 0 && i > 0) { rowTop += rowHeight + GAP_Y; rowHeight = 0; }
    const h = HEAD_H + Math.max(1, c.fields.length) * ROW_H + 8;
    rowHeight = Math.max(rowHeight, h);
    boxes.set(c.name, { x: 20 + col * (BOX_W + GAP_X), y: rowTop, w: BOX_W, h, c });
  });
  const width = 40 + cols * BOX_W + (cols - 1) * GAP_X;
  // Room on the left for the arrows between boxes of one column.
  for (const b of boxes.values()) b.x += 80;
  const height = rowTop + rowHeight + 40;
  // Scale to the panel's width (never above natural size): the whole model
  // stays in view.
  const svg = el("svg", { viewBox: `0 0 ${width + 80} ${height}`, width: "100%", role: "img", "aria-label": "Diagram of collections and relations" });
  svg.style.maxWidth = `${width + 80}px`;
  const defs = el("defs");
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }));
  defs.append(marker);
  svg.append(defs);

  const edges = el("g", { class: "edges" });
  svg.append(edges);
  for (const b of boxes.values()) {
    const g = el("g", { class: "box" + (b.c.associative ? " associative" : ""), "data-name": b.c.name });
    g.append(el("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6 }));
    g.append(el("text", { x: b.x + 10, y: b.y + 18, class: "title" }, b.c.name + (b.c.associative ? "  (associative)" : "")));
    b.c.fields.forEach((f, j) => {
      g.append(el("text", { x: b.x + 10, y: b.y + HEAD_H + 12 + j * ROW_H, class: f.computed ? "field computed" : "field" },
        `${f.name}: ${f.type}${f.computed ? "  (computed)" : ""}`));
    });
    svg.append(g);
  }

  const fieldY = (b, name) => {
    const j = b.c.fields.findIndex((f) => f.name === name);
    return b.y + HEAD_H + 8 + Math.max(j, 0) * ROW_H;
  };
  const ends = (rel) => {
    switch (rel.cardinality) {
      case "one-to-one": return ["1", "1"];
      case "one-to-many": return ["N", "1"]; // stored side is the "to" (single) side
      case "many-to-one": return ["N", "1"];
      default: return ["N", "N"];
    }
  };
  for (const rel of report.relations || []) {
    const from = boxes.get(rel.collection);
    if (!from) continue;
    const stored = rel.fields || [];
    const targets = rel.cardinality === "many-to-many" ? [[stored[0], rel.from.type], [stored[1], rel.to.type]]
      : [[stored[0], rel.collection === rel.from.type ? rel.to.type : rel.from.type]];
    for (const [field, targetType] of targets) {
      const to = [...boxes.values()].find((b) => b.c.name === targetType || b.c.name === targetType);
      if (!to) continue;
      const y1 = fieldY(from, field);
      const sameColumn = to !== from && to.x === from.x;
      const leftToRight = to.x > from.x || to === from;
      const x1 = sameColumn ? from.x : leftToRight ? from.x + from.w : from.x;
      let x2 = sameColumn ? to.x : leftToRight ? to.x : to.x + to.w;
      let y2 = to.y + HEAD_H / 2;
      if (to === from) { x2 = from.x + from.w; y2 = from.y + 10; }
      const mid = (x1 + x2) / 2;
      let d;
      if (to === from) d = `M ${x1} ${y1} C ${x1 + 60} ${y1}, ${x2 + 60} ${y2}, ${x2} ${y2}`;
      else if (sameColumn) d = `M ${x1} ${y1} C ${x1 - 70} ${y1}, ${x2 - 70} ${y2}, ${x2} ${y2}`;
      else d = `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
      const path = el("path", { d, class: "edge " + rel.cardinality, "marker-end": "url(#arrow)" });
      const title = el("title", {}, `${rel.name}: ${rel.cardinality} (${rel.from.type}.${rel.from.field || "—"} → ${rel.to.type}.${rel.to.field || "—"}), stored in ${rel.collection}.${field}`);
      path.append(title);
      edges.append(path);
      const [a, b] = ends(rel);
      const out = sameColumn ? -14 : leftToRight ? 6 : -14;
      const inn = sameColumn ? -14 : leftToRight ? -14 : 6;
      edges.append(el("text", { x: x1 + out, y: y1 - 4, class: "card" }, a));
      edges.append(el("text", { x: x2 + inn, y: y2 - 6, class: "card" }, b));
      const lx = sameColumn ? x1 - 58 : (x1 + x2) / 2;
      edges.append(el("text", { x: lx, y: (y1 + y2) / 2 - 6, class: "relname", "text-anchor": "middle" }, `${rel.name} · ${field}`));
    }
  }
  container.append(svg);
}
