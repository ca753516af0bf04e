// What the editors know of the schema: completion and hover for FQL and the
// schema, answered by the engine (its method tables and the schema model:
// nothing of FQL is copied here); completion, hover and lint for GraphQL
// operations from the generated API, by cm6-graphql and
// graphql-language-service; the variables editor completing the
// operation's variables; and Format for every editor.
import { autocompletion } from "@codemirror/autocomplete";
import { hoverTooltip, keymap } from "@codemirror/view";
import { buildSchema, parse, print, Lexer, Source, TokenKind } from "graphql";
import { graphql as graphqlSupport, updateSchema } from "cm6-graphql";
import { getHoverInformation } from "graphql-language-service";

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

// formatGraphQL prints a GraphQL document (SDL or an operation) as
// graphql-js does, keeping the comments between its definitions. A comment
// inside a definition has no place in graphql-js's printed form: such a
// text is left as it is and the error says where.
export function formatGraphQL(text) {
  const doc = parse(text); // throws a GraphQLError with locations
  const comments = [];
  const lexer = new Lexer(new Source(text));
  for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) { /* walk to the end */ }
  for (let t = lexer.token; t; t = t.prev) if (t.kind === TokenKind.COMMENT) comments.unshift(t);
  const defs = doc.definitions;
  const out = [];
  let c = 0;
  for (const def of defs) {
    const lead = [];
    while (c < comments.length && comments[c].start < def.loc.start) lead.push("#" + comments[c++].value);
    if (c < comments.length && comments[c].start < def.loc.end) {
      const err = new Error(`Format keeps comments between definitions only; this one is inside a definition (line ${comments[c].line}), so the text was left as it is.`);
      err.line = comments[c].line;
      throw err;
    }
    out.push([...lead, print(def)].join("\n"));
  }
  const tail = comments.slice(c).map((t) => "#" + t.value);
  return [...out, ...(tail.length ? [tail.join("\n")] : [])].join("\n\n") + "\n";
}

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

// operationVariables lists the variables an operation defines, for the
// variables editor: [{name, type}].
function operationVariables(text) {
  try {
    return parse(text).definitions.flatMap((d) => (d.variableDefinitions || []).map((v) => ({ name: v.variable.name.value, type: print(v.type) })));
  } catch {
    // An operation still being typed: its variables are defined before
    // its first `{`.
    const head = text.split("{")[0];
    return [...head.matchAll(/\$(\w+)\s*:\s*([\w!\[\]]+)/g)].map((m) => ({ name: m[1], type: m[2] }));
  }
}

function variablesCompletion(gqlEditor) {
  return (ctx) => {
    const before = ctx.state.doc.sliceString(0, ctx.pos);
    const m = /(^|[{,]\s*)("?)([\w]*)$/.exec(before);
    if (!m || (!ctx.explicit && !m[2] && !m[3])) return null;
    const present = new Set([...ctx.state.doc.toString().matchAll(/"(\w+)"\s*:/g)].map((x) => x[1]));
    const vars = operationVariables(gqlEditor.get()).filter((v) => !present.has(v.name));
    if (!vars.length) return null;
    const from = ctx.pos - m[3].length - m[2].length;
    return {
      from,
      options: vars.map((v) => ({ label: `"${v.name}"`, type: "variable", detail: v.type, apply: `"${v.name}": `, info: `The operation's variable $${v.name}: ${v.type}` })),
    };
  };
}

function graphqlHover(getSchema) {
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
  gqlEditor.setLanguage(graphqlSupport(undefined));
  gqlEditor.setHelp([graphqlHover(() => apiSchema), formatKeys(fmtGQL)]);
  // The API follows the reports: built once per new generated SDL, and
  // only while the GraphQL editor is in view, when the page is idle
  // (graphql-js builds a schema of thousands of types in the main thread).
  let idle = 0;
  const build = () => {
    idle = 0;
    const r = report();
    const sdl = r && !r.errors?.length ? r.graphql || "" : "";
    if (sdl === apiText) return;
    apiText = sdl;
    try { apiSchema = sdl ? buildSchema(sdl, { assumeValidSDL: true }) : null; } catch { apiSchema = null; }
    updateSchema(gqlEditor.view, apiSchema || undefined);
  };
  const follow = () => {
    if (idle || gqlEditor.view.dom.offsetParent === null) return;
    idle = (window.requestIdleCallback || setTimeout)(build, { timeout: 1000 });
  };

  for (const [id, run] of [["#format-schema", fmtAnySchema], ["#format-fql", fmtFQL], ["#format-graphql", fmtGQL]]) {
    $(id)?.addEventListener("click", () => run());
  }
  return { follow, schemaLanguage };
}
