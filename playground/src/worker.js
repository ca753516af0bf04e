// The engine's Web Worker: loads Go's wasm_exec.js and the engine, then
// answers {id, request} messages with {id, response}, both JSON strings. A
// long query blocks only this worker; the page can terminate it.
//
// The Go program can still die (a fatal error such as running out of
// memory exits it; a WebAssembly trap leaves it unusable): then the answer
// is {id, crashed: reason} and so is every later one, and the page starts a
// new worker and replays its state (engine-client.js).
/* global importScripts, Go, playgroundEngine */
// The engine's fetch and compilation start first, so wasm_exec.js's own
// request and evaluation happen meanwhile rather than before them.
const compiled = WebAssembly.compileStreaming(fetch("engine.wasm"));
compiled.catch(() => {}); // reported once awaited below
importScripts("wasm_exec.js");

// What the Go runtime printed (read from wasm_exec.js's console writer):
// the first line of a fatal error ("fatal error: out of memory", "panic:
// …") says why the engine died; the goroutine traces after it do not.
let printedLine = "";
let lastLine = "";
let fatalLine = "";
const decoder = new TextDecoder("utf-8");
const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
globalThis.fs.writeSync = (fd, buf) => {
  const lines = (printedLine + decoder.decode(buf)).split("\n");
  printedLine = lines.pop().slice(-2000);
  for (const l of lines) {
    if (l.trim()) lastLine = l.slice(0, 200);
    if (!fatalLine && /^(fatal error|panic|runtime): /.test(l)) fatalLine = l.slice(0, 200);
  }
  return writeSync(fd, buf);
};

const pending = [];
let ready = false;
let go = null;
let dead = ""; // why the engine can no longer answer

// reason says why the engine died: "fatal error: out of memory",
// "runtime: out of memory: …", "panic: …", or what it printed last.
function reason(fallback) {
  return fatalLine || lastLine || fallback;
}

function answer(msg) {
  if (dead) { postMessage({ id: msg.id, crashed: dead }); return; }
  let response, thrown = null;
  try {
    response = playgroundEngine(msg.request);
  } catch (err) {
    thrown = String((err && err.message) || err);
  }
  if (go.exited || thrown !== null || typeof response !== "string") {
    dead = reason(thrown || "the engine stopped");
    postMessage({ id: msg.id, crashed: dead });
    return;
  }
  postMessage({ id: msg.id, response });
}

// warmLater runs a query and a GraphQL operation that read and write nothing,
// once the worker has been idle a moment after it started: the browser
// compiles the engine's code as it first runs, and that cost belongs to no
// run of the person's. It waits for the page's own first requests (the
// example's or the restored work's, which warm what they use), so the
// first result does not wait for it.
let warmTimer = 0;
let warmed = false;
function warmLater() {
  if (warmed || dead) return;
  clearTimeout(warmTimer);
  warmTimer = setTimeout(() => {
    warmed = true;
    try {
      for (const r of [
        { op: "query", fql: "[1, 2].map(x => x * 2).length + 'ab'.length" },
        { op: "graphql", query: "{ __typename }", variables: {} },
      ]) playgroundEngine(JSON.stringify(r));
    } catch { /* a failed warm-up is only a slower first run */ }
  }, 300);
}

onmessage = (e) => {
  if (ready) { answer(e.data); warmLater(); }
  else pending.push(e.data);
};

(async () => {
  try {
    go = new Go();
    const instance = await WebAssembly.instantiate(await compiled, go.importObject);
    // go.run resolves only when the program exits: the engine never does,
    // unless it dies.
    go.run(instance).then(() => { if (!dead) dead = reason("the engine exited"); });
    ready = true;
    while (pending.length) answer(pending.shift());
    warmLater();
  } catch (err) {
    postMessage({ fatal: "The engine could not start: " + (err && err.message || err) });
  }
})();
