// Builds the page into dist/: the app and worker bundles (esbuild), the
// static files, and the engine's wasm with Go's wasm_exec.js (which the
// Makefile copies in). Run from playground/: `node build.mjs`.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = process.argv[2] || "dist";
mkdirSync(out, { recursive: true });
const version = Date.now().toString(36);

await esbuild.build({
  entryPoints: { app: "src/app.js", worker: "src/worker.js", sw: "src/sw.js" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outdir: out,
  define: { __BUILD__: JSON.stringify(version) },
  logLevel: "warning",
});
// The worker loads wasm_exec.js with importScripts, so it must be a classic
// script: rebuild it as an IIFE over the ESM output.
await esbuild.build({
  entryPoints: ["src/worker.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2022",
  outfile: `${out}/worker.js`,
  logLevel: "warning",
});
copyFileSync("src/style.css", `${out}/style.css`);
copyFileSync("src/favicon.svg", `${out}/favicon.svg`);
const html = readFileSync("src/index.html", "utf8").replaceAll("__BUILD__", version);
writeFileSync(`${out}/index.html`, html);
console.log(`built ${out}/ (${version})`);
