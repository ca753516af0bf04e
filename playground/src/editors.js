// The editors: CodeMirror 6 with line numbers, bracket matching, undo,
// highlighting, indentation that follows the brackets, completion and
// error markers at the engine's line and column. What they complete and
// show on hover comes from editor-help.js, through each editor's help
// compartment.
import { EditorState, Compartment } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle, indentOnInput, HighlightStyle, indentService, indentUnit } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { closeBrackets, closeBracketsKeymap, autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { json } from "@codemirror/lang-json";
import { fql, fsl, graphql } from "./languages.js";

const languages = { fql, fsl, graphql, json: json() };

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

const openers = { "}": "{", ")": "(", "]": "[" };

// codeOnly is text without its strings and comments (SDL's #, FQL's //):
// the brackets there are not the code's.
const codeOnly = (text) => text.replace(/"(?:[^"\\]|\\.)*"|#[^\n]*|\/\/[^\n]*/g, "");

// bracketIndent indents a new line by the brackets left open before it:
// one level more after `{`, `(` or `[`, one less for a line that starts by
// closing one. The stream modes have no indentation of their own.
const bracketIndent = indentService.of((cx, pos) => {
  const doc = cx.state.doc;
  // The last line with text before the new line (blank lines carry on).
  let l = doc.lineAt(pos);
  let prev = cx.simulatedBreak === pos ? doc.sliceString(l.from, pos) : "";
  while (!prev.trim() && l.number > 1) {
    l = doc.line(l.number - 1);
    prev = l.text;
  }
  if (!prev.trim()) return 0;
  const base = /^\s*/.exec(prev)[0].length;
  let depth = 0;
  for (const ch of codeOnly(prev)) {
    if (ch === "{" || ch === "(" || ch === "[") depth++;
    else if ((ch === "}" || ch === ")" || ch === "]") && depth > 0) depth--;
  }
  const rest = cx.textAfterPos(pos).trimStart();
  const closing = rest !== "" && openers[rest[0]] !== undefined;
  return Math.max(0, base + (depth > 0 ? cx.unit : 0) - (closing ? cx.unit : 0));
});

// balance counts one bracket pair's opens minus closes in text (strings
// and comments left out).
function balance(text, open, close) {
  let n = 0;
  for (const ch of codeOnly(text)) {
    if (ch === open) n++;
    else if (ch === close) n--;
  }
  return n;
}

// overClosing: typing `}` (or `)`, `]`) on a line that is blank up to the
// cursor, when the next thing after the cursor is that bracket, put there
// by the editor, and the text is balanced: the bracket is typed over, not
// doubled. (Enter between `{}` leaves the `}` on the line below, so a
// person who types the brace themselves would otherwise get two.)
const overClosing = EditorView.inputHandler.of((view, from, to, text) => {
  if (!openers[text] || from !== to) return false;
  const doc = view.state.doc;
  if (balance(doc.toString(), openers[text], text) !== 0) return false;
  const line = doc.lineAt(from);
  // The bracket ahead on this line, past spaces: step over it.
  const same = /^[ \t]*/.exec(doc.sliceString(from, line.to))[0].length;
  if (doc.sliceString(from + same, from + same + 1) === text) {
    view.dispatch({ selection: { anchor: from + same + 1 }, userEvent: "input.type" });
    return true;
  }
  // A blank line (left by Enter) with the bracket alone on the next line:
  // the blank line goes and the cursor lands after the bracket.
  if (line.text.trim() !== "" || line.number === doc.lines) return false;
  const next = doc.line(line.number + 1);
  const indent = /^[ \t]*/.exec(next.text)[0].length;
  if (next.text[indent] !== text) return false;
  const cut = line.from > 0 ? { from: line.from - 1, to: line.to } : { from: 0, to: line.to + 1 };
  const brace = next.from + indent;
  view.dispatch({ changes: cut, selection: { anchor: brace - (cut.to - cut.from) + 1 }, userEvent: "input.type" });
  return true;
});

