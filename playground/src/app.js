// The playground page: wires the editors, the engine worker, the model
// views, the examples, share links and autosave, and exposes
// window.playground. No engine logic lives here: it sends text to the
// engine and renders the JSON it answers.
//
// Nothing a person makes is lost: the runs that wrote data are kept (the
// journal) and replayed to rebuild the data after a schema edit, a reload,
// a link or an undone reset; a run that no longer applies is named, never
// dropped in silence.
import { EngineClient, failedResult, writesOf } from "./engine-client.js";
import { makeEditor } from "./editors.js";
import { renderCollections, renderRelations, renderErrors, h } from "./render.js";
import { renderDiagram, prepareDiagram } from "./diagram.js";
import { encodeState, decodeState, MAX_LINK } from "./share.js";
import { examples } from "./examples.js";
import { normalizeState, sameWork, isEmptyWork, saveState, saveNow, loadSaved } from "./state.js";
import { showResult as layOut, clearResult as clearPanes, addHistory, flushHistory, setText, thousands, count } from "./results.js";
import { setupSchemaLang, schemaLine, modelLine, schemaCall } from "./schema-lang.js";
import { rebuild, describeRun } from "./rebuild.js";
import { setupEditorHelp } from "./editor-help.js";
import { operationAt } from "./operations.js";
import { setupRunApp } from "./run-app.js";

const $ = (sel) => document.querySelector(sel);

const status = (text, kind = "ok") => {
  const s = $("#status");
  setText(s, text);
  if (s.dataset.kind !== kind) s.dataset.kind = kind;
};
const notice = (text) => {
  const n = $("#notice");
  n.textContent = text;
  n.hidden = !text;
};

const engine = new EngineClient({ onStatus: status });
let lastReport = null;
let queryTab = "fql";
let schemaTimer = 0;
let schemaSeq = 0;
const lastResult = { fql: null, graphql: null }; // per language, for its tab
// journal: the runs that wrote data, in order; lastRun: each language's
// last run, as {index} into the journal or {run} (a read, safe to run again).
let journal = [];
let lastRun = {};
let rebuilding = null; // the rebuild in progress: runs wait for it
// dataWhole: the engine's data is what the journal makes (no rebuild was
// cut short by a newer schema), so a schema that keeps the database keeps
// the data whole.
let dataWhole = true;

// setJournal replaces the journal (a restore, a new session): the data is
// no longer what the journal makes unless the runs are the same.
function setJournal(runs) {
  if (JSON.stringify(runs) !== JSON.stringify(journal)) dataWhole = false;
  journal = runs;
}

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
    if (tab === "graphql") editorHelp.follow();
    // The result shown is the last one of the language in view.
    const last = lastResult[tab];
    if (last) showResult(tab, last.res, last.source, { record: false });
    else clearResult({ keepMarks: true });
    save();
  }
}

// ---- editors ----
// showingEarly is set while the start puts the work in the editors before
// the engine runs (showEarly): those texts are not edits, so they schedule
// no schema apply and no save (a save then would keep the editors without
// the work's journal).
let showingEarly = false;
const edited = (fn) => () => { if (!showingEarly) fn(); };
const schemaEditor = makeEditor($("#schema-editor"), { language: "graphql", label: "Schema (GraphQL SDL)", onChange: edited(() => scheduleSchema()), onRun: () => applyNow() });
const fqlEditor = makeEditor($("#fql-editor"), { language: "fql", label: "FQL query", onRun: () => runFQL(), onChange: edited(() => save()) });
const gqlEditor = makeEditor($("#graphql-editor"), { language: "graphql", label: "GraphQL operation", onRun: () => runGraphQL(), onChange: edited(() => save()) });
const varsEditor = makeEditor($("#variables-editor"), { language: "json", doc: "{}", label: "GraphQL variables (JSON)", onRun: () => runGraphQL(), onChange: edited(() => save()) });
const editors = [schemaEditor, fqlEditor, gqlEditor, varsEditor];
const editorHelp = setupEditorHelp({ engine, schemaEditor, fqlEditor, gqlEditor, varsEditor, report: () => lastReport, status });
setupRunApp();

