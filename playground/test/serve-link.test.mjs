// "Model it in the page, share it, run your app against it": a state is
// made into a link by the page's own share.js, cmd/serve starts from it
// (-link), and fauna-js finds the data the link's runs wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, fql } from "fauna";
import { encodeState } from "../src/share.js";
import { examples } from "../src/examples.js";
import { startServer } from "../test-helpers/serve.mjs";

const videoApp = examples.find((ex) => ex.id === "video-app");

test("cmd/serve -link starts with the link's schema and the data of its runs", async () => {
  const state = {
    v: 2, schema: videoApp.schema, fql: "", graphql: "", variables: "{}", tab: "fql", example: "video-app",
    journal: [
      { op: "query", fql: videoApp.fql },
      { op: "graphql", query: 'mutation { createUser(data: {name: "Ana", email: "ana@example.com"}) { _id } }', variables: {} },
      { op: "query", fql: 'User.create({ name: "Jane twice", email: "jane@example.com" })' },
    ],
    last: {},
  };
  const link = "http://127.0.0.1:8080/#" + (await encodeState(state));
  const server = await startServer(["-link", link]);
  const client = new Client({ endpoint: server.endpoint, secret: "any" });
  try {
    assert.match(server.log, /2 of its 3 runs replayed; run 3 of 3 no longer applies \(constraint_failure/);
    const names = await client.query(fql`User.all().map(.name).toArray()`);
    assert.deepEqual(names.data, ["Jane", "Bob", "Ana"]);
    const may = await client.query(fql`
      let user = User.firstWhere(.email == ${"bob@example.com"})
      let video = Video.all().first()
      Permission.where(.user == user && .video == video).nonEmpty()`);
    assert.equal(may.data, true);
  } finally {
    client.close();
    server.stop();
  }
});

test("cmd/serve -link with a damaged link says so and does not start", async () => {
  await assert.rejects(startServer(["-link", "http://127.0.0.1:8080/#s=AAAA"]), /invalid_link: this link is damaged/);
});
