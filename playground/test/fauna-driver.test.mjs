// The seed app's queries through npm `fauna` (fauna-js 2.x), against
// cmd/serve started as a person starts it (test-helpers/serve.mjs), with
// the video app's schema and a secret, and spoken to with the driver's default
// Node client (cleartext HTTP/2) and with its fetch client (HTTP/1.1).
// What the driver decodes (documents, references, pages, error classes) is
// what Fauna sent it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Client,
  FetchClient,
  NodeHTTP2Client,
  getDefaultHTTPClient,
  fql,
  Document,
  DocumentReference,
  Module,
  Page,
  StreamToken,
  AbortError,
  AuthenticationError,
  ConstraintFailureError,
  InvalidRequestError,
  QueryCheckError,
  QueryRuntimeError,
  QueryTimeoutError,
} from "fauna";
import { examples } from "../src/examples.js";
import { startServer, workDir } from "../test-helpers/serve.mjs";

const secret = "secret"; // the drivers' own test suites use this one
const videoApp = examples.find((ex) => ex.id === "video-app");

const clients = {
  "the default Node client (HTTP/2)": (endpoint, key = secret) => new Client({ endpoint, secret: key }),
  "the fetch client (HTTP/1.1)": (endpoint, key = secret) =>
    new Client({ endpoint, secret: key }, new FetchClient({ url: endpoint.toString(), fetch_keepalive: false })),
};