// The schema's language as chosen: "graphql", "fsl", or "" (Auto: the
// engine tells by the text, and the report says what it read).
const schemaLang = setupSchemaLang({ select: $("#schema-lang"), schemaEditor, editorHelp, onChoose: () => { save(); applyNow(); } });

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


// applySchema sets the schema and rebuilds the data from the journal
// (unless the database is the same, or the schema has errors: the journal
// then waits for a schema it applies to). opts.results names journal
// entries whose results the caller wants (restore shows them again);
// opts.prune drops the runs that turn out to write nothing (a version 1
// state's reads). It resolves with the report, and .rebuilt with what the
// rebuild did.
async function applySchema(sdl, opts = {}) {
  try {
    return await applySchemaNow(sdl, opts);
  } catch (err) {
    // The engine was stopped (the time limit) or died: the status says so,
    // and an apply started by typing has no caller to tell.
    status(err.message, "error");
    return { error: { code: err.code || "internal_error", message: err.message }, errors: [], collections: [], relations: [], embedded: [] };
  }
}

async function applySchemaNow(sdl, opts) {
  const seq = ++schemaSeq;
  const report = await engine.call({ op: "setSchema", sdl, schema_lang: schemaLang.chosen() });
  // A schema that does not keep the database empties it, superseded or not.
  if (!report.data_kept) dataWhole = !journal.length;
  if (seq !== schemaSeq) return report; // a newer edit took over
  if (report.error || report.errors.length) {
    // Not applied: queries run on the schema in force, and the data stays.
    showReport(report);
    save();
    return report;
  }
  if (report.data_kept && dataWhole && journal.length) {
    // The data is kept, and with it what its runs did to the schema
    // (Collection.create…): the views show the schema in force.
    const now = await engine.call({ op: "report" }, { record: false });
    if (seq !== schemaSeq) return report;
    showReport(now.error ? report : now);
  } else {
    showReport(report);
  }
  if (report.data_kept && !dataWhole) {
    // The same database, but the rebuild before was cut short: rebuild it.
    await engine.call({ op: "reset" });
    report.data_kept = false;
  }
  if (report.data_kept || !journal.length) {
    dataWhole = true;
    if (!report.data_kept) {
      lastResult.fql = lastResult.graphql = null;
      clearResult({ keepMarks: true });
    }
    hideRebuildBox();
    // lastReport: the schema in force, with what queries made of it.
    status(schemaLine(lastReport) + (report.data_kept ? "; the database is the same, the data is kept" : ""), "ok");
    save();
    return report;
  }
  let done;
  const runs = journal.slice();
  rebuilding = rebuild(engine, runs, {
    results: opts.results,
    superseded: () => seq !== schemaSeq,
    progress: (i, n) => status(`Rebuilding the data for the new schema: ${thousands(i)} of ${count(n, "run", "runs")}…`, "busy"),
    showCancel: (on) => { $("#cancel-bar").hidden = !on; },
  });
  try { done = await rebuilding; } finally { rebuilding = null; $("#cancel-bar").hidden = true; }
  if (!done || seq !== schemaSeq) return report; // superseded
  dataWhole = true;
  report.rebuilt = done;
  // A replayed run that changed the schema: its report is the one in force.
  if (done.schema) showReport(done.schema);
  if (opts.prune) {
    const keep = runs.map((r, i) => !done.outcomes[i] || !done.outcomes[i].ok || done.outcomes[i].write_ops > 0);
    journal = runs.filter((r, i) => keep[i]);
    done.failed = done.failed.map((f) => ({ ...f, index: keep.slice(0, f.index).filter(Boolean).length }));
  }
  if (done.stopped) {
    // Cancelled or out of time: the runs after the one that stopped are set
    // aside (the engine kept the ones before), and can be brought back.
    const before = currentState();
    journal = journal.slice(0, done.done);
    offerUndo(before, `Rebuilding the data stopped (${done.stopped}): ${count(done.done, "run was", "runs were")} replayed, the other ${count(runs.length - done.done, "run was", "runs were")} set aside.`, "Bring them back and replay again");
  }
  lastResult.fql = lastResult.graphql = null;
  clearResult({ keepMarks: true });
  showRebuildBox(done);
  const applied = done.done - done.failed.length;
  status(`${schemaLine(lastReport)}; the data was rebuilt: ${thousands(applied)} of ${count(runs.length, "run", "runs")} replayed` +
    (done.failed.length ? `, ${thousands(done.failed.length)} no longer ${done.failed.length === 1 ? "applies" : "apply"} (see above)` : ""),
  done.failed.length || done.stopped ? "error" : "ok");
  save();
  return report;
}