// makeEditor mounts an editor in parent. onChange runs on each edit; onRun
// on Ctrl/Cmd+Enter.
export function makeEditor(parent, { doc = "", language, onChange, onRun, label }) {
  const runKeys = onRun ? [{ key: "Mod-Enter", preventDefault: true, run: () => { onRun(); return true; } }] : [];
  const help = new Compartment();
  const lang = new Compartment();
  const attrs = new Compartment();
  const locked = new Compartment();
  let marked = false; // whether mark() last showed errors
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(),
        syntaxHighlighting(dark ? darkHighlight : defaultHighlightStyle, { fallback: !dark }),
        EditorView.lineWrapping,
        lang.of(languages[language] || []),
        indentUnit.of("  "), bracketIndent, overClosing,
        lintGutter(),
        help.of([]),
        autocompletion({ icons: true, activateOnTypingDelay: 30 }),
        keymap.of([...runKeys, ...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => { if (u.docChanged && onChange) onChange(u.state.doc.toString()); }),
        attrs.of(EditorView.contentAttributes.of({ "aria-label": label || language })),
        locked.of([]),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    // cursor is the cursor's offset in the text.
    cursor: () => view.state.selection.main.head,
    // setHelp puts completion, hover and keys of editor-help.js in place;
    // setLanguage replaces the highlighting language.
    setHelp: (ext) => view.dispatch({ effects: help.reconfigure(ext) }),
    setLanguage: (ext) => view.dispatch({ effects: lang.reconfigure(ext) }),
    // setMode colours the text as one of the stream languages, by name,
    // and names the editor by label (the schema editor's follow its
    // language).
    setMode: (name, label) => view.dispatch({ effects: [
      lang.reconfigure(languages[name] || []),
      attrs.reconfigure(EditorView.contentAttributes.of({ "aria-label": label || name })),
    ] }),
    // focusAt puts the cursor at line:column (1-based) and focuses the editor.
    focusAt: (line, column) => {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(line || 1, 1), doc.lines));
      const pos = Math.min(l.from + Math.max((column || 1) - 1, 0), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    // set replaces the text; the same text again is no change (no edit to
    // undo, no onChange), so the page can show a text early and set it again.
    set: (text) => { if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    // setReadOnly stops (or allows again) a person's edits: the text shows
    // but takes no keystroke.
    setReadOnly: (on) => view.dispatch({ effects: locked.reconfigure(on ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []) }),
    // mark shows errors [{line, column, message, length}] in the editor. An
    // error past the end of its line (a missing `}` at the end of the text)
    // marks the line's last character, so that it shows.
    // No errors over none is no change: a dispatch would update the view
    // for nothing (the most of a quick run's time in the page). "None" is
    // what was last marked, not diagnosticCount: deleting the text under
    // an error empties the count while the gutter keeps its dot.
    mark: (errors) => {
      const shown = (errors || []).filter((e) => e.line > 0);
      if (!shown.length && !marked) return;
      marked = shown.length > 0;
      view.dispatch(setDiagnostics(view.state, shown.map((e) => {
        const doc = view.state.doc;
        const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
        let from = Math.min(line.from + Math.max((e.column || 1) - 1, 0), line.to);
        let to = from + Math.max(e.length || 0, 0);
        if (to <= from) {
          const rest = doc.sliceString(from, line.to);
          const word = /^[\w$@.]+/.exec(rest);
          to = from + (word ? word[0].length : Math.min(1, line.to - from));
        }
        if (to <= from) {
          // At the end of a line (or of the text): the character before.
          if (from > line.from) from -= 1;
          else if (from > 0) { from -= 1; }
          to = Math.min(from + 1, doc.length);
        }
        return { from, to: Math.max(to, from), severity: "error", message: e.message };
      })));
    },
  };
}
