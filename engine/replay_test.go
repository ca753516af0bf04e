package engine_test

import (
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

const replaySchema = `type User { name: String! email: String! @unique }`

// TestSetSchemaKeepsDataWhenTheDatabaseIsTheSame: a comment or spacing
// changes nothing the database is made of, so the data stays; a field added
// changes it, so the data is emptied (the page replays its runs then). A
// schema with errors is not applied: the database stays as it was.
func TestSetSchemaKeepsDataWhenTheDatabaseIsTheSame(t *testing.T) {
	cases := []struct {
		name, next string
		kept       bool
	}{
		{"comment", "# a note\n" + replaySchema, true},
		{"spacing", "type User {\n  name: String!\n  email: String! @unique\n}\n", true},
		{"same text", replaySchema, true},
		{"field added", `type User { name: String! email: String! @unique age: Int }`, false},
		{"unique dropped", `type User { name: String! email: String! }`, false},
		{"errors", `type User { name: Strin }`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := engine.New()
			e.SetSchema(replaySchema)
			if r := e.Query(`User.create({ name: "a", email: "a@x" })`); r.Error != nil {
				t.Fatal(r.Error)
			}
			rep := e.SetSchema(c.next)
			if rep.DataKept != c.kept {
				t.Fatalf("data_kept = %v, want %v", rep.DataKept, c.kept)
			}
			want := "0"
			if c.kept {
				want = "1"
			}
			r := e.Query(`User.all().count()`)
			if r.Error != nil || r.Text != want {
				t.Fatalf("count = %s (%v), want %s", r.Text, r.Error, want)
			}
		})
	}
}

// TestATypoLosesNothing: while the schema text has errors, queries run on
// the schema in force and its data (Fauna refuses a schema it cannot
// read); the text as it was before the typo is the same database again,
// and only a schema without errors that differs replaces it.
func TestATypoLosesNothing(t *testing.T) {
	e := engine.New()
	e.SetSchema(replaySchema)
	if r := e.Query(`User.create({ name: "a", email: "a@x" })`); r.Error != nil {
		t.Fatal(r.Error)
	}
	steps := []struct {
		schema string
		errors bool
		kept   bool
		count  string // User.all().count() after it; "" for an error
	}{
		{replaySchema + "\nx", true, true, "1"},
		{`type User { name: String! email: String! @unique age: In }`, true, true, "1"},
		{replaySchema, false, true, "1"},
		{replaySchema + "\ntype", true, true, "1"},
		{`type Video { title: String! }`, false, false, ""},
	}
	for i, s := range steps {
		rep := e.SetSchema(s.schema)
		if got := len(rep.Errors) > 0; got != s.errors {
			t.Fatalf("step %d: errors %v, want %v", i, rep.Errors, s.errors)
		}
		if rep.DataKept != s.kept {
			t.Fatalf("step %d: data_kept = %v, want %v", i, rep.DataKept, s.kept)
		}
		r := e.Query(`User.all().count()`)
		if s.count == "" {
			if r.Error == nil {
				t.Fatalf("step %d: User is gone from the schema, yet count = %s", i, r.Text)
			}
			continue
		}
		if r.Error != nil || r.Text != s.count {
			t.Fatalf("step %d: count = %s (%v), want %s", i, r.Text, r.Error, s.count)
		}
		// the GraphQL API is the schema in force's too
		if g := e.GraphQL(`{ findUserByID(id: "1") { name } }`, nil); len(g.Errors) > 0 {
			t.Fatalf("step %d: %v", i, g.Errors)
		}
	}
}