function showReport(report) {
  if (report.error) { status(report.error.message, "error"); return; }
  lastReport = report;
  schemaLang.read(report.language);
  editorHelp.follow();
  renderCollections($("#collections"), report);
  renderRelations($("#relations"), report);
  drawDiagram();
  renderErrors($("#schema-errors"), report.errors, (e) => schemaEditor.focusAt(e.line, e.column));
  $("#fsl").textContent = report.fsl || (report.errors.length ? "" : "// No collections yet: the FSL of your types shows here.");
  $("#gql-schema").textContent = report.graphql || (report.errors.length ? ""
    : report.language === "fsl" ? "# An FSL schema has no GraphQL API: Fauna generated one only from GraphQL SDL.\n# Query it in FQL, or write the schema in GraphQL SDL."
      : "# No types yet: the GraphQL API your types generate shows here.");
  schemaEditor.mark(report.errors);
  if (report.errors.length) {
    status(`The schema has ${count(report.errors.length, "error", "errors")}: see below the schema. It is not applied: ` +
      (dataWhole ? "queries run on the last schema without errors and its data" : `your data comes back once it is fixed (${count(journal.length, "run", "runs")} kept)`), "error");
  }
}

// The account of a rebuild: which runs no longer apply, and why.
let failedRuns = [];
function showRebuildBox(done) {
  failedRuns = done.failed;
  if (!failedRuns.length) { hideRebuildBox(); return; }
  const list = $("#rebuild-list");
  list.replaceChildren();
  for (const f of failedRuns.slice(0, 50)) {
    const o = f.outcome;
    list.append(h("li", {}, h("code", {}, describeRun(f.run)), ` — ${o.code}: ${o.message}` + (o.line ? ` (at ${o.line}:${o.column})` : "")));
  }
  if (failedRuns.length > 50) list.append(h("li", {}, `… and ${thousands(failedRuns.length - 50)} more`));
  $("#rebuild-text").textContent = `${count(failedRuns.length, "run that built your data no longer applies", "runs that built your data no longer apply")} to this schema. ` +
    "They are kept: change the schema back (Ctrl+Z) and the data returns, or forget them.";
  $("#rebuild-box").hidden = false;
}
function hideRebuildBox() { failedRuns = []; $("#rebuild-box").hidden = true; }
$("#rebuild-forget").addEventListener("click", () => {
  const drop = new Set(failedRuns.map((f) => f.index));
  const before = currentState();
  journal = journal.filter((r, i) => !drop.has(i));
  lastRun = {};
  hideRebuildBox();
  offerUndo(before, `${count(drop.size, "run was", "runs were")} forgotten.`, "Bring them back");
  save();
});
$("#rebuild-dismiss").addEventListener("click", () => { $("#rebuild-box").hidden = true; });

// ---- queries ----
function clearResult({ keepMarks = false } = {}) {
  clearPanes();
  if (keepMarks) return;
  if (fqlSoon) fqlSoon.marks = [];
  else fqlEditor.mark([]);
  gqlEditor.mark([]);
}

