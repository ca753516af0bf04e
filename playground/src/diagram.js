// The diagram: one box per collection (stored fields, computed fields in
// italics), one arrow per stored reference from the field that stores it to
// the collection it points at, with the cardinality at each end and the
// relation's name on the arrow. Built with DOM calls: every label is text,
// never markup.
//
// Layout (layered, as Sugiyama): the connected components are laid out one
// below the other, the collections without relations last. In a component
// the collections are put in columns so that references point from one
// column to the next (long arrows pass through waypoints in the columns
// between, cycles are broken), ordered in each column to keep arrows short.
// Every curve stays in the channel between two columns, so arrows never
// cross a box; each arrow's name sits in the channel next to the field that
// stores it, the names of one channel stacked so that none overlap.
const NS = "http://www.w3.org/2000/svg";
const ROW_H = 18, HEAD_H = 26, PAD = 10, GAP_Y = 28, WAY_H = 14, COMP_GAP = 48, MARGIN = 24;
const FONT = "ui-monospace, Menlo, Consolas, monospace"; // as style.css sets on #diagram svg
const LABEL_H = 17;    // room for one relation name
const SLOT = 17;       // spacing of arrow ends on a box side
const CARD_W = 16;     // room for the cardinality beside a box

// textWidth measures a text in the diagram's font (a canvas measures even
// while the diagram's tab is hidden).
let canvas = null;
function textWidth(text, px, bold = false) {
  canvas ||= document.createElement("canvas").getContext("2d");
  canvas.font = `${bold ? "700 " : ""}${px}px ${FONT}`;
  return canvas.measureText(text).width;
}

// A model too big to draw usefully (and quickly) is listed, not drawn.
const MAX_BOXES = 120, MAX_WAYS = 3000;
class TooBig extends Error {}

