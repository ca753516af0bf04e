// EngineClient runs the engine in a Web Worker, so a long query never
// freezes the page. Calls are queued one at a time; each has a time limit,
// and cancel() (or the limit) terminates the worker and starts a new one,
// replaying what had built the current state (the schema and the runs
// that wrote since: reads change nothing), so the data survives. A worker whose engine died
// (a Go fatal error such as running out of memory, answered as
// {crashed: reason}) is replaced the same way, and the call that killed it
// fails with code engine_crashed and a message that says so.
export const TIME_LIMIT_MS = 10000;

const fail = (code, message) => Object.assign(new Error(message), { code });

// failedResult says whether an FQL result or a GraphQL response failed.
export const failedResult = (res) => Boolean(res.error || (res.errors && res.errors.length));

// writesOf is how many documents a query or an operation wrote: FQL counts
// them in stats, GraphQL in extensions.stats.
export const writesOf = (request, res) => (request.op === "query" ? res.stats?.write_ops : res.extensions?.stats?.write_ops) || 0;

export class EngineClient {
  constructor({ onStatus } = {}) {
    this.onStatus = onStatus || (() => {});
    this.replay = []; // requests that built the current state
    this.nextId = 1;
    this.queue = Promise.resolve();
    this.ready = this.start();
  }

  // start makes a new worker; it resolves once its engine runs.
  start() {
    // The first worker was started by boot.js, ahead of the page's bundle.
    const early = globalThis.__earlyEngine;
    globalThis.__earlyEngine = null;
    this.worker = early ? early.worker : new Worker("worker.js");
    this.waiting = new Map();
    const started = new Promise((resolve, reject) => {
      this.worker.onmessage = (e) => {
        const m = e.data;
        if (m.ready) { resolve(); return; }
        if (m.fatal) { reject(new Error(m.fatal)); this.onStatus(m.fatal, "error"); return; }
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.crashed) w.reject(fail("engine_crashed", m.crashed));
        else w.resolve(m.response);
      };
      this.worker.onerror = (e) => { reject(new Error(e.message)); };
    });
    for (const e of early ? early.early : []) {
      if (e.message) this.worker.onmessage(e.message);
      else this.worker.onerror(e.error);
    }
    return started;
  }

  // call sends one request object and resolves with the parsed response.
  call(request, { record = true } = {}) {
    const run = async () => {
      await this.ready;
      let raw;
      try {
        raw = await this.send(request);
      } catch (err) {
        if (err.code !== "engine_crashed") throw err;
        const why = err.message;
        this.restart();
        const lost = await this.ready.then(() => this.lost, () => -1);
        const what = request.op === "setSchema" ? "this schema" : "this query";
        throw fail("engine_crashed", `The engine stopped while running ${what} (${why}). ` +
          (lost < 0 ? "It could not be restarted: reload the page."
            : `It was restarted${this.replay.length ? " and your data restored" : ""}; ${what} was not kept` +
              (lost ? `, nor ${lost} earlier ${lost === 1 ? "query" : "queries"} that stopped it again.` : ".")));
      }
      const res = JSON.parse(raw);
      if (record) this.remember(request, res);
      return res;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }

  remember(request, res) {
    if (request.op === "setSchema" && res.data_kept) {
      // The same database (or a schema with errors, not applied): its data
      // stays, and so do the runs that restore it. The schema text is the
      // new one unless it has errors.
      if (!(res.errors || []).length && !res.error) this.replay = [request, ...this.replay.filter((r) => r.op !== "setSchema")];
      return;
    }
    if (request.op === "setSchema" || request.op === "reset") {
      this.replay = request.op === "setSchema" ? [request] : this.replay.filter((r) => r.op === "setSchema");
      return;
    }
    if (request.op === "replay") {
      (res.outcomes || []).forEach((o, i) => {
        if (o.ok && o.write_ops > 0) {
          const { result, ...run } = request.runs[i]; // eslint-disable-line no-unused-vars
          this.replay.push(run);
        }
      });
      return;
    }
    if (!failedResult(res) && writesOf(request, res) > 0) this.replay.push(request);
  }

  // send posts one request to the worker. Past the time limit the worker
  // is restarted (unless this is a replay: revive handles that).
  send(request, { replaying = false } = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        if (!replaying) this.restart();
        reject(fail("time_limit", `The query ran longer than ${TIME_LIMIT_MS / 1000} s and was stopped.`));
      }, TIME_LIMIT_MS);
      this.waiting.set(id, {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.worker.postMessage({ id, request: JSON.stringify(request) });
    });
  }

  busy() { return this.waiting.size > 0; }

  // cancel stops whatever runs now.
  cancel() {
    for (const [, w] of this.waiting) w.reject(fail("cancelled", "The query was cancelled."));
    this.waiting.clear();
    this.restart();
  }

  restart() {
    this.onStatus("Restarting the engine…", "busy");
    this.ready = this.revive();
    this.ready.catch(() => {});
  }

  // revive replaces the worker and replays the state into it. A replayed
  // request that kills the new engine too (or runs out of time) is dropped
  // with those after it, and the rest is replayed into one more worker;
  // this.lost says how many were dropped.
  async revive() {
    this.lost = 0;
    let oneByOne = false;
    for (;;) {
      this.worker.terminate();
      await this.start();
      const replay = this.replay.slice();
      let i = 0;
      try {
        // The schema, then the runs in batches of one call each.
        while (i < replay.length) {
          if (i > 0) this.onStatus(`Restarting the engine: ${i - 1} of ${replay.length - 1} runs replayed…`, "busy");
          const batch = i > 0 && !oneByOne ? replay.slice(i, i + 200) : [replay[i]];
          if (batch.length > 1) await this.send({ op: "replay", runs: batch, budget_ms: 1e9 }, { replaying: true });
          else await this.send(batch[0], { replaying: true });
          i += batch.length;
        }
        this.onStatus("Ready", "ok");
        return;
      } catch (err) {
        if (err.code !== "engine_crashed" && err.code !== "time_limit") throw err;
        if (i === 0) throw err; // the schema alone kills it: nothing to keep
        // A batch that kills the engine is replayed again one run at a
        // time, to find the run.
        if (!oneByOne) { oneByOne = true; continue; }
        this.replay = replay.slice(0, i);
        this.lost += replay.length - i;
      }
    }
  }
}