// The FQL editor shows the text window.playground.query ran, and its
// marks, once a frame: a script's loop of queries would otherwise update
// the editor for each (fqlSoon waits for the next frame; a hidden tab has
// none, hence the timer). Whatever reads the editor flushes it first.
let fqlSoon = null;
function showFQLSoon(text) {
  if (!fqlSoon) {
    requestAnimationFrame(flushFQL);
    setTimeout(flushFQL, 100);
  }
  fqlSoon = { text, marks: null };
}
// setFQL puts text in the FQL editor now, over any text waiting.
function setFQL(text) {
  fqlSoon = null;
  fqlEditor.set(text);
}
function flushFQL() {
  const p = fqlSoon;
  if (!p) return;
  fqlSoon = null;
  if (fqlEditor.get() !== p.text) fqlEditor.set(p.text);
  if (p.marks) fqlEditor.mark(p.marks);
}

function showResult(kind, res, source, { record = true } = {}) {
  const marks = layOut(kind, res, status);
  if (kind === "fql" && fqlSoon) fqlSoon.marks = marks;
  else (kind === "fql" ? fqlEditor : gqlEditor).mark(marks);
  lastResult[kind] = { res, source };
  if (record) {
    addHistory(kind, source, failedResult(res), () => {
      if (kind === "fql") setFQL(source);
      else gqlEditor.set(source);
      const ed = kind === "fql" ? fqlEditor : gqlEditor;
      selectTab("query", kind);
      ed.view.focus();
    });
  }
}

async function guarded(kind, fn) {
  // Cancel shows only for a query that takes a while: quick runs do not
  // make the page jump.
  const showCancel = setTimeout(() => { $("#cancel-bar").hidden = false; }, 400);
  status("Running…", "busy");
  try {
    if (rebuilding) await rebuilding.catch(() => {});
    return await fn();
  } catch (err) {
    const res = kind === "fql"
      ? { data: null, text: "error: " + err.message, error: { code: err.code || "cancelled", message: err.message } }
      : { data: null, errors: [{ message: err.message }] };
    showResult(kind, res, "");
    status(err.message, "error");
    // The engine was restarted and its state replayed (cancel, time limit,
    // a crash): a replayed run it lost may have changed the schema.
    if (["engine_crashed", "time_limit", "cancelled"].includes(err.code)) {
      engine.call({ op: "report" }, { record: false }).then((now) => { if (!now.error && !now.errors?.length) showReport(now); }, () => {});
    }
    return res;
  } finally {
    clearTimeout(showCancel);
    $("#cancel-bar").hidden = true;
  }
}

// remember keeps a run that wrote in the journal, and each language's
// last run for a reload to show again (a failed run is not run again).
function remember(kind, run, res) {
  if (failedResult(res)) { delete lastRun[kind]; return; }
  if (writesOf(run, res) > 0) {
    journal.push(run);
    lastRun[kind] = { index: journal.length - 1 };
  } else {
    lastRun[kind] = { run };
  }
}

// notApplied is what a failed run's status adds while the schema text has
// errors: the run went to the schema in force, not to the text shown.
const notApplied = () => (lastReport?.errors?.length ? " (the schema has errors and is not applied: queries run on the last schema without errors)" : "");

// runFQL runs src; args, when given, are values bound as FQL variables
// (one parsed text, many values), kept with the run in the journal.
async function runFQL(src, args) {
  if (src === undefined) { flushFQL(); src = fqlEditor.get(); }
  return guarded("fql", async () => {
    const run = args === undefined || args === null ? { op: "query", fql: src } : { op: "query", fql: src, args };
    const res = await engine.call(run);
    // An answer of the wasm bridge itself (a request it could not read)
    // has an error and no text.
    if (res.error && res.text === undefined) res.text = `error: ${res.error.code}: ${res.error.message}`;
    showResult("fql", res, src);
    remember("fql", run, res);
    status(res.error ? `FQL error: ${res.error.code}${notApplied()}` : "FQL ran", res.error ? "error" : "ok");
    if (res.schema && !res.error) {
      // The query changed the schema (Collection.create…): the model views
      // show the schema now in force.
      showReport(res.schema);
      status(`${schemaCall(src)} changed the schema: ${modelLine(res.schema)}`, "ok");
    }
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
    // A document of several operations runs the one the cursor is in.
    const operationName = operationAt(query, query === gqlEditor.get() ? gqlEditor.cursor() : 0);
    const run = operationName ? { op: "graphql", query, operationName, variables } : { op: "graphql", query, variables };
    const res = await engine.call(run);
    // The wasm bridge's own error (variables nested past what it reads).
    if (res.error && !res.errors) { res.errors = [{ message: res.error.message }]; delete res.error; }
    showResult("graphql", res, query);
    remember("graphql", run, res);
    const failed = failedResult(res);
    status(failed ? `GraphQL error${notApplied()}` : "GraphQL ran", failed ? "error" : "ok");
    save();
    return res;
  });
}

