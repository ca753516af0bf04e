package engine_test

import (
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
)

// A collection made by a query is in the report the query returns, comes
// back when the journal is replayed, and goes with the data on Reset.
func TestSchemaChangedByQueries(t *testing.T) {
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema("collection User { name: String }"); len(r.Errors) > 0 || r.Language != "fsl" {
		t.Fatalf("schema: %+v", r)
	}
	create := `Collection.create({ name: "Video", fields: { title: { signature: "String" }, author: { signature: "Ref<User>" } } })`
	res := e.Query(create)
	if res.Error != nil || res.Schema == nil || len(res.Schema.Collections) != 2 || res.Stats.WriteOps != 1 {
		t.Fatalf("create: %+v", res)
	}
	if len(res.Schema.Relations) != 1 || res.Schema.Relations[0].From.Type != "Video" {
		t.Errorf("the new collection's reference is a relation: %+v", res.Schema.Relations)
	}
	if r := e.Query(`Video.create({ title: "a", author: User.create({ name: "u" }) }).title`); r.Error != nil || r.Schema != nil {
		t.Fatalf("using it: %+v", r)
	}
	e.Reset()
	if got := e.Report(); len(got.Collections) != 1 {
		t.Errorf("after Reset, the schema text's collections only: %+v", got.Collections)
	}
	if r := e.Query(`Video.all().count()`); r.Error == nil {
		t.Errorf("Video survived Reset: %+v", r)
	}
	rep := e.Replay([]engine.Run{{Op: "query", FQL: create}, {Op: "query", FQL: `Video.all().count()`}}, time.Second)
	if rep.Schema == nil || len(rep.Schema.Collections) != 2 || !rep.Outcomes[1].OK {
		t.Errorf("replay: %+v", rep)
	}
}
