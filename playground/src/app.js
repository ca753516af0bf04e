// The playground page: wires the editors, the engine worker, the model
// views, the examples, share links and autosave, and exposes
// window.playground. No engine logic lives here: it sends text to the
// engine and renders the JSON it answers.
import { EngineClient } from "./engine-client.js";
import { makeEditor } from "./editors.js";
import { renderCollections, renderRelations, renderErrors, h } from "./render.js";
import { renderDiagram } from "./diagram.js";
import { encodeState, decodeState, MAX_LINK } from "./share.js";
import { examples } from "./examples.js";

const $ = (sel) => document.querySelector(sel);
const SAVE_KEY = "fauna-relations-playground";
const MAX_HISTORY_REPLAY = 200;

const status = (text, kind = "ok") => {
  const s = $("#status");
  s.textContent = text;
  s.dataset.kind = kind;
};

const engine = new EngineClient({ onStatus: status });
let lastReport = null;
let queryTab = "fql";
let schemaTimer = 0;
let schemaSeq = 0;
const lastResult = { fql: null, graphql: null }; // per language, for its tab
let history = []; // successful runs since the schema was set: replayed by links and reloads

// ---- tabs ----
// ARIA tabs: each tab controls its panel; the selected tab is the one in
// the Tab order, arrow keys (and Home/End) move between the tabs.
const tabBar = (group) => document.querySelector(`.tabs[data-group="${group}"]`);
const panelOf = (bar, tab) => (bar.closest(".result") || bar.closest(".pane")).querySelector(`.panel[data-panel="${tab}"]`);
for (const bar of document.querySelectorAll(".tabs")) {
  const group = bar.dataset.group;
  for (const b of bar.querySelectorAll("[role=tab]")) {
    const panel = panelOf(bar, b.dataset.tab);
    b.id = `tab-${group}-${b.dataset.tab}`;
    panel.id = `panel-${group}-${b.dataset.tab}`;
    b.setAttribute("aria-controls", panel.id);
    b.tabIndex = b.getAttribute("aria-selected") === "true" ? 0 : -1;
    if (b.getAttribute("aria-selected") !== "true") b.setAttribute("aria-selected", "false");
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", b.id);
  }
  bar.addEventListener("click", (e) => {
    const b = e.target.closest("[role=tab]");
    if (b) selectTab(group, b.dataset.tab);
  });
  bar.addEventListener("keydown", (e) => {
    const tabs = [...bar.querySelectorAll("[role=tab]")];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    const next = tabs[(j + tabs.length) % tabs.length];
    selectTab(group, next.dataset.tab);
    next.focus();
  });
}
function selectTab(group, tab) {
  const bar = tabBar(group);
  for (const b of bar.querySelectorAll("[role=tab]")) {
    const on = b.dataset.tab === tab;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
    panelOf(bar, b.dataset.tab).hidden = !on;
  }
  if (group === "query" && queryTab !== tab) {
    queryTab = tab;
    // The result shown is the last one of the language in view.
    const last = lastResult[tab];
    if (last) showResult(tab, last.res, last.source, { record: false });
    else clearResult({ keepMarks: true });
    save();
  }
}

// ---- editors ----
const schemaEditor = makeEditor($("#schema-editor"), { language: "graphql", label: "Schema (GraphQL SDL)", onChange: () => scheduleSchema(), onRun: () => applyNow() });
const fqlEditor = makeEditor($("#fql-editor"), { language: "fql", label: "FQL query", onRun: () => runFQL(), onChange: () => save() });
const gqlEditor = makeEditor($("#graphql-editor"), { language: "graphql", label: "GraphQL operation", onRun: () => runGraphQL(), onChange: () => save() });
const varsEditor = makeEditor($("#variables-editor"), { language: "json", doc: "{}", label: "GraphQL variables (JSON)", onRun: () => runGraphQL(), onChange: () => save() });

