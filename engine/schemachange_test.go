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

// Collection.create beside a GraphQL schema leaves its collections, their
// relations and the GraphQL API as they were.
func TestCollectionCreateBesideGraphQL(t *testing.T) {
	e := engine.NewWithClock(fixedClock())
	sdl := `type User { name: String! email: String! @unique videos: [Video!] @relation }
type Video { title: String! author: User! tags: [Tag!] @relation }
type Tag { label: String! videos: [Video!] @relation }
type Query { videosByTitle(title: String!): [Video!] }`
	before := e.SetSchema(sdl)
	if len(before.Errors) > 0 {
		t.Fatal(before.Errors)
	}
	kept := map[string]any{}
	for _, c := range e.Model().Collections {
		kept[c.Name] = c
	}
	res := e.Query(`Collection.create({ name: "Note", fields: { text: { signature: "String" }, about: { signature: "Ref<Video>?" } } })`)
	if res.Error != nil {
		t.Fatal(res.Text)
	}
	for _, c := range e.Model().Collections {
		if k, ok := kept[c.Name]; ok && k != any(c) {
			t.Errorf("collection %s was redefined: its FSL read back differs", c.Name)
		}
	}
	after := e.Report()
	if len(after.Collections) != len(before.Collections)+1 || len(after.Relations) != len(before.Relations)+1 {
		t.Fatalf("collections %d -> %d, relations %d -> %d", len(before.Collections), len(after.Collections), len(before.Relations), len(after.Relations))
	}
	for i, r := range before.Relations {
		found := false
		for _, a := range after.Relations {
			found = found || a.Name == r.Name && a.Cardinality == r.Cardinality
		}
		if !found {
			t.Errorf("relation %d %s (%s) lost: %+v", i, r.Name, r.Cardinality, after.Relations)
		}
	}
	g := e.GraphQL(`mutation { createUser(data: { name: "a", email: "a@x", videos: { create: [{ title: "v" }] } }) { videos { data { title author { name } } } } }`, nil)
	if len(g.Errors) > 0 {
		t.Fatalf("GraphQL after Collection.create: %v", g.Errors)
	}
	if r := e.Query(`Note.create({ text: "hi", about: Video.all().first() }).about.title`); r.Error != nil || r.Text != `"v"` {
		t.Errorf("the new collection: %s", r.Text)
	}
}

// Changing one side of a relation keeps the relation as the whole schema
// recognises it, and a rename is refused rather than losing the documents.
func TestDefinitionUpdateKeepsRelations(t *testing.T) {
	e := engine.NewWithClock(fixedClock())
	r := e.SetSchemaAs(`collection User {
  name: String
  compute videos: Set<Video> = (user => Video.where(.author == user))
}
collection Video {
  title: String
  author: Ref<User>
}`, "fsl")
	if len(r.Errors) > 0 || len(r.Relations) != 1 {
		t.Fatalf("%+v", r)
	}
	if q := e.Query(`Video.create({ title: "v", author: User.create({ name: "u" }) }); Video.definition.update({ fields: { duration: { signature: "Int?" } } })`); q.Error != nil {
		t.Fatal(q.Text)
	}
	rel := e.Report().Relations
	if len(rel) != 1 || rel[0].Cardinality != "one-to-many" || rel[0].From.Field != "videos" {
		t.Errorf("relations after the update: %+v", rel)
	}
	if q := e.Query(`[User.all().first()!.videos.count(), Video.all().first()!.title]`); q.Text != `[1, "v"]` {
		t.Errorf("data after the update: %s", q.Text)
	}
	if q := e.Query(`Video.definition.update({ name: "Clip" })`); q.Error == nil || q.Error.Code != "invalid_argument" {
		t.Errorf("rename: %+v", q)
	}
}
