package engine_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

const limitsSchema = "type User { name: String! email: String! @unique videos: [Video!] @relation }\ntype Video { title: String! author: User! }\n"

// fqlAttacks are queries a hostile or careless user may type, each refused
// with a code at a line:column (testdata/fql/limits.txtar has the short
// ones, with their messages).
var fqlAttacks = []struct {
	name, src string
	code      string
	line, col int
}{
	{"5 MB of text", strings.Repeat("1+", 2_500_000) + "1", "invalid_query", 1, 1},
	{"10,000 (", strings.Repeat("(", 10_000) + "1" + strings.Repeat(")", 10_000), "invalid_query", 1, 129},
	{"10,000 [", strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000), "invalid_query", 1, 129},
	{"10,000 {", strings.Repeat("{", 10_000) + strings.Repeat("}", 10_000), "invalid_query", 1, 129},
	{"10,000 #{ in strings", strings.Repeat(`"#{`, 10_000) + "1" + strings.Repeat(`}"`, 10_000), "invalid_query", 1, 386},
	{"1 MB of 1+1+…", strings.Repeat("1+", 500_000) + "1", "limit_exceeded", 1, 50_001},
	{"1 MB of .x.x…", "User" + strings.Repeat(".x", 500_000), "limit_exceeded", 1, 50_004},
	{"100,000 lets", strings.Repeat("let a = 1\n", 100_000) + "a", "limit_exceeded", 12_501, 1},
	{"string doubling", `Set.sequence(0, 40).fold("x", (acc, i) => acc + acc)`, "limit_exceeded", 1, 43},
	{"array doubling", `Set.sequence(0, 40).fold([1], (acc, i) => acc.concat(acc))`, "limit_exceeded", 1, 47},
	{"shared array 2^40", `Set.sequence(0, 40).fold([1], (acc, i) => [acc, acc])`, "limit_exceeded", 1, 1},
	{"shared object 2^40", `Set.sequence(0, 40).fold({}, (acc, i) => {a: acc, b: acc})`, "limit_exceeded", 1, 1},
	{"self application", `let w = x => x(x); w(w)`, "limit_exceeded", 1, 14},
	{"fixed-point loop", `let y = f => (x => f(v => x(x)(v)))(x => f(v => x(x)(v))); y(self => n => self(n + 1))(0)`, "limit_exceeded", 1, 42},
	{"an 8 MiB string made 600 times", "let s = Set.sequence(0, 23).fold(\"x\", (acc, i) => acc + acc)\nSet.sequence(0, 600).toArray().map(i => s.slice(1) + \"y\")", "limit_exceeded", 2, 43},
	{"a 1,000,000-element array copied 600 times", "let a = Set.sequence(0, 999999).toArray()\nSet.sequence(0, 600).toArray().map(i => a.concat([i]))", "limit_exceeded", 2, 43},
	{"10M-element set", `Set.sequence(0, 10000000).toArray()`, "limit_exceeded", 1, 27},
	{"2M documents", `Set.sequence(0, 2000000).forEach(i => User.create({ name: "u", email: i.toString() }))`, "limit_exceeded", 1, 44},
	// Work a call does beyond the call: charged by the sizes it goes over.
	{"s.length of an 8 MiB string 2,000 times", big8MiB + "Set.sequence(0, 2000).toArray().map(i => s.length)", "limit_exceeded", 2, 44},
	{"s.includes of an 8 MiB string 2,000 times", big8MiB + `Set.sequence(0, 2000).toArray().map(i => s.includes("y"))`, "limit_exceeded", 2, 44},
	{"two equal 8 MiB strings compared 100,000 times", big8MiB + "let t = s.slice(0)\nSet.sequence(0, 100000).toArray().map(i => s == t)", "limit_exceeded", 3, 44},
	{"a 1,000,000-element array compared 1,000 times", "let a = Set.sequence(0, 999999).toArray()\nSet.sequence(0, 1000).toArray().map(i => a == a)", "limit_exceeded", 2, 42},
	{"four 1,000,000-element arrays ordered 1,000 times", "let a = Set.sequence(0, 999999).toArray()\nSet.sequence(0, 1000).toArray().map(i => [a, a, a, a].order())", "limit_exceeded", 2, 55},
	{"indexOf over 1,000,000 elements 1,000 times", "let a = Set.sequence(0, 999999).toArray()\nSet.sequence(0, 1000).toArray().map(i => a.indexOf(-1))", "limit_exceeded", 2, 44},
	{"distinct of 200,000 arrays", "Set.sequence(0, 200000).toArray().map(i => [i, i, i, i, i, i, i, i, i, i]).distinct().length", "limit_exceeded", 1, 76},
	// Regular expressions: charged by compiled size × input, and by match.
	{"matchIndexes(\"a\") over 8 MiB", `let s = Set.sequence(0, 23).fold("a", (acc, i) => acc + acc)` + "\n" + `s.matchIndexes("a").length`, "limit_exceeded", 2, 3},
	{"(a|b){0,1000}c over 64 KiB", `let s = Set.sequence(0, 15).fold("ab", (acc, i) => acc + acc)` + "\n" + `s.matches("(a|b){0,1000}c")`, "limit_exceeded", 2, 3},
	{"matches(\"\") over 8 MiB", big8MiB + `s.matches("").length`, "limit_exceeded", 2, 3},
	{"splitRegex(\"\") over 8 MiB", big8MiB + `s.splitRegex("").length`, "limit_exceeded", 2, 3},
	{"replaceAllRegex(\"\", \"\") over 8 MiB", big8MiB + `s.replaceAllRegex("", "").length`, "limit_exceeded", 2, 3},
}

