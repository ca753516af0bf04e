//go:build browser

package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const carSchema = `type User {
name: String!
cars: [Car!] @relation
}

type Car {
plate: String!
owner: User!
}
`

// A person types a schema and sees its collections and indexes appear.
func TestTypeSchemaShowsCollections(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var indexes, relations string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", carSchema),
		waitSel(`.collection[data-name="Car"] .index[data-name="byOwner"]`),
		textOf(`.collection[data-name="Car"] .indexes`, &indexes),
		textOf(`#relations`, &relations),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(indexes, "byOwner") || !strings.Contains(indexes, ".owner") {
		t.Errorf("Car's indexes: %q", indexes)
	}
	if !strings.Contains(relations, "user_cars") || !strings.Contains(relations, "one-to-many") {
		t.Errorf("relations: %q", relations)
	}
}

// FQL and GraphQL run from their editors, with the button and the keyboard.
func TestRunFQLAndGraphQL(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var fqlOut, gqlOut string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.setSchema(`+"`"+carSchema+"`"+`)`, nil, awaitPromise),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="fql"]`),
		typeInto("#fql-editor", `User.create({ name: "Jane" }).name`),
		chromedp.Click("#run-fql"),
		waitText("#result-text", `"Jane"`),
		textOf("#result-text", &fqlOut),
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		typeInto("#graphql-editor", `mutation { createCar(data: { plate: "AB-1", owner: { connect: "360000110733021861" } }) { plate owner { name } } }`),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(modCtrl())),
		waitText("#result-text", `"plate": "AB-1"`),
		textOf("#result-text", &gqlOut),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gqlOut, `"name": "Jane"`) {
		t.Errorf("GraphQL did not read the user FQL wrote: %s", gqlOut)
	}
}

// A broken schema is listed and marked in the editor at its line.
func TestSchemaErrorIsMarked(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var errs string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", "type User {\nname: Strin\n}\n"),
		waitSel("#schema-editor .cm-lintRange-error"),
		textOf("#schema-errors", &errs),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errs, "2:") || !strings.Contains(errs, "Strin") {
		t.Errorf("schema errors: %q", errs)
	}
}

