//go:build browser

package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A result of megabytes is laid out only in part (the page stays
// responsive), says so, and offers the whole; the next query runs.
func TestHugeResultIsCapped(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var out map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			await window.playground.setSchema("type User { name: String! }");
			const t0 = performance.now();
			const r = await window.playground.query("Set.sequence(0, 1000000).toArray()");
			await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok)));
			const ms = performance.now() - t0;
			const pre = document.querySelector("#result-text");
			const note = pre.parentElement.querySelector(".truncated");
			const json = document.querySelector("#result-json").parentElement.querySelector(".truncated");
			const next = await window.playground.query("1 + 1");
			return { ms, full: r.text.length, shown: pre.textContent.length, note: note ? note.textContent : "",
				buttons: note ? note.querySelectorAll("button").length : 0, json: json ? json.textContent : "",
				next: document.querySelector("#result-text").textContent, notes: document.querySelectorAll(".truncated").length };
		})()`, &out, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("FIGURE Set.sequence(0, 1000000).toArray() in the page: %.0f ms to a rendered (capped) result of %.0f characters", out["ms"], out["full"])
	if full, shown := out["full"].(float64), out["shown"].(float64); full < 9e6 || shown > 100002 {
		t.Errorf("result of %v characters shown as %v", full, shown)
	}
	if note := out["note"].(string); !strings.Contains(note, "The result is 9,888,892 characters; the first") || out["buttons"].(float64) != 2 {
		t.Errorf("note %q with %v buttons", note, out["buttons"])
	}
	if !strings.Contains(out["json"].(string), "characters; the first") {
		t.Errorf("the JSON tab has no note: %q", out["json"])
	}
	if out["next"] != "2" || out["notes"].(float64) != 0 {
		t.Errorf("after it, 1 + 1 shows %q with %v notes", out["next"], out["notes"])
	}
}

// The engine's Go program dying (as on running out of memory) costs the
// query that killed it, not the page nor the data: a new engine is started,
// the state replayed, and the message says so. Schema edits that keep the
// database before it (a comment; a typo, not applied) keep what is
// replayed.
func TestEngineCrashIsRecovered(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var out map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			await window.playground.setSchema("type User { name: String! }");
			await window.playground.query('User.create({ name: "kept" })');
			const comment = await window.playground.setSchema("# a note\ntype User { name: String! }");
			const typo = await window.playground.setSchema("# a note\ntype User { name: String! }\nx");
			if (!comment.data_kept || !typo.errors.length) throw new Error("the edits: " + JSON.stringify([comment.data_kept, typo.errors]));
			const t0 = performance.now();
			const crashed = await window.playground.crashEngine();
			const ms = performance.now() - t0;
			const shown = document.querySelector("#result-text").textContent;
			const status = document.querySelector("#status").textContent;
			const after = await window.playground.query("User.all().map(.name).toArray()");
			const gql = await window.playground.graphql("{ __typename }");
			return { ms, code: crashed.error.code, message: crashed.error.message, shown, status, names: after.data, gql: gql.data };
		})()`, &out, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("FIGURE engine crash to a restarted engine with the data replayed: %.0f ms", out["ms"])
	msg, _ := out["message"].(string)
	if out["code"] != "engine_crashed" || !strings.Contains(msg, "fatal error: crash requested") || !strings.Contains(msg, "restarted and your data restored") {
		t.Errorf("crash reported as %v: %q", out["code"], msg)
	}
	if !strings.Contains(out["shown"].(string), "The engine stopped") || !strings.Contains(out["status"].(string), "The engine stopped") {
		t.Errorf("the page shows %q, status %q", out["shown"], out["status"])
	}
	names, _ := out["names"].([]any)
	if len(names) != 1 || names[0] != "kept" {
		t.Errorf("after the crash the data is %v, want [kept]", out["names"])
	}
	if d, _ := out["gql"].(map[string]any); d == nil || d["__typename"] != "Query" {
		t.Errorf("GraphQL after the crash: %v", out["gql"])
	}
}