$("#run-fql").addEventListener("click", () => runFQL());
// The history is laid out once a frame; opened, it shows every run at once.
$("#history-box").addEventListener("toggle", flushHistory);
$("#run-graphql").addEventListener("click", () => runGraphQL());
$("#cancel").addEventListener("click", () => engine.cancel());

// resetData empties the data (the schema stays), and offers it back.
async function resetData() {
  const before = currentState();
  schemaSeq++; // a rebuild in progress stops: its data is being emptied
  const res = await engine.call({ op: "reset" });
  await releaseMemory();
  // The schema goes back to its text's: collections made by queries go.
  const now = await engine.call({ op: "report" }, { record: false });
  if (!now.error) showReport(now);
  dataWhole = true;
  journal = [];
  lastRun = {};
  hideRebuildBox();
  lastResult.fql = lastResult.graphql = null;
  clearResult({ keepMarks: true });
  save();
  status("The data was emptied; the schema is kept", "ok");
  if (before.journal.length) offerUndo(before, `The data was emptied (${count(before.journal.length, "run", "runs")} had built it).`, "Bring the data back");
  return res;
}
$("#reset").addEventListener("click", () => resetData());

// releaseMemory gives the tab back the memory of emptied data: a
// WebAssembly memory never shrinks, so once the engine holds far more
// than is live (a bulk load, then Reset), a fresh worker replaces it (the
// schema is replayed; there is no data left to replay).
async function releaseMemory() {
  const m = await engine.call({ op: "memory" }, { record: false }).catch(() => null);
  if (!m || !(m.sys > 64e6 && m.sys > 4 * m.heap_inuse)) return;
  engine.restart();
  await engine.ready.catch(() => {});
}

// ---- state: autosave, share links ----
function currentState() {
  flushFQL();
  return {
    v: 2, schema: schemaEditor.get(), schemaLang: schemaLang.chosen(), fql: fqlEditor.get(), graphql: gqlEditor.get(), variables: varsEditor.get(),
    tab: queryTab, example: $("#examples").value, journal: journal.slice(), last: { ...lastRun },
  };
}

let saveTimer = 0;
let saveFailed = "";
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => {
    saveTimer = 0;
    try {
      await saveState(currentState());
      if (saveFailed) { saveFailed = ""; notice(""); }
    } catch (err) {
      // Said once, not at every keystroke; cleared when a save works again.
      if (!saveFailed) notice(err.message);
      saveFailed = err.message;
    }
  }, 300);
}
// A reload or a closed tab right after an edit loses nothing: write now.
function flushSave() {
  if (!saveTimer) return;
  clearTimeout(saveTimer);
  saveTimer = 0;
  if (!saveNow(currentState())) saveState(currentState()).catch(() => {});
}
window.addEventListener("pagehide", flushSave);
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flushSave(); });

