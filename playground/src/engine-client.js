// EngineClient runs the engine in a Web Worker, so a long query never
// freezes the page. Calls are queued one at a time; each has a time limit,
// and cancel() (or the limit) terminates the worker and starts a new one,
// replaying what had built the current state (the schema and the queries
// that succeeded since), so the data survives.
export const TIME_LIMIT_MS = 10000;

export class EngineClient {
  constructor({ onStatus } = {}) {
    this.onStatus = onStatus || (() => {});
    this.replay = []; // requests that built the current state
    this.nextId = 1;
    this.queue = Promise.resolve();
    this.start();
  }

  start() {
    this.worker = new Worker("worker.js");
    this.waiting = new Map();
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (e) => {
        const m = e.data;
        if (m.ready) { resolve(); return; }
        if (m.fatal) { reject(new Error(m.fatal)); this.onStatus(m.fatal, "error"); return; }
        const w = this.waiting.get(m.id);
        if (w) { this.waiting.delete(m.id); w.resolve(m.response); }
      };
      this.worker.onerror = (e) => { reject(new Error(e.message)); };
    });
  }

  // call sends one request object and resolves with the parsed response.
  call(request, { record = true } = {}) {
    const run = async () => {
      await this.ready;
      const raw = await this.send(request);
      const res = JSON.parse(raw);
      if (record) this.remember(request, res);
      return res;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }

  remember(request, res) {
    if (request.op === "setSchema" || request.op === "reset") {
      this.replay = request.op === "setSchema" ? [request] : this.replay.filter((r) => r.op === "setSchema");
      return;
    }
    const failed = res.error || (res.errors && res.errors.length);
    if (!failed) this.replay.push(request);
  }

  send(request) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.restart();
        reject(Object.assign(new Error(`The query ran longer than ${TIME_LIMIT_MS / 1000} s and was stopped.`), { code: "time_limit" }));
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
    for (const [, w] of this.waiting) {
      w.reject(Object.assign(new Error("The query was cancelled."), { code: "cancelled" }));
    }
    this.waiting.clear();
    this.restart();
  }

  restart() {
    this.worker.terminate();
    this.start();
    const replay = this.replay.slice();
    this.onStatus("Restarting the engine…", "busy");
    this.ready = this.ready.then(async () => {
      for (const r of replay) await this.send(r);
      this.onStatus("Ready", "ok");
    });
  }
}
