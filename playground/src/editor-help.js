// What the editors know of the schema: completion and hover for FQL and the
// schema, answered by the engine (its method tables and the schema model:
// nothing of FQL is copied here); completion, hover and lint for GraphQL
// operations from the generated API, by cm6-graphql and
// graphql-language-service; the variables editor completing the
// operation's variables; and Format for every editor. The GraphQL tooling
// is graphql-tools.js, loaded on first use or after the first result.
import { autocompletion } from "@codemirror/autocomplete";
import { hoverTooltip, keymap } from "@codemirror/view";

let tools = null;
const graphqlTools = () => (tools ||= import("./graphql-tools.js"));
const formatGraphQL = async (text) => (await graphqlTools()).formatGraphQL(text);

const $ = (sel) => document.querySelector(sel);

const kinds = { collection: "class", method: "method", field: "property", variable: "variable", function: "function",
  module: "namespace", keyword: "keyword", type: "type", directive: "keyword", argument: "property" };

const tip = (parts) => {
  const dom = document.createElement("div");
  dom.className = "cm-help-tip";
  for (const [cls, text] of parts) {
    if (!text) continue;
    const p = document.createElement(cls === "signature" ? "code" : "p");
    p.className = cls;
    p.textContent = text;
    dom.append(p);
  }
  return dom;
};

