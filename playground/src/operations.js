// Which operation of a GraphQL document to run: a document of several
// needs an operationName (the engine refuses it otherwise, as the spec
// says), so the page names the one the cursor is in.

// operations lists the document's top-level operations, [{name, start}],
// skipping strings, comments and anything inside braces.
export function operations(src) {
  const out = [];
  let depth = 0;
  let pending = null; // a definition whose keyword was read, before its {
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "#") { while (i < src.length && src[i] !== "\n") i++; continue; }
    if (c === '"') {
      const block = src.startsWith('"""', i);
      const end = block ? src.indexOf('"""', i + 3) : src.slice(i + 1).search(/(?<!\\)"/) + i + 1;
      i = end < 0 ? src.length : end + (block ? 2 : 0);
      continue;
    }
    if (c === "{") {
      // A { at the top level opens the pending definition, or is an
      // anonymous query of its own.
      if (depth === 0) { out.push(pending || { name: null, start: i }); pending = null; }
      depth++;
      continue;
    }
    if (c === "}") { depth = Math.max(0, depth - 1); continue; }
    if (depth === 0 && !pending && (i === 0 || !/\w/.test(src[i - 1]))) {
      const m = /^(query|mutation|subscription|fragment)\b\s*([A-Za-z_]\w*)?/.exec(src.slice(i));
      if (m) {
        pending = { name: m[2] || null, start: i, fragment: m[1] === "fragment" };
        i += m[0].length - 1;
      }
    }
  }
  return out.filter((o) => !o.fragment);
}

// operationAt is the operationName for the cursor at offset: the name of
// the operation it is in (or the first, before any), or "" when the
// document has one operation (or the one it is in has no name).
export function operationAt(src, offset) {
  const ops = operations(src);
  if (ops.length < 2) return "";
  let at = ops[0];
  for (const o of ops) if (o.start <= offset) at = o;
  return at.name || "";
}