// A share link opened in a fresh browser restores the editors and replays
// to the same result.
func TestShareLinkRestoresState(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var link, before string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: `+"`"+carSchema+"`"+`, fql: 'let u = User.create({ name: "Ann" })\nCar.create({ plate: "S-1", owner: u }) { plate, owner { name } }'})`, nil, awaitPromise),
		waitText("#result-text", `"Ann"`),
		textOf("#result-text", &before),
		chromedp.Evaluate(`window.playground.share()`, &link, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(link, "#s=") {
		t.Fatalf("share link %q", link)
	}
	ctx2, done2 := browser(t)
	defer done2()
	var after, schema, count string
	err = chromedp.Run(ctx2,
		open(link),
		waitText("#result-text", `"Ann"`),
		textOf("#result-text", &after),
		chromedp.Evaluate(`window.playground.query("Car.all().count()").then(r => String(r.data))`, &count, awaitPromise),
		chromedp.Evaluate(`document.querySelector("#schema-editor .cm-content").textContent`, &schema),
	)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("restored result %q, want %q", after, before)
	}
	if count != "1" {
		t.Errorf("the shared data was not replayed once: %s cars", count)
	}
	if !strings.Contains(schema, "plate: String!") {
		t.Errorf("schema not restored: %q", schema)
	}
}

// A damaged link gets a clear message and a working page.
func TestDamagedLink(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var notice, collections string
	err := chromedp.Run(ctx,
		open(baseURL+"#s=not-a-real-state"),
		textOf("#notice", &notice),
		waitSel(`.collection[data-name="User"]`),
		textOf("#collections", &collections),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "damaged") {
		t.Errorf("no damaged-link message: %q", notice)
	}
}

// An example from the menu loads its schema and runs its queries.
func TestExampleFromMenu(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var result string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.SetValue("#examples", "many-to-many"),
		chromedp.Evaluate(`document.querySelector("#examples").dispatchEvent(new Event("change"))`, nil),
		waitSel(`.collection[data-name="car_drivers"]`),
		waitText("#result-text", `user: { name: "Jane" }`),
		textOf("#result-text", &result),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(result, `car: { plate: "AAA-1234" }`) {
		t.Errorf("example result: %q", result)
	}
}

// The figures the README reports: navigation to the first result, and a
// point query on 1,000 documents through window.playground.
func TestMeasurements(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	start := time.Now()
	var firstResult float64
	err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL),
		waitText("#result-text", "New Video"),
		chromedp.Evaluate(`performance.now()`, &firstResult),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("FIGURE navigation to first result: %.0f ms (page clock), %s wall", firstResult, time.Since(start).Round(time.Millisecond))
	var timings map[string]float64
	err = chromedp.Run(ctx, chromedp.Evaluate(`(async () => {
		await window.playground.setSchema("type User { name: String! email: String! @unique }");
		await window.playground.query('Set.sequence(0, 1000).forEach(i => User.create({ name: "u" + i.toString(), email: "u#{i}@x.com" }))');
		// 20 runs warm the page and the engine's code up; the figures are
		// of the 200 after: the median run (the tab's clock ticks every
		// 0.1 ms) and the mean.
		const q = 'User.firstWhere(.email == "u777@x.com")!.name';
		let r;
		for (let i = 0; i < 20; i++) r = await window.playground.query(q);
		const times = [];
		const t0 = performance.now();
		for (let i = 0; i < 200; i++) {
			const s = performance.now();
			r = await window.playground.query(q);
			times.push(performance.now() - s);
		}
		const per = (performance.now() - t0) / times.length;
		times.sort((a, b) => a - b);
		return { perQueryMs: per, medianMs: times[times.length >> 1], engineMs: r.stats.query_time_ms, ok: r.data === "u777" ? 1 : 0 };
	})()`, &timings, awaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if timings["ok"] != 1 {
		t.Fatalf("the point query did not find u777: %v", timings)
	}
	t.Logf("FIGURE point query on 1,000 documents via window.playground: %.2f ms median round trip (mean %.2f ms), %.3f ms in the engine", timings["medianMs"], timings["perQueryMs"], timings["engineMs"])
}

// Cancel stops a long query: the worker is replaced, the schema and the
// queries that had succeeded are replayed, and the page goes on working.
func TestCancelRestartsTheEngine(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var outcome map[string]any
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			await window.playground.setSchema("type User { name: String! }");
			await window.playground.query('User.create({ name: "kept" })');
			const long = window.playground.query('Set.sequence(0, 60000).forEach(i => User.create({ name: "n#{i}" }))');
			await new Promise(r => setTimeout(r, 150));
			document.querySelector("#cancel").click();
			const cancelled = await long;
			const after = await window.playground.query('User.all().map(.name).toArray()');
			return { code: cancelled.error ? cancelled.error.code : "none", names: after.data, text: document.querySelector("#result-text").textContent };
		})()`, &outcome, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if outcome["code"] != "cancelled" {
		t.Errorf("the long query was not cancelled: %v", outcome)
	}
	names, _ := outcome["names"].([]any)
	if len(names) != 1 || names[0] != "kept" {
		t.Errorf("after cancel the data should be what had been committed, [kept]; got %v", outcome["names"])
	}
}

// Autosave: a reload brings back the editors and the data.
func TestReloadLosesNothing(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var fql, count string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`window.playground.load({schema: "type Note { text: String! }", fql: 'Note.create({ text: "remember me" }).text'})`, nil, awaitPromise),
		waitText("#result-text", "remember me"),
		chromedp.Sleep(500*time.Millisecond), // the autosave is debounced
		chromedp.Reload(),
		chromedp.WaitVisible("#schema-editor .cm-content"),
		chromedp.Evaluate(`window.playground.ready`, nil, awaitPromise),
		chromedp.Evaluate(`document.querySelector("#fql-editor .cm-content").textContent`, &fql),
		chromedp.Evaluate(`window.playground.query("Note.all().count()").then(r => String(r.data))`, &count, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fql, "remember me") {
		t.Errorf("FQL editor after reload: %q", fql)
	}
	if count != "1" {
		t.Errorf("notes after reload: %s, want 1", count)
	}
}

