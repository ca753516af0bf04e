// The engine's Web Worker: loads Go's wasm_exec.js and the engine, then
// answers {id, request} messages with {id, response}, both JSON strings. A
// long query blocks only this worker; the page can terminate it.
//
// The Go program can still die (a fatal error such as running out of
// memory exits it; a WebAssembly trap leaves it unusable): then the answer
// is {id, crashed: reason} and so is every later one, and the page starts a
// new worker and replays its state (engine-client.js).
/* global importScripts, Go, playgroundEngine */
importScripts("wasm_exec.js");

// What the Go runtime printed last (a fatal error's reason), kept from
// wasm_exec.js's console writer.
let printed = "";
const decoder = new TextDecoder("utf-8");
const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
globalThis.fs.writeSync = (fd, buf) => {
  printed = (printed + decoder.decode(buf)).slice(-2000);
  return writeSync(fd, buf);
};

const pending = [];
let ready = false;
let go = null;
let dead = ""; // why the engine can no longer answer

// reason reads the Go runtime's last words: "fatal error: out of memory",
// "runtime: out of memory", "fatal error: stack overflow", "panic: …".
function reason(fallback) {
  const m = printed.match(/(?:fatal error|panic|runtime): [^\n]*/g);
  return m ? m[m.length - 1] : fallback;
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

onmessage = (e) => {
  if (ready) answer(e.data);
  else pending.push(e.data);
};

(async () => {
  try {
    go = new Go();
    const result = await WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject);
    // go.run resolves only when the program exits: the engine never does,
    // unless it dies.
    go.run(result.instance).then(() => { if (!dead) dead = reason("the engine exited"); });
    ready = true;
    while (pending.length) answer(pending.shift());
  } catch (err) {
    postMessage({ fatal: "The engine could not start: " + (err && err.message || err) });
  }
})();
