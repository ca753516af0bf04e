// Rebuilding the data: the journal's runs replayed into the engine after a
// schema edit, a reload or from a link. The engine replays as many as fit
// in a short budget per call, so the page shows progress between calls, a
// newer schema edit stops an older rebuild, and Cancel stops it for good
// (keeping what was replayed).

// BUDGET_MS is how long one replay call may run before it answers.
const BUDGET_MS = 250;
// MAX_BATCH bounds one call's runs (and so the message's size).
const MAX_BATCH = 500;
const MAX_BATCH_TEXT = 2 << 20;

// describeRun is a run as a person recognises it: its text, cut short.
export function describeRun(run) {
  const text = (run.op === "query" ? run.fql : run.query).replace(/\s+/g, " ").trim();
  return text.length > 80 ? text.slice(0, 77) + "…" : text;
}

// rebuild replays runs; opts.results is a Set of indices whose results are
// wanted. It resolves with {done, outcomes, failed: [{index, run,
// outcome}], results: Map(index → result), stopped, schema}, where stopped
// says why a rebuild ended early (cancelled, out of time, the engine died),
// and schema is the report of the schema in force when a replayed run
// changed it (Collection.create…); or with null when superseded() turned
// true (a newer schema took over).
export async function rebuild(engine, runs, { results = new Set(), superseded = () => false, progress = () => {}, showCancel = () => {} } = {}) {
  const out = { done: 0, outcomes: [], failed: [], results: new Map(), stopped: "", schema: null };
  const cancelTimer = setTimeout(() => showCancel(true), 400);
  try {
    while (out.done < runs.length) {
      if (superseded()) return null;
      const batch = [];
      let size = 0;
      for (let i = out.done; i < runs.length && batch.length < MAX_BATCH && (size < MAX_BATCH_TEXT || !batch.length); i++) {
        const r = runs[i];
        size += (r.fql || r.query || "").length;
        batch.push(results.has(i) ? { ...r, result: true } : r);
      }
      let res;
      try {
        res = await engine.call({ op: "replay", runs: batch, budget_ms: BUDGET_MS });
      } catch (err) {
        if (superseded()) return null;
        out.stopped = err.code === "cancelled" ? "cancelled" : err.message;
        return out;
      }
      if (!Array.isArray(res.outcomes) || !res.outcomes.length) {
        out.stopped = (res.error && res.error.message) || "the engine answered no outcome";
        return out;
      }
      if (res.schema) out.schema = res.schema;
      for (const o of res.outcomes) {
        const i = out.done++;
        out.outcomes.push(o);
        if (o.result !== undefined) { out.results.set(i, o.result); delete o.result; }
        if (!o.ok) out.failed.push({ index: i, run: runs[i], outcome: o });
      }
      progress(out.done, runs.length);
    }
    return out;
  } finally {
    clearTimeout(cancelTimer);
    showCancel(false);
  }
}