// ---- schema ----
function scheduleSchema() {
  clearTimeout(schemaTimer);
  schemaTimer = setTimeout(() => applySchema(schemaEditor.get()), 250);
  // The menu names the example only while its schema is unchanged.
  const ex = examples.find((x) => x.id === $("#examples").value);
  if (ex && ex.schema !== schemaEditor.get()) { $("#examples").value = ""; showMore(null); }
  save();
}

function applyNow() {
  clearTimeout(schemaTimer);
  applySchema(schemaEditor.get());
}

async function applySchema(sdl) {
  const seq = ++schemaSeq;
  const report = await engine.call({ op: "setSchema", sdl });
  history = [];
  if (seq === schemaSeq) {
    showReport(report);
    lastResult.fql = lastResult.graphql = null;
    clearResult();
  }
  save();
  return report;
}

function showReport(report) {
  if (report.error) { status(report.error.message, "error"); return; }
  lastReport = report;
  renderCollections($("#collections"), report);
  renderRelations($("#relations"), report);
  drawDiagram();
  renderErrors($("#schema-errors"), report.errors, (e) => schemaEditor.focusAt(e.line, e.column));
  $("#fsl").textContent = report.fsl || "";
  $("#gql-schema").textContent = report.graphql || "";
  schemaEditor.mark(report.errors);
  const n = report.collections.length;
  const count = (k, one, many) => `${k} ${k === 1 ? one : many}`;
  status(report.errors.length ? `The schema has ${count(report.errors.length, "error", "errors")}: see below the schema` : `Schema applied: ${count(n, "collection", "collections")}, ${count(report.relations.length, "relation", "relations")}; the data was emptied`,
    report.errors.length ? "error" : "ok");
}

// ---- queries ----
// clearResult empties the result panes: a new schema means new, empty data.
function clearResult({ keepMarks = false } = {}) {
  $("#result-text").textContent = "";
  $("#result-json").textContent = "";
  for (const n of document.querySelectorAll(".result .truncated")) n.remove();
  $("#stats").textContent = "";
  $("#result-empty").hidden = false;
  $(".result").dataset.empty = "true";
  $("#hints").replaceChildren();
  if (keepMarks) return;
  fqlEditor.mark([]);
  gqlEditor.mark([]);
}

// MAX_SHOWN is the most characters of a result the page lays out: a
// result of megabytes would freeze the tab for seconds. The rest is one
// click away (Download, Copy).
const MAX_SHOWN = 100000;

const thousands = (n) => n.toLocaleString("en-US");

// showCapped puts full in pre, or its first MAX_SHOWN characters (cut at a
// line's end) with a note after pre that says so and offers the whole.
function showCapped(pre, full, { name, type }) {
  const panel = pre.parentElement;
  panel.querySelector(".truncated")?.remove();
  if (full.length <= MAX_SHOWN) { pre.textContent = full; return; }
  const nl = full.lastIndexOf("\n", MAX_SHOWN);
  const shown = nl > MAX_SHOWN / 2 ? nl : MAX_SHOWN;
  pre.textContent = full.slice(0, shown) + "\n…";
  const download = h("button", { type: "button", class: "linklike" }, "Download it");
  download.addEventListener("click", () => {
    const a = h("a", { href: URL.createObjectURL(new Blob([full], { type })), download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  });
  const copy = h("button", { type: "button", class: "linklike" }, "copy it");
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(full); status("The whole result was copied", "ok"); } catch { status("The browser refused to copy; use Download", "error"); }
  });
  panel.append(h("p", { class: "truncated", role: "note" },
    `The result is ${thousands(full.length)} characters; the first ${thousands(shown)} are shown. `, download, " or ", copy, "."));
}