// big8MiB binds s to a String of 8 MiB.
const big8MiB = `let s = Set.sequence(0, 23).fold("x", (acc, i) => acc + acc)` + "\n"

// Hashed, not compared pairwise: 20,000 distinct arrays are kept in a few
// steps each (the same query was quadratic and uncharged).
func TestDistinctOfManyArrays(t *testing.T) {
	e := engine.New()
	r := e.Query(`Set.sequence(0, 20000).toArray().map(i => [i % 10000, "x"]).distinct().length`)
	if r.Error != nil || r.Text != "10000" {
		t.Fatalf("%s %v", r.Text, r.Error)
	}
	if r.Stats.ComputeOps > 200_000 {
		t.Errorf("%d steps for 20,000 elements", r.Stats.ComputeOps)
	}
}

func TestFQLAttacksAreRefused(t *testing.T) {
	for _, a := range fqlAttacks {
		t.Run(a.name, func(t *testing.T) {
			e := engine.New()
			e.SetSchema(limitsSchema)
			if r := e.Query(`User.create({ name: "Ann", email: "ann@example.com" })`); r.Error != nil {
				t.Fatal(r.Error)
			}
			r := e.Query(a.src)
			if r.Error == nil {
				t.Fatalf("no error; result of %d bytes", len(r.Text))
			}
			got := fmt.Sprintf("%s %d:%d", r.Error.Code, r.Error.Line, r.Error.Column)
			want := fmt.Sprintf("%s %d:%d", a.code, a.line, a.col)
			if got != want {
				t.Fatalf("got %s (%s), want %s", got, r.Error.Message, want)
			}
			if r.Stats.WriteOps != 0 {
				t.Errorf("a refused query reports %d writes", r.Stats.WriteOps)
			}
			// Nothing lost, nothing half-written: the one user is there.
			if r := e.Query(`User.all().count()`); r.Text != "1" {
				t.Errorf("after the attack, User.all().count() is %s %v", r.Text, r.Error)
			}
		})
	}
}

// BenchmarkRefuse measures how long the engine takes to refuse each attack.
func BenchmarkRefuse(b *testing.B) {
	for _, a := range fqlAttacks {
		b.Run(a.name, func(b *testing.B) {
			e := engine.New()
			e.SetSchema(limitsSchema)
			for b.Loop() {
				if r := e.Query(a.src); r.Error == nil {
					b.Fatal("not refused")
				}
			}
		})
	}
}

func gqlNest(levels int) string {
	var b strings.Builder
	b.WriteString("{ allUsers { data { videos { data { author { ")
	for range levels {
		b.WriteString("videos { data { author { ")
	}
	b.WriteString("name ")
	for range levels {
		b.WriteString("} } } ")
	}
	b.WriteString("} } } } } }")
	return b.String()
}

func gqlDoublingFragments(levels int) string {
	var b strings.Builder
	b.WriteString("query { allUsers { data { ...F0 } } }\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on User { ...F%d ...F%d name }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on User { name }\n", levels)
	return b.String()
}