// restore puts a checked state (normalizeState) in the page and rebuilds
// its data; each language's last run is shown again.
async function restore(state) {
  schemaLang.choose(state.schemaLang);
  schemaEditor.set(state.schema);
  setFQL(state.fql);
  gqlEditor.set(state.graphql);
  varsEditor.set(state.variables);
  clearTimeout(schemaTimer); // set() scheduled an apply: this one does it
  selectTab("query", state.tab);
  setJournal(state.journal.slice());
  lastRun = {};
  hideRebuildBox();
  const wanted = new Set(Object.values(state.last).filter((l) => l.index !== undefined).map((l) => l.index));
  const report = await applySchema(state.schema, { results: wanted, prune: state.legacy });
  const shown = {};
  for (const kind of ["fql", "graphql"]) {
    const l = state.last[kind];
    if (!l) continue;
    let run = l.run, res;
    if (l.index !== undefined) {
      run = state.journal[l.index];
      res = report.rebuilt?.results.get(l.index);
      const at = journal.indexOf(run);
      if (res && !failedResult(res)) lastRun[kind] = at >= 0 ? { index: at } : { run };
    } else if (!report.errors?.length) {
      res = await engine.call(run);
      if (!failedResult(res)) lastRun[kind] = { run };
    }
    if (res) shown[kind] = [res, run.op === "query" ? run.fql : run.query];
  }
  // Each language's last result, the one of the tab in view last.
  for (const kind of queryTab === "fql" ? ["graphql", "fql"] : ["fql", "graphql"]) {
    if (shown[kind]) showResult(kind, ...shown[kind]);
  }
  if (!shown[queryTab]) clearResult({ keepMarks: true });
  // The example the state was made from, while its schema is unchanged (a
  // link made before states named their example: the first one with that
  // schema). A schema typed by hand that happens to equal an example's
  // stays yours, as it was on the page that shared it.
  const ex = typeof state.example === "string"
    ? examples.find((x) => x.id === state.example && x.schema === state.schema)
    : examples.find((x) => x.schema === state.schema);
  $("#examples").value = ex?.id || "";
  showMore(ex);
  save();
  return report;
}

// A state's problems (parts of the wrong shape, left out) are said.
const problemNote = (what, problems) => problems.length ? `${what} was read without some parts: ${problems.join("; ")}.` : "";

async function share() {
  let state = currentState();
  let fragment = await encodeState(state);
  let note = "";
  if (fragment.length > MAX_LINK) {
    // Too long with the runs that built the data: share the texts alone,
    // and say so.
    const kb = Math.round(fragment.length / 1024);
    state = { ...state, journal: [], last: {} };
    fragment = await encodeState(state);
    note = `The link holds the schema and the editors' texts but not the data: the ${count(journal.length, "run", "runs")} that built it take ${kb} KB, over the ${MAX_LINK / 1024} KB a link may hold.`;
  }
  if (fragment.length > MAX_LINK) {
    const msg = `The state is too large to share as a link (${Math.round(fragment.length / 1024)} KB; the limit is ${MAX_LINK / 1024} KB).`;
    status(msg, "error");
    throw new Error(msg);
  }
  const link = location.origin + location.pathname + "#" + fragment;
  // The link is shown and copied, not put in the address bar: there it
  // would win over the autosave at the next reload.
  $("#share-link").value = link;
  $("#share-box").hidden = false;
  notice(note);
  try {
    await navigator.clipboard.writeText(link);
    status(note ? "Link copied to the clipboard, without the data (see above)" : "Link copied to the clipboard", note ? "error" : "ok");
  } catch {
    status("Link ready below the buttons (the clipboard was not available): copy it from there", "ok");
  }
  return link;
}
$("#share").addEventListener("click", () => share().catch(() => { /* the status line says why */ }));
$("#share-copy").addEventListener("click", async () => {
  $("#share-link").select();
  try { await navigator.clipboard.writeText($("#share-link").value); status("Link copied to the clipboard", "ok"); } catch { status("Select the link and copy it (the clipboard was not available)", "error"); }
});
$("#share-close").addEventListener("click", () => { $("#share-box").hidden = true; });

// openLink restores the state of a link's fragment, then takes the
// fragment out of the address bar (a reload then shows the later, autosaved
// work); work it replaced is offered back.
async function openLink(fragment, before) {
  const link = await readLink(fragment);
  return link ? openState(link, before) : false;
}
// readLink decodes a link's state: {state, problems}, or null (said, and
// the fragment taken out of the address) when it is damaged.
async function readLink(fragment) {
  try {
    return normalizeState(await decodeState(fragment), "This link");
  } catch (err) {
    window.history.replaceState(null, "", location.pathname + location.search);
    notice(err.message + " The playground opened without it.");
    return null;
  }
}
// openState opens what readLink read. The fragment leaves the address only
// now: should the engine not start, a reload opens the link again.
async function openState({ state, problems }, before) {
  window.history.replaceState(null, "", location.pathname + location.search);
  await restore(state);
  notice(problemNote("This link", problems));
  status("Restored the shared playground", "ok");
  if (before && !isEmptyWork(before) && !sameWork(before, state)) {
    offerUndo(before, "The link replaced the work you had in this browser.");
  }
  return true;
}
window.addEventListener("hashchange", () => {
  if (location.hash.startsWith("#s=")) openLink(location.hash, currentState());
});

