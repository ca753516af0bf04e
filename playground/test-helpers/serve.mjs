// cmd/serve for the Node tests (kept out of test/, whose every file
// `node --test test/` runs): the server is built from this checkout into a
// temporary folder once, and each start runs it on a free loopback port.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
let work;

// workDir is the temporary folder of this test process, removed at exit.
export function workDir() {
  if (!work) {
    work = mkdtempSync(join(tmpdir(), "playground-serve-"));
    process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  }
  return work;
}

let serveBin;
function binary() {
  if (!serveBin) {
    serveBin = join(workDir(), "serve");
    execFileSync("go", ["build", "-o", serveBin, "./cmd/serve"], { cwd: repo, stdio: "inherit" });
  }
  return serveBin;
}

// pageDir is the page's folder: the real build when `make test-node` gives
// it, else a stand-in (cmd/serve only checks that index.html is there).
function pageDir() {
  const built = process.env.PLAYGROUND_DIR;
  if (built && existsSync(join(built, "index.html"))) return built;
  const dir = join(workDir(), "page");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>stand-in</title>");
  return dir;
}

// startServer runs cmd/serve with args and resolves, once it listens,
// with its endpoint (read from the line it logs then), its log so far and
// stop(); it rejects with the log if the server exits first.
export function startServer(args) {
  const proc = spawn(binary(), ["-addr", "127.0.0.1:0", "-dir", pageDir(), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let log = "";
    proc.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /serving .* on (http:\/\/[^ ]+)/.exec(log);
      if (m) resolve({ endpoint: new URL(m[1]), log, stop: () => proc.kill() });
    });
    proc.on("exit", (code) => reject(new Error(`cmd/serve exited (${code}) before listening:\n${log}`)));
  });
}
