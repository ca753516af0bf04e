// Small CodeMirror stream modes: FQL (ours), FSL (FQL's tokens with the
// schema's keywords) and GraphQL (SDL and operations). They colour tokens;
// the engine does the real parsing.
import { StreamLanguage } from "@codemirror/language";

const fqlKeywords = new Set(["let", "if", "else", "true", "false", "null", "at", "isa"]);
const fslKeywords = new Set([...fqlKeywords, "collection", "index", "terms", "values", "unique", "check", "compute",
  "function", "role", "access", "provider", "history_days", "ttl_days", "document_ttls", "migrations", "asc", "desc"]);

// fqlMode is the FQL stream mode with its keywords; FSL's body is FQL's
// tokens (field types, computed fields and checks are FQL) with more words.
const fqlMode = (name, keywords) => StreamLanguage.define({
  name,
  startState: () => ({ inComment: false, strings: [], heredoc: null }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo("*/")) { stream.next(); stream.next(); state.inComment = false; } else stream.skipToEnd();
      return "comment";
    }
    if (state.heredoc) {
      // A heredoc's text, until the line that holds only its token.
      if (stream.sol() && stream.string.trim() === state.heredoc) state.heredoc = null;
      stream.skipToEnd();
      return "string";
    }
    if (stream.match(/^<<[+-][A-Za-z_]\w*/)) {
      state.heredoc = stream.current().slice(3);
      stream.skipToEnd();
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
    if (stream.match("/*")) { state.inComment = true; return "comment"; }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      stream.next();
      let escaped = false, c;
      while ((c = stream.next()) != null) {
        if (c === ch && !escaped) break;
        escaped = !escaped && c === "\\";
      }
      return "string";
    }
    if (stream.match(/^0[xX][0-9a-fA-F_]+/) || stream.match(/^0[oO][0-7_]+/) || stream.match(/^0[bB][01_]+/) || stream.match(/^[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?/)) return "number";
    if (stream.match(/^\.[A-Za-z_]\w*/)) return "propertyName";
    if (stream.match(/^[A-Za-z_$][\w$]*/)) {
      const w = stream.current();
      if (keywords.has(w)) return "keyword";
      if (/^[A-Z]/.test(w)) return "typeName";
      if (stream.peek() === "(") return "function";
      return "variableName";
    }
    if (stream.match(/^(=>|\?\.|\?\?|==|!=|<=|>=|&&|\|\||[-+*\/%<>!=])/)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});

export const fql = fqlMode("fql", fqlKeywords);
export const fsl = fqlMode("fsl", fslKeywords);

const gqlKeywords = new Set(["type", "input", "enum", "scalar", "interface", "union", "schema", "extend",
  "directive", "implements", "query", "mutation", "subscription", "fragment", "on", "true", "false", "null"]);

export const graphql = StreamLanguage.define({
  name: "graphql",
  startState: () => ({ inBlockString: false }),
  token(stream, state) {
    if (state.inBlockString) {
      if (stream.skipTo('"""')) { stream.match('"""'); state.inBlockString = false; } else stream.skipToEnd();
      return "string";
    }
    if (stream.eatSpace() || stream.eat(",")) return null;
    if (stream.peek() === "#") { stream.skipToEnd(); return "comment"; }
    if (stream.match('"""')) { state.inBlockString = true; return "string"; }
    if (stream.peek() === '"') {
      stream.next();
      let escaped = false, c;
      while ((c = stream.next()) != null) {
        if (c === '"' && !escaped) break;
        escaped = !escaped && c === "\\";
      }
      return "string";
    }
    if (stream.match(/^@\w+/)) return "meta";
    if (stream.match(/^\$\w+/)) return "variableName";
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^[A-Za-z_]\w*/)) {
      const w = stream.current();
      if (gqlKeywords.has(w)) return "keyword";
      if (/^[A-Z]/.test(w)) return "typeName";
      return "propertyName";
    }
    stream.next();
    return "punctuation";
  },
  languageData: { commentTokens: { line: "#" } },
});
