//go:build browser

package browsertest

// Walkthroughs of the two documents the product reproduces, step by step,
// as a Fauna user would follow them in the page: the schema typed in the
// schema editor, the model read off the middle pane, the queries typed in
// the query editors and run with the button, the results read off the
// result pane. Ids differ from the documents' (the playground's are
// deterministic); the shapes must not.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// modelJS reads the middle pane as a person reads it: each collection with
// its fields (stored or computed) and indexes (terms, unique), each
// relation with its sentence, and the schema's errors.
const modelJS = `(() => {
  const out = [];
  for (const a of document.querySelectorAll("#collections article.collection")) {
    out.push("collection " + a.dataset.name + (a.classList.contains("associative") ? " (associative)" : ""));
    for (const li of a.querySelectorAll("li.field"))
      out.push("  " + (li.classList.contains("computed") ? "computed " : "stored ") + li.dataset.name + ": " + li.querySelector("code.type").textContent);
    for (const li of a.querySelectorAll("li.index"))
      out.push("  index " + li.dataset.name + " [" + (li.querySelectorAll("code")[1]?.textContent ?? "") + "]" + (li.classList.contains("unique") ? " unique" : ""));
  }
  for (const r of document.querySelectorAll("#relations article.relation"))
    out.push("relation " + r.dataset.name + ": " + [...r.querySelectorAll("p")].map((p) => p.textContent).join(" "));
  for (const li of document.querySelectorAll("#schema-errors li")) out.push("error " + li.textContent);
  return out.join("\n");
})()`

// typeSchema types sdl in the schema editor and waits until the middle
// pane is drawn again for it (a marker put in the pane before typing is
// gone), then reads the model.
func typeSchema(sdl string, model *string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Evaluate(`document.querySelector("#collections").append(Object.assign(document.createElement("i"), {id: "stale-model"}))`, nil),
		typeInto("#schema-editor", sdl),
		chromedp.Poll(`!document.querySelector("#stale-model")`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(modelJS, model),
	}
}