// ---- undo: work replaced by an example, a link, a reset ----
let undoState = null;
function offerUndo(state, text, label = "Bring back my previous work") {
  undoState = state;
  $("#undo-text").textContent = text;
  $("#undo").textContent = label;
  $("#undo-box").hidden = false;
}
$("#undo-dismiss").addEventListener("click", () => { undoState = null; $("#undo-box").hidden = true; });
$("#undo").addEventListener("click", async () => {
  const st = undoState;
  undoState = null;
  $("#undo-box").hidden = true;
  if (!st) return;
  $("#examples").value = "";
  await restore(normalizeState(st).state);
  status("Your previous work is back", "ok");
});

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
  // An example replaces the editors: offer to bring back the person's own
  // work (going from one example to another keeps the offer for the work
  // before).
  const before = exBefore;
  const mine = !examples.some((x) => x.schema === before.schema && (x.fql || "") === before.fql && (x.graphql || "") === before.graphql);
  if (mine && !isEmptyWork(before)) undoState = before;
  if (undoState) offerUndo(undoState, `The example “${$("#examples").selectedOptions[0]?.textContent || ex.title}” replaced your schema and queries.`);
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
      setFQL(m.fql);
      fqlEditor.view.focus();
    });
    box.append(b);
  }
  $("#more-box").hidden = !box.children.length;
}

async function loadExample(ex) {
  const seq = loadSeq + 1;
  const result = await load({ schema: ex.schema, schemaLang: ex.schemaLang || "", fql: ex.fql || "", graphql: ex.graphql || "", variables: "{}", setup: ex.setup, run: ex.run });
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
// drawDiagram draws the model (diagram.js lays it out, zooms and pans).
function drawDiagram() {
  if (!lastReport) return;
  renderDiagram($("#diagram"), lastReport, { orientation: $("#diagram-layout").value });
}
// The layout's worker starts as soon as a person heads for the diagram.
for (const ev of ["pointerenter", "focus"]) $("#tab-model-diagram").addEventListener(ev, () => prepareDiagram(), { once: true });
$("#diagram-layout").addEventListener("change", () => drawDiagram());
let resizeTimer = 0;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawDiagram, 200); });

function fullScreenDiagram() {
  if (!lastReport) return;
  renderDiagram($("#diagram-big"), lastReport, { orientation: $("#diagram-layout").value });
  $("#diagram-dialog").showModal();
}
$("#diagram-full").addEventListener("click", fullScreenDiagram);
$("#diagram-close").addEventListener("click", () => $("#diagram-dialog").close());

