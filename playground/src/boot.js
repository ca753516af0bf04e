// boot starts the engine's Web Worker before the page's bundle runs: the
// engine (megabytes of WebAssembly to fetch and compile) then loads while
// app.js is parsed and run, not after. engine-client.js adopts the worker
// and the messages it sent meanwhile.
const worker = new Worker("worker.js");
const early = [];
worker.onmessage = (e) => early.push({ message: e });
worker.onerror = (e) => early.push({ error: e });
globalThis.__earlyEngine = { worker, early };