// gqlAttacks are GraphQL operations a hostile or careless user may send.
// variables is a function so that the million-element list is built when
// its test runs, not in every process the package's tests start (each fuzz
// worker held 360 MB of it).
var gqlAttacks = []struct {
	name, query string
	variables   func() map[string]any
	message     string
	line, col   int
}{
	{"relations nested 12 deep (31^12 fields)", gqlNest(10), nil, "the operation resolves more than 50000 fields", 1, 287},
	{"a mutation whose answer is too large writes nothing", func() string {
		var b strings.Builder
		b.WriteString(`mutation { createUser(data: { name: "z", email: "z", videos: { create: [`)
		for range 40 {
			b.WriteString(`{ title: "t" } `)
		}
		b.WriteString(`] } }) { videos { data { author { `)
		for range 4 {
			b.WriteString("videos { data { author { ")
		}
		b.WriteString("name ")
		for range 4 {
			b.WriteString("} } } ")
		}
		b.WriteString("} } } } }")
		return b.String()
	}(), nil, "the operation resolves more than 50000 fields", 1, 798},
	{"10,000 nested braces", strings.Repeat("{ allUsers ", 10_000) + strings.Repeat("}", 10_000), nil, "exceeded maximum nesting depth of 1000", 1, 11_001},
	{"fragment cycle", "query { allUsers { data { ...A } } } fragment A on User { videos { data { author { ...B } } } } fragment B on User { ...A }", nil, `Cannot spread fragment "A" within itself via "B".`, 1, 121},
	{"fragments doubling 40 times", gqlDoublingFragments(40), nil, "the operation selects more than 3000 fields", 1, 30},
	{"4,000 same-named fields", "{ allUsers { data { " + strings.Repeat("name ", 4_000) + "} } }", nil, "the operation selects more than 3000 fields", 1, 15_021},
	{"1,000,000 fields (5 MB)", "{ allUsers { data { " + strings.Repeat("name ", 1_000_000) + "} } }", nil, "the operation has more than 50000 tokens", 1, 249_996},
	{"1,000,000 list elements in variables", `mutation($v: [VideoInput!]) { createUser(data: {name: "z", email: "z", videos: {create: $v}}) { _id } }`,
		func() map[string]any {
			l := make([]any, 1_000_000)
			for i := range l {
				l[i] = map[string]any{"title": "t"}
			}
			return map[string]any{"v": l}
		}, "the variables hold more than 100000 values", 1, 10},
}

func TestGraphQLAttacksAreRefused(t *testing.T) {
	for _, a := range gqlAttacks {
		t.Run(a.name, func(t *testing.T) {
			e := engine.New()
			e.SetSchema(limitsSchema + "type Query { allUsers: [User!] }\n")
			seed := `let u = User.create({ name: "a", email: "a" })
Set.sequence(0, 30).forEach(i => Video.create({ title: "v", author: u }))
let w = User.create({ name: "b", email: "b" })
Set.sequence(0, 30).forEach(i => Video.create({ title: "v", author: w }))`
			if r := e.Query(seed); r.Error != nil {
				t.Fatal(r.Error)
			}
			var vars map[string]any
			if a.variables != nil {
				vars = a.variables()
			}
			r := e.GraphQL(a.query, vars)
			if len(r.Errors) != 1 {
				t.Fatalf("want one error, got %v", r.Errors)
			}
			err := r.Errors[0]
			if !strings.Contains(err.Message, a.message) {
				t.Errorf("message %q does not contain %q", err.Message, a.message)
			}
			if len(err.Locations) != 1 || err.Locations[0].Line != a.line || err.Locations[0].Column != a.col {
				t.Errorf("locations %v, want %d:%d", err.Locations, a.line, a.col)
			}
			if strings.Contains(a.message, "more than") && err.Extensions["code"] != "limit_exceeded" {
				t.Errorf("extensions %v, want code limit_exceeded", err.Extensions)
			}
			if r.Data != nil {
				t.Errorf("data %v, want none", r.Data)
			}
			// Nothing written: still 2 users and 60 videos.
			if r := e.Query(`[User.all().count(), Video.all().count()]`); r.Text != "[2, 60]" {
				t.Errorf("after the attack: %s %v", r.Text, r.Error)
			}
		})
	}
}

