// The diagram's layout, by ELK's layered algorithm (elkjs) in a Web Worker
// of its own. This module is loaded only when a diagram is first drawn (a
// dynamic import, its own chunk), and the worker script (elk-worker.min.js,
// 1.6 MB) only then: the page's first load does not pay for it.
//
// ELK places the boxes in layers, routes the arrows orthogonally around the
// boxes and places every label (the relation's name at the middle of its
// arrow, the cardinalities at its ends) so that none overlaps a box or
// another label, from the sizes measured in the page's font.
//
// The worker is spoken to directly, with the messages elkjs's own elk-api
// sends it ({id, cmd, ...} answered by {id, data} or {id, error}): elk-api
// is CommonJS, whose helpers esbuild would put in a chunk that the page's
// first load must fetch too. The browser tests catch a change of protocol.
let worker = null, nextId = 0;
const waiting = new Map();

function post(msg) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ ...msg, id });
  });
}

function elk(msg) {
  if (!worker) {
    worker = new Worker("elk-worker.min.js");
    worker.onmessage = ({ data: m }) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message || String(m.error)));
      else w.resolve(m.data);
    };
    worker.onerror = (ev) => {
      for (const w of waiting.values()) w.reject(new Error(ev.message || "the layout worker failed"));
      waiting.clear();
      worker = null; // the next layout starts a new one
    };
    post({ cmd: "register", algorithms: ["layered"] });
  }
  return post(msg);
}
const layoutGraph = (graph) => elk({ cmd: "layout", graph, layoutOptions: {}, options: { logging: false, measureExecutionTime: false } });

const SLOT = 17; // least spacing of the arrow ends on one side of a box

const rootOptions = (dir) => ({
  "elk.algorithm": "layered",
  "elk.direction": dir,
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "16",
  "elk.layered.spacing.edgeNodeBetweenLayers": "10",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.portPort": String(SLOT),
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeLabel": "3",
  "elk.spacing.labelLabel": "4",
  "elk.spacing.componentComponent": "40",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
});

// layout places the graph: nodes [{id, w, h}], edges [{id, from, to,
// fromY, label: {w, h}, cards: [{w, h}, {w, h}] or []}] where fromY is the row
// (from the box's top) the arrow leaves from, left to right. dir is
// "RIGHT" or "DOWN". It returns {W, H, nodes: Map id -> {x, y, w, h},
// edges: Map id -> {points, label, cards}} in absolute coordinates.
export async function layout({ nodes, edges, dir }) {
  const lr = dir === "RIGHT";
  // Left to right an arrow leaves from its field's row (a fixed port) and
  // arrives on the other box's left side; the arrivals are spread over that
  // side in the order of where they come from, which the first pass tells.
  let order = null;
  let out = null;
  for (let pass = 0; pass < (lr ? 2 : 1); pass++) {
    out = await layoutGraph(graph(nodes, edges, dir, order));
    if (lr) order = arrivalOrder(out);
  }
  return result(out, edges);
}

function graph(nodes, edges, dir, order) {
  const lr = dir === "RIGHT";
  const byId = new Map(nodes.map((n) => [n.id, { id: n.id, width: n.w, height: n.h, ports: [], layoutOptions: { "elk.portConstraints": lr ? "FIXED_POS" : "FIXED_SIDE" } }]));
  const arrivals = new Map(nodes.map((n) => [n.id, []]));
  const elkEdges = [];
  for (const e of edges) {
    const src = byId.get(e.from);
    const sp = { id: e.id + ":s", width: 1, height: 1, layoutOptions: { "elk.port.side": lr ? "EAST" : "SOUTH" } };
    if (lr) { sp.x = src.width; sp.y = e.fromY; }
    src.ports.push(sp);
    arrivals.get(e.to).push(e.id);
    elkEdges.push({
      id: e.id, sources: [sp.id], targets: [e.id + ":t"],
      labels: [
        { id: e.id + ":n", text: "n", width: e.label.w, height: e.label.h, layoutOptions: { "elk.edgeLabels.placement": "CENTER" } },
        ...e.cards.map((c, i) => ({ id: e.id + (i ? ":b" : ":a"), text: "c", width: c.w, height: c.h, layoutOptions: { "elk.edgeLabels.placement": i ? "HEAD" : "TAIL" } })),
      ],
    });
  }
  for (const [id, ids] of arrivals) {
    const node = byId.get(id);
    if (order) ids.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    // Spread from the title row down; a box too short for its arrivals
    // grows.
    const top = Math.min(13, node.height / 2), room = node.height - 8 - top;
    const step = ids.length > 1 ? Math.max(SLOT, Math.min(40, room / (ids.length - 1))) : 0;
    if (lr) node.height = Math.max(node.height, top + step * (ids.length - 1) + 8);
    ids.forEach((eid, i) => {
      const p = { id: eid + ":t", width: 1, height: 1, layoutOptions: { "elk.port.side": lr ? "WEST" : "NORTH" } };
      if (lr) { p.x = -1; p.y = top + i * step; }
      node.ports.push(p);
    });
  }
  return { id: "root", layoutOptions: rootOptions(dir), children: [...byId.values()], edges: elkEdges };
}

// arrivalOrder ranks each arrow by the height it arrives from: the last
// bend before its end, else its start.
function arrivalOrder(out) {
  const order = new Map();
  for (const e of out.edges) {
    const s = e.sections?.[0];
    if (!s) continue;
    const bends = s.bendPoints || [];
    const before = bends.length >= 2 ? bends[bends.length - 2] : s.startPoint;
    order.set(e.id, before.y);
  }
  return order;
}

function result(out, edges) {
  const nodes = new Map(out.children.map((n) => [n.id, { x: n.x, y: n.y, w: n.width, h: n.height }]));
  const byId = new Map(edges.map((e) => [e.id, e]));
  const res = new Map();
  for (const e of out.edges) {
    if (!byId.has(e.id)) continue;
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints || []), s.endPoint] : [];
    const lab = (suffix) => { const l = e.labels.find((x) => x.id === e.id + suffix); return { x: l.x, y: l.y, w: l.width, h: l.height }; };
    res.set(e.id, { points, label: lab(":n"), cards: e.labels.length > 1 ? [lab(":a"), lab(":b")] : [] });
  }
  return { W: out.width, H: out.height, nodes, edges: res };
}