// engineCompletion asks the engine what fits at the cursor.
function engineCompletion(engine, lang) {
  return async (ctx) => {
    const word = ctx.matchBefore(/[\w$@]*$/);
    const before = ctx.state.doc.sliceString(Math.max(0, ctx.pos - 1), ctx.pos);
    if (!ctx.explicit && (!word || word.from === word.to) && !/[.@:({,\s[]/.test(before)) return null;
    let res;
    try {
      res = await engine.call({ op: "complete", lang, src: ctx.state.doc.toString(), offset: ctx.pos }, { record: false });
    } catch { return null; }
    if (ctx.aborted || !res || !Array.isArray(res.items) || !res.items.length) return null;
    return {
      from: res.from ?? ctx.pos,
      to: res.to ?? ctx.pos,
      options: res.items.map((it) => ({
        label: it.label, type: kinds[it.kind] || it.kind, detail: it.detail || undefined,
        info: it.info ? () => tip([["signature", it.detail], ["info", it.info]]) : undefined,
        apply: it.apply || undefined,
      })),
      validFor: /^[\w$]*$/,
    };
  };
}

function engineHover(engine, lang) {
  return hoverTooltip(async (view, pos) => {
    let res;
    try {
      res = await engine.call({ op: "hover", lang, src: view.state.doc.toString(), offset: pos }, { record: false });
    } catch { return null; }
    if (!res || !res.signature) return null;
    return { pos: res.from ?? pos, end: res.to ?? pos, above: true, create: () => ({ dom: tip([["signature", res.signature], ["info", res.info]]) }) };
  }, { hoverTime: 350 });
}

// ---- Format ----

function formatCommand(editor, how, status) {
  return async () => {
    const text = editor.get();
    if (!text.trim()) return true;
    try {
      const formatted = await how(text);
      if (formatted !== text) editor.view.dispatch({ changes: { from: 0, to: editor.view.state.doc.length, insert: formatted }, userEvent: "format" });
      status("Formatted (Ctrl+Z undoes it)", "ok");
    } catch (err) {
      const at = err.locations?.[0] || (err.line ? { line: err.line, column: err.column } : null);
      status(`Not formatted: ${err.message.split("\n")[0]}${at && !/line \d/.test(err.message) ? ` (at ${at.line}:${at.column || 1})` : ""}`, "error");
    }
    return true;
  };
}

const formatKeys = (run) => keymap.of([{ key: "Shift-Alt-f", preventDefault: true, run }]);

// ---- GraphQL ----

function variablesCompletion(gqlEditor) {
  return async (ctx) => {
    const before = ctx.state.doc.sliceString(0, ctx.pos);
    const m = /(^|[{,]\s*)("?)([\w]*)$/.exec(before);
    if (!m || (!ctx.explicit && !m[2] && !m[3])) return null;
    const present = new Set([...ctx.state.doc.toString().matchAll(/"(\w+)"\s*:/g)].map((x) => x[1]));
    const { operationVariables } = await graphqlTools();
    if (ctx.aborted) return null;
    const vars = operationVariables(gqlEditor.get()).filter((v) => !present.has(v.name));
    if (!vars.length) return null;
    const from = ctx.pos - m[3].length - m[2].length;
    return {
      from,
      options: vars.map((v) => ({ label: `"${v.name}"`, type: "variable", detail: v.type, apply: `"${v.name}": `, info: `The operation's variable $${v.name}: ${v.type}` })),
    };
  };
}

// graphqlHover is in place once the tooling is loaded (apiSchema is built
// with it).
function graphqlHover(getHoverInformation, getSchema) {
  return hoverTooltip((view, pos) => {
    const schema = getSchema();
    if (!schema) return null;
    const line = view.state.doc.lineAt(pos);
    let info;
    try {
      info = getHoverInformation(schema, view.state.doc.toString(), { line: line.number - 1, character: pos - line.from + 1 });
    } catch { return null; }
    const text = Array.isArray(info) ? info.join("\n") : info;
    if (!text || !String(text).trim()) return null;
    return { pos, above: true, create: () => ({ dom: tip([["info", String(text)]]) }) };
  }, { hoverTime: 350 });
}

// setupEditorHelp wires the editors. Its follow() is called with each
// schema report: the GraphQL editor completes from the generated API.
export function setupEditorHelp({ engine, schemaEditor, fqlEditor, gqlEditor, varsEditor, report, status }) {
  const fmtFQL = formatCommand(fqlEditor, async (text) => {
    const res = await engine.call({ op: "format", lang: "fql", src: text }, { record: false });
    if (res.error) throw Object.assign(new Error(res.error.message), { line: res.error.line, column: res.error.column });
    if (typeof res.text !== "string") throw new Error("the engine gave no text");
    return res.text;
  }, status);
  const fmtSchema = formatCommand(schemaEditor, formatGraphQL, status);
  const fmtGQL = formatCommand(gqlEditor, formatGraphQL, status);
  const fmtVars = formatCommand(varsEditor, (text) => JSON.stringify(JSON.parse(text), null, 2), status);

  fqlEditor.setHelp([autocompletion({ override: [engineCompletion(engine, "fql")], icons: true, activateOnTypingDelay: 30 }), engineHover(engine, "fql"), formatKeys(fmtFQL)]);
  // The engine's schema help follows the language: GraphQL SDL's (Fauna's
  // directives, type names) or FSL's (definitions, members, types, FQL in
  // computed fields and functions); Format says it has no FSL printer
  // rather than reporting a GraphQL syntax error.
  let schemaLang = "";
  const fmtFSL = formatCommand(schemaEditor, () => { throw new Error("Format knows GraphQL SDL only; an FSL schema is kept as you wrote it"); }, status);
  const fmtAnySchema = () => (schemaLang === "fsl" ? fmtFSL : fmtSchema)();
  const schemaLanguage = (lang) => {
    if (lang === schemaLang) return;
    schemaLang = lang;
    const help = lang === "fsl" ? "fsl" : "sdl";
    schemaEditor.setHelp([autocompletion({ override: [engineCompletion(engine, help)], icons: true, activateOnTypingDelay: 30 }),
      engineHover(engine, help), formatKeys(lang === "fsl" ? fmtFSL : fmtSchema)]);
  };
  schemaLanguage("graphql");
  varsEditor.setHelp([autocompletion({ override: [variablesCompletion(gqlEditor)] }), formatKeys(fmtVars)]);

  let apiSchema = null;
  let apiText = null;
  // Until the tooling is loaded the GraphQL editor has the plain
  // highlighting of languages.js and Format's key.
  gqlEditor.setHelp([formatKeys(fmtGQL)]);
  let installed = null;
  const install = () => (installed ||= graphqlTools().then((t) => {
    gqlEditor.setLanguage(t.graphqlSupport(undefined));
    gqlEditor.setHelp([graphqlHover(t.getHoverInformation, () => apiSchema), formatKeys(fmtGQL)]);
    return t;
  }, (err) => { installed = null; throw err; })); // tried again on next use
  // The API follows the reports: built once per new generated SDL, and
  // only while the GraphQL editor is in view, when the page is idle
  // (graphql-js builds a schema of thousands of types in the main thread).
  let idle = 0;
  const build = async () => {
    const t = await install().catch(() => null);
    idle = 0;
    if (!t) return;
    const r = report();
    const sdl = r && !r.errors?.length ? r.graphql || "" : "";
    if (sdl === apiText) return;
    apiText = sdl;
    try { apiSchema = sdl ? t.buildSchema(sdl, { assumeValidSDL: true }) : null; } catch { apiSchema = null; }
    t.updateSchema(gqlEditor.view, apiSchema || undefined);
  };
  // Whether the GraphQL editor shows is told by its hidden panel, not by
  // offsetParent, which would force a layout in the middle of the page's
  // update (20 ms at the page's start in profiles).
  const follow = () => {
    if (idle || gqlEditor.view.dom.closest("[hidden]")) return;
    install().catch(() => {}); // fetched while the page waits to be idle
    idle = (window.requestIdleCallback || setTimeout)(build, { timeout: 1000 });
  };
  // prefetch loads the tooling once the page has its first result, when
  // the page is idle, so the GraphQL tab is ready when first opened.
  const prefetch = () => (window.requestIdleCallback || setTimeout)(() => install().catch(() => {}), { timeout: 2000 });

  for (const [id, run] of [["#format-schema", fmtAnySchema], ["#format-fql", fmtFQL], ["#format-graphql", fmtGQL]]) {
    $(id)?.addEventListener("click", () => run());
  }
  return { follow, schemaLanguage, prefetch };
}