function showResult(kind, res, source, { record = true } = {}) {
  const text = $("#result-text"), json = $("#result-json");
  $("#hints").replaceChildren();
  $("#result-empty").hidden = true;
  delete $(".result").dataset.empty;
  if (kind === "fql") {
    showCapped(text, res.text ?? "", { name: "result.fql", type: "text/plain" });
    showCapped(json, JSON.stringify(res.error ? { error: res.error } : res.data, null, 2) ?? "null", { name: "result.json", type: "application/json" });
    const s = res.stats || {};
    $("#stats").textContent = `FQL${res.error ? " error" : ""} · read ops ${s.read_ops ?? 0} · write ops ${s.write_ops ?? 0} · compute ops ${s.compute_ops ?? 0} · ${s.query_time_ms ?? 0} ms`;
    for (const hint of res.hints || []) $("#hints").append(h("li", {}, hint));
    for (const line of res.logs || []) $("#hints").append(h("li", { class: "log" }, "log: " + line));
    fqlEditor.mark(res.error ? [res.error] : []);
  } else {
    // Result: the errors as sentences (where, what), then the data; JSON:
    // the response as it came.
    const errs = (res.errors || []).map((e) => {
      const at = (e.locations || []).map((l) => `${l.line}:${l.column}`).join(", ");
      const path = (e.path || []).join(".");
      return `error: ${e.message}${at ? ` at ${at}` : ""}${path ? ` (path ${path})` : ""}`;
    });
    showCapped(text, [...errs, ...(errs.length && res.data == null ? [] : [JSON.stringify({ data: res.data ?? null }, null, 2)])].join("\n\n"), { name: "result.txt", type: "text/plain" });
    showCapped(json, JSON.stringify(res, null, 2), { name: "response.json", type: "application/json" });
    const n = (res.errors || []).length;
    $("#stats").textContent = n ? `GraphQL · ${n} ${n === 1 ? "error" : "errors"}` : "GraphQL";
    gqlEditor.mark((res.errors || []).flatMap((e) => (e.locations || []).map((l) => ({ line: l.line, column: l.column, message: e.message }))));
  }
  text.dataset.state = (res.error || (res.errors && res.errors.length)) ? "error" : "ok";
  lastResult[kind] = { res, source };
  if (record) addHistory(kind, source, res);
}

function addHistory(kind, source, res) {
  const failed = res.error || (res.errors && res.errors.length);
  const label = kind === "fql" ? "FQL" : "GraphQL";
  const b = h("button", { type: "button", title: `Put this ${label} back in its editor` },
    h("span", { class: "badge" }, label), failed ? h("span", { class: "badge failed" }, "failed") : "", " ",
    source.length > 120 ? source.slice(0, 117) + "…" : source);
  b.addEventListener("click", () => {
    const ed = kind === "fql" ? fqlEditor : gqlEditor;
    ed.set(source);
    selectTab("query", kind);
    ed.view.focus();
  });
  $("#history").prepend(h("li", { class: failed ? "failed" : "ok" }, b));
  $("#history-count").textContent = String($("#history").children.length);
}

async function guarded(kind, fn) {
  // Cancel shows only for a query that takes a while: quick runs do not
  // make the page jump.
  const showCancel = setTimeout(() => { $("#cancel-bar").hidden = false; }, 400);
  status("Running…", "busy");
  try {
    return await fn();
  } catch (err) {
    const res = kind === "fql"
      ? { data: null, text: "error: " + err.message, error: { code: err.code || "cancelled", message: err.message } }
      : { data: null, errors: [{ message: err.message }] };
    showResult(kind, res, "");
    status(err.message, "error");
    return res;
  } finally {
    clearTimeout(showCancel);
    $("#cancel-bar").hidden = true;
  }
}

async function runFQL(src = fqlEditor.get()) {
  return guarded("fql", async () => {
    const res = await engine.call({ op: "query", fql: src });
    // An answer of the wasm bridge itself (a request it could not read)
    // has an error and no text.
    if (res.error && res.text === undefined) res.text = `error: ${res.error.code}: ${res.error.message}`;
    showResult("fql", res, src);
    if (!res.error) history.push({ op: "query", fql: src });
    status(res.error ? `FQL error: ${res.error.code}` : "FQL ran", res.error ? "error" : "ok");
    save();
    return res;
  });
}

function parseVariables(text) {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text);
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("variables must be a JSON object");
    return v;
  } catch (err) {
    throw Object.assign(new Error("Variables: " + err.message), { code: "invalid_variables" });
  }
}