// Too large: sharing a state over the limit says so, and so does opening
// an oversized link.
func TestTooLargeLink(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var shareErr, notice string
	err := chromedp.Run(ctx,
		open(baseURL),
		chromedp.Evaluate(`(async () => {
			let noise = "";
			for (let i = 0; i < 120000; i++) noise += String.fromCharCode(97 + Math.floor(Math.random() * 26));
			await window.playground.setSchema("# " + noise + "\ntype Big { x: Int }");
			try { await window.playground.share(); return "shared"; } catch (e) { return e.message; }
		})()`, &shareErr, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(shareErr, "too large") {
		t.Errorf("sharing a huge state: %q", shareErr)
	}
	ctx2, done2 := browser(t)
	defer done2()
	err = chromedp.Run(ctx2,
		open(baseURL+"#s="+strings.Repeat("A", 70*1024)),
		textOf("#notice", &notice),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "too large") {
		t.Errorf("opening an oversized link: %q", notice)
	}
}

// denseSchema has twelve types and many relations of every kind: the
// diagram's hard case.
const denseSchema = `type User {
  name: String!
  email: String! @unique
  orders: [Order!] @relation
  reviews: [Review!] @relation
  address: Address
  wishlist: [Product!] @relation(name: "wishlist")
}

type Address {
  street: String!
  city: String!
  user: User
}

type Order {
  placed: Time!
  customer: User!
  lines: [OrderLine!] @relation
  shipment: Shipment
  coupon: Coupon
}

type OrderLine {
  quantity: Int!
  order: Order!
  product: Product!
}

type Product {
  title: String!
  price: Float!
  category: Category!
  supplier: Supplier!
  reviews: [Review!] @relation
  tags: [Tag!] @relation
  wishedBy: [User!] @relation(name: "wishlist")
}

type Category {
  name: String!
  parent: Category
  products: [Product!] @relation
}

type Supplier {
  name: String!
  warehouse: Warehouse!
}

type Warehouse {
  city: String!
}

type Review {
  stars: Int!
  author: User!
  product: Product!
}

type Tag {
  label: String! @unique
  products: [Product!] @relation
}

type Shipment {
  carrier: String!
  order: Order
  warehouse: Warehouse!
}

type Coupon {
  code: String! @unique
  percent: Int!
}
`

// cyclicSchema: a self reference, two collections referring to each other,
// and collections with no relation at all.
const cyclicSchema = `type Person {
  name: String!
  mentor: Person
  team: Team
}

type Team {
  name: String!
  lead: Person!
}

type Lonely {
  x: Int
}

type Other {
  y: String
}
`

// diagramCheck measures the drawn diagram: every box's text inside its box,
// no two labels (relation names, cardinalities) overlapping, no label on a
// box, no arrow crossing a box it does not start or end at, and one named
// arrow per stored reference. diagramCheckIn is the same for the SVG that
// a selector names.
const diagramCheck = diagramCheckIn + `("#diagram svg")`

const diagramCheckIn = `((sel) => {
	const svg = document.querySelector(sel);
	if (!svg) return ["no diagram"];
	const problems = [];
	const bb = (n) => { const b = n.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
	const overlap = (a, b, eps = 0.5) => a.x + eps < b.x + b.w && b.x + eps < a.x + a.w && a.y + eps < b.y + b.h && b.y + eps < a.y + a.h;
	const boxes = [...svg.querySelectorAll(".box")].map((g) => ({ name: g.dataset.name, r: bb(g.querySelector("rect")), g }));
	for (const b of boxes) for (const t of b.g.querySelectorAll("text")) {
		const tb = bb(t);
		if (tb.x < b.r.x || tb.x + tb.w > b.r.x + b.r.w || tb.y < b.r.y || tb.y + tb.h > b.r.y + b.r.h) problems.push("text out of its box: " + t.textContent);
	}
	for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++)
		if (overlap(boxes[i].r, boxes[j].r)) problems.push("boxes overlap: " + boxes[i].name + ", " + boxes[j].name);
	const labels = [...svg.querySelectorAll(".labels text")].map((t) => ({ t: t.textContent, b: bb(t) }));
	for (let i = 0; i < labels.length; i++) {
		for (let j = i + 1; j < labels.length; j++)
			if (overlap(labels[i].b, labels[j].b)) problems.push("labels overlap: " + labels[i].t + " / " + labels[j].t);
		for (const b of boxes) if (overlap(labels[i].b, b.r)) problems.push("label on box " + b.name + ": " + labels[i].t);
	}
	for (const p of svg.querySelectorAll("path.edge")) {
		const m = p.transform.baseVal.consolidate();
		const mx = m ? new DOMMatrix([m.matrix.a, m.matrix.b, m.matrix.c, m.matrix.d, m.matrix.e, m.matrix.f]) : new DOMMatrix();
		const len = p.getTotalLength();
		for (let s = 3; s < len - 3; s += 3) {
			const q = new DOMPoint(p.getPointAtLength(s).x, p.getPointAtLength(s).y).matrixTransform(mx);
			for (const b of boxes) {
				const r = b.r;
				if (q.x > r.x + 1 && q.x < r.x + r.w - 1 && q.y > r.y + 1 && q.y < r.y + r.h - 1) { problems.push("arrow " + p.dataset.rel + " crosses box " + b.name); break; }
			}
		}
	}
	// Arrow ends spread: no two arrows leave or arrive at one point.
	const ends = [...svg.querySelectorAll("path.edge")].flatMap((p) => [p.getPointAtLength(0), p.getPointAtLength(p.getTotalLength())].map((q) => ({ q, rel: p.dataset.rel })));
	for (let i = 0; i < ends.length; i++) for (let j = i + 1; j < ends.length; j++)
		if (Math.hypot(ends[i].q.x - ends[j].q.x, ends[i].q.y - ends[j].q.y) < 12) problems.push("arrow ends within 12 px: " + ends[i].rel + " / " + ends[j].rel);
	const rep = window.playground.report();
	const want = rep.relations.reduce((n, r) => n + (r.cardinality === "many-to-many" ? 2 : 1), 0);
	const named = svg.querySelectorAll(".labels .relname").length;
	if (named !== want || svg.querySelectorAll("path.edge").length !== want) problems.push("arrows " + svg.querySelectorAll("path.edge").length + ", names " + named + ", want " + want);
	const colls = boxes.filter((b) => !b.g.classList.contains("embedded")).length;
	if (colls !== rep.collections.length) problems.push("boxes " + colls + ", want " + rep.collections.length);
	return [...new Set(problems)];
})`

// The diagram of a dense schema (twelve types, relations of every kind) and
// of cycles, self references and lone collections stays readable.
func TestDiagramIsReadable(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	checkDiagrams(t, ctx)
}

// checkDiagrams draws the dense and the cyclic schema in both orientations
// and measures each drawing with diagramCheck.
func checkDiagrams(t *testing.T, ctx context.Context) {
	t.Helper()
	for _, tc := range []struct{ name, schema string }{{"dense", denseSchema}, {"cyclic", cyclicSchema}} {
		for _, layout := range []string{"lr", "tb"} {
			var errs []any
			var problems []string
			var orientation string
			err := chromedp.Run(ctx,
				open(baseURL),
				chromedp.Evaluate("window.playground.setSchema("+jsString(tc.schema)+").then(r => r.errors)", &errs, awaitPromise),
				chromedp.Click(`.tabs[data-group="model"] [data-tab="diagram"]`),
				chromedp.SetValue("#diagram-layout", layout),
				waitSel(`#diagram[data-state="drawn"] svg[data-orientation="`+layout+`"] .box`),
				chromedp.Evaluate(`document.querySelector("#diagram svg").dataset.orientation`, &orientation),
				chromedp.Evaluate(diagramCheck, &problems),
			)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) > 0 {
				t.Fatalf("%s: schema errors %v", tc.name, errs)
			}
			if orientation != layout {
				t.Errorf("%s: drawn %q, asked %q", tc.name, orientation, layout)
			}
			for _, p := range problems {
				t.Errorf("%s %s: %s", tc.name, layout, p)
			}
		}
	}
}

// A field of the schema's type Query shows the index it makes, with the
// query it serves.
func TestQueryFieldIndexIsShown(t *testing.T) {
	ctx, done := browser(t)
	defer done()
	var byDone, all string
	err := chromedp.Run(ctx,
		open(baseURL),
		typeInto("#schema-editor", "type Todo { title: String! done: Boolean! }\ntype Query { todosByDone(done: Boolean!): [Todo!] allTodos: [Todo!] }"),
		waitSel(`.collection[data-name="Todo"] .index[data-name="allTodos"]`),
		textOf(`.collection[data-name="Todo"] .index[data-name="todosByDone"]`, &byDone),
		textOf(`.collection[data-name="Todo"] .index[data-name="allTodos"]`, &all),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(byDone, ".done") || !strings.Contains(byDone, "Query.todosByDone") {
		t.Errorf("todosByDone index: %q", byDone)
	}
	if !strings.Contains(all, "every document") || !strings.Contains(all, "Query.allTodos") {
		t.Errorf("allTodos index: %q", all)
	}
}