// BenchmarkRefuseGraphQL measures how long the engine takes to refuse
// each GraphQL attack.
func BenchmarkRefuseGraphQL(b *testing.B) {
	for _, a := range gqlAttacks {
		b.Run(a.name, func(b *testing.B) {
			e := engine.New()
			e.SetSchema(limitsSchema + "type Query { allUsers: [User!] }\n")
			e.Query(`let u = User.create({ name: "a", email: "a" })
Set.sequence(0, 30).forEach(i => Video.create({ title: "v", author: u }))
let w = User.create({ name: "b", email: "b" })
Set.sequence(0, 30).forEach(i => Video.create({ title: "v", author: w }))`)
			var vars map[string]any
			if a.variables != nil {
				vars = a.variables()
			}
			for b.Loop() {
				if r := e.GraphQL(a.query, vars); len(r.Errors) == 0 {
					b.Fatal("not refused")
				}
			}
		})
	}
}

func manyTypes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "type T%d { name: String! next: T%d }\n", i, (i+1)%n)
	}
	return b.String()
}

func manyFields(n int) string {
	var b strings.Builder
	b.WriteString("type Big {\n")
	for i := range n {
		fmt.Fprintf(&b, "  f%d: String\n", i)
	}
	b.WriteString("}\n")
	return b.String()
}

// schemaAttacks are large or malformed schemas: the big ones are read, the
// rest refused at a line:column.
var schemaAttacks = []struct {
	name, sdl   string
	collections int
	err         string // "code line:column", "" when the schema is fine
}{
	{"5,000 types", manyTypes(5_000), 5_000, ""},
	{"one type with 10,000 fields", manyFields(10_000), 1, ""},
	{"5 MB", "type A { " + strings.Repeat("a: String ", 500_000) + "}", 0, "limit_exceeded 1:1048577"},
	{"10,000 nested list types", "type A { a: " + strings.Repeat("[", 10_000) + "String" + strings.Repeat("]", 10_000) + " }", 0, "invalid_schema 1:1014"},
	{"10,000 nested list values", "type A { x: String @index(name: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + ") }", 0, "invalid_schema 1:1033"},
}

func TestSchemaAttacks(t *testing.T) {
	for _, a := range schemaAttacks {
		t.Run(a.name, func(t *testing.T) {
			e := engine.New()
			r := e.SetSchema(a.sdl)
			got := ""
			if len(r.Errors) > 0 {
				got = fmt.Sprintf("%s %d:%d", r.Errors[0].Code, r.Errors[0].Line, r.Errors[0].Column)
			}
			if got != a.err || len(r.Collections) != a.collections {
				t.Fatalf("got %q and %d collections, want %q and %d (%v)", got, len(r.Collections), a.err, a.collections, r.Errors)
			}
		})
	}
}

// BenchmarkSchemaAttacks measures how long SetSchema takes on each.
func BenchmarkSchemaAttacks(b *testing.B) {
	for _, a := range schemaAttacks {
		b.Run(a.name, func(b *testing.B) {
			e := engine.New()
			for b.Loop() {
				e.SetSchema(a.sdl)
			}
		})
	}
}

// log() keeps at most 1,000 lines and 1 MiB, and says how many it dropped.
func TestLogIsBounded(t *testing.T) {
	e := engine.New()
	r := e.Query(`let s = Set.sequence(0, 22).fold("x", (acc, i) => acc + acc)
Set.sequence(0, 2000).forEach(i => log(s))
Set.sequence(0, 3).forEach(i => log("short"))
1`)
	if r.Error != nil {
		t.Fatal(r.Error)
	}
	total := 0
	for _, l := range r.Logs {
		total += len(l)
	}
	if len(r.Logs) != 2 || total > 1<<20+200 || r.Logs[1] != "… 2002 more log lines were not kept (the limit is 1000 lines, 1 MiB)" {
		t.Errorf("%d log lines, %d bytes; last %q", len(r.Logs), total, r.Logs[len(r.Logs)-1])
	}
	r = e.Query(`Set.sequence(0, 1500).forEach(i => log(i))
1`)
	if len(r.Logs) != 1001 || r.Logs[999] != "999" || r.Logs[1000] != "… 500 more log lines were not kept (the limit is 1000 lines, 1 MiB)" {
		t.Errorf("%d log lines; last %q", len(r.Logs), r.Logs[len(r.Logs)-1])
	}
}

