// boot starts the engine's Web Worker before the page's bundle runs: the
// engine (megabytes of WebAssembly to fetch and compile) then loads while
// app.js is parsed and run, not after. engine-client.js adopts the worker
// and the messages it sent meanwhile. index.html loads this script async,
// so it runs as soon as it arrives, not after the page is parsed; should
// the bundle have started first, it made its own worker (and set
// __earlyEngine to null), and none is started here.
if (!("__earlyEngine" in globalThis)) {
  const worker = new Worker("worker.js");
  const early = [];
  worker.onmessage = (e) => early.push({ message: e });
  worker.onerror = (e) => early.push({ error: e });
  globalThis.__earlyEngine = { worker, early };
}
