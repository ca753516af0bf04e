package engine_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

const fuzzSchema = `type User {
  name: String!
  email: String! @unique
  videos: [Video!] @relation
  drives: [Car!] @relation
}
type Video { title: String! duration: Int author: User! }
type Car { plate: String! drivers: [User!] @relation }
type Permission { user: User! video: Video! }
type Query { allUsers: [User!] }
`

// FuzzQuery: no query panics the engine; every result marshals to JSON;
// a failed query writes nothing.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		`User.create({ name: "a", email: "a" })`,
		`let u = User.firstWhere(.email == "a")
Video.create({ title: "t", author: u })`,
		`Video.all() { title, author { name } }`,
		`User.all().map(u => u.videos.count()).reduce((a, b) => a + b)`,
		`Set.sequence(0, 10).where(x => x % 2 == 0).toArray()`,
		`abort(1)`, `User.byId("1")!.name`, `"#{1}" + 'x'`, `[1][5]`, `{ a: 1 }.b?.c ?? 2`,
		`Car.create({ plate: "p" }).drivers.first()`,
		`User.all().order(desc(.name)).take(2).paginate(1)`,
		`[2 ** 3 ** 2, 6 & 3 | 1 ^ 2, 1 isa Int, "#{ { a: [1] } }"]`,
		`User.all().forEach(.delete())`, `let x: Array<Int> = [1]
x.flatten()`,
		`"a1".replaceRegex("[0-9]", "#", 2).matchIndexes("#")`,
		`Math.round(2.345, 1) + Date("2024-01-01").difference(Date.today())`,
		`let u = User.all().first()!
u.update({ name: "x" })
[u.name, Object.keys(u)]`,
	} {
		f.Add(s)
	}
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema(fuzzSchema); len(r.Errors) > 0 {
		f.Fatal(r.Errors)
	}
	e.Query(`let u = User.create({ name: "seed", email: "seed" })
Video.create({ title: "v", author: u })`)
	f.Fuzz(func(t *testing.T, q string) {
		before := e.Query(`[User.all().count(), Video.all().count(), Car.all().count(), Permission.all().count()]`).Text
		res := e.Query(q)
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result of %q does not marshal: %v", q, err)
		}
		if res.Error != nil {
			if res.Error.Code == "internal_error" && !strings.Contains(res.Error.Message, "nests") {
				t.Fatalf("internal error for %q: %s", q, res.Text)
			}
			after := e.Query(`[User.all().count(), Video.all().count(), Car.all().count(), Permission.all().count()]`).Text
			if after != before {
				t.Fatalf("failed query %q changed the data: %s -> %s", q, before, after)
			}
		}
	})
}

// FuzzGraphQL: no operation or variables panic the engine.
func FuzzGraphQL(f *testing.F) {
	for _, s := range []string{
		`mutation { createUser(data: { name: "a", email: "a", videos: { create: [{ title: "t" }] } }) { _id videos { data { title } } } }`,
		`{ allUsers { data { name drives { data { plate } } } } }`,
		`query($id: ID!) { findUserByID(id: $id) { name } }`,
		`mutation { updateUser(id: "1", data: { name: "x", email: "y" }) { name } }`,
		`{ __schema { types { name } } }`, `{`, `fragment f on User { name } { findUserByID(id: "1") { ...f } }`,
		`{ __type(name: "User") { kind fields(includeDeprecated: true) { name args { defaultValue } type { kind ofType { name } } } } }`,
		`mutation { partialUpdateUser(id: "1", data: { name: null }) { name } }`,
		`query($d: UserInput!) { u: findUserByID(id: "1") { name } u: findUserByID(id: "1") { _id } }`,
	} {
		f.Add(s, `{"id": "1"}`)
	}
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema(fuzzSchema); len(r.Errors) > 0 {
		f.Fatal(r.Errors)
	}
	f.Fuzz(func(t *testing.T, q, vars string) {
		var v map[string]any
		_ = json.Unmarshal([]byte(vars), &v)
		res := e.GraphQL(q, v)
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result of %q does not marshal: %v", q, err)
		}
		for _, err := range res.Errors {
			if strings.HasPrefix(err.Message, "internal error") {
				t.Fatalf("internal error for %q: %s", q, err.Message)
			}
		}
	})
}

// FuzzSetSchema: no schema panics SetSchema; a report with errors has no
// collections and no GraphQL API; one without errors has an API that
// gqlparser accepted.
func FuzzSetSchema(f *testing.F) {
	for _, s := range []string{
		fuzzSchema,
		"type User { name: String! car: Car } type Car { owner: User }",
		"type User { owns: Car! } type Car { owner: User! driver: User! }",
		`type E { m: E @relation(name: "x") r: [E] @relation(name: "x") }`,
		"type A @embedded { x: Int } type B { a: A s: String @unique } enum C { X Y } type D { c: C }",
		"type B @collection(name: \"bees\") { x: Long t: Time d: Date }",
		"input I { n: String! d: Int = 3 } interface N { name: String } union U = T type T { x: Int } type Query { q(i: I): [U] @resolver } type Mutation { m(s: String): T @resolver }",
		"input TInput { y: Int } type T { x: Int } type Query { findTByID(id: ID!): T @resolver }",
		"type {", "",
	} {
		f.Add(s)
	}
	e := engine.New()
	f.Fuzz(func(t *testing.T, sdl string) {
		r := e.SetSchema(sdl)
		if len(r.Errors) > 0 && (len(r.Collections) > 0 || r.GraphQL != "") {
			t.Fatalf("errors %v with %d collections", r.Errors, len(r.Collections))
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		if len(r.Errors) == 0 && len(r.Collections) > 0 {
			if res := e.GraphQL("{ __typename }", nil); len(res.Errors) > 0 {
				t.Fatalf("schema %q: the generated API does not load: %v", sdl, res.Errors)
			}
		}
	})
}
