// The diagram's view: zoom (wheel, the − + buttons, the keys + − 0 1) and
// pan (drag, arrow keys) over an SVG drawn at its natural size, through its
// viewBox. By default the diagram shows at the zoom that fits it in the
// panel, but never so small that its smallest text goes under MIN_PX on
// screen: a model wider than that is panned, not shrunk.
export const MIN_PX = 11;
const MAX_K = 3;

// attachView makes svg (whose drawing spans W x H) zoomable in container;
// minK is the zoom under which the smallest text is under MIN_PX. state,
// when given, is a view to keep (the same drawing drawn again); across is
// the axis across the layers ("x" when they run top to bottom); note, an
// element for the line that says how to move.
export function attachView(container, svg, { W, H, minK, state, across = "y", note = null }, h) {
  let k = 1, x = 0, y = 0; // the zoom; the drawing's point at the top left
  const size = () => [Math.max(1, svg.clientWidth || container.clientWidth), Math.max(1, svg.clientHeight || container.clientHeight)];
  const fitK = () => { const [vw, vh] = size(); return Math.min(vw / W, vh / H); };
  let touched = !!state?.touched; // moved or zoomed by the person
  const label = h("button", { type: "button", class: "small zoom-level", title: "Actual size (1)" });
  label.addEventListener("click", () => zoomTo(1));
  const hint = () => { if (note) note.textContent = `Drag to move · ${pageScrolls() ? "Ctrl/⌘ + wheel" : "wheel"} or − + to zoom · Fit (or 0) shows it all`; };
  // apply shows the view. Pan stays within the drawing (a drawing smaller
  // than the view is centred); a person's move keeps that limit, a resize
  // only shows it (so a passing size does not move the view for good).
  const apply = (moved = true) => {
    const [vw, vh] = size();
    const cw = vw / k, ch = vh / k;
    const vx = cw >= W ? (W - cw) / 2 : Math.min(Math.max(x, 0), W - cw);
    const vy = ch >= H ? (H - ch) / 2 : Math.min(Math.max(y, 0), H - ch);
    if (moved) { x = vx; y = vy; }
    svg.setAttribute("viewBox", `${vx} ${vy} ${cw} ${ch}`);
    svg.dataset.zoom = String(k);
    label.textContent = `${Math.round(k * 100)}%`;
  };
  // zoomTo keeps the drawing's point under (px, py) (view pixels) in place.
  const zoomTo = (nk, px, py) => {
    touched = true;
    const [vw, vh] = size();
    nk = Math.min(MAX_K, Math.max(Math.min(fitK(), minK) / 2, nk));
    if (px === undefined) { px = vw / 2; py = vh / 2; }
    const dx = x + px / k, dy = y + py / k;
    k = nk;
    x = dx - px / k; y = dy - py / k;
    apply();
  };
  const fit = () => { touched = true; k = Math.min(MAX_K, fitK()); x = y = 0; apply(); };
  // At first the drawing starts where its layers start (the left, or the
  // top), centred across them.
  const home = () => {
    k = Math.min(1, Math.max(fitK(), minK));
    const [vw, vh] = size();
    if (across === "x") { x = (W - vw / k) / 2; y = 0; } else { x = 0; y = (H - vh / k) / 2; }
    apply();
  };

  const btn = (text, title, fn) => {
    const b = h("button", { type: "button", class: "small", title, "aria-label": title }, text);
    b.addEventListener("click", fn);
    return b;
  };
  const tools = h("div", { class: "diagram-tools", role: "toolbar", "aria-label": "Zoom" },
    btn("−", "Zoom out (−)", () => zoomTo(k / 1.25)), label, btn("+", "Zoom in (+)", () => zoomTo(k * 1.25)),
    btn("Fit", "Fit the whole diagram in view (0)", fit));

  // Where the page itself scrolls (a narrow window), the wheel scrolls it
  // and Ctrl or ⌘ with the wheel zooms; elsewhere the wheel zooms.
  const pageScrolls = () => !container.closest("dialog") && document.documentElement.scrollHeight > document.documentElement.clientHeight + 1;
  svg.addEventListener("wheel", (e) => {
    if (!e.ctrlKey && !e.metaKey && pageScrolls()) return;
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    const d = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomTo(k * Math.exp(-d * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { id: e.pointerId, cx: e.clientX, cy: e.clientY, x, y };
    touched = true;
    svg.setPointerCapture?.(e.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    x = drag.x - (e.clientX - drag.cx) / k;
    y = drag.y - (e.clientY - drag.cy) / k;
    apply();
  });
  const end = () => { drag = null; svg.classList.remove("dragging"); };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  const keys = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest?.("button")) return;
    const step = 60 / k;
    const act = { "+": () => zoomTo(k * 1.25), "=": () => zoomTo(k * 1.25), "-": () => zoomTo(k / 1.25), "0": fit, "1": () => zoomTo(1),
      ArrowLeft: () => { x -= step; apply(); }, ArrowRight: () => { x += step; apply(); },
      ArrowUp: () => { y -= step; apply(); }, ArrowDown: () => { y += step; apply(); } }[e.key];
    if (act) { e.preventDefault(); touched = true; act(); }
  };
  container.onkeydown = keys; // one handler however often it is drawn
  // A new size of the view (a resize, the panel shown again) keeps the zoom
  // and the point at the top left.
  // A new size (a resize, the panel shown again; not while hidden): a view
  // nobody moved opens afresh at that size, a moved one stays put.
  const ro = new ResizeObserver(() => {
    if (svg.clientWidth === 0) return;
    hint();
    if (touched) apply(false); else home();
  });
  ro.observe(svg);

  hint();
  if (touched) { k = state.k; x = state.x; y = state.y; apply(); } else home();
  return { tools, state: () => ({ k, x, y, touched }), fit, zoomTo, stop: () => ro.disconnect() };
}
