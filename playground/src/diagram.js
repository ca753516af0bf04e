// The diagram: one box per collection (stored fields, computed fields in
// italics, the fields of @embedded types nested under the field that holds
// them), one arrow per stored reference from the field that stores it to
// the collection it points at, with the cardinality at each end and the
// relation's name on the arrow. Built with DOM calls: every label is text,
// never markup.
//
// Every text is measured as drawn (getBBox, in the page's own font, before
// the layout), so the layout's promises (no label on a box or on another
// label, no arrow across a box) hold whatever fonts the machine has. The
// layout itself is ELK's (diagram-layout.js, loaded on first use); the view
// zooms and pans (diagram-view.js).
import { attachView, MIN_PX } from "./diagram-view.js";
import { h, baseType } from "./render.js";

const NS = "http://www.w3.org/2000/svg";
const PAD = 10, INDENT = 14;
// A model too big to draw usefully (and quickly) is listed, not drawn.
const MAX_BOXES = 120, MAX_EDGES = 400;

function el(name, attrs = {}, text) {
  const n = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

const fieldText = (f) => `${f.name}: ${f.type}${f.computed ? "  (computed)" : ""}`;

// rowsOf lists a box's rows after its title: its fields, each field of an
// @embedded type followed by that type's fields, nested (an embedded type
// inside itself is not opened again).
export function rowsOf(fields, embedded, depth = 0, path = new Set(), top = null) {
  const rows = [];
  for (const f of fields) {
    const field = top ?? f.name;
    rows.push({ text: fieldText(f), cls: f.computed ? "field computed" : "field", depth, field: depth ? null : f.name });
    const et = embedded.get(baseType(f.type));
    if (et && !path.has(et.name) && depth < 4) {
      const inner = rowsOf(et.fields, embedded, depth + 1, new Set([...path, et.name]), field);
      if (inner.length) rows.push({ block: et.name, depth: depth + 1, n: inner.length, of: f.name }, ...inner);
    }
  }
  return rows;
}

// modelOf turns the report into boxes and stored references: the
// collections, and the @embedded types no collection holds (alone).
function modelOf(report) {
  const embedded = new Map((report.embedded || []).map((e) => [e.name, e]));
  const used = new Set();
  const boxes = (report.collections || []).map((c) => {
    const rows = rowsOf(c.fields, embedded);
    for (const r of rows) if (r.block) used.add(r.block);
    return { name: c.name, title: c.name + (c.associative ? "  (associative)" : ""), cls: "box" + (c.associative ? " associative" : ""), rows };
  });
  // A type nested only in other embedded types counts as used.
  for (const e of embedded.values()) for (const r of rowsOf(e.fields, embedded)) if (r.block) used.add(r.block);
  for (const e of embedded.values()) {
    if (!used.has(e.name)) boxes.push({ name: e.name, title: `${e.name}  (embedded)`, cls: "box embedded", rows: rowsOf(e.fields, embedded), embedded: true });
  }
  const names = new Set((report.collections || []).map((c) => c.name));
  const edges = [];
  for (const rel of report.relations || []) {
    if (!names.has(rel.collection)) continue;
    const stored = rel.fields || [];
    const many = rel.cardinality === "many-to-many";
    const pairs = many ? [[stored[0], rel.from.type], [stored[1], rel.to.type]]
      : [[stored[0], rel.collection === rel.from.type && rel.from.field === stored[0] ? rel.to.type : rel.from.type]];
    for (const [field, target] of pairs) {
      if (!names.has(target)) continue;
      const cards = rel.cardinality === "one-to-one" ? ["1", "1"] : many ? ["N", "N"] : ["N", "1"];
      // A loop's ends are close together: its name says the cardinality.
      const self = rel.collection === target;
      edges.push({ id: "e" + edges.length, rel, field, from: rel.collection, to: target, cards: self ? [] : cards, note: self ? ` (${cards.join(" → ")})` : "" });
    }
  }
  return { boxes, edges };
}

// measure sets each text at the origin and reads its box as drawn.
function measure(t) {
  t.setAttribute("x", 0); t.setAttribute("y", 0);
  const b = t.getBBox();
  return { dx: -b.x, dy: -b.y, w: Math.ceil(b.width), h: Math.ceil(b.height) };
}
function put(t, m, x, y) { t.setAttribute("x", x + m.dx); t.setAttribute("y", y + m.dy); }

// A path through the points with rounded bends.
function rounded(pts, r = 6) {
  let d = `M ${pts[0].x} ${pts[0].y}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [a, b, c] = [pts[i - 1], pts[i], pts[i + 1]];
    const l1 = Math.hypot(b.x - a.x, b.y - a.y), l2 = Math.hypot(c.x - b.x, c.y - b.y);
    const q = Math.min(r, l1 / 2, l2 / 2);
    if (q < 0.5) { d += ` L ${b.x} ${b.y}`; continue; }
    const p1 = { x: b.x + ((a.x - b.x) * q) / l1, y: b.y + ((a.y - b.y) * q) / l1 };
    const p2 = { x: b.x + ((c.x - b.x) * q) / l2, y: b.y + ((c.y - b.y) * q) / l2 };
    d += ` L ${p1.x} ${p1.y} Q ${b.x} ${b.y} ${p2.x} ${p2.y}`;
  }
  const z = pts[pts.length - 1];
  return d + ` L ${z.x} ${z.y}`;
}

// Layouts by their input (sizes in the page's font): a redraw of the same
// model (a resize, the full-screen view) costs no layout.
const cache = new Map();
let layoutModule = null;
// The layout is built as a file of its own beside app.js (see build.mjs):
// imported by URL, not bundled.
const layoutURL = new URL(`diagram-layout.js?v=${__BUILD__}`, import.meta.url).href;
async function layoutOf(input) {
  const key = JSON.stringify(input);
  if (cache.has(key)) return cache.get(key);
  layoutModule ||= await import(layoutURL);
  const res = await layoutModule.layout(input);
  if (cache.size > 12) cache.delete(cache.keys().next().value);
  cache.set(key, res);
  return res;
}

// prepareDiagram loads the layout's code and starts its worker ahead of a
// first diagram (say, when a person points at the Diagram tab).
export function prepareDiagram() {
  layoutOf({ dir: "RIGHT", nodes: [{ id: "a", w: 10, h: 10 }], edges: [] }).catch(() => {});
}

const states = new WeakMap(); // container -> { seq, key, view }

// whenShown resolves once the element has a size (a hidden tab or a closed
// dialog is drawn when it opens: text can only be measured when shown).
function whenShown(node) {
  // Inside a hidden panel it has no size, known without reading one: a
  // size read forces the page's layout at once, on the first load between
  // the schema's answer and the first query.
  const hidden = node.closest("[hidden]") || node.closest("dialog:not([open])");
  if (!hidden && node.clientWidth > 0 && node.clientHeight > 0) return null;
  return new Promise((resolve) => {
    const ro = new ResizeObserver(() => {
      if (node.clientWidth > 0 && node.clientHeight > 0) { ro.disconnect(); resolve(); }
    });
    ro.observe(node);
  });
}

function message(container, text) {
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = text;
  container.replaceChildren(p);
  container.dataset.state = "empty";
}

// renderDiagram draws the report's model into container, at the zoom that
// fits it but keeps its text legible. orientation is "lr" (layers left to
// right), "tb" (top to bottom) or "auto" (the one that fits the view
// better). It returns a promise, settled when the diagram is drawn (the
// container's data-state is then "drawn"). avail and overview are no
// longer used (the view zooms and pans, in the panel as full screen).
export async function renderDiagram(container, report, { orientation = "auto" } = {}) {
  const st = states.get(container) || { seq: 0 };
  states.set(container, st);
  const seq = ++st.seq;
  const colls = report.collections || [];
  if (!colls.length) {
    st.view?.stop(); st.view = null; st.key = null;
    message(container, (report.errors || []).length ? "Fix the schema errors to see the diagram." : "No collections yet: type a schema.");
    return;
  }
  const { boxes, edges } = modelOf(report);
  if (boxes.length > MAX_BOXES || edges.length > MAX_EDGES) {
    st.view?.stop(); st.view = null; st.key = null;
    message(container, `Too many collections and references to draw (${colls.length} collections): the Collections tab lists them all.`);
    return;
  }
  container.tabIndex = 0;
  container.setAttribute("role", "group");
  container.setAttribute("aria-label", "Diagram: the arrow keys move it, + and − zoom, 0 fits it, 1 shows it at actual size");
  container.dataset.state = "pending";
  // One wait for the container to show, however many drawings it skips.
  st.shown ||= whenShown(container);
  if (st.shown) { await st.shown; st.shown = null; }
  if (seq !== st.seq) return;

  const svg = el("svg", { role: "img", "aria-label": `Diagram: ${colls.length} collection(s) and ${(report.relations || []).length} relation(s)` });
  const defs = el("defs");
  const markerId = `arrow-${container.id || "diagram"}`;
  const marker = el("marker", { id: markerId, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }));
  defs.append(marker);
  const edgeG = el("g", { class: "edges" }), boxG = el("g", { class: "boxes" }), labelG = el("g", { class: "labels" });
  svg.append(defs, edgeG, boxG, labelG);
  // Drawn off screen first: measured in place, then laid out.
  const stage = h("div", { class: "diagram-stage" });
  stage.append(svg);
  container.append(stage);

  // The boxes, their texts measured.
  const nodes = boxes.map((b) => {
    const g = el("g", { class: b.cls, "data-name": b.name });
    const rect = el("rect", { rx: 6 });
    const title = el("text", { class: "title" }, b.title);
    g.append(rect, title);
    boxG.append(g);
    const texts = b.rows.map((r) => {
      if (r.block) return null;
      const t = el("text", { class: r.cls, ...(r.field ? { "data-field": r.field } : {}) }, r.text);
      g.append(t);
      return t;
    });
    const tm = measure(title);
    const ms = texts.map((t) => t && measure(t));
    return { b, g, rect, title, tm, texts, ms };
  });
  const rowH = Math.max(18, ...nodes.flatMap((n) => n.ms.filter(Boolean).map((m) => m.h + 4)));
  const headH = Math.max(26, ...nodes.map((n) => n.tm.h + 10));
  const blockH = 4; // the space above and below a block of embedded fields
  for (const n of nodes) {
    const ends = n.b.rows.map(() => 0); // blocks whose last row this is
    n.b.rows.forEach((r, i) => { if (r.block) ends[i + r.n]++; });
    let y = headH + 4;
    n.rowY = n.b.rows.map((r, i) => {
      const at = y;
      y += r.block ? blockH : rowH + ends[i] * blockH;
      return at;
    });
    n.w = Math.max(140, n.tm.w + 2 * PAD, ...n.ms.map((m, i) => (m ? m.w + 2 * PAD + n.b.rows[i].depth * INDENT : 0)));
    n.h = Math.max(y, headH + rowH) + 4;
  }
  const nodeOf = new Map(nodes.map((n) => [n.b.name, n]));
  // The arrows' labels, measured.
  const tb = (dir) => dir === "DOWN";
  const nameOf = (e, dir) => (tb(dir) ? `${e.rel.name} · ${e.field}` : e.rel.name) + e.note;
  const labelsOf = edges.map((e, key) => {
    const mk = (cls, text) => { const t = el("text", { class: cls, "data-key": key, ...(cls === "relname" ? { "data-rel": e.rel.name } : {}) }, text); labelG.append(t); return t; };
    return { name: mk("relname", e.rel.name + e.note), cards: e.cards.map((c) => mk("card", c)) };
  });
  const measured = labelsOf.map((l) => ({ name: measure(l.name), cards: l.cards.map(measure) }));
  const inputFor = (dir) => ({
    dir,
    nodes: nodes.map((n) => ({ id: n.b.name, w: n.w, h: n.h })),
    edges: edges.map((e, i) => {
      const src = nodeOf.get(e.from);
      const row = src.b.rows.findIndex((r) => r.field === e.field);
      // Top to bottom the arrow leaves from the box's edge: its name says
      // the field too.
      const text = nameOf(e, dir);
      labelsOf[i].name.textContent = text;
      const m = measure(labelsOf[i].name);
      return { id: e.id, from: e.from, to: e.to, fromY: row < 0 ? headH / 2 : src.rowY[row] + rowH / 2, label: { w: m.w, h: m.h }, cards: measured[i].cards.map((c) => ({ w: c.w, h: c.h })) };
    }),
  });
  const smallest = Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) || 12));
  const minK = MIN_PX / smallest;

  let dir = orientation === "tb" ? "DOWN" : "RIGHT";
  let placed;
  try {
    placed = await layoutOf(inputFor(dir));
    if (orientation === "auto") {
      // The orientation that needs less zooming out to fit the view.
      const fitK = (p) => Math.min(container.clientWidth / p.W, container.clientHeight / p.H);
      if (fitK(placed) < minK) {
        const down = await layoutOf(inputFor("DOWN"));
        if (fitK(down) > fitK(placed) * 1.05) { placed = down; dir = "DOWN"; }
      }
    }
  } catch (err) {
    if (seq === st.seq) { stage.remove(); message(container, `The diagram could not be laid out: ${err.message || err}`); }
    return;
  }
  if (seq !== st.seq) { stage.remove(); return; }
  // The names as this orientation writes them.
  edges.forEach((e, i) => { labelsOf[i].name.textContent = nameOf(e, dir); });

  for (const n of nodes) {
    const p = placed.nodes.get(n.b.name);
    n.rect.setAttribute("x", p.x); n.rect.setAttribute("y", p.y);
    n.rect.setAttribute("width", p.w); n.rect.setAttribute("height", p.h);
    put(n.title, n.tm, p.x + PAD, p.y + (headH - n.tm.h) / 2);
    n.g.insertBefore(el("line", { x1: p.x, x2: p.x + p.w, y1: p.y + headH, y2: p.y + headH, class: "rule" }), n.title);
    n.b.rows.forEach((r, i) => {
      const x = p.x + PAD + r.depth * INDENT;
      if (r.block) {
        // A block of embedded fields: a band behind them, named on hover.
        // It ends below its last row and below the blocks nested in it
        // that end there too.
        const last = i + r.n;
        const inner = n.b.rows.filter((q, j) => q.block && j + q.n === last && q.depth > r.depth).length;
        const y0 = p.y + n.rowY[i] + 1, y1 = p.y + n.rowY[last] + rowH + inner * blockH;
        const band = el("rect", { x: x - 6, y: y0, width: p.x + p.w - (x - 6) - 4, height: y1 - y0 + 2, rx: 3, class: "embedded-block", "data-embedded": r.block });
        band.append(el("title", {}, `${r.of}: @embedded ${r.block}, stored inside each ${n.b.name} document`));
        n.g.insertBefore(band, n.title);
        return;
      }
      put(n.texts[i], n.ms[i], x, p.y + n.rowY[i] + (rowH - n.ms[i].h) / 2);
    });
  }
  edges.forEach((e, key) => {
    const r = placed.edges.get(e.id);
    if (!r || r.points.length < 2) return;
    const rel = e.rel;
    const path = el("path", { d: rounded(r.points), class: "edge " + rel.cardinality, "marker-end": `url(#${markerId})`, "data-rel": rel.name, "data-field": e.field, "data-key": key });
    path.append(el("title", {}, `${rel.name}: ${rel.cardinality} (${rel.from.type}.${rel.from.field || "—"} → ${rel.to.type}.${rel.to.field || "—"}), stored in ${rel.collection}.${e.field}`));
    edgeG.append(path);
    const l = labelsOf[key];
    put(l.name, measure(l.name), r.label.x, r.label.y);
    l.cards.forEach((t, j) => put(t, measured[key].cards[j], r.cards[j].x, r.cards[j].y));
  });

  // Pointing at an arrow or one of its labels highlights the arrow and all
  // its labels.
  const hot = (key) => {
    for (const n of svg.querySelectorAll(".hot")) n.classList.remove("hot");
    if (key !== undefined) for (const n of svg.querySelectorAll(`[data-key="${key}"]`)) n.classList.add("hot");
  };
  svg.addEventListener("pointerover", (ev) => hot(ev.target.closest?.("[data-key]")?.dataset.key));
  svg.addEventListener("pointerleave", () => hot());
  svg.dataset.orientation = tb(dir) ? "tb" : "lr";
  svg.dataset.width = String(placed.W); svg.dataset.height = String(placed.H);

  // The view: the same drawing drawn again keeps its zoom and place.
  const key = JSON.stringify([placed.W, placed.H, dir, boxes.map((b) => b.name)]);
  const keep = st.key === key ? st.view?.state() : null;
  st.view?.stop();
  const note = h("p", { class: "diagram-note" });
  stage.classList.add("shown");
  container.replaceChildren(stage, note);
  const view = attachView(container, svg, { W: placed.W, H: placed.H, minK, state: keep, across: tb(dir) ? "x" : "y", note }, h);
  st.view = view; st.key = key;
  // The zoom buttons go in the bar above the diagram (the panel's, the
  // dialog's), else over its corner; a line below says how to move.
  const bar = container.previousElementSibling?.matches(".panelbar, .dialogbar") ? container.previousElementSibling : null;
  bar?.querySelector(".diagram-tools")?.remove();
  if (bar) bar.insertBefore(view.tools, bar.matches(".dialogbar") ? bar.lastElementChild : bar.firstChild); else stage.append(view.tools);
  container.dataset.state = "drawn";
}
