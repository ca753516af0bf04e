// The engine's Web Worker: loads Go's wasm_exec.js and the engine, then
// answers {id, request} messages with {id, response}, both JSON strings. A
// long query blocks only this worker; the page can terminate it.
/* global importScripts, Go, playgroundEngine */
importScripts("wasm_exec.js");

const pending = [];
let ready = false;

function answer(msg) {
  let response;
  try {
    response = playgroundEngine(msg.request);
  } catch (err) {
    response = JSON.stringify({ error: { code: "internal_error", message: String(err && err.message || err) } });
  }
  postMessage({ id: msg.id, response });
}

onmessage = (e) => {
  if (ready) answer(e.data);
  else pending.push(e.data);
};

(async () => {
  try {
    const go = new Go();
    const result = await WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject);
    // go.run resolves only when the program exits: the engine never does.
    go.run(result.instance);
    ready = true;
    while (pending.length) answer(pending.shift());
  } catch (err) {
    postMessage({ fatal: "The engine could not start: " + (err && err.message || err) });
  }
})();
