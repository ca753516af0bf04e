// The result pane: a run's result as text and JSON (laid out only in part
// when it is huge), its cost, its hints, and the session's history list.
import { h } from "./render.js";
import { failedResult } from "./engine-client.js";

const $ = (sel) => document.querySelector(sel);

// MAX_SHOWN is the most characters of a result the page lays out: a
// result of megabytes would freeze the tab for seconds. The rest is one
// click away (Download, Copy).
const MAX_SHOWN = 100000;
// MAX_HISTORY_SHOWN bounds the history list's DOM; the newest are shown.
export const MAX_HISTORY_SHOWN = 200;

// thousands writes a count with commas: "12,345". toLocaleString does the
// same, but its first call loads the locale's data, ~10 ms of the page's
// start in profiles; counts are integers, and anything else goes to it.
export const thousands = (n) => Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ",") : n.toLocaleString("en-US");
// count is k things, one or many: "1 run", "1,000 runs".
export const count = (k, one, many) => `${thousands(k)} ${k === 1 ? one : many}`;

// formatMs prints the engine's own time with the precision it has: the
// browser's clock is coarse (0.1 ms in a tab that is not isolated), so
// shorter times say so rather than print noise.
export function formatMs(ms) {
  if (typeof ms !== "number" || !isFinite(ms) || ms < 0.1) return "< 0.1 ms";
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${thousands(Math.round(ms))} ms`;
}

// statsLine is the cost of one run, the same for both languages.
export function statsLine(label, s = {}) {
  const parts = [label, `read ops ${s.read_ops ?? 0}`, `write ops ${s.write_ops ?? 0}`];
  if (s.compute_ops !== undefined) parts.push(`compute ops ${s.compute_ops}`);
  parts.push(formatMs(s.query_time_ms));
  return parts.join(" · ");
}

// setText changes an element's text only if it differs: the same result
// run again (a script's loop) then costs the page no layout.
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// showCapped puts full in pre, or its first MAX_SHOWN characters (cut at a
// line's end) with a note after pre that says so and offers the whole.
function showCapped(pre, full, { name, type }, status) {
  const panel = pre.parentElement;
  panel.querySelector(".truncated")?.remove();
  if (full.length <= MAX_SHOWN) { setText(pre, full); return; }
  const nl = full.lastIndexOf("\n", MAX_SHOWN);
  const shown = nl > MAX_SHOWN / 2 ? nl : MAX_SHOWN;
  pre.textContent = full.slice(0, shown) + "\n…";
  const download = h("button", { type: "button", class: "linklike" }, "Download it");
  download.addEventListener("click", () => {
    const a = h("a", { href: URL.createObjectURL(new Blob([full], { type })), download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  });
  const copy = h("button", { type: "button", class: "linklike" }, "copy it");
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(full); status("The whole result was copied", "ok"); } catch { status("The browser refused to copy; use Download", "error"); }
  });
  panel.append(h("p", { class: "truncated", role: "note" },
    `The result is ${thousands(full.length)} characters; the first ${thousands(shown)} are shown. `, download, " or ", copy, "."));
}

// clearResult empties the result panes.
export function clearResult() {
  $("#result-text").textContent = "";
  $("#result-json").textContent = "";
  for (const n of document.querySelectorAll(".result .truncated")) n.remove();
  $("#stats").textContent = "";
  $("#result-empty").hidden = false;
  $(".result").dataset.empty = "true";
  $("#hints").replaceChildren();
}

// showResult lays out one run's result; it returns the marks for its
// editor ([{line, column, message}]).
export function showResult(kind, res, status) {
  const text = $("#result-text"), json = $("#result-json");
  if ($("#hints").firstChild) $("#hints").replaceChildren();
  $("#result-empty").hidden = true;
  delete $(".result").dataset.empty;
  let marks;
  if (kind === "fql") {
    showCapped(text, res.text ?? "", { name: "result.fql", type: "text/plain" }, status);
    showCapped(json, JSON.stringify(res.error ? { error: res.error } : res.data, null, 2) ?? "null", { name: "result.json", type: "application/json" }, status);
    setText($("#stats"), statsLine(res.error ? "FQL error" : "FQL", res.stats));
    for (const hint of res.hints || []) $("#hints").append(h("li", {}, hint));
    for (const line of res.logs || []) $("#hints").append(h("li", { class: "log" }, "log: " + line));
    marks = res.error ? [res.error] : [];
  } else {
    // Result: the errors as sentences (where, what), then the data; JSON:
    // the response as it came.
    const errs = (res.errors || []).map((e) => {
      const at = (e.locations || []).map((l) => `${l.line}:${l.column}`).join(", ");
      const path = (e.path || []).join(".");
      return `error: ${e.message}${at ? ` at ${at}` : ""}${path ? ` (path ${path})` : ""}`;
    });
    showCapped(text, [...errs, ...(errs.length && res.data == null ? [] : [JSON.stringify({ data: res.data ?? null }, null, 2)])].join("\n\n"), { name: "result.txt", type: "text/plain" }, status);
    showCapped(json, JSON.stringify(res, null, 2), { name: "response.json", type: "application/json" }, status);
    const n = (res.errors || []).length;
    $("#stats").textContent = statsLine(n ? `GraphQL · ${n} ${n === 1 ? "error" : "errors"}` : "GraphQL", res.extensions?.stats);
    marks = (res.errors || []).flatMap((e) => (e.locations || []).map((l) => ({ line: l.line, column: l.column, message: e.message })));
  }
  text.dataset.state = failedResult(res) ? "error" : "ok";
  return marks;
}

// addHistory puts a run at the top of the history list; choosing it calls
// onPick. The list keeps the newest MAX_HISTORY_SHOWN; the count says all.
// Entries are laid out once per frame, together: a script running queries
// in a loop (window.playground.query) would otherwise rebuild the list for
// each (the most of a quick query's time in the page).
let historyTotal = 0;
let pendingHistory = [];
let historyFrame = 0;
export function addHistory(kind, source, failed, onPick) {
  pendingHistory.push({ kind, source, failed, onPick });
  if (pendingHistory.length > MAX_HISTORY_SHOWN) pendingHistory.shift();
  historyTotal++;
  if (historyFrame) return;
  // A hidden tab has no frames: the timer lays them out there.
  historyFrame = requestAnimationFrame(flushHistory);
  historyTimer = setTimeout(flushHistory, 100);
}
let historyTimer = 0;

// flushHistory lays out the entries added since the last frame, newest
// first.
export function flushHistory() {
  cancelAnimationFrame(historyFrame);
  clearTimeout(historyTimer);
  historyFrame = historyTimer = 0;
  const list = $("#history");
  const items = pendingHistory.reverse().map(({ kind, source, failed, onPick }) => {
    const label = kind === "fql" ? "FQL" : "GraphQL";
    const b = h("button", { type: "button", title: `Put this ${label} back in its editor` },
      h("span", { class: "badge" }, label), failed ? h("span", { class: "badge failed" }, "failed") : "", " ",
      source.length > 120 ? source.slice(0, 117) + "…" : source);
    b.addEventListener("click", onPick);
    return h("li", { class: failed ? "failed" : "ok" }, b);
  });
  pendingHistory = [];
  list.prepend(...items);
  while (list.children.length > MAX_HISTORY_SHOWN) list.lastElementChild.remove();
  $("#history-count").textContent = thousands(historyTotal);
}