// runIn types src in the FQL or GraphQL editor (its tab chosen first), runs
// it with the Run button and waits for the page to say the run is done (the
// history counts one more run: the result pane alone can change for other
// reasons, such as the tab showing its last result); text is the result as
// shown, json the JSON tab's text.
func runIn(lang, src string, text, jsonText *string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Click(fmt.Sprintf(`.tabs[data-group="query"] [data-tab=%q]`, lang)),
		typeInto("#"+lang+"-editor", src),
		chromedp.Poll(fmt.Sprintf(`window.playground.editor(%q).state.doc.toString() === %s`, lang, jsString(src)), nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`window.__runs = document.querySelector("#history-count").textContent`, nil),
		chromedp.Click("#run-" + lang),
		chromedp.Poll(`document.querySelector("#history-count").textContent !== window.__runs`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent`, text),
		chromedp.Evaluate(`document.querySelector("#result-json").textContent`, jsonText),
	}
}

// walkShot writes a screenshot of the page to $SHOTS_DIR (when set), for
// a person to look at the walkthrough's steps.
func walkShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SHOTS_DIR")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "walk-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

var extensionsRe = regexp.MustCompile(`(?s),\n  "extensions": \{.*\}\n\}$`)

// withoutExtensions is a GraphQL response's JSON text without its last
// entry, extensions (the cost of the run: its time varies).
func withoutExtensions(resp string) string { return extensionsRe.ReplaceAllString(resp, "\n}") }

// openFresh opens the page and empties the data the first example made, as
// a person starting a document from its first step would (Reset data): a
// schema typed next rebuilds no runs of the example's.
func openFresh(url string) chromedp.Tasks {
	return chromedp.Tasks{open(url), chromedp.Click("#reset"), waitText("#status", "emptied")}
}

func walkCtx(t *testing.T) (context.Context, func()) {
	ctx, done := browser(t)
	ctx, cancel := context.WithTimeout(ctx, 150*time.Second)
	return ctx, func() { cancel(); done() }
}

func sameModel(t *testing.T, what, got, want string) {
	t.Helper()
	want = strings.TrimSpace(want)
	if got != want {
		t.Errorf("%s: the page shows\n%s\nwant\n%s", what, got, want)
	}
}

var idRe = regexp.MustCompile(`^\d{15,20}$`)

// sameResponse compares a GraphQL response with the one a document shows,
// each "_id" only checked to be an id; it returns the ids it saw, in order.
func sameResponse(t *testing.T, what, got, want string) []string {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: response %q: %v", what, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want %q: %v", what, want, err)
	}
	var ids []string
	var norm func(v any) any
	norm = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "_id" && idRe.MatchString(s) {
					ids = append(ids, s)
					v[k] = "<id>"
					continue
				}
				v[k] = norm(x)
			}
		case []any:
			for i := range v {
				v[i] = norm(v[i])
			}
		}
		return v
	}
	// The cost of the run (extensions.stats) is the engine's own entry,
	// which the documents do not show.
	if m, ok := g.(map[string]any); ok {
		delete(m, "extensions")
	}
	g = norm(g)
	w = norm(w)
	// The ids of the response in the order it lists them.
	ids = nil
	for _, m := range regexp.MustCompile(`"_id": "(\d+)"`).FindAllStringSubmatch(got, -1) {
		ids = append(ids, m[1])
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: the page answered\n%s\nwant the shape of\n%s", what, got, want)
	}
	return ids
}

// 004: each schema of the page, and what the page says the database makes
// of it.
func TestWalkthroughRelationsSchemas(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	if err := chromedp.Run(ctx, open(baseURL)); err != nil {
		t.Fatal(err)
	}
	steps := []struct{ name, sdl, want string }{
		{"one-to-one", `type User {
  name: String!
  car: Car
}

type Car {
  plate: String!
  owner: User
}
`, `
collection Car
  stored plate: String!
  stored owner: User
  index byOwner [.owner] unique
collection User
  stored name: String!
  computed car: Car
relation car_owner: Car.owner → User.car: one-to-one; read the other way, one-to-one. References live in Car (owner).`},
		{"one-to-many", `type User {
  name: String!
  cars: [Car!] @relation
}

type Car {
  plate: String!
  owner: User!
}
`, `
collection Car
  stored plate: String!
  stored owner: User!
  index byOwner [.owner]
collection User
  stored name: String!
  computed cars: [Car!]
relation user_cars: User.cars → Car.owner: one-to-many; read the other way, many-to-one. References live in Car (owner).`},
		// "otherwise the field would be stored an array of IDs instead of
		// establishing a high cardinality relationship"
		{"one-to-many without @relation", `type User {
  name: String!
  cars: [Car!]
}

type Car {
  plate: String!
  owner: User!
}
`, `
collection Car
  stored plate: String!
  stored owner: User!
  index byOwner [.owner]
collection User
  stored name: String!
  stored cars: [Car!]
relation car_owner: Car.owner → User (no field): many-to-one; read the other way, one-to-many. References live in Car (owner).`},
		{"many-to-many without @relation", `type User {
  name: String!
  drives: [Car!]
}

type Car {
  plate: String!
  drivers: [User!]
}
`, `
collection Car
  stored plate: String!
  stored drivers: [User!]
collection User
  stored name: String!
  stored drives: [Car!]`},
		{"many-to-one", `type User {
  name: String!
}

type Car {
  plate: String!
  owner: User!
}
`, `
collection Car
  stored plate: String!
  stored owner: User!
  index byOwner [.owner]
collection User
  stored name: String!
relation car_owner: Car.owner → User (no field): many-to-one; read the other way, one-to-many. References live in Car (owner).`},
		{"many-to-many", `type User {
  name: String!
  drives: [Car!] @relation
}

type Car {
  plate: String!
  drivers: [User!] @relation
}
`, `
collection Car
  stored plate: String!
  computed drivers: [User!]
collection User
  stored name: String!
  computed drives: [Car!]
collection car_drivers (associative)
  stored car: Car!
  stored user: User!
  index byCar [.car]
  index byCarAndUser [.car, .user]
  index byUser [.user]
relation car_drivers: Car.drivers → User.drives: many-to-many; read the other way, many-to-many. References live in car_drivers (car, user).`},
		{"ambiguous", `type User {
  name: String!
  owns: Car!
}

type Car {
  plate: String!
  owner: User!
  driver: User!
}
`, ``},
		{"ambiguous fixed", `type User {
  name: String!
  owns: Car! @relation(name: "car_owner")
}

type Car {
  plate: String!
  owner: User! @relation(name: "car_owner")
  driver: User!
}
`, `
collection Car
  stored plate: String!
  stored owner: User!
  stored driver: User!
  index byDriver [.driver]
  index byOwner [.owner] unique
collection User
  stored name: String!
  computed owns: Car!
relation car_driver: Car.driver → User (no field): many-to-one; read the other way, one-to-many. References live in Car (driver).
relation car_owner: Car.owner → User.owns: one-to-one; read the other way, one-to-one. References live in Car (owner).`},
	}
	for _, s := range steps {
		var model string
		if err := chromedp.Run(ctx, typeSchema(s.sdl, &model)); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		walkShot(t, ctx, "004-"+strings.ReplaceAll(s.name, " ", "-"))
		if s.name == "ambiguous" {
			// 004: the API cannot decide which field forms the relation and
			// asks that it be made explicit; no collections are made.
			var collections string
			if err := chromedp.Run(ctx, textOf("#collections", &collections)); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(model, "error ") || strings.Contains(model, "collection ") ||
				!strings.Contains(model, "@relation") || !strings.Contains(collections, "the schema has errors") {
				t.Errorf("ambiguous: the page shows\n%s\n%s", model, collections)
			}
			t.Logf("ambiguous: %s", model)
			continue
		}
		sameModel(t, s.name, model, s.want)
	}
	// 004: "There is no cars field in the User documents": the computed
	// badge says where the field reads from.
	var title string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('.collection[data-name="User"] li.field[data-name="owns"] .badge').title`, &title)); err != nil {
		t.Fatal(err)
	}
	if want := "Not stored in User documents: read from the references in Car (owner)"; title != want {
		t.Errorf("User.owns's computed badge says %q, want %q", title, want)
	}
}