async function runGraphQL(query = gqlEditor.get(), variablesText = varsEditor.get()) {
  return guarded("graphql", async () => {
    const variables = typeof variablesText === "string" ? parseVariables(variablesText) : variablesText || {};
    const res = await engine.call({ op: "graphql", query, variables });
    // The wasm bridge's own error (variables nested past what it reads).
    if (res.error && !res.errors) { res.errors = [{ message: res.error.message }]; delete res.error; }
    showResult("graphql", res, query);
    const failed = res.errors && res.errors.length;
    if (!failed) history.push({ op: "graphql", query, variables });
    status(failed ? "GraphQL error" : "GraphQL ran", failed ? "error" : "ok");
    save();
    return res;
  });
}

$("#run-fql").addEventListener("click", () => runFQL());
$("#run-graphql").addEventListener("click", () => runGraphQL());
$("#cancel").addEventListener("click", () => engine.cancel());
// resetData empties the data (the schema stays): nothing to replay, no
// result that would speak of documents gone.
async function resetData() {
  const res = await engine.call({ op: "reset" });
  history = [];
  lastResult.fql = lastResult.graphql = null;
  clearResult({ keepMarks: true });
  save();
  status("The data was emptied; the schema is kept", "ok");
  return res;
}
$("#reset").addEventListener("click", () => resetData());

// ---- state: autosave, share links ----
function currentState() {
  return { v: 1, schema: schemaEditor.get(), fql: fqlEditor.get(), graphql: gqlEditor.get(), variables: varsEditor.get(), tab: queryTab, example: $("#examples").value, history: history.slice(-MAX_HISTORY_REPLAY) };
}

let saveTimer = 0;
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try { localStorage.setItem(SAVE_KEY, JSON.stringify(currentState())); } catch { /* storage full or disabled: nothing to lose but the autosave */ }
  }, 300);
}

async function restore(state) {
  schemaEditor.set(state.schema || "");
  fqlEditor.set(state.fql || "");
  gqlEditor.set(state.graphql || "");
  varsEditor.set(state.variables || "{}");
  selectTab("query", state.tab === "graphql" ? "graphql" : "fql");
  clearTimeout(schemaTimer);
  const report = await applySchema(state.schema || "");
  const last = {};
  for (const r of Array.isArray(state.history) ? state.history : []) {
    if (r.op === "query" && typeof r.fql === "string") last.fql = [await engine.call({ op: "query", fql: r.fql }), r.fql];
    else if (r.op === "graphql" && typeof r.query === "string") last.graphql = [await engine.call({ op: "graphql", query: r.query, variables: r.variables || {} }), r.query];
    else continue;
    history.push(r);
  }
  // Each language's last replayed result, the one of the tab in view last.
  for (const kind of queryTab === "fql" ? ["graphql", "fql"] : ["fql", "graphql"]) {
    if (last[kind]) showResult(kind, ...last[kind]);
  }
  if (!last[queryTab]) clearResult({ keepMarks: true });
  // The example the state was made from, while its schema is unchanged (a
  // link made before states named their example: the first one with that
  // schema). A schema typed by hand that happens to equal an example's
  // stays yours, as it was on the page that shared it.
  const ex = typeof state.example === "string"
    ? examples.find((x) => x.id === state.example && x.schema === (state.schema || ""))
    : examples.find((x) => x.schema === (state.schema || ""));
  $("#examples").value = ex?.id || "";
  showMore(ex);
  save();
  return report;
}

async function share() {
  let state = currentState();
  let fragment = await encodeState(state);
  if (fragment.length > MAX_LINK) {
    // Too long with the replayed runs: share the texts alone.
    state = { ...state, history: [] };
    fragment = await encodeState(state);
  }
  if (fragment.length > MAX_LINK) {
    const msg = `The state is too large to share as a link (${Math.round(fragment.length / 1024)} KB; the limit is ${MAX_LINK / 1024} KB).`;
    status(msg, "error");
    throw new Error(msg);
  }
  const link = location.origin + location.pathname + "#" + fragment;
  history_replaceHash(link);
  try {
    await navigator.clipboard.writeText(link);
    status("Link copied to the clipboard", "ok");
  } catch {
    status("Link ready in the address bar (the clipboard was not available)", "ok");
  }
  return link;
}