// Each attack is refused by the engine in the browser with limit_exceeded
// (or its GraphQL/schema equivalent), and the page goes on.
func TestAttacksAreRefusedInThePage(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var out []map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			const p = window.playground;
			await p.setSchema("type User { name: String! email: String! @unique videos: [Video!] @relation }\ntype Video { title: String! author: User! }\ntype Query { allUsers: [User!] }");
			await p.query('let u = User.create({ name: "a", email: "a" })\nSet.sequence(0, 30).forEach(i => Video.create({ title: "v", author: u }))\nlet w = User.create({ name: "b", email: "b" })\nSet.sequence(0, 30).forEach(i => Video.create({ title: "v", author: w }))');
			let nest = "{ allUsers { data { videos { data { author { ";
			for (let i = 0; i < 10; i++) nest += "videos { data { author { ";
			nest += "name ";
			for (let i = 0; i < 10; i++) nest += "} } } ";
			nest += "} } } } } }";
			const fql = [
				["string doubling", 'Set.sequence(0, 40).fold("x", (acc, i) => acc + acc)'],
				["shared array 2^40", "Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc])"],
				["1 MB of 1+1+…", "1+".repeat(500000) + "1"],
				["10,000 (", "(".repeat(10000) + "1" + ")".repeat(10000)],
				["3,000,000 steps", "Set.sequence(0, 3000000).count()"],
				["30,000 creates", 'Set.sequence(0, 30000).forEach(i => User.create({ name: "u", email: i.toString() }))'],
				["an 8 MiB string made 600 times", 'let s = Set.sequence(0, 23).fold("x", (acc, i) => acc + acc)\nSet.sequence(0, 600).toArray().map(i => s.slice(1) + "y")'],
			];
			const out = [];
			for (const [name, src] of fql) {
				const t0 = performance.now();
				const r = await p.query(src);
				out.push({ name, ms: performance.now() - t0, code: r.error ? r.error.code : "none", line: r.error?.line, column: r.error?.column });
			}
			const gql = [
				["GraphQL relations nested 12 deep", nest, {}],
				["GraphQL 4,000 same-named fields", "{ allUsers { data { " + "name ".repeat(4000) + "} } }", {}],
				["GraphQL 1,000,000 list elements in variables", 'mutation($v: [VideoInput!]) { createUser(data: {name: "z", email: "z", videos: {create: $v}}) { _id } }', { v: Array.from({ length: 1000000 }, () => ({ title: "t" })) }],
			];
			for (const [name, q, vars] of gql) {
				const t0 = performance.now();
				const r = await p.graphql(q, vars);
				const e = (r.errors || [])[0] || {};
				out.push({ name, ms: performance.now() - t0, code: e.extensions?.code || "none", line: e.locations?.[0]?.line, column: e.locations?.[0]?.column });
			}
			let sdl = "";
			for (let i = 0; i < 5000; i++) sdl += "type T" + i + " { name: String! next: T" + ((i + 1) % 5000) + " }\n";
			let t0 = performance.now();
			let rep = await p.setSchema(sdl);
			out.push({ name: "schema of 5,000 types (accepted)", ms: performance.now() - t0, code: rep.errors.length ? rep.errors[0].code : "none", collections: rep.collections.length });
			t0 = performance.now();
			rep = await p.setSchema("type A { " + "a: String ".repeat(500000) + "}");
			out.push({ name: "schema of 5 MB", ms: performance.now() - t0, code: rep.errors.length ? rep.errors[0].code : "none", line: rep.errors[0]?.line, column: rep.errors[0]?.column });
			await p.setSchema("type User { name: String! }");
			const last = await p.query("[User.all().count(), 1 + 1]");
			out.push({ name: "after all", code: last.error ? last.error.code : "none", text: last.text });
			return out;
		})()`, &out, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out {
		name := r["name"].(string)
		switch name {
		case "schema of 5,000 types (accepted)":
			if r["code"] != "none" || r["collections"] != float64(5000) {
				t.Errorf("%s: %v", name, r)
			}
		case "after all":
			if r["code"] != "none" || r["text"] != "[0, 2]" {
				t.Errorf("%s: %v", name, r)
			}
			continue
		default:
			want := "limit_exceeded"
			if name == "10,000 (" {
				want = "invalid_query"
			}
			if r["code"] != want || r["line"] == nil {
				t.Errorf("%s: got %v, want %s at a line:column", name, r, want)
			}
		}
		t.Logf("FIGURE in the page, %s: refused in %.0f ms (%v at %v:%v)", name, r["ms"], r["code"], r["line"], r["column"])
	}
}

// GraphQL variables nested deeper than the engine reads are an error in
// the result, like any other; the page goes on.
func TestDeepVariablesAreAnError(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var out map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			const p = window.playground;
			await p.setSchema("type User { name: String! tags: [String] }");
			const q = 'query($v: [String]) { findUserByID(id: "1") { name } }';
			// As typed in the variables editor, and through the API.
			const typed = (await p.load({ schema: "type User { name: String! tags: [String] }", graphql: q,
				variables: '{"v": ' + "[".repeat(20000) + "]".repeat(20000) + "}", run: ["graphql"] })).graphql;
			const shownTyped = document.querySelector("#result-text").textContent;
			let v = [];
			for (let i = 0; i < 20000; i++) v = [v];
			const r = await p.graphql(q, { v });
			const shown = document.querySelector("#result-text").textContent;
			const next = await p.query("1 + 1");
			return { errors: (r.errors || []).map((e) => e.message), shown, next: next.text,
				typed: ((typed && typed.errors) || []).map((e) => e.message), shownTyped };
		})()`, &out, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	errs, _ := out["errors"].([]any)
	typed, _ := out["typed"].([]any)
	if len(errs) != 1 || len(typed) != 1 || !strings.Contains(errs[0].(string), "nests values deeper than 10,000 levels") || !strings.Contains(out["shown"].(string), "error: ") ||
		!strings.Contains(out["shownTyped"].(string), "error: ") || out["next"] != "2" {
		t.Errorf("deep variables: %v", out)
	}
	t.Logf("deep variables answered: %v; typed: %v", errs, typed)
}