function el(name, attrs = {}, text) {
  const n = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

const fieldText = (f) => `${f.name}: ${f.type}${f.computed ? "  (computed)" : ""}`;
const titleText = (c) => c.name + (c.associative ? "  (associative)" : "");

// edgesOf turns the report's relations into stored references: from the
// collection and field that store it to the collection it points at.
function edgesOf(report, names) {
  const out = [];
  for (const rel of report.relations || []) {
    if (!names.has(rel.collection)) continue;
    const stored = rel.fields || [];
    const many = rel.cardinality === "many-to-many";
    const pairs = many ? [[stored[0], rel.from.type], [stored[1], rel.to.type]]
      : [[stored[0], rel.collection === rel.from.type && rel.from.field === stored[0] ? rel.to.type : rel.from.type]];
    for (const [field, target] of pairs) {
      if (!names.has(target)) continue;
      const cards = rel.cardinality === "one-to-one" ? ["1", "1"] : many ? ["N", "N"] : ["N", "1"];
      // Left to right an arrow leaves from its field's row: the name of the
      // relation says the rest. Top to bottom it leaves from an edge: the
      // field is named too.
      const labelLR = rel.name, labelTB = `${rel.name} · ${field}`;
      out.push({ rel, field, from: rel.collection, to: target, cards, labelLR, labelTB, labelLRW: textWidth(labelLR, 11), labelTBW: textWidth(labelTB, 11) });
    }
  }
  return out;
}

// components groups the collections connected by references.
function components(nodes, edges) {
  const parent = new Map([...nodes.keys()].map((n) => [n, n]));
  const find = (n) => (parent.get(n) === n ? n : (parent.set(n, find(parent.get(n))), parent.get(n)));
  for (const e of edges) parent.set(find(e.from), find(e.to));
  const groups = new Map();
  for (const n of nodes.keys()) {
    const r = find(n);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(n);
  }
  return [...groups.values()];
}

// layer assigns columns: a reference goes from a lower to a higher column,
// except the ones that close a cycle (drawn backwards).
function layer(names, edges) {
  const out = new Map(names.map((n) => [n, []]));
  for (const e of edges) if (e.from !== e.to) out.get(e.from).push(e);
  // Break cycles: a depth-first search from the collections nothing points
  // at; an edge back to the path is reversed for the layering.
  const indeg = new Map(names.map((n) => [n, 0]));
  for (const e of edges) if (e.from !== e.to) indeg.set(e.to, indeg.get(e.to) + 1);
  const starts = [...names].sort((a, b) => indeg.get(a) - indeg.get(b));
  const state = new Map(); // 1 on the path, 2 done
  const dag = []; // [u, v] pairs
  const visit = (n) => {
    state.set(n, 1);
    for (const e of out.get(n)) {
      const s = state.get(e.to);
      if (s === 1) dag.push([e.to, e.from]);
      else { dag.push([e.from, e.to]); if (!s) visit(e.to); }
    }
    state.set(n, 2);
  };
  for (const n of starts) if (!state.get(n)) visit(n);
  // Longest path from the sources.
  const succ = new Map(names.map((n) => [n, []]));
  const pred = new Map(names.map((n) => [n, []]));
  for (const [u, v] of dag) { succ.get(u).push(v); pred.get(v).push(u); }
  const rank = new Map();
  const rankOf = (n) => {
    if (rank.has(n)) return rank.get(n);
    rank.set(n, 0); // guards against a cycle left by equal pairs
    const r = Math.max(0, ...pred.get(n).map((p) => rankOf(p) + 1));
    rank.set(n, r);
    return r;
  };
  for (const n of names) rankOf(n);
  // Pull the sources next to their nearest successor: shorter arrows.
  for (const n of names) {
    if (pred.get(n).length === 0 && succ.get(n).length) rank.set(n, Math.min(...succ.get(n).map((s) => rank.get(s))) - 1);
  }
  const min = Math.min(...rank.values());
  for (const n of names) rank.set(n, rank.get(n) - min);
  return rank;
}

// layoutComponent places one component's boxes and routes its arrows, in
// coordinates from (0, 0); it returns its size, boxes and drawn edges.
function layoutComponent(names, edges, nodes, tb = false) {
  const rank = layer(names, edges);
  const L = Math.max(...rank.values()) + 1;
  const layers = Array.from({ length: L }, () => []);
  // An item's h is its size along its layer: a box's height in columns
  // (left to right), its width in rows (top to bottom).
  for (const n of names) layers[rank.get(n)].push({ kind: "box", node: nodes.get(n), h: tb ? nodes.get(n).w : nodes.get(n).h, layer: rank.get(n) });
  // Chains of waypoints for the arrows that skip columns.
  let ways = 0;
  const routes = edges.map((e) => {
    const s = rank.get(e.from), t = rank.get(e.to);
    const route = { e, s, t, dir: t >= s ? 1 : -1, ways: [] };
    for (let l = s + route.dir; e.from !== e.to && (route.dir > 0 ? l < t : l > t); l += route.dir) {
      if (++ways > MAX_WAYS) throw new TooBig();
      const w = { kind: "way", h: WAY_H, route, layer: l };
      route.ways.push(w);
      layers[l].push(w);
    }
    return route;
  });
  const boxItem = new Map(layers.flat().filter((it) => it.kind === "box").map((it) => [it.node.name, it]));
  const itemOf = (n) => boxItem.get(n);
  // The neighbours of each item in the columns either side.
  const nbrs = new Map();
  const link = (a, b) => {
    if (!nbrs.has(a)) nbrs.set(a, []);
    if (!nbrs.has(b)) nbrs.set(b, []);
    nbrs.get(a).push(b); nbrs.get(b).push(a);
  };
  for (const r of routes) {
    if (r.e.from === r.e.to) continue;
    const chain = [itemOf(r.e.from), ...r.ways, itemOf(r.e.to)];
    for (let i = 1; i < chain.length; i++) link(chain[i - 1], chain[i]);
  }
  const pos = new Map();
  const index = () => layers.forEach((ly) => ly.forEach((it, i) => pos.set(it, i)));
  index();
  // Order each column by the mean position of its neighbours (sweeps down
  // and up).
  const sweep = (l, side) => {
    const bary = (it) => {
      const ns = (nbrs.get(it) || []).filter((n) => n.layer === side);
      return ns.length ? ns.reduce((a, n) => a + pos.get(n), 0) / ns.length : pos.get(it);
    };
    const keyed = layers[l].map((it) => [bary(it), pos.get(it), it]);
    keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    layers[l] = keyed.map((k) => k[2]);
    layers[l].forEach((it, i) => pos.set(it, i));
  };
  for (let k = 0; k < 6; k++) {
    for (let l = 1; l < L; l++) sweep(l, l - 1);
    for (let l = L - 2; l >= 0; l--) sweep(l, l + 1);
  }
  // Vertical positions: stack each column, then pull items towards their
  // neighbours without reordering or overlapping.
  const gap = (it) => (it.kind === "box" ? GAP_Y : 8);
  for (const ly of layers) {
    let y = 0;
    for (const it of ly) { it.y = y; y += it.h + gap(it); }
  }
  const centre = (it) => it.y + it.h / 2;
  for (let k = 0; k < 4; k++) {
    const order = k % 2 ? [...layers.keys()].reverse() : [...layers.keys()];
    for (const l of order) {
      let floor = -Infinity;
      for (const it of layers[l]) {
        const ns = nbrs.get(it) || [];
        const want = ns.length ? ns.reduce((a, n) => a + centre(n), 0) / ns.length - it.h / 2 : it.y;
        it.y = Math.max(want, floor);
        floor = it.y + it.h + gap(it);
      }
    }
  }
  const top = Math.min(...layers.flat().map((it) => it.y));
  for (const it of layers.flat()) it.y -= top;
  if (tb) return routeTB(layers, routes, nodes, L);
  // Column widths, and the channels between columns wide enough for the
  // names of the arrows that leave through them.
  const colW = layers.map((ly) => Math.max(24, ...ly.filter((it) => it.kind === "box").map((it) => it.node.w)));
  const chanLabels = Array.from({ length: L + 1 }, () => []); // channel c lies between columns c-1 and c
  for (const r of routes) {
    const s = r.s;
    r.chan = r.e.from === r.e.to ? s + 1 : r.dir > 0 ? s + 1 : s;
    chanLabels[r.chan].push(r);
  }
  const chanW = chanLabels.map((rs, c) => {
    const widest = Math.max(0, ...rs.map((r) => r.e.labelW));
    if (c === 0 || c === L) return rs.length ? widest + 2 * CARD_W + 32 : 0;
    return Math.max(90, widest + 2 * CARD_W + 40);
  });
  const colX = [];
  let x = chanW[0];
  for (let l = 0; l < L; l++) { colX.push(x); x += colW[l] + chanW[l + 1]; }
  const width = x;
  for (let l = 0; l < L; l++) for (const it of layers[l]) {
    it.x = colX[l];
    if (it.kind === "box") { it.node.x = it.x; it.node.y = it.y; }
  }

  // Ports: an arrow leaves from its field's row; arrows arriving at a side
  // take the free slots from the top, in the order of where they come from.
  const fieldY = (node, name) => node.y + HEAD_H + 8 + Math.max(0, node.c.fields.findIndex((f) => f.name === name)) * ROW_H;
  const sideX = (node, side) => (side > 0 ? node.x + node.w : node.x);
  const arrivals = new Map(); // node name + side -> routes
  for (const r of routes) {
    const from = nodes.get(r.e.from), to = nodes.get(r.e.to);
    const self = r.e.from === r.e.to;
    r.outSide = self ? 1 : r.dir;
    r.inSide = self ? 1 : -r.dir;
    r.y0 = fieldY(from, r.e.field);
    r.x0 = sideX(from, r.outSide);
    const key = to.name + "/" + r.inSide;
    if (!arrivals.has(key)) arrivals.set(key, []);
    arrivals.get(key).push(r);
  }
  for (const [key, rs] of arrivals) {
    const [name, sideS] = key.split("/");
    const node = nodes.get(name), side = Number(sideS);
    const taken = routes.filter((r) => r.e.from === name && r.outSide === side).map((r) => r.y0);
    const before = (r) => (r.ways.length ? centre(r.ways[r.ways.length - 1]) : r.y0);
    rs.sort((a, b) => before(a) - before(b));
    let y = node.y + HEAD_H / 2;
    for (const r of rs) {
      while (taken.some((t) => Math.abs(t - y) < SLOT)) y += SLOT / 2;
      r.y1 = y;
      r.x1 = sideX(node, side);
      taken.push(y);
      y += SLOT;
    }
  }
  // Names: in their channel, at the middle of the arrow's first stretch,
  // pushed apart so that none overlap; each name sits just above its arrow.
  const chanMid = (c) => (c === 0 ? chanW[0] / 2 : c === L ? width - chanW[L] / 2 : colX[c - 1] + colW[c - 1] + chanW[c] / 2);
  for (let c = 0; c <= L; c++) {
    const rs = chanLabels[c];
    for (const r of rs) {
      const next = r.e.from === r.e.to ? r.y1 : r.ways.length ? centre(r.ways[0]) : r.y1;
      r.ly = (r.y0 + next) / 2;
    }
    rs.sort((a, b) => a.ly - b.ly);
    for (let i = 1; i < rs.length; i++) rs[i].ly = Math.max(rs[i].ly, rs[i - 1].ly + LABEL_H);
    for (const r of rs) r.lx = chanMid(c);
  }
  // Paths: straight across columns, curves only inside channels.
  const curve = (xa, ya, xb, yb) => { const m = (xa + xb) / 2; return ` C ${m} ${ya}, ${m} ${yb}, ${xb} ${yb}`; };
  for (const r of routes) {
    const self = r.e.from === r.e.to;
    const s = r.s;
    const edgeX = (l, side) => (side > 0 ? colX[l] + colW[l] : colX[l]);
    const hw = r.e.labelW / 2 + 4;
    let d = `M ${r.x0} ${r.y0}`;
    let cx = edgeX(s, r.outSide), cy = r.y0;
    if (cx !== r.x0) d += ` L ${cx} ${cy}`;
    if (self) {
      // A loop whose tip touches the left end of its name.
      const tip = r.lx - hw;
      const ctl = cx + (tip - cx) / 0.75;
      d += ` C ${ctl} ${cy}, ${ctl} ${r.y1}, ${cx} ${r.y1}`;
      if (cx !== r.x1) d += ` L ${r.x1} ${r.y1}`;
    } else {
      // The name sits above a level stretch of its own arrow.
      d += curve(cx, cy, r.lx - r.dir * hw, r.ly) + ` L ${r.lx + r.dir * hw} ${r.ly}`;
      cx = r.lx + r.dir * hw; cy = r.ly;
      let l = s + r.dir;
      for (const w of r.ways) {
        const wy = centre(w);
        const inX = edgeX(l, -r.dir), outX = edgeX(l, r.dir);
        d += curve(cx, cy, inX, wy) + ` L ${outX} ${wy}`;
        cx = outX; cy = wy;
        l += r.dir;
      }
      const inX = edgeX(l, r.inSide);
      d += curve(cx, cy, inX, r.y1);
      if (inX !== r.x1) d += ` L ${r.x1} ${r.y1}`;
    }
    r.d = d;
  }
  const height = Math.max(...layers.flat().map((it) => it.y + it.h), ...routes.map((r) => r.ly + LABEL_H));
  return { width, height, routes };
}

// routeTB places rows of boxes (layer l is row l, the items' y being their
// x along it) and routes the arrows down (or up) through the bands between
// rows. An arrow leaves from the box's bottom (or top) edge; its name,
// which says the field, sits beside a vertical stretch of it in the band
// below the box that stores it, the names of one band side by side.
const BAND_PAD = 30; // room for the curves above and below the names
const LANES = 3;
function routeTB(layers, routes, nodes, L) {
  const size = (it) => it.h;
  const rowH = layers.map((ly) => Math.max(10, ...ly.filter((it) => it.kind === "box").map((it) => it.node.h)));
  for (let l = 0; l < L; l++) for (const it of layers[l]) {
    it.ax = it.y; // the position along the row
    if (it.kind === "box") it.node.x = it.ax;
  }
  const centre = (it) => it.ax + size(it) / 2;
  const bands = Array.from({ length: L + 1 }, () => []); // band c lies above row c
  for (const r of routes) {
    r.chan = r.e.from === r.e.to ? r.s + 1 : r.dir > 0 ? r.s + 1 : r.s;
    bands[r.chan].push(r);
  }
  // Ports: spread along the edge they use, in the order of where the
  // arrows go (or come from).
  const ends = new Map(); // node/side -> [{r, end, toward}]
  const addEnd = (name, side, r, end, toward) => {
    const k = name + "/" + side;
    if (!ends.has(k)) ends.set(k, []);
    ends.get(k).push({ r, end, toward });
  };
  for (const r of routes) {
    const self = r.e.from === r.e.to;
    r.outSide = self ? 1 : r.dir;
    r.inSide = self ? 1 : -r.dir;
    const from = nodes.get(r.e.from), to = nodes.get(r.e.to);
    const first = r.ways.length ? centre(r.ways[0]) : to.x + to.w / 2;
    const last = r.ways.length ? centre(r.ways[r.ways.length - 1]) : from.x + from.w / 2;
    addEnd(from.name, r.outSide, r, 0, self ? from.x : first);
    addEnd(to.name, r.inSide, r, 1, self ? from.x + from.w : last);
  }
  for (const [k, list] of ends) {
    const node = nodes.get(k.split("/")[0]);
    list.sort((a, b) => a.toward - b.toward || a.end - b.end);
    list.forEach((p, i) => {
      const x = node.x + ((i + 1) * node.w) / (list.length + 1);
      if (p.end === 0) p.r.x0 = x; else p.r.x1 = x;
    });
  }
  // Names: beside the arrow's vertical stretch, in its band, side by side
  // on up to three lanes; a name takes the lane where it moves least.
  let width = Math.max(...layers.map((ly) => Math.max(0, ...ly.map((it) => it.ax + size(it)))));
  const lanes = bands.map((rs) => {
    for (const r of rs) {
      const self = r.e.from === r.e.to;
      const next = self ? r.x1 : r.ways.length ? centre(r.ways[0]) : r.x1;
      r.lx = self ? Math.max(r.x0, r.x1) + 10 : (r.x0 + next) / 2;
    }
    rs.sort((a, b) => a.lx - b.lx);
    const floors = [];
    for (const r of rs) {
      let best = -1, bestPos = Infinity;
      floors.forEach((f, i) => { const p = Math.max(r.lx, f); if (p < bestPos - 0.5) { best = i; bestPos = p; } });
      if ((best < 0 || bestPos - r.lx > 40) && floors.length < LANES) { floors.push(-Infinity); best = floors.length - 1; bestPos = r.lx; }
      r.lane = best;
      r.lx = bestPos;
      floors[best] = r.lx + 6 + r.e.labelW + 14;
      width = Math.max(width, floors[best]);
    }
    return floors.length;
  });
  const bandH = lanes.map((n, c) => (n ? 2 * BAND_PAD + n * LABEL_H : c === 0 || c === L ? 0 : 2 * BAND_PAD));
  const rowY = [];
  let y = bandH[0];
  for (let l = 0; l < L; l++) { rowY.push(y); y += rowH[l] + bandH[l + 1]; }
  const height = y;
  for (let l = 0; l < L; l++) for (const it of layers[l]) if (it.kind === "box") it.node.y = rowY[l];
  for (const r of routes) {
    const from = nodes.get(r.e.from), to = nodes.get(r.e.to);
    r.y0 = r.outSide > 0 ? from.y + from.h : from.y;
    r.y1 = r.inSide > 0 ? to.y + to.h : to.y;
  }
  bands.forEach((rs, c) => {
    const top = c === 0 ? 0 : rowY[c - 1] + rowH[c - 1];
    for (const r of rs) r.ly = top + BAND_PAD + r.lane * LABEL_H + LABEL_H / 2;
  });
  const rowEdge = (l, side) => (side > 0 ? rowY[l] + rowH[l] : rowY[l]);
  const curve = (xa, ya, xb, yb) => { const m = (ya + yb) / 2; return ` C ${xa} ${m}, ${xb} ${m}, ${xb} ${yb}`; };
  for (const r of routes) {
    const self = r.e.from === r.e.to;
    let d = `M ${r.x0} ${r.y0}`;
    let cx = r.x0, cy = rowEdge(r.s, r.outSide);
    if (cy !== r.y0) d += ` L ${cx} ${cy}`;
    if (self) {
      const ctl = cy + (r.ly - cy) / 0.75;
      d += ` C ${cx} ${ctl}, ${r.x1} ${ctl}, ${r.x1} ${cy}`;
      if (cy !== r.y1) d += ` L ${r.x1} ${r.y1}`;
      r.textX = r.lx;
    } else {
      const half = LABEL_H / 2 + 2;
      d += curve(cx, cy, r.lx, r.ly - r.dir * half) + ` L ${r.lx} ${r.ly + r.dir * half}`;
      cx = r.lx; cy = r.ly + r.dir * half;
      let l = r.s + r.dir;
      for (const w of r.ways) {
        const wx = centre(w);
        d += curve(cx, cy, wx, rowEdge(l, -r.dir)) + ` L ${wx} ${rowEdge(l, r.dir)}`;
        cx = wx; cy = rowEdge(l, r.dir);
        l += r.dir;
      }
      const inY = rowEdge(l, r.inSide);
      d += curve(cx, cy, r.x1, inY);
      if (inY !== r.y1) d += ` L ${r.x1} ${r.y1}`;
      r.textX = r.lx + 6;
    }
    r.d = d;
  }
  return { width, height, routes, tb: true };
}

// placeAll lays out every component (one below the other) and the lone
// collections, in one orientation; it returns the size and the routes.
function placeAll(nodes, edges, linked, alone, tb) {
  for (const e of edges) { e.label = tb ? e.labelTB : e.labelLR; e.labelW = tb ? e.labelTBW : e.labelLRW; }
  let y = MARGIN, width = 0;
  const routes = [];
  for (const g of linked) {
    const set = new Set(g);
    const lay = layoutComponent(g, edges.filter((e) => set.has(e.from)), nodes, tb);
    for (const n of g) { nodes.get(n).x += MARGIN; nodes.get(n).y += y; }
    for (const r of lay.routes) r.shift = [MARGIN, y];
    routes.push(...lay.routes);
    width = Math.max(width, lay.width);
    y += lay.height + COMP_GAP;
  }
  // The collections without relations: a row that wraps.
  if (alone.length) {
    const rowW = Math.max(width, 600);
    let x = 0, rowH = 0;
    for (const n of alone) {
      const node = nodes.get(n);
      if (x > 0 && x + node.w > rowW) { x = 0; y += rowH + GAP_Y; rowH = 0; }
      node.x = MARGIN + x; node.y = y;
      x += node.w + 40;
      rowH = Math.max(rowH, node.h);
      width = Math.max(width, x - 40);
    }
    y += rowH + COMP_GAP;
  }
  return { W: width + 2 * MARGIN, H: y - COMP_GAP + MARGIN, routes, tb };
}

// renderDiagram draws the report's model into container. orientation is
// "lr" (columns, left to right), "tb" (rows, top to bottom) or "auto": the
// one that needs less shrinking to fit avail pixels of width.
// In the panel (overview) a model too wide shows shrunk, with a note; with
// overview false (full screen) it never goes below 80 % and scrolls.
export function renderDiagram(container, report, { avail = 0, orientation = "auto", overview = true } = {}) {
  container.replaceChildren();
  container.classList.remove("shrunk");
  const colls = report.collections || [];
  if (!colls.length) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = (report.errors || []).length ? "Fix the schema errors to see the diagram." : "No collections yet: type a schema.";
    container.append(p);
    return;
  }
  const tooBig = () => {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = `Too many collections and references to draw (${colls.length} collections): the Collections tab lists them all.`;
    container.append(p);
  };
  if (colls.length > MAX_BOXES) { tooBig(); return; }
  const nodes = new Map();
  for (const c of colls) {
    const textW = Math.max(textWidth(titleText(c), 12, true), ...c.fields.map((f) => textWidth(fieldText(f), 12)));
    nodes.set(c.name, { name: c.name, c, w: Math.max(140, Math.ceil(textW) + 2 * PAD), h: HEAD_H + Math.max(1, c.fields.length) * ROW_H + 8 });
  }
  const edges = edgesOf(report, new Set(nodes.keys()));
  const groups = components(nodes, edges);
  const linked = groups.filter((g) => g.length > 1 || edges.some((e) => e.from === g[0]));
  const alone = groups.filter((g) => !linked.includes(g)).flat();
  linked.sort((a, b) => b.length - a.length);

  let tb = orientation === "tb";
  let placed;
  try {
    if (orientation === "auto" && avail > 0) {
      const lr = placeAll(nodes, edges, linked, alone, false);
      if (lr.W > avail) {
        const tbl = placeAll(nodes, edges, linked, alone, true);
        tb = tbl.W < lr.W;
      }
    }
    placed = placeAll(nodes, edges, linked, alone, tb);
  } catch (err) {
    if (!(err instanceof TooBig)) throw err;
    tooBig();
    return;
  }
  const { W, H, routes } = placed;
  // Scale to the panel (never above natural size). A model too wide to be
  // read there shows whole, as an overview, with a way to read it.
  if (overview && avail > 0 && W * 0.8 > avail) {
    const note = document.createElement("p");
    note.className = "diagram-note";
    note.textContent = "Shrunk to fit the panel: click it (or Full screen) to read it; point at an arrow to highlight it.";
    container.append(note);
    container.classList.add("shrunk");
  } else {
    container.classList.remove("shrunk");
  }
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "data-orientation": tb ? "tb" : "lr",
    "aria-label": `Diagram: ${colls.length} collection(s) and ${(report.relations || []).length} relation(s)` });
  svg.style.maxWidth = `${W}px`;
  svg.style.aspectRatio = `${W} / ${H}`;
  svg.style.height = "auto";
  if (!overview) svg.style.minWidth = `${Math.round(W * 0.8)}px`;
  const defs = el("defs");
  const markerId = `arrow-${container.id || "diagram"}`;
  const marker = el("marker", { id: markerId, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }));
  defs.append(marker);
  svg.append(defs);

  for (const node of nodes.values()) {
    const g = el("g", { class: "box" + (node.c.associative ? " associative" : ""), "data-name": node.name });
    g.append(el("rect", { x: node.x, y: node.y, width: node.w, height: node.h, rx: 6 }));
    g.append(el("text", { x: node.x + PAD, y: node.y + 18, class: "title" }, titleText(node.c)));
    node.c.fields.forEach((f, j) => {
      g.append(el("text", { x: node.x + PAD, y: node.y + HEAD_H + 12 + j * ROW_H, class: f.computed ? "field computed" : "field", "data-field": f.name }, fieldText(f)));
    });
    svg.append(g);
  }
  const edgeG = el("g", { class: "edges" });
  const labelG = el("g", { class: "labels" });
  routes.forEach((r, key) => {
    const [dx, dy] = r.shift;
    const rel = r.e.rel;
    const path = el("path", { d: r.d, class: "edge " + rel.cardinality, "marker-end": `url(#${markerId})`, transform: `translate(${dx} ${dy})`, "data-rel": rel.name, "data-field": r.e.field, "data-key": key });
    path.append(el("title", {}, `${rel.name}: ${rel.cardinality} (${rel.from.type}.${rel.from.field || "—"} → ${rel.to.type}.${rel.to.field || "—"}), stored in ${rel.collection}.${r.e.field}`));
    edgeG.append(path);
    const [a, b] = r.e.cards;
    if (tb) {
      // Beside the arrow, just outside the box's edge.
      labelG.append(el("text", { x: dx + r.x0 + 5, y: dy + r.y0 + (r.outSide > 0 ? 13 : -4), class: "card", "data-key": key }, a));
      labelG.append(el("text", { x: dx + r.x1 + 6, y: dy + r.y1 + (r.inSide > 0 ? 13 : -4), class: "card", "data-key": key }, b));
      labelG.append(el("text", { x: dx + r.textX, y: dy + r.ly + 4, class: "relname", "data-rel": rel.name, "data-key": key }, r.e.label));
    } else {
      labelG.append(el("text", { x: dx + r.x0 + (r.outSide > 0 ? 4 : -4), y: dy + r.y0 - 4, class: "card", "text-anchor": r.outSide > 0 ? "start" : "end", "data-key": key }, a));
      labelG.append(el("text", { x: dx + r.x1 + (r.inSide > 0 ? 10 : -10), y: dy + r.y1 - 4, class: "card", "text-anchor": r.inSide > 0 ? "start" : "end", "data-key": key }, b));
      labelG.append(el("text", { x: dx + r.lx, y: dy + r.ly - 4, class: "relname", "text-anchor": "middle", "data-rel": rel.name, "data-key": key }, r.e.label));
    }
  });
  // Pointing at an arrow or one of its labels highlights the arrow and all
  // its labels.
  const hot = (key) => {
    for (const n of svg.querySelectorAll(".hot")) n.classList.remove("hot");
    if (key !== undefined) for (const n of svg.querySelectorAll(`[data-key="${key}"]`)) n.classList.add("hot");
  };
  svg.addEventListener("pointerover", (e) => hot(e.target.closest?.("[data-key]")?.dataset.key));
  svg.addEventListener("pointerleave", () => hot());
  // Arrows under the boxes (no box is ever crossed); names on top.
  svg.insertBefore(edgeG, svg.querySelector(".box"));
  svg.append(labelG);
  container.append(svg);
}
