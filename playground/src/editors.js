// The editors: CodeMirror 6 with line numbers, bracket matching, undo,
// highlighting, and error markers at the engine's line and column.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle, indentOnInput, HighlightStyle } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { json } from "@codemirror/lang-json";
import { fql, graphql } from "./languages.js";

const languages = { fql, graphql, json: json() };

// darkHighlight keeps tokens readable on the dark theme (the default style
// is made for a light background).
const darkHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#c792ea" },
  { tag: [tags.typeName, tags.className], color: "#82cfff" },
  { tag: [tags.string, tags.special(tags.string)], color: "#c3e88d" },
  { tag: tags.number, color: "#f78c6c" },
  { tag: [tags.propertyName, tags.attributeName], color: "#addb67" },
  { tag: tags.function(tags.variableName), color: "#82aaff" },
  { tag: tags.comment, color: "#8b93b0", fontStyle: "italic" },
  { tag: tags.meta, color: "#ffcb6b" },
  { tag: [tags.operator, tags.punctuation], color: "#89ddff" },
  { tag: [tags.bool, tags.null, tags.atom], color: "#ff9cac" },
]);

const dark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;

// makeEditor mounts an editor in parent. onChange runs on each edit; onRun
// on Ctrl/Cmd+Enter.
export function makeEditor(parent, { doc = "", language, onChange, onRun, label }) {
  const runKeys = onRun ? [{ key: "Mod-Enter", preventDefault: true, run: () => { onRun(); return true; } }] : [];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(),
        syntaxHighlighting(dark ? darkHighlight : defaultHighlightStyle, { fallback: !dark }),
        EditorView.lineWrapping,
        languages[language] || [],
        lintGutter(),
        keymap.of([...runKeys, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => { if (u.docChanged && onChange) onChange(u.state.doc.toString()); }),
        EditorView.contentAttributes.of({ "aria-label": label || language }),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    // focusAt puts the cursor at line:column (1-based) and focuses the editor.
    focusAt: (line, column) => {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(line || 1, 1), doc.lines));
      const pos = Math.min(l.from + Math.max((column || 1) - 1, 0), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    // mark shows errors [{line, column, message, length}] in the editor.
    mark: (errors) => view.dispatch(setDiagnostics(view.state, (errors || []).filter((e) => e.line > 0).map((e) => {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
      const from = Math.min(line.from + Math.max((e.column || 1) - 1, 0), line.to);
      let to = from + Math.max(e.length || 0, 0);
      if (to <= from) {
        const rest = doc.sliceString(from, line.to);
        const word = /^[\w$@.]+/.exec(rest);
        to = from + (word ? word[0].length : Math.min(1, line.to - from));
      }
      return { from, to: Math.min(Math.max(to, from), line.to), severity: "error", message: e.message };
    }))),
  };
}