// Paging through big arrays query after query used to fill the wasm's
// 4 GB at the 17th query ("runtime: out of memory", then a restart): the
// cursors of old queries now let their sets go, and 20 such queries run.
// What is asserted is memory, not time: each query builds 176 MB of arrays,
// which takes 1-3 s in the tab with the machine's speed, so the twenty get
// three minutes rather than browser's one (CI's run took past 60 s).
func TestBigCursorsDoNotFillMemory(t *testing.T) {
	ctx, done := browserFor(t, 3*time.Minute)
	defer done()
	var out map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			const p = window.playground;
			await p.setSchema("type User { name: String! }");
			const t0 = performance.now();
			let r;
			for (let k = 0; k < 20; k++) {
				r = await p.query('let a = Set.sequence(0, 999999).toArray()\nSet.sequence(0, 10).toArray().map(i => a.concat([i + ' + k + ']).toSet().paginate(1).after)');
				if (r.error) break;
			}
			const ms = performance.now() - t0;
			const page = await p.query("Set.paginate(" + JSON.stringify(r.data && r.data[0]) + ").data");
			return { ms, error: r.error ? r.error.code + ": " + r.error.message : "", page: page.text };
		})()`, &out, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("FIGURE 20 queries paging 11 arrays of 1,000,000 values each: %.0f ms", out["ms"])
	if out["error"] != "" || out["page"] != "[1]" {
		t.Errorf("big cursors: %v", out)
	}
}
