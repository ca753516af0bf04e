// The generated GraphQL API, read by standard tooling: for every example's
// schema, the engine (engine.wasm, run here by Node through Go's
// wasm_exec.js) is asked for its SDL and its introspection; graphql-js
// must build a client schema from the introspection, find it valid, and
// agree with the engine on which example operations are valid.
// Run by `make test` after `make build` (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { buildClientSchema, buildSchema, validateSchema, validate, parse, getIntrospectionQuery } from "graphql";
import { examples } from "../src/examples.js";

const here = dirname(fileURLToPath(import.meta.url));
const built = process.env.PLAYGROUND_DIR || join(here, "../../build/playground");

// startEngine runs engine.wasm as the page's worker does; its main posts
// {ready} with postMessage, which Node does not have. The Go runtime's
// timers (the store's background tick) must not keep Node from exiting
// once the tests are done: wasm_exec.js gets timers that do not hold it.
async function startEngine() {
  globalThis.postMessage = () => {};
  const looseTimeout = (fn, ms, ...args) => {
    const t = setTimeout(fn, ms, ...args);
    t.unref();
    return t;
  };
  new Function("setTimeout", readFileSync(join(built, "wasm_exec.js"), "utf8"))(looseTimeout);
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(join(built, "engine.wasm")), go.importObject);
  go.run(instance);
  return (request) => JSON.parse(globalThis.playgroundEngine(JSON.stringify(request)));
}

const call = await startEngine();

const schemas = [...new Map(examples.map((ex) => [ex.schema, ex])).values()];

for (const ex of schemas) {
  test(`the API of “${ex.title}” is a valid schema to graphql-js`, () => {
    const report = call({ op: "setSchema", sdl: ex.schema });
    if (report.errors.length) {
      // The ambiguous example: no API, an error with a position.
      assert.ok(report.errors[0].line > 0, "a schema error has a line");
      assert.equal(report.graphql, "");
      return;
    }
    if (report.language === "fsl") {
      // An FSL schema has no GraphQL API, and an operation says so.
      assert.equal(report.graphql, "");
      const res = call({ op: "graphql", query: "{ __typename }", variables: {} });
      assert.match(res.errors?.[0]?.message || "", /FSL schema has no GraphQL API/);
      return;
    }
    // The SDL the page shows, built by graphql-js.
    const fromSDL = buildSchema(report.graphql);
    assert.deepEqual(validateSchema(fromSDL).map(String), []);
    // The introspection a GraphQL client reads.
    const res = call({ op: "graphql", query: getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true }), variables: {} });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const client = buildClientSchema(res.data);
    assert.deepEqual(validateSchema(client).map(String), []);
    for (const name of Object.keys(fromSDL.getTypeMap()).filter((n) => !n.startsWith("__"))) {
      assert.ok(client.getType(name), `introspection lists the type ${name}`);
    }
  });
}

for (const ex of examples.filter((x) => x.graphql)) {
  test(`graphql-js and the engine agree on the operation of “${ex.title}”`, () => {
    const report = call({ op: "setSchema", sdl: ex.schema });
    if (report.errors.length) return; // no API: nothing to validate against
    const res = call({ op: "graphql", query: getIntrospectionQuery(), variables: {} });
    const schema = buildClientSchema(res.data);
    const byJS = validate(schema, parse(ex.graphql)).map((e) => e.message);
    const byEngine = call({ op: "graphql", query: ex.graphql, variables: {} });
    const engineRefused = (byEngine.errors || []).some((e) => !e.path);
    assert.equal(byJS.length > 0, engineRefused, `graphql-js: ${JSON.stringify(byJS)}; engine: ${JSON.stringify(byEngine.errors)}`);
  });
}

// Operations the engine refuses before running, and graphql-js too.
for (const [name, sdl, op] of [
  ["an unknown field", "type User { name: String! }", "{ findUserByID(id: \"1\") { nope } }"],
  ["a missing argument", "type User { name: String! }", "{ findUserByID { name } }"],
  ["a wrong argument type", "type User { name: String! }", "{ findUserByID(id: {a: 1}) { name } }"],
  ["a valid query", "type User { name: String! }", "{ findUserByID(id: \"1\") { name _id _ts } }"],
]) {
  test(`graphql-js and the engine agree: ${name}`, () => {
    call({ op: "setSchema", sdl });
    const schema = buildClientSchema(call({ op: "graphql", query: getIntrospectionQuery(), variables: {} }).data);
    const byJS = validate(schema, parse(op));
    const byEngine = call({ op: "graphql", query: op, variables: {} });
    assert.equal(byJS.length > 0, (byEngine.errors || []).length > 0 && byEngine.data === undefined, `${JSON.stringify(byJS.map(String))} / ${JSON.stringify(byEngine)}`);
  });
}