// The database holds at most 256 MiB of documents: a query that would
// take it past is refused, deleting makes room again.
func TestDatabaseSizeIsBounded(t *testing.T) {
	e := engine.New()
	e.SetSchema(limitsSchema)
	fill := func(from int) engine.QueryResult {
		return e.Query(fmt.Sprintf(`let s = Set.sequence(0, 22).fold("x", (acc, i) => acc + acc)
Set.sequence(%d, %d).forEach(i => User.create({ name: s, email: i.toString() }))`, from, from+15))
	}
	for i := range 4 { // 4 × 15 × 4 MiB = 240 MiB
		if r := fill(i * 100); r.Error != nil {
			t.Fatalf("fill %d: %v", i, r.Error)
		}
	}
	r := fill(400)
	if r.Error == nil || r.Error.Code != "limit_exceeded" || !strings.Contains(r.Error.Message, "the database would hold more than 256 MiB") || r.Error.Line != 2 {
		t.Fatalf("fill past 256 MiB: %v", r.Error)
	}
	if r := e.Query(`User.all().take(30).forEach(.delete())`); r.Error != nil {
		t.Fatal(r.Error)
	}
	if r := fill(400); r.Error != nil {
		t.Fatalf("after deleting 30 documents: %v", r.Error)
	}
	if r := e.Query(`User.all().count()`); r.Text != "45" {
		t.Errorf("count %s", r.Text)
	}
}

// Cursors keep their sets alive: those of old queries that built much are
// forgotten (invalid_cursor), so paging through big arrays query after
// query cannot fill the tab's memory (it did: 4 GB at the 17th query).
func TestCursorsOfBigQueriesAreForgotten(t *testing.T) {
	e := engine.New()
	big := `let a = Set.sequence(0, 999999).toArray()
Set.sequence(0, 10).toArray().map(i => a.concat([i]).toSet().paginate(1).after)`
	var first []any
	for i := range 4 { // each builds 176 MB (11 arrays of 1,000,000 values)
		r := e.Query(big)
		if r.Error != nil {
			t.Fatalf("query %d: %v", i, r.Error)
		}
		if i == 0 {
			first = r.Data.([]any)
		}
	}
	r := e.Query(fmt.Sprintf("Set.paginate(%q)", first[0]))
	if r.Error == nil || r.Error.Code != "invalid_cursor" {
		t.Errorf("a cursor of the first query still works: %v %s", r.Error, r.Text)
	}
	small := e.Query(`Set.sequence(0, 10).toArray().toSet().paginate(2).after`)
	if r := e.Query(fmt.Sprintf("Set.paginate(%q).data", small.Data)); r.Text != "[2, 3]" {
		t.Errorf("a small query's cursor: %s %v", r.Text, r.Error)
	}
}

// Reset and SetSchema close the database they replace: 1,000 of each,
// every reset database holding a 64 KiB document, leave the goroutines and
// the heap where they were (buntdb's background goroutine kept each one
// alive: 50,000 SetSchema calls left 50,002 goroutines and 406 MB).
func TestResetAndSetSchemaReleaseTheDatabase(t *testing.T) {
	e := engine.New()
	e.SetSchema(limitsSchema)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	settle := func(want int) int {
		// A closed buntdb's goroutine ends at its next tick (once a second).
		n := runtime.NumGoroutine()
		for i := 0; i < 100 && n > want; i++ {
			time.Sleep(50 * time.Millisecond)
			n = runtime.NumGoroutine()
		}
		return n
	}
	goroutines, before := runtime.NumGoroutine(), heap()
	for i := range 1000 {
		e.SetSchema(limitsSchema + fmt.Sprintf("type T%d { x: Int }\n", i%2))
	}
	for i := range 1000 {
		r := e.Query(fmt.Sprintf(`let s = Set.sequence(0, 15).fold("x", (acc, i) => acc + acc)
User.create({ name: s, email: "%d" })`, i))
		if r.Error != nil {
			t.Fatal(r.Error)
		}
		e.Reset()
	}
	if n := settle(goroutines + 2); n > goroutines+2 {
		t.Errorf("goroutines: %d before, %d after 1,000 SetSchema and 1,000 Reset", goroutines, n)
	}
	after := heap()
	t.Logf("heap: %d KiB before, %d KiB after 1,000 SetSchema and 1,000 Reset", before>>10, after>>10)
	if after > before+16<<20 {
		t.Errorf("heap grew from %d to %d KiB", before>>10, after>>10)
	}
}

