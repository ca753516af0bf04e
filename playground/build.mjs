// Builds the page into dist/: the app bundle (esbuild, ESM), the diagram's
// layout (loaded when a diagram is first drawn), the worker and the service
// worker, the static files, ELK's worker script, and the engine's wasm with
// Go's wasm_exec.js (which the Makefile copies in). Run from playground/:
// `node build.mjs`.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const out = process.argv[2] || "dist";
mkdirSync(out, { recursive: true });
rmSync(`${out}/chunks`, { recursive: true, force: true }); // from older builds
const version = Date.now().toString(36);
const common = { bundle: true, minify: true, target: "es2022", logLevel: "warning", define: { __BUILD__: JSON.stringify(version) } };

// The diagram's layout is an entry of its own, which app.js imports by URL
// when a diagram is first shown. (esbuild's code splitting would do it
// too, but puts its CommonJS helpers in a shared chunk that app.js then
// imports statically: one more request before the page can start.)
await esbuild.build({
  ...common,
  entryPoints: { boot: "src/boot.js", app: "src/app.js", "diagram-layout": "src/diagram-layout.js" },
  format: "esm",
  outdir: out,
});
await esbuild.build({ ...common, entryPoints: { sw: "src/sw.js" }, format: "esm", outdir: out });
// The worker loads wasm_exec.js with importScripts, so it must be a classic
// script.
await esbuild.build({ ...common, entryPoints: ["src/worker.js"], format: "iife", outfile: `${out}/worker.js` });
// ELK's layout runs in a worker of its own, started by the layout chunk.
copyFileSync("node_modules/elkjs/lib/elk-worker.min.js", `${out}/elk-worker.min.js`);
copyFileSync("src/style.css", `${out}/style.css`);
copyFileSync("src/favicon.svg", `${out}/favicon.svg`);
const html = readFileSync("src/index.html", "utf8").replaceAll("__BUILD__", version);
writeFileSync(`${out}/index.html`, html);
console.log(`built ${out}/ (${version})`);