// load puts the texts in the editors and runs them as a person would: it
// starts a new session (a new journal). A newer load supersedes one still
// running: its queries never run on the newer schema.
let loadSeq = 0;
async function load({ schema = "", schemaLang: lang = "", fql = "", graphql = "", variables = "{}", setup = [], run = ["fql", "graphql"] } = {}) {
  const seq = ++loadSeq;
  schemaLang.choose(lang);
  setJournal([]);
  lastRun = {};
  hideRebuildBox();
  schemaEditor.set(schema);
  setFQL(fql);
  gqlEditor.set(graphql);
  varsEditor.set(typeof variables === "string" ? variables : JSON.stringify(variables, null, 2));
  clearTimeout(schemaTimer);
  const out = { schema: await applySchema(schema) };
  for (const r of setup || []) {
    if (seq !== loadSeq) return out;
    const res = await engine.call(r);
    if (!failedResult(res) && writesOf(r, res) > 0) journal.push(r);
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
  // setSchema's lang is the schema language to choose ("graphql", "fsl");
  // without it the choice stays as it is.
  setSchema: async (sdl, lang) => {
    if (lang !== undefined) schemaLang.choose(lang);
    schemaEditor.set(sdl);
    clearTimeout(schemaTimer);
    return applySchema(sdl);
  },
  // query and graphql show the text in its editor and run it, so what the
  // page shows (results, error markers) matches what ran.
  // args: an object of values bound as FQL variables (query("User.byId(id)",
  // { id: "1" })).
  query: (fql, args) => {
    showFQLSoon(fql);
    if (queryTab !== "fql") selectTab("query", "fql");
    return runFQL(fql, args);
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
  // state is what an autosave or a link holds now (for tests).
  state: () => currentState(),
  // editor is one editor's CodeMirror view: schema, fql, graphql, variables.
  editor: (name) => { flushFQL(); return ({ schema: schemaEditor, fql: fqlEditor, graphql: gqlEditor, variables: varsEditor })[name]?.view; },
  // settled resolves once the schema edit in progress (typed, 250 ms
  // later applied, then its data rebuilt) is done.
  settled: async () => {
    for (;;) {
      const seq = schemaSeq;
      await new Promise((r) => setTimeout(r, schemaTimer ? 300 : 0));
      await engine.queue;
      if (rebuilding) await rebuilding.catch(() => {});
      if (seq === schemaSeq && !rebuilding) return lastReport;
    }
  },
  // memory is what the engine's Go program holds ({heap_alloc, heap_inuse,
  // sys, limit…}, bytes): under wasm, sys is about its linear memory.
  memory: () => engine.call({ op: "memory" }, { record: false }),
  // For tests: the engine's Go program exits as on a fatal error (out of
  // memory); the page restarts it and replays the data, as it would then.
  crashEngine: () => guarded("fql", () => engine.call({ op: "crash" }, { record: false })),
};

// showEarly puts a state's texts in the editors, read-only: what the page
// will open, shown while the engine loads.
function showEarly({ schema = "", schemaLang: lang = "", fql = "", graphql = "", variables = "{}" }) {
  showingEarly = true;
  try {
    for (const ed of editors) ed.setReadOnly(true);
    schemaLang.choose(lang);
    schemaEditor.set(schema);
    setFQL(fql);
    gqlEditor.set(graphql);
    varsEditor.set(variables);
  } finally {
    showingEarly = false;
  }
}

// ---- start ----
// The work to open (a link's, the autosaved, or the first example) is read
// and shown while the engine loads: a reload shows the work at once, and
// the page's first layout of it happens while engine.wasm compiles rather
// than before the first run. Once the engine runs, the editors take edits
// and the work is opened as always (its texts are already there, so
// setting them again changes nothing).
(async () => {
  // The autosaved work, checked: a damaged one is said and set aside.
  let saved = null, savedProblems = [];
  const raw = await loadSaved();
  if (raw) {
    try {
      ({ state: saved, problems: savedProblems } = normalizeState(raw, "Your autosaved work"));
    } catch (err) {
      notice(err.message + " The playground opened without it.");
    }
  }
  const link = location.hash.length > 1 ? await readLink(location.hash) : null;
  const ex = examples[0];
  showEarly(link ? link.state : saved || { schema: ex.schema, schemaLang: ex.schemaLang, fql: ex.fql, graphql: ex.graphql });
  try {
    await engine.ready;
  } catch (err) {
    // The editors stay read-only: nothing can run, and an edit saved now
    // would keep the texts without the work's journal.
    status(err.message, "error");
    return;
  }
  for (const ed of editors) ed.setReadOnly(false);
  status("Ready", "ok");
  let opened = false;
  if (link) opened = await openState(link, saved);
  if (!opened) {
    if (saved) {
      await restore(saved);
      if (savedProblems.length) notice(problemNote("Your autosaved work", savedProblems));
      if ($("#status").dataset.kind === "ok") status("Restored your last session", "ok");
    } else {
      await loadExample(examples[0]);
    }
  }
  readyResolve(true);
  editorHelp.prefetch(); // the GraphQL editor's tooling, now that the first result is shown
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
})();
