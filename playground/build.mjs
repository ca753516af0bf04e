// Builds the page into dist/: the app bundle (esbuild, ESM), the diagram's
// layout (loaded when a diagram is first drawn), the worker and the service
// worker, the static files, ELK's worker script, and the engine's wasm with
// Go's wasm_exec.js (which the Makefile copies in). Run from playground/:
// `node build.mjs`.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const out = process.argv[2] || "dist";
mkdirSync(out, { recursive: true });
rmSync(`${out}/chunks`, { recursive: true, force: true }); // from older builds
for (const f of readdirSync(out)) if (/^lib-.*\.js/.test(f)) rmSync(`${out}/${f}`); // chunks of older builds
const version = Date.now().toString(36);
const common = { bundle: true, minify: true, target: "es2022", logLevel: "warning", define: { __BUILD__: JSON.stringify(version) } };

// The page: boot.js and app.js, split (ESM) so that the GraphQL editor's
// tooling (graphql-tools.js, which app.js imports on first use) is a chunk
// of its own, and the CodeMirror both use is one copy in a shared chunk.
// The chunks app.js imports statically are named in index.html as
// modulepreload links, so they are fetched with app.js, not after it.
const page = await esbuild.build({
  ...common,
  entryPoints: { boot: "src/boot.js", app: "src/app.js", "graphql-tools": "src/graphql-tools.js" },
  format: "esm",
  splitting: true,
  chunkNames: "lib-[hash]",
  metafile: true,
  outdir: out,
});
const outputs = Object.entries(page.metafile.outputs).map(([file, o]) => ({ file: file.slice(out.length + 1), ...o }));
const appOut = outputs.find((o) => o.entryPoint === "src/app.js");
const preload = appOut.imports.filter((i) => i.kind === "import-statement").map((i) => i.path.slice(out.length + 1));
const lazy = outputs.map((o) => o.file).filter((f) => f.endsWith(".js") && f !== "app.js" && f !== "boot.js");
// The diagram's layout is an entry of its own, which app.js imports by URL
// when a diagram is first shown, built apart: in the split build above it
// would share esbuild's CommonJS helpers with the page through one more
// chunk.
await esbuild.build({ ...common, entryPoints: { "diagram-layout": "src/diagram-layout.js" }, format: "esm", outdir: out });
// The service worker keeps the chunks too, for offline use.
await esbuild.build({ ...common, entryPoints: { sw: "src/sw.js" }, format: "esm", outdir: out, define: { ...common.define, __CHUNKS__: JSON.stringify(lazy) } });
// The worker loads wasm_exec.js with importScripts, so it must be a classic
// script.
await esbuild.build({ ...common, entryPoints: ["src/worker.js"], format: "iife", outfile: `${out}/worker.js` });
// ELK's layout runs in a worker of its own, started by the layout chunk.
copyFileSync("node_modules/elkjs/lib/elk-worker.min.js", `${out}/elk-worker.min.js`);
copyFileSync("src/style.css", `${out}/style.css`);
copyFileSync("src/favicon.svg", `${out}/favicon.svg`);
const links = preload.map((f) => `<link rel="modulepreload" href="${f}">`).join("\n");
const html = readFileSync("src/index.html", "utf8").replaceAll("__BUILD__", version).replace("<!--__PRELOAD__-->", links);
writeFileSync(`${out}/index.html`, html);
console.log(`built ${out}/ (${version})`);