function history_replaceHash(link) {
  window.history.replaceState(null, "", link);
}

$("#share").addEventListener("click", () => share().catch(() => { /* the status line says why */ }));

// ---- examples ----
// Grouped as in their sources.
for (const ex of examples) {
  const group = [...$("#examples").querySelectorAll("optgroup")].find((g) => g.label === ex.group)
    || $("#examples").appendChild(h("optgroup", { label: ex.group || "Examples" }));
  group.append(h("option", { value: ex.id }, ex.title));
}
// Choosing quickly (arrow keys on the menu) fires several changes: the
// work to bring back is what was there before the first of them.
let exBefore = null, exLoading = 0;
$("#examples").addEventListener("change", async (e) => {
  const ex = examples.find((x) => x.id === e.target.value);
  if (!ex) return;
  if (exLoading === 0) exBefore = currentState();
  exLoading++;
  try {
    await loadExample(ex);
  } finally {
    exLoading--;
  }
  if (exLoading > 0) return;
  // An example replaces the editors: offer to bring back the person's own work.
  const before = exBefore;
  const mine = !examples.some((x) => x.schema === before.schema && (x.fql || "") === before.fql && (x.graphql || "") === before.graphql);
  // (Going from one example to another keeps the offer for the work before.)
  if (mine && (before.schema.trim() || before.fql.trim() || before.graphql.trim())) undoState = before;
  if (undoState) {
    $("#undo-text").textContent = `The example “${$("#examples").selectedOptions[0]?.textContent || ex.title}” replaced your schema and queries.`;
    $("#undo-box").hidden = false;
  }
});

let undoState = null;
$("#undo-dismiss").addEventListener("click", () => { undoState = null; $("#undo-box").hidden = true; });
$("#undo").addEventListener("click", async () => {
  const st = undoState;
  undoState = null;
  $("#undo-box").hidden = true;
  if (!st) return;
  $("#examples").value = "";
  await restore(st);
  status("Your previous work is back", "ok");
});

// showMore offers an example's further queries: each puts its FQL in the
// editor, to run when you like.
function showMore(ex) {
  const box = $("#more");
  box.replaceChildren();
  for (const m of (ex && ex.more) || []) {
    const b = h("button", { type: "button", class: "small", title: m.fql }, m.label);
    b.addEventListener("click", () => {
      selectTab("query", "fql");
      fqlEditor.set(m.fql);
      fqlEditor.view.focus();
    });
    box.append(b);
  }
  $("#more-box").hidden = !box.children.length;
}

async function loadExample(ex) {
  const seq = loadSeq + 1;
  const result = await load({ schema: ex.schema, fql: ex.fql || "", graphql: ex.graphql || "", variables: "{}", setup: ex.setup, run: ex.run });
  if (seq !== loadSeq) return result; // another load took over
  // Some examples run both editors but are about the first one: show it.
  if (ex.show && result[ex.show] && queryTab !== ex.show) selectTab("query", ex.show); // shows its last result
  $("#examples").value = ex.id;
  showMore(ex);
  save();
  status(`Loaded the example “${ex.title}”`, "ok");
  return result;
}

// ---- the diagram ----
// drawDiagram draws the model for the panel's width: left to right when it
// fits, else top to bottom if that is narrower (or as the menu says).
function drawDiagram() {
  if (!lastReport) return;
  const pane = $("#model-pane");
  const pad = parseFloat(getComputedStyle(pane).paddingLeft) * 2 || 28;
  renderDiagram($("#diagram"), lastReport, { avail: pane.clientWidth - pad, orientation: $("#diagram-layout").value });
}
$("#diagram-layout").addEventListener("change", () => drawDiagram());
let resizeTimer = 0;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawDiagram, 200); });