// A cursor made before a Reset is invalid_cursor after it, never a read of
// the closed database nor a cursor of the new one.
func TestCursorAfterReset(t *testing.T) {
	e := engine.New()
	e.SetSchema(limitsSchema)
	e.Query(`Set.sequence(0, 5).forEach(i => User.create({ name: "u", email: i.toString() }))`)
	old := e.Query(`User.all().paginate(2).after`)
	if old.Error != nil {
		t.Fatal(old.Error)
	}
	for _, replace := range []func(){e.Reset, func() { e.SetSchema(limitsSchema) }} {
		replace()
		e.Query(`Set.sequence(0, 5).toArray().toSet().paginate(2).after`) // a new cursor
		r := e.Query(fmt.Sprintf("Set.paginate(%q)", old.Data))
		if r.Error == nil || r.Error.Code != "invalid_cursor" {
			t.Errorf("old cursor %v after the database was replaced: %s %v", old.Data, r.Text, r.Error)
		}
	}
}

// Error messages repeat at most 200 characters of what they were given,
// and say how long it was (a 200 KB identifier made a 200,043-character
// message; abort of 100 KB, a 100 KB one).
func TestEchoedInputIsCut(t *testing.T) {
	id := strings.Repeat("a", 200_000)
	words := strings.Repeat("a ", 100_000)
	e := engine.New()
	e.SetSchema("type User { name: String }\ntype Query { allUsers: [User!] }")
	fql := []string{
		id,
		"User." + id,
		"User.all()." + id + "()",
		`User.create({ ` + id + `: 1 })`,
		`User.byId("` + id + `")!`,
		`Time("` + id + `")`,
		`"x".matches("(` + strings.Repeat("a", 4000) + `")`,
	}
	check := func(src, msg string) {
		t.Helper()
		if len(msg) > 600 || !strings.Contains(msg, " characters)") {
			t.Errorf("%.40s…: a message of %d characters: %.300s", src, len(msg), msg)
		}
	}
	// abort() echoes nothing: its message is Fauna's "Query aborted.", the
	// value travels in the error's abort field.
	for _, q := range []string{`abort("` + words + `")`, `abort("` + id + `")`} {
		if r := e.Query(q); r.Error == nil || r.Error.Message != "Query aborted." || r.Error.Abort == nil {
			t.Errorf("%.40s…: %+v, want Query aborted. carrying the value", q, r.Error)
		}
	}
	for _, q := range fql {
		r := e.Query(q)
		if r.Error == nil {
			t.Errorf("%.40s…: no error", q)
			continue
		}
		check(q, r.Error.Message)
	}
	for _, q := range []string{
		"{ " + id + " }",
		"{ allUsers(" + id + ": 1) { data { name } } }",
		"query { allUsers { data { ... on " + id + " { name } } } }",
	} {
		r := e.GraphQL(q, nil)
		if len(r.Errors) == 0 {
			t.Errorf("%.40s…: no error", q)
		}
		for _, err := range r.Errors {
			check(q, err.Message)
		}
	}
}

const manyToManySchema = "type Student { name: String! courses: [Course!] @relation }\ntype Course { title: String! students: [Student!] @relation }\ntype Query { allStudents: [Student!] }"

// manyToMany30 is 30 students each in the same 30 courses.
func manyToMany30(t testing.TB) *engine.Engine {
	e := engine.New()
	if r := e.SetSchema(manyToManySchema); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	seed := `let cs = Set.sequence(0, 30).toArray().map(i => Course.create({ title: "c" }))
Set.sequence(0, 30).forEach(i => { let s = Student.create({ name: "s" }); cs.forEach(c => course_students.create({ student: s, course: c })) })`
	if r := e.Query(seed); r.Error != nil {
		t.Fatal(r.Error)
	}
	return e
}

const manyToManyDeep = "{ allStudents { data { courses { data { students { data { courses { data { students { data { name } } } } } } } } } } }"

// The 50,000-field limit through a 30×30 many-to-many: each level reads
// the same 60 documents again (8.3 s before a transaction kept what it
// decoded; README's Limits table has the figure now).
func TestManyToManyFieldLimit(t *testing.T) {
	r := manyToMany30(t).GraphQL(manyToManyDeep, nil)
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "the operation resolves more than 50000 fields") {
		t.Fatalf("errors %v", r.Errors)
	}
}

func BenchmarkManyToManyFieldLimit(b *testing.B) {
	e := manyToMany30(b)
	for b.Loop() {
		if r := e.GraphQL(manyToManyDeep, nil); len(r.Errors) == 0 {
			b.Fatal("not refused")
		}
	}
}