for (const [name, makeClient] of Object.entries(clients)) {
  describe(`fauna-js with ${name}`, () => {
    let server, client;
    before(async () => {
      const schema = join(workDir(), "video.graphql");
      writeFileSync(schema, videoApp.schema);
      server = await startServer(["-schema", schema, "-secret", secret]);
      client = makeClient(server.endpoint);
      for (const [n, email] of [["Jane", "jane@example.com"], ["Bob", "bob@example.com"]]) {
        await client.query(fql`User.create({ name: ${n}, email: ${email} })`);
      }
    });
    after(() => {
      client?.close();
      server?.stop();
    });

    test("the client speaks the transport named", () => {
      // The default client in Node is the HTTP/2 one (it fails against a
      // server that only speaks HTTP/1.1); the fetch client is a browser's.
      const opts = { url: server.endpoint.toString(), http2_session_idle_ms: 500, http2_max_streams: 100, fetch_keepalive: false };
      const http2 = name.includes("HTTP/2");
      assert.equal(getDefaultHTTPClient(opts) instanceof NodeHTTP2Client, true);
      assert.equal(http2, !name.includes("fetch"));
    });

    test("the seed app: find a user, record a video, list, share, check", async () => {
      const email = "jane@example.com";
      const found = await client.query(fql`User.firstWhere(.email == ${email})`);
      assert.ok(found.data instanceof Document, `a Document, not ${JSON.stringify(found.data)}`);
      assert.equal(found.data.name, "Jane");
      assert.equal(found.data.coll.name, "User");
      assert.ok(found.txn_ts > 0);
      const userId = found.data.id;

      // The app's own query: the title is the recording's time.
      const title = new Date().toISOString();
      const newVid = await client.query(fql`
        let user = User.byId(${userId})
        Video.create({
          title: ${title},
          author: user
        })`);
      assert.ok(newVid.data instanceof Document);
      assert.equal(newVid.data.title, title, "an ISO time string comes back as it was sent");
      assert.ok(newVid.data.author instanceof DocumentReference, "a field holding a document is a reference");
      assert.equal(newVid.data.author.id, userId);
      assert.equal(newVid.stats.write_ops >= 1, true);

      // A Document sent back is sent as a reference to it.
      const listed = await client.query(fql`
        let user = ${found.data}
        Video.where(.author == user)`);
      assert.ok(listed.data instanceof Page);
      assert.deepEqual(listed.data.data.map((v) => v.title), [title]);

      const bob = "bob@example.com";
      const shared = await client.query(fql`
        let userToShareWith = User.firstWhere(.email == ${bob})
        let videoToshare = Video.byId(${newVid.data.id})
        Permission.create({
          user: userToShareWith,
          video: videoToshare
        })`);
      assert.ok(shared.data.user instanceof DocumentReference);
      assert.equal(shared.data.video.id, newVid.data.id);

      const bobId = (await client.query(fql`User.firstWhere(.email == ${bob})!.id`)).data;
      const may = (who) => client.query(fql`
        let user = User.byId(${who})
        let video = Video.byId(${newVid.data.id})
        Permission.where(.user == user && .video == video).nonEmpty()`);
      assert.equal((await may(bobId)).data, true, "Bob was given the video");
      assert.equal((await may(userId)).data, false, "Jane holds no permission");

      // The projection of the article: the author's fields.
      const withAuthor = await client.query(fql`Video.byId(${newVid.data.id}) { title, author { name } }`);
      assert.deepEqual(withAuthor.data, { title, author: { name: "Jane" } });
    });

    test("a collection is a Module, a missing document a NullDocument", async () => {
      assert.ok((await client.query(fql`Video`)).data instanceof Module);
      const missing = (await client.query(fql`Video.byId("404")`)).data;
      assert.equal(missing.cause, "not found");
      assert.equal(missing.ref.id, "404");
    });

    test("errors come as the driver's classes", async () => {
      const cases = [
        {
          q: fql`abort({ reason: ${"no such video"}, code: 7 })`,
          cls: AbortError,
          check: (e) => assert.deepEqual(e.abort, { reason: "no such video", code: 7 }),
        },
        {
          q: fql`User.create({ name: "Jane again", email: ${"jane@example.com"} })`,
          cls: ConstraintFailureError,
          check: (e) => {
            assert.equal(e.code, "constraint_failure");
            assert.equal(e.constraint_failures.length, 1);
            assert.equal(typeof e.constraint_failures[0].message, "string");
            assert.deepEqual(e.constraint_failures[0].paths, [["email"]], "the field the failure is about");
          },
        },
        { q: fql`Video.create({ title: `, cls: QueryCheckError, check: (e) => assert.equal(e.httpStatus, 400) },
        { q: fql`1 / ${0}`, cls: QueryRuntimeError, check: (e) => assert.equal(e.code, "divide_by_zero") },
        {
          // Over the server's 8 MiB limit on a request body: refused
          // before it runs, so its summary is empty.
          q: fql`${"x".repeat(9 << 20)}.length`,
          cls: InvalidRequestError,
          ran: false,
          check: (e) => assert.match(e.message, /limit of 8,388,608 bytes \(8 MiB\)/),
        },
        {
          q: fql`Key.create({ role: "server" })`,
          cls: InvalidRequestError,
          check: (e) => assert.match(e.message, /one database, with no child databases, keys, roles/),
        },
      ];
      for (const { q, cls, check, ran = true } of cases) {
        await assert.rejects(client.query(q), (e) => {
          assert.ok(e instanceof cls, `${cls.name} expected, got ${e.constructor.name}: ${e.message}`);
          assert.equal(e.queryInfo.summary.startsWith("error:"), ran, e.queryInfo.summary);
          check(e);
          return true;
        });
      }
      // The failed create wrote nothing.
      assert.equal((await client.query(fql`User.where(.email == "jane@example.com").count()`)).data, 1);
      const stranger = makeClient(server.endpoint, "not-the-secret");
      await assert.rejects(stranger.query(fql`1`), AuthenticationError);
      stranger.close();
    });

    test("pagination: Set.paginate through the driver's paginate", async () => {
      await client.query(fql`
        let user = User.firstWhere(.email == ${"bob@example.com"})
        Set.sequence(0, ${40}).forEach(i => Video.create({ title: "clip #{i}", author: user }))`);
      const pages = [];
      for await (const page of client.paginate(fql`Video.where(.title.startsWith(${"clip "}))`)) {
        pages.push(page.length);
      }
      assert.deepEqual(pages, [16, 16, 8], "pages of 16, Fauna's default size");
      const titles = [];
      for await (const v of client.paginate(fql`Video.where(.title.startsWith("clip ")).pageSize(${7})`).flatten()) {
        titles.push(v.title);
      }
      assert.equal(titles.length, 40);
      assert.equal(new Set(titles).size, 40, "no video twice");
    });

    test("an event stream and a feed of a set of videos", async () => {
      // The token first: events come from after the query that made it,
      // however soon the stream connects.
      const source = (await client.query(fql`Video.where(.title.startsWith(${"live "})).eventSource()`)).data;
      assert.ok(source instanceof StreamToken, `a StreamToken, not ${JSON.stringify(source)}`);
      const stream = client.stream(source);
      const seen = [];
      const reading = (async () => {
        for await (const ev of stream) {
          seen.push([ev.type, ev.data.title]);
          if (seen.length === 3) break;
        }
      })();
      const user = fql`User.firstWhere(.email == "jane@example.com")`;
      const id = (await client.query(fql`Video.create({ title: "live 1", author: ${user} }).id`)).data;
      await client.query(fql`Video.byId(${id})!.update({ title: "live 1!" })`);
      await client.query(fql`Video.create({ title: "recorded", author: ${user} })`); // not in the set
      await client.query(fql`Video.byId(${id})!.delete()`);
      await reading;
      stream.close();
      const want = [["add", "live 1"], ["update", "live 1!"], ["remove", "live 1!"]];
      assert.deepEqual(seen, want);
      const pages = [];
      for await (const page of client.feed(source, { page_size: 2 })) {
        pages.push([...page.events].map((ev) => [ev.type, ev.data.title]));
      }
      assert.deepEqual(pages, [want.slice(0, 2), want.slice(2)]);
      // A feed with nothing new is one page of no events (an empty array:
      // the driver iterates it).
      const quiet = (await client.query(fql`Video.where(.title == ${"never made"}).eventSource()`)).data;
      const counts = [];
      for await (const page of client.feed(quiet)) counts.push([...page.events].length);
      assert.deepEqual(counts, [0]);
    });

    test("query tags are echoed", async () => {
      const res = await client.query(fql`1 + 1`, { query_tags: { app: "video", page: "record" } });
      assert.equal(res.data, 2);
      assert.deepEqual(res.query_tags, { app: "video", page: "record" });
    });

    test("a query past its deadline is a QueryTimeoutError, its writes undone", async () => {
      await assert.rejects(
        client.query(fql`Video.create({ title: "late", author: User.all().first() }); Set.sequence(0, 100000000).forEach(x => x)`, {
          query_timeout_ms: 1,
        }),
        (e) => {
          assert.ok(e instanceof QueryTimeoutError, `${e.constructor.name}: ${e.message}`);
          assert.equal(e.httpStatus, 440);
          return true;
        },
      );
      assert.equal((await client.query(fql`Video.where(.title == "late").count()`)).data, 0);
    });

    // A figure for the README, not an assertion on time: point queries
    // one after another, as one app's request handler makes them.
    test("FIGURE: point queries through the driver on loopback", async (t) => {
      const id = (await client.query(fql`User.firstWhere(.email == "jane@example.com")!.id`)).data;
      const n = 500;
      const times = [];
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const res = await client.query(fql`User.byId(${id})`);
        times.push(performance.now() - t0);
        assert.equal(res.data.id, id);
      }
      const total = performance.now() - start;
      times.sort((a, b) => a - b);
      const at = (q) => times[Math.min(n - 1, Math.floor(q * n))].toFixed(2);
      t.diagnostic(`FIGURE ${name}: ${Math.round((n / total) * 1000)} queries/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${n} sequential User.byId)`);
    });

    test("txn_ts increases with every query, reads included", async () => {
      const a = await client.query(fql`1`);
      const b = await client.query(fql`2`);
      assert.ok(b.txn_ts > a.txn_ts, `${b.txn_ts} > ${a.txn_ts}`);
      assert.equal(client.lastTxnTs, b.txn_ts);
    });
  });
}