function fullScreenDiagram() {
  if (!lastReport) return;
  renderDiagram($("#diagram-big"), lastReport, { avail: window.innerWidth - 80, orientation: $("#diagram-layout").value, overview: false });
  $("#diagram-dialog").showModal();
}
$("#diagram-full").addEventListener("click", fullScreenDiagram);
// A diagram shrunk to fit its panel opens full screen when clicked.
$("#diagram").addEventListener("click", (e) => {
  if ($("#diagram").classList.contains("shrunk") && e.target.closest("svg")) fullScreenDiagram();
});
$("#diagram-close").addEventListener("click", () => $("#diagram-dialog").close());

// load puts the texts in the editors and runs them as a person would.
// A newer load supersedes one still running: its queries never run on the
// newer schema.
let loadSeq = 0;
async function load({ schema = "", fql = "", graphql = "", variables = "{}", setup = [], run = ["fql", "graphql"] } = {}) {
  const seq = ++loadSeq;
  schemaEditor.set(schema);
  fqlEditor.set(fql);
  gqlEditor.set(graphql);
  varsEditor.set(typeof variables === "string" ? variables : JSON.stringify(variables, null, 2));
  clearTimeout(schemaTimer);
  const out = { schema: await applySchema(schema) };
  for (const r of setup || []) {
    if (seq !== loadSeq) return out;
    const res = await engine.call(r);
    if (!(res.error || (res.errors && res.errors.length))) history.push(r);
  }
  for (const kind of run) {
    if (seq !== loadSeq) return out;
    if (kind === "fql" && fql.trim()) { selectTab("query", "fql"); out.fql = await runFQL(fql); }
    if (kind === "graphql" && graphql.trim()) { selectTab("query", "graphql"); out.graphql = await runGraphQL(graphql, varsEditor.get()); }
  }
  save();
  return out;
}

// ---- the API for embedding and tests ----
let readyResolve;
const ready = new Promise((r) => { readyResolve = r; });
window.playground = {
  ready,
  setSchema: async (sdl) => { schemaEditor.set(sdl); clearTimeout(schemaTimer); return applySchema(sdl); },
  // query and graphql show the text in its editor and run it, so what the
  // page shows (results, error markers) matches what ran.
  query: (fql) => {
    if (fqlEditor.get() !== fql) fqlEditor.set(fql);
    if (queryTab !== "fql") selectTab("query", "fql");
    return runFQL(fql);
  },
  graphql: (query, variables = {}) => {
    if (gqlEditor.get() !== query) gqlEditor.set(query);
    let vars = null;
    try { vars = JSON.stringify(variables, null, 2); } catch { /* too deep to show: the run reports it */ }
    if (vars !== null && varsEditor.get() !== vars) varsEditor.set(vars);
    if (queryTab !== "graphql") selectTab("query", "graphql");
    return runGraphQL(query, variables);
  },
  load,
  share,
  reset: resetData,
  report: () => lastReport,
  // For tests: the engine's Go program exits as on a fatal error (out of
  // memory); the page restarts it and replays the data, as it would then.
  crashEngine: () => guarded("fql", () => engine.call({ op: "crash" }, { record: false })),
};

// ---- start ----
(async () => {
  try {
    await engine.ready;
  } catch (err) {
    status(err.message, "error");
    return;
  }
  status("Ready", "ok");
  let restored = false;
  if (location.hash.length > 1) {
    try {
      await restore(await decodeState(location.hash));
      status("Restored the shared playground", "ok");
      restored = true;
    } catch (err) {
      const notice = $("#notice");
      notice.textContent = err.message + " The playground opened without it.";
      notice.hidden = false;
    }
  }
  if (!restored) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(SAVE_KEY) || "null"); } catch { saved = null; }
    if (saved && typeof saved.schema === "string") {
      await restore(saved);
      status("Restored your last session", "ok");
    } else {
      await loadExample(examples[0]);
    }
  }
  readyResolve(true);
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
})();
