// The schema's language: the menu beside the schema editor (Auto, GraphQL
// SDL, FSL), what Auto read the text as (the report's language), the
// schema editor's colours, name and help following it; and what the status
// line says of a schema.
import { count } from "./results.js";

export const langNames = { graphql: "GraphQL SDL", fsl: "FSL" };

// setupSchemaLang wires the menu. onChoose runs when a person picks a
// language. chosen() is the choice ("" for Auto); choose(lang) sets it (a
// restore, an example); read(lang) takes in what the engine read.
export function setupSchemaLang({ select, schemaEditor, editorHelp, onChoose }) {
  let chosen = "", readAs = "", shown = "graphql";
  const show = () => {
    select.value = chosen;
    select.options[0].textContent = readAs ? `Auto · ${langNames[readAs]}` : "Auto";
    const lang = chosen || readAs || "graphql";
    select.dataset.lang = lang;
    if (lang === shown) return;
    shown = lang;
    schemaEditor.setMode(lang, `Schema (${langNames[lang]})`);
    editorHelp.schemaLanguage(lang);
  };
  const choose = (lang) => { chosen = langNames[lang] ? lang : ""; show(); };
  select.addEventListener("change", () => { choose(select.value); onChoose(); });
  return {
    chosen: () => chosen,
    choose,
    read: (lang) => { if (langNames[lang]) readAs = lang; show(); },
  };
}

// modelLine counts what a schema holds.
export function modelLine(report) {
  const fns = report.functions?.length || 0;
  return `${count(report.collections.length, "collection", "collections")}, ${count(report.relations.length, "relation", "relations")}` +
    (fns ? `, ${count(fns, "function", "functions")}` : "");
}

// schemaLine is the status of a schema applied.
export function schemaLine(report) {
  if (!report.collections.length && !report.functions?.length) {
    return report.language === "fsl"
      ? "The schema has no collections yet: declare one, such as collection User { name: String }"
      : "The schema has no collections yet: declare a type, such as type User { name: String! }";
  }
  return `Schema applied: ${modelLine(report)}`;
}

// schemaCall names the call of a query that changed the schema, for the
// status line; a query that changed it some other way is "The query".
export function schemaCall(src) {
  const m = /\b(?:Collection|Function)\.create\b|\b[A-Za-z_]\w*\.definition\.(?:update|replace|delete)\b|\b(?:Collection|Function)\.byName\b/.exec(src);
  return m ? m[0] : "The query";
}