// TestReplay rebuilds data from the runs that wrote it, against a new
// schema: runs that no longer apply say why, the others go on.
func TestReplay(t *testing.T) {
	e := engine.New()
	e.SetSchema(`type User { name: String! email: String! @unique } type Video { title: String! author: User }`)
	runs := []engine.Run{
		{Op: "query", FQL: `User.create({ name: "Jane", email: "jane@x" })`},
		{Op: "query", FQL: `Video.create({ title: "Intro", author: User.byEmail("jane@x").first() })`},
		{Op: "graphql", Query: `mutation($n: String!) { createUser(data: { name: $n, email: "bob@x" }) { _id } }`, Variables: map[string]any{"n": "Bob"}},
		{Op: "nonsense"},
		{Op: "graphql", Query: `query A { __typename } mutation B { createUser(data: { name: "Cy", email: "cy@x" }) { _id } }`, OperationName: "B"},
		{Op: "query", FQL: `User.all().count()`, Result: true},
	}
	// The new schema has no Video: the second run no longer applies.
	e.SetSchema(`type User { name: String! email: String! @unique age: Int }`)
	res := e.Replay(runs, time.Minute)
	if len(res.Outcomes) != 6 {
		t.Fatalf("outcomes: %+v", res.Outcomes)
	}
	want := []bool{true, false, true, false, true, true}
	for i, o := range res.Outcomes {
		if o.OK != want[i] {
			t.Errorf("run %d: ok = %v (%+v), want %v", i, o.OK, o, want[i])
		}
	}
	if o := res.Outcomes[1]; o.Code == "" || o.Message == "" || o.Line == 0 {
		t.Errorf("a run that no longer applies says why, where: %+v", o)
	}
	if o := res.Outcomes[0]; o.WriteOps != 1 {
		t.Errorf("write_ops = %d, want 1", o.WriteOps)
	}
	if o := res.Outcomes[2]; o.WriteOps != 1 {
		t.Errorf("GraphQL write_ops = %d, want 1", o.WriteOps)
	}
	if o := res.Outcomes[4]; o.WriteOps != 1 {
		t.Errorf("the named operation B: write_ops = %d (%+v), want 1", o.WriteOps, o)
	}
	if r, ok := res.Outcomes[5].Result.(engine.QueryResult); !ok || r.Text != "3" {
		t.Errorf("the run that asked for its result: %#v", res.Outcomes[5].Result)
	}
	if res.Outcomes[0].Result != nil {
		t.Errorf("a run that did not ask has no result: %#v", res.Outcomes[0].Result)
	}
	if r := e.Query(`User.all().map(.name).toArray()`); r.Text != `["Jane", "Bob", "Cy"]` {
		t.Errorf("users after replay: %s %v", r.Text, r.Error)
	}
}

// TestReplayBudget: a replay stops after the run that used its budget (at
// least one runs), so the caller can show progress between calls.
func TestReplayBudget(t *testing.T) {
	e := engine.New()
	e.SetSchema(replaySchema)
	runs := make([]engine.Run, 5)
	for i := range runs {
		runs[i] = engine.Run{Op: "query", FQL: `Set.sequence(0, 2000).toArray().length`}
	}
	if n := len(e.Replay(runs, 0).Outcomes); n != 1 {
		t.Fatalf("a zero budget ran %d runs, want 1", n)
	}
	if n := len(e.Replay(runs, time.Hour).Outcomes); n != 5 {
		t.Fatalf("a long budget ran %d runs, want 5", n)
	}
}

// TestGraphQLStats: a GraphQL response carries what it cost in
// extensions.stats, as FQL results do; a rolled-back mutation wrote nothing.
func TestGraphQLStats(t *testing.T) {
	e := engine.New()
	e.SetSchema(replaySchema)
	r := e.GraphQL(`mutation { createUser(data: { name: "a", email: "a@x" }) { _id } }`, nil)
	if len(r.Errors) > 0 || r.Extensions == nil || r.Extensions.Stats.WriteOps != 1 {
		t.Fatalf("create: %+v %+v", r.Errors, r.Extensions)
	}
	r = e.GraphQL(`mutation { createUser(data: { name: "b", email: "a@x" }) { _id } }`, nil)
	if len(r.Errors) == 0 || r.Extensions == nil || r.Extensions.Stats.WriteOps != 0 {
		t.Fatalf("a refused create wrote nothing: %+v %+v", r.Errors, r.Extensions)
	}
	r = e.GraphQL(`{ findUserByID(id: "1") { name } }`, nil)
	if r.Extensions == nil || r.Extensions.Stats.QueryTimeMS < 0 {
		t.Fatalf("a query has stats: %+v", r.Extensions)
	}
}
