// The page's state as it is kept: its shape checked before use (a link or
// an autosave is input like any other), and the autosave itself, in
// localStorage while it fits and in IndexedDB past that.
//
// A state is {v: 2, schema, schemaLang, fql, graphql, variables, tab,
// example, journal, last}: the editors' texts, the schema's language as
// chosen ("graphql", "fsl", or "" to tell by the text; states made before
// FSL have none and are read as ""), the runs that wrote the data (the
// journal, replayed to rebuild it) and the last run of each language (shown
// again). Version 1 states kept the last 200 runs, reads included, as
// `history`: they are read as a journal to be pruned of its reads.

export const SAVE_KEY = "fauna-relations-playground";
// MAX_TEXT is the longest editor text kept: the engine reads 1 MiB of FQL
// or SDL, so longer is never a person's work.
export const MAX_TEXT = 1 << 20;

// SCHEMA_LANGS are the schema languages a person may choose ("" is Auto).
export const SCHEMA_LANGS = ["", "graphql", "fsl"];

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

// checkRun returns a run the engine can replay, or null.
export function checkRun(r) {
  if (!isObject(r)) return null;
  if (r.op === "query" && typeof r.fql === "string" && r.fql.length <= MAX_TEXT) {
    // A run's arguments (window.playground.query(text, args)) come with it.
    return isObject(r.args) ? { op: "query", fql: r.fql, args: r.args } : { op: "query", fql: r.fql };
  }
  if (r.op === "graphql" && typeof r.query === "string" && r.query.length <= MAX_TEXT
    && (r.variables === undefined || r.variables === null || isObject(r.variables))) {
    const run = { op: "graphql", query: r.query, variables: r.variables || {} };
    if (typeof r.operationName === "string" && r.operationName) run.operationName = r.operationName;
    return run;
  }
  return null;
}

// normalizeState checks a state read from a link or an autosave. It throws
// an Error that says what is wrong when the state holds no schema; parts
// of the wrong shape are left out and named in problems.
export function normalizeState(raw, what = "The saved state") {
  if (!isObject(raw)) throw new Error(`${what} is damaged: it is not a playground state.`);
  if (typeof raw.schema !== "string") throw new Error(`${what} is damaged: it does not hold a schema.`);
  const problems = [];
  const text = (name, fallback) => {
    const v = raw[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "string") { problems.push(`its ${name} was not text`); return fallback; }
    if (v.length > MAX_TEXT) { problems.push(`its ${name} was over 1 MiB`); return fallback; }
    return v;
  };
  const state = {
    v: 2,
    schema: raw.schema.length > MAX_TEXT ? "" : raw.schema,
    schemaLang: SCHEMA_LANGS.includes(raw.schemaLang) ? raw.schemaLang : "",
    fql: text("fql", ""),
    graphql: text("graphql", ""),
    variables: text("variables", "{}"),
    tab: raw.tab === "graphql" ? "graphql" : "fql",
    example: typeof raw.example === "string" ? raw.example : undefined,
    journal: [],
    last: {},
    legacy: false,
  };
  if (raw.schema.length > MAX_TEXT) problems.push("its schema was over 1 MiB");
  if (raw.schemaLang !== undefined && raw.schemaLang !== null && !SCHEMA_LANGS.includes(raw.schemaLang)) problems.push("its schema language was not one the page knows");
  const legacy = raw.v !== 2 && Array.isArray(raw.history);
  const runs = legacy ? raw.history : raw.journal;
  if (runs !== undefined && runs !== null && !Array.isArray(runs)) problems.push("its runs were not a list");
  let bad = 0;
  for (const r of Array.isArray(runs) ? runs : []) {
    const run = checkRun(r);
    if (run) state.journal.push(run);
    else bad++;
  }
  if (bad) problems.push(`${bad} of its runs could not be read`);
  if (legacy) {
    // The last FQL and GraphQL runs of a version 1 state are shown again.
    state.legacy = true;
    for (let i = state.journal.length - 1; i >= 0; i--) {
      const kind = state.journal[i].op === "query" ? "fql" : "graphql";
      if (!state.last[kind]) state.last[kind] = { index: i };
    }
  } else if (isObject(raw.last)) {
    for (const kind of ["fql", "graphql"]) {
      const l = raw.last[kind];
      if (!isObject(l)) continue;
      if (Number.isInteger(l.index) && l.index >= 0 && l.index < state.journal.length) state.last[kind] = { index: l.index };
      else if (checkRun(l.run)) state.last[kind] = { run: checkRun(l.run) };
    }
  }
  return { state, problems };
}

// sameWork says whether two states hold the same work: the same texts and
// the same runs (what a person would be sorry to lose).
export function sameWork(a, b) {
  if (!a || !b) return false;
  return a.schema === b.schema && (a.schemaLang || "") === (b.schemaLang || "") && a.fql === b.fql && a.graphql === b.graphql
    && (a.variables || "{}") === (b.variables || "{}")
    && JSON.stringify(a.journal || []) === JSON.stringify(b.journal || []);
}

// isEmptyWork: nothing typed, nothing run.
export function isEmptyWork(s) {
  return !s || (!s.schema.trim() && !s.fql.trim() && !s.graphql.trim() && !(s.journal || []).length);
}

// ---- autosave ----

const DB_NAME = "fauna-relations-playground";

function idb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("state");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function idbDo(mode, fn) {
  const db = await idb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction("state", mode);
      const req = fn(tx.objectStore("state"));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error || new Error("IndexedDB refused the write"));
    });
  } finally {
    db.close();
  }
}

// saveState writes the state: in localStorage when it fits, else in
// IndexedDB with a marker in localStorage. It resolves with where it went,
// or rejects with an Error that says why nothing could be kept.
export async function saveState(state) {
  const json = JSON.stringify(state);
  try {
    localStorage.setItem(SAVE_KEY, json);
    return "localStorage";
  } catch { /* full: the larger store below */ }
  try {
    await idbDo("readwrite", (s) => s.put(json, SAVE_KEY));
    localStorage.setItem(SAVE_KEY, JSON.stringify({ v: 2, inIndexedDB: true }));
    return "IndexedDB";
  } catch (err) {
    const mb = (json.length / 1e6).toFixed(1);
    throw new Error(`Autosave failed: the browser's storage refused ${mb} MB (${err && err.message || err}). Share a link or keep the tab open to keep this work.`);
  }
}

// saveNow writes the state synchronously where it can (localStorage), for
// pagehide: an asynchronous write may not finish before the page goes.
export function saveNow(state) {
  try { localStorage.setItem(SAVE_KEY, JSON.stringify(state)); return true; } catch { return false; }
}

// loadSaved reads the autosaved state (raw, unchecked), or null.
export async function loadSaved() {
  let raw = null;
  try { raw = JSON.parse(localStorage.getItem(SAVE_KEY) || "null"); } catch { raw = { damaged: true }; }
  if (isObject(raw) && raw.inIndexedDB) {
    try { raw = JSON.parse(await idbDo("readonly", (s) => s.get(SAVE_KEY)) || "null"); } catch { raw = { damaged: true }; }
  }
  return raw;
}