const oneToManySDL = `type User {
  name: String!
  cars: [Car!] @relation
}

type Car {
  plate: String!
  owner: User!
}
`

// 004's relational mutations, create, connect and disconnect, each typed
// as the page writes it (with the ids the previous answers gave), and the
// responses it shows; then a share link of the final state, opened in a
// fresh browser, replays to the same data.
func TestWalkthroughRelationalMutations(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	var model, text, resp string
	if err := chromedp.Run(ctx, openFresh(baseURL), typeSchema(oneToManySDL, &model)); err != nil {
		t.Fatal(err)
	}
	// create
	if err := chromedp.Run(ctx, runIn("graphql", `mutation {
  createUser(data: {
    name: "Jane"
    cars: {
      create: [
        { plate: "AAA-1234" }
        { plate: "BBB-123" }
      ]
    }
  }) {
    _id
    name
    cars {
      data {
        plate
      }
    }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	ids := sameResponse(t, "create", resp, `{
  "data": {
    "createUser": {
      "_id": "235184188140028419",
      "name": "Jane",
      "cars": {
        "data": [
          { "plate": "AAA-1234" },
          { "plate": "BBB-123" }
        ]
      }
    }
  }
}`)
	if len(ids) != 1 {
		t.Fatalf("create: ids %v", ids)
	}
	jane := ids[0]
	if text != withoutExtensions(resp) {
		t.Errorf("a response without errors reads as its JSON: text %q, JSON %q", text, resp)
	}
	// connect
	if err := chromedp.Run(ctx, runIn("graphql", `mutation {
  createCar(data: {
    plate: "CCC-123"
    owner: {
      connect: "`+jane+`"
    }
  }) {
    _id
    plate
    owner {
      name
    }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	walkShot(t, ctx, "004-mutation-connect")
	ids = sameResponse(t, "connect", resp, `{
  "data": {
    "createCar": {
      "_id": "235184601841009156",
      "plate": "CCC-123",
      "owner": {
        "name": "Jane"
      }
    }
  }
}`)
	if len(ids) != 1 || ids[0] == jane {
		t.Fatalf("connect: ids %v", ids)
	}
	ccc := ids[0]
	// disconnect: the response 004 shows keeps AAA-1234 and BBB-123, so
	// the car disconnected is the one just connected.
	if err := chromedp.Run(ctx, runIn("graphql", `mutation {
  updateUser(id: "`+jane+`", data: {
    name: "Jane"
    cars: {
      disconnect: "`+ccc+`"
    }
  }) {
    _id
    cars {
      data {
        plate
      }
    }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	walkShot(t, ctx, "004-mutation-disconnect")
	ids = sameResponse(t, "disconnect", resp, `{
  "data": {
    "updateUser": {
      "_id": "235184188140028419",
      "cars": {
        "data": [
          { "plate": "AAA-1234" },
          { "plate": "BBB-123" }
        ]
      }
    }
  }
}`)
	if len(ids) != 1 || ids[0] != jane {
		t.Errorf("disconnect: ids %v, want Jane's %s", ids, jane)
	}
	// Read from either side, the relation is the same.
	if err := chromedp.Run(ctx, runIn("graphql", `{
  findUserByID(id: "`+jane+`") {
    name
    cars { data { plate owner { name cars { data { plate } } } } }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	bothSides := resp
	sameResponse(t, "both sides", resp, `{"data": {"findUserByID": {"name": "Jane", "cars": {"data": [
  {"plate": "AAA-1234", "owner": {"name": "Jane", "cars": {"data": [{"plate": "AAA-1234"}, {"plate": "BBB-123"}]}}},
  {"plate": "BBB-123", "owner": {"name": "Jane", "cars": {"data": [{"plate": "AAA-1234"}, {"plate": "BBB-123"}]}}}
]}}}}`)
	// What the data holds now, read in FQL: Jane has no stored cars field;
	// CCC-123 exists, owned by nobody.
	var janeDoc, cars, js string
	if err := chromedp.Run(ctx,
		runIn("fql", `User.byId("`+jane+`")`, &janeDoc, &js),
		runIn("fql", `Car.all() { plate, owner { name } }`, &cars, &js),
	); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(janeDoc, "cars") || !strings.Contains(janeDoc, `name: "Jane"`) {
		t.Errorf("Jane's document: %s", janeDoc)
	}
	wantCars := `{
  data: [
    { plate: "AAA-1234", owner: { name: "Jane" } },
    { plate: "BBB-123", owner: { name: "Jane" } },
    { plate: "CCC-123", owner: null }
  ]
}`
	if cars != wantCars {
		t.Errorf("cars after the disconnect:\n%s\nwant\n%s", cars, wantCars)
	}

	// The share link of this state replays to the same data.
	var link string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.playground.share()`, &link, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	ctx2, done2 := walkCtx(t)
	defer done2()
	var shownAgain, carsAgain, model2 string
	if err := chromedp.Run(ctx2, open(link),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &shownAgain),
		chromedp.Evaluate(modelJS, &model2),
		runIn("fql", `Car.all() { plate, owner { name } }`, &carsAgain, &js),
	); err != nil {
		t.Fatal(err)
	}
	if model2 != model {
		t.Errorf("the shared page's model:\n%s\nwant\n%s", model2, model)
	}
	if carsAgain != cars {
		t.Errorf("the shared page's cars:\n%s\nwant\n%s", carsAgain, cars)
	}
	if shownAgain != cars {
		t.Errorf("the shared page shows %q, want the last result %q", shownAgain, cars)
	}
	// Its GraphQL tab shows the last GraphQL response, replayed.
	var gqlAgain string
	if err := chromedp.Run(ctx2,
		chromedp.Click(`.tabs[data-group="query"] [data-tab="graphql"]`),
		chromedp.Evaluate(`document.querySelector("#result-json").textContent`, &gqlAgain),
	); err != nil {
		t.Fatal(err)
	}
	if withoutExtensions(gqlAgain) != withoutExtensions(bothSides) {
		t.Errorf("the shared page's GraphQL tab shows\n%s\nwant\n%s", gqlAgain, bothSides)
	}
}

// 004's one-to-one: a User associated with a second Car breaks the unique
// index on Car.owner.
func TestWalkthroughOneToOneIsUnique(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	var model, text, resp string
	if err := chromedp.Run(ctx, openFresh(baseURL), typeSchema(`type User {
  name: String!
  car: Car
}

type Car {
  plate: String!
  owner: User
}
`, &model),
		runIn("graphql", `mutation {
  createUser(data: { name: "Ann", car: { create: { plate: "ONE-1" } } }) {
    _id
    car { plate }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	ids := sameResponse(t, "one-to-one create", resp, `{"data": {"createUser": {"_id": "1234567890123456789", "car": {"plate": "ONE-1"}}}}`)
	if len(ids) != 1 {
		t.Fatalf("ids %v", ids)
	}
	ann := ids[0]
	for _, m := range []string{
		`mutation { createCar(data: { plate: "TWO-2", owner: { connect: "` + ann + `" } }) { _id } }`,
		`mutation { updateUser(id: "` + ann + `", data: { name: "Ann", car: { create: { plate: "TWO-2" } } }) { _id } }`,
	} {
		if err := chromedp.Run(ctx, runIn("graphql", m, &text, &resp)); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n→ %s", m, text)
		if !strings.Contains(text, "Document is not unique.") {
			t.Errorf("%s: %s", m, text)
		}
	}
	var cars, js string
	if err := chromedp.Run(ctx, runIn("fql", `Car.all().count()`, &cars, &js)); err != nil {
		t.Fatal(err)
	}
	if cars != "1" {
		t.Errorf("cars after the failed mutations: %s", cars)
	}
}

const videoSDL = `type User {
  name: String!
  email: String! @unique
  videos: [Video!] @relation
}

type Video {
  title: String!
  duration: Int
  author: User!
}

type Permission {
  user: User!
  video: Video!
}
`

var tsRe = regexp.MustCompile(`Time\("[^"]+"\)`)

// shell compares a result as the page prints it with the shell's text
// want, timestamps aside.
func shell(t *testing.T, what, got, want string) {
	t.Helper()
	got = tsRe.ReplaceAllString(got, `Time(<ts>)`)
	if got != want {
		t.Errorf("%s: the page prints\n%s\nwant\n%s", what, got, want)
	}
}

var firstID = regexp.MustCompile(`id: "(\d+)"`)

// 000: the video app's FQL, each step as the article writes it (the lines
// its scraper cut filled in the obvious way), the results as the shell
// prints them; then a share link of the final state replays to the same
// results in a fresh browser.
func TestWalkthroughVideoApp(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	var model, text, js string
	if err := chromedp.Run(ctx, openFresh(baseURL), typeSchema(videoSDL, &model)); err != nil {
		t.Fatal(err)
	}
	sameModel(t, "video app", model, `
collection Permission
  stored user: User!
  stored video: Video!
  index byUser [.user]
  index byVideo [.video]
collection User
  stored name: String!
  stored email: String!
  computed videos: [Video!]
  index byEmail [.email] unique
collection Video
  stored title: String!
  stored duration: Int
  stored author: User!
  index byAuthor [.author]
relation permission_user: Permission.user → User (no field): many-to-one; read the other way, one-to-many. References live in Permission (user).
relation permission_video: Permission.video → Video (no field): many-to-one; read the other way, one-to-many. References live in Permission (video).
relation user_videos: User.videos → Video.author: one-to-many; read the other way, many-to-one. References live in Video (author).`)

	// The users the article's earlier steps signed up.
	step := 0
	run := func(src string) string {
		t.Helper()
		if err := chromedp.Run(ctx, runIn("fql", src, &text, &js)); err != nil {
			t.Fatal(err)
		}
		step++
		walkShot(t, ctx, fmt.Sprintf("000-%02d", step))
		return text
	}
	idOf := func(what, text string) string {
		t.Helper()
		m := firstID.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%s: no id in %q", what, text)
		}
		return m[1]
	}
	jane := idOf("Jane", run(`User.create({ name: "Jane", email: "jane@example.com" })`))
	bob := idOf("Bob", run(`User.create({ name: "Bob", email: "bob@example.com" })`))

	// One-to-many: a video whose author is the user found by email.
	out := run(`let user = User.firstWhere(.email == 'jane@example.com')
Video.create({
  title: "New Video",
  duration: 100,
  author: user
})`)
	video := idOf("video", out)
	shell(t, "Video.create", out, `{
  id: "`+video+`",
  coll: Video,
  ts: Time(<ts>),
  title: "New Video",
  duration: 100,
  author: User("`+jane+`")
}`)

	// All the videos authored by a particular user.
	out = run(`let user = User.firstWhere(.email == "jane@example.com")
Video.where(.author == user)`)
	shell(t, "Video.where(.author == user)", out, `{
  data: [
    {
      id: "`+video+`",
      coll: Video,
      ts: Time(<ts>),
      title: "New Video",
      duration: 100,
      author: User("`+jane+`")
    }
  ]
}`)
	var hints string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("#hints").textContent`, &hints)); err != nil {
		t.Fatal(err)
	}
	// Fauna scanned for where() and firstWhere() whatever the indexes, and
	// said so (collection_scan); the hint names the index call that reads
	// only the matches (the playground reads the index already).
	if !strings.Contains(hints, "collection_scan") || !strings.Contains(hints, "byEmail(") {
		t.Errorf("firstWhere on an indexed field earns Fauna's collection_scan naming the index call, got %q", hints)
	}

	// The author's information while querying a video.
	out = run(`Video.byId("` + video + `") {
  author {
    name
    email
  }
}`)
	shell(t, "Video.byId projection", out, `{ author: { name: "Jane", email: "jane@example.com" } }`)

	// The record page's query, with its template holes filled.
	out = run(`let user = User.byId("` + jane + `")
Video.create({
  title: "2023-08-05T10:00:00.000Z",
  author: user
})`)
	recorded := idOf("recorded video", out)
	shell(t, "the record page's Video.create", out, `{
  id: "`+recorded+`",
  coll: Video,
  ts: Time(<ts>),
  title: "2023-08-05T10:00:00.000Z",
  author: User("`+jane+`")
}`)

	// Many-to-many: share the first video with Bob.
	out = run(`let userToShareWith = User.firstWhere(.email == 'bob@example.com')
let videoToshare = Video.byId('` + video + `')
Permission.create({
  user: userToShareWith,
  video: videoToshare
})`)
	perm := idOf("permission", out)
	shell(t, "Permission.create", out, `{
  id: "`+perm+`",
  coll: Permission,
  ts: Time(<ts>),
  user: User("`+bob+`"),
  video: Video("`+video+`")
}`)

	// May a particular user access a video?
	final := `let user = User.byId("` + bob + `")
let video = Video.byId("` + video + `")
Permission.where(.user == user && .video == video)`
	out = run(final)
	want := `{
  data: [
    {
      id: "` + perm + `",
      coll: Permission,
      ts: Time(<ts>),
      user: User("` + bob + `"),
      video: Video("` + video + `")
    }
  ]
}`
	shell(t, "Permission.where", out, want)
	finalText := out
	// Jane may not: nobody shared it with her.
	out = run(`let user = User.byId("` + jane + `")
let video = Video.byId("` + video + `")
Permission.where(.user == user && .video == video)`)
	shell(t, "Permission.where for Jane", out, `{ data: [] }`)
	out = run(final)

	// The share link of the final state, opened in a fresh browser.
	var link string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.playground.share()`, &link, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	ctx2, done2 := walkCtx(t)
	defer done2()
	var shown, model2, fqlShown, again string
	if err := chromedp.Run(ctx2, open(link),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &shown),
		chromedp.Evaluate(modelJS, &model2),
		chromedp.Evaluate(`document.querySelector("#fql-editor .cm-content").innerText`, &fqlShown),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent = "stale"`, nil),
		chromedp.Click("#run-fql"),
		chromedp.Poll(`document.querySelector("#result-text").textContent !== "stale"`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.querySelector("#result-text").textContent`, &again),
	); err != nil {
		t.Fatal(err)
	}
	walkShot(t, ctx2, "000-shared")
	if model2 != model {
		t.Errorf("the shared page's model:\n%s\nwant\n%s", model2, model)
	}
	// The replay writes the documents again, now: the same ids, other
	// timestamps.
	shell(t, "the shared page's result", shown, tsRe.ReplaceAllString(finalText, `Time(<ts>)`))
	if strings.TrimSpace(fqlShown) != final {
		t.Errorf("the shared page's FQL editor:\n%s\nwant\n%s", fqlShown, final)
	}
	shell(t, "the final query run again in the shared page", again, want)
	var count string
	if err := chromedp.Run(ctx2, runIn("fql", `[User.all().count(), Video.all().count(), Permission.all().count()]`, &count, &js)); err != nil {
		t.Fatal(err)
	}
	if count != "[2, 2, 1]" {
		t.Errorf("the shared page's data: %s", count)
	}
}

// A shared page names the example the sharing page named: the one chosen
// (not the first with the same schema), or none for a schema typed by
// hand, even one equal to an example's (no Try next either).
func TestSharedPageNamesTheSameExample(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	var model, link1, link2 string
	if err := chromedp.Run(ctx, open(baseURL),
		chromedp.SetValue("#examples", "mutation-connect"),
		waitText("#status", "Loaded the example “Relational mutation: connect"),
		chromedp.Evaluate(`window.playground.share()`, &link1, awaitPromise),
		typeSchema(videoSDL, &model),
		chromedp.Evaluate(`window.playground.share()`, &link2, awaitPromise),
	); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ link, menu, more string }{{link1, "mutation-connect", "true"}, {link2, "", "true"}} {
		ctx2, done2 := walkCtx(t)
		var menu, more string
		err := chromedp.Run(ctx2, open(c.link),
			chromedp.Evaluate(`document.querySelector("#examples").value`, &menu),
			chromedp.Evaluate(`String(document.querySelector("#more-box").hidden)`, &more),
		)
		done2()
		if err != nil {
			t.Fatal(err)
		}
		if menu != c.menu || more != c.more {
			t.Errorf("shared page: menu %q, Try next hidden %s; want %q, %s", menu, more, c.menu, c.more)
		}
	}
}

// 004's many-to-many: the associative collection is read from whichever
// side is queried; connect and disconnect add and remove its pairs.
func TestWalkthroughManyToManyBothSides(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	var model, text, resp string
	if err := chromedp.Run(ctx, openFresh(baseURL), typeSchema(`type User {
  name: String!
  drives: [Car!] @relation
}

type Car {
  plate: String!
  drivers: [User!] @relation
}
`, &model), runIn("graphql", `mutation {
  createUser(data: { name: "Jane", drives: { create: [{ plate: "AAA-1234" }, { plate: "BBB-123" }] } }) {
    _id
    drives { data { _id plate } }
  }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	ids := sameResponse(t, "create", resp, `{"data": {"createUser": {"_id": "100000000000000000", "drives": {"data": [{"_id": "100000000000000000", "plate": "AAA-1234"}, {"_id": "100000000000000000", "plate": "BBB-123"}]}}}}`)
	if len(ids) != 3 {
		t.Fatalf("ids %v", ids)
	}
	aaa := ids[1]
	if err := chromedp.Run(ctx, runIn("graphql", `mutation {
  createUser(data: { name: "Bob", drives: { connect: ["`+aaa+`"] } }) { _id name }
}`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	bob := sameResponse(t, "connect", resp, `{"data": {"createUser": {"_id": "100000000000000000", "name": "Bob"}}}`)
	if len(bob) != 1 {
		t.Fatalf("ids %v", bob)
	}
	if err := chromedp.Run(ctx, runIn("graphql", `{ findCarByID(id: "`+aaa+`") { plate drivers { data { name drives { data { plate } } } } } }`, &text, &resp)); err != nil {
		t.Fatal(err)
	}
	sameResponse(t, "the car's drivers", resp, `{"data": {"findCarByID": {"plate": "AAA-1234", "drivers": {"data": [
  {"name": "Jane", "drives": {"data": [{"plate": "AAA-1234"}, {"plate": "BBB-123"}]}},
  {"name": "Bob", "drives": {"data": [{"plate": "AAA-1234"}]}}
]}}}}`)
	var pairs, js string
	if err := chromedp.Run(ctx,
		runIn("graphql", `mutation { updateUser(id: "`+bob[0]+`", data: { name: "Bob", drives: { disconnect: ["`+aaa+`"] } }) { name drives { data { plate } } } }`, &text, &resp),
		runIn("fql", `car_drivers.all() { car { plate }, user { name } }`, &pairs, &js),
	); err != nil {
		t.Fatal(err)
	}
	want := `{
  data: [
    { car: { plate: "AAA-1234" }, user: { name: "Jane" } },
    { car: { plate: "BBB-123" }, user: { name: "Jane" } }
  ]
}`
	if pairs != want {
		t.Errorf("the associative collection after the disconnect:\n%s\nwant\n%s", pairs, want)
	}
}

// The examples menu's three relational mutations answer what 004 shows.
func TestWalkthroughMutationExamples(t *testing.T) {
	ctx, done := walkCtx(t)
	defer done()
	if err := chromedp.Run(ctx, open(baseURL)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ id, title, want string }{
		{"mutation-create", "create", `{"data": {"createUser": {"_id": "235184188140028419", "name": "Jane",
  "cars": {"data": [{"plate": "AAA-1234"}, {"plate": "BBB-123"}]}}}}`},
		{"mutation-connect", "connect", `{"data": {"createCar": {"_id": "235184601841009156", "plate": "CCC-123", "owner": {"name": "Jane"}}}}`},
		{"mutation-disconnect", "disconnect", `{"data": {"updateUser": {"_id": "235184188140028419",
  "cars": {"data": [{"plate": "AAA-1234"}, {"plate": "BBB-123"}]}}}}`},
	} {
		var resp, tab string
		if err := chromedp.Run(ctx,
			chromedp.SetValue("#examples", c.id),
			waitText("#status", "Loaded the example “Relational mutation: "+c.title),
			chromedp.Evaluate(`document.querySelector("#result-json").textContent`, &resp),
			chromedp.Evaluate(`document.querySelector('.tabs[data-group="query"] [aria-selected="true"]').dataset.tab`, &tab),
		); err != nil {
			t.Fatal(err)
		}
		if tab != "graphql" {
			t.Errorf("%s: the query tab shown is %q", c.id, tab)
		}
		sameResponse(t, c.id, resp, c.want)
	}
}
