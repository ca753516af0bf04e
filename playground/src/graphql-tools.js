// The GraphQL editor's tooling: graphql-js, graphql-language-service and
// cm6-graphql, about 270 KB of the bundle. editor-help.js imports this
// module on first use (the GraphQL tab, a Format, a hover) or once the page
// has shown its first result, so the first paint and the first result do
// not wait for it. esbuild puts it in a chunk of its own; the CodeMirror it
// shares with the page is one copy, in a chunk both import.
import { parse, print, Lexer, Source, TokenKind } from "graphql";

export { buildSchema } from "graphql";
export { graphql as graphqlSupport, updateSchema } from "cm6-graphql";
export { getHoverInformation } from "graphql-language-service";

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

// operationVariables lists the variables an operation defines, for the
// variables editor: [{name, type}].
export function operationVariables(text) {
  try {
    return parse(text).definitions.flatMap((d) => (d.variableDefinitions || []).map((v) => ({ name: v.variable.name.value, type: print(v.type) })));
  } catch {
    // An operation still being typed: its variables are defined before
    // its first `{`.
    const head = text.split("{")[0];
    return [...head.matchAll(/\$(\w+)\s*:\s*([\w!\[\]]+)/g)].map((m) => ({ name: m[1], type: m[2] }));
  }
}
