package value

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// testCtx is a Context over a real store transaction.
type testCtx struct {
	tx    *store.Tx
	model *schema.Model
	hints []string
}

func (c *testCtx) Tx() *store.Tx        { return c.tx }
func (c *testCtx) Model() *schema.Model { return c.model }
func (c *testCtx) Pos() diag.Pos        { return diag.Pos{Line: 1, Column: 1} }
func (c *testCtx) Compute(int) error    { return nil }
func (c *testCtx) Hint(h string)        { c.hints = append(c.hints, h) }

func withCtx(t *testing.T, sdl string, fn func(ctx *testCtx)) {
	t.Helper()
	m := schema.Parse(sdl)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors)
	}
	db := store.Open(m, func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) })
	if err := db.Update(func(tx *store.Tx) error { fn(&testCtx{tx: tx, model: m}); return nil }); err != nil {
		t.Fatal(err)
	}
}

func obj(kv ...any) *Object {
	o := NewObject()
	for i := 0; i < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1].(Value))
	}
	return o
}

func TestEqualAndCompare(t *testing.T) {
	cases := []struct {
		a, b  Value
		equal bool
		cmp   int
	}{
		{Int(1), Double(1), true, 0},
		{Int(1), Int(2), false, -1},
		{String("b"), String("a"), false, 1},
		{Null{}, Null{}, true, 0},
		{Null{}, &NullDoc{Coll: "User", ID: "1"}, true, 0},
		{Int(1), String("1"), false, -1},
		{Array{Int(1), String("x")}, Array{Double(1), String("x")}, true, 0},
		{obj("a", Int(1)), obj("a", Int(1)), true, 0},
		{obj("a", Int(1)), obj("a", Int(2)), false, 0},
		{Bool(false), Bool(true), false, -1},
		{Time{time.Unix(1, 0)}, Time{time.Unix(2, 0)}, false, -1},
	}
	for _, c := range cases {
		if got := Equal(c.a, c.b); got != c.equal {
			t.Errorf("Equal(%s, %s) = %v", Show(c.a), Show(c.b), got)
		}
		if got := Compare(c.a, c.b); got != c.cmp {
			t.Errorf("Compare(%s, %s) = %d, want %d", Show(c.a), Show(c.b), got, c.cmp)
		}
	}
}

func TestRenderings(t *testing.T) {
	withCtx(t, `type User { name: String! tags: [String!] }`, func(ctx *testCtx) {
		u, err := collectionOf(ctx, "User").create(ctx, obj("name", String("Ann"), "tags", Array{String("a")}))
		if err != nil {
			t.Fatal(err)
		}
		text, err := ToFQL(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		want := `{ id: "` + u.(*Document).ID + `", coll: User, ts: Time("2026-01-01T00:00:00Z"), name: "Ann", tags: ["a"] }`
		if len(want) <= lineWidth {
			t.Fatalf("test wants a line longer than %d", lineWidth)
		}
		if text == want {
			t.Errorf("a long document should break over lines: %s", text)
		}
		j, _ := ToJSON(ctx, u)
		b, _ := json.Marshal(j)
		if got := string(b); got != `{"id":"`+u.(*Document).ID+`","coll":"User","ts":"2026-01-01T00:00:00Z","name":"Ann","tags":["a"]}` {
			t.Errorf("JSON %s", got)
		}
		short, _ := ToFQL(ctx, obj("a", Int(1), "b c", Array{Double(2), Null{}, String("x")}))
		if short != `{ a: 1, "b c": [2.0, null, "x"] }` {
			t.Errorf("short object: %s", short)
		}
		page, _ := ToFQL(ctx, &SeqSet{From: 0, Until: 20})
		if page != `{ data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], after: "16" }` {
			t.Errorf("set page: %s", page)
		}
		if s := Show(&NullDoc{Coll: "User", ID: "9", Reason: "not found"}); s != `User("9") /* not found */` {
			t.Errorf("null doc: %s", s)
		}
	})
}

func collectionOf(ctx *testCtx, name string) *Collection {
	return &Collection{Def: ctx.model.Collection(name)}
}

func TestStoreRoundTrip(t *testing.T) {
	withCtx(t, `type User { name: String! }`, func(ctx *testCtx) {
		in := obj("i", Int(3), "d", Double(1.5), "s", String("x"), "b", Bool(true),
			"t", Time{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}, "day", Date{time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
			"arr", Array{Int(1), obj("k", String("v"))})
		s, err := ToStore(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		out, err := FromStore(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if !Equal(in, out) {
			t.Errorf("round trip: %s -> %s", Show(in), Show(out))
		}
		if _, err := ToStore(ctx, &SeqSet{Until: 1}); err == nil {
			t.Error("a Set must not be storable")
		}
	})
}

func TestWherePlansAnIndex(t *testing.T) {
	withCtx(t, `type User { name: String! email: String! @unique }`, func(ctx *testCtx) {
		c := collectionOf(ctx, "User")
		set, err := c.where(ctx, fakePred{terms: map[string]Value{"email": String("a")}}, "where")
		if err != nil {
			t.Fatal(err)
		}
		if ds, ok := set.(*DocSet); !ok || ds.Index != "byEmail" {
			t.Errorf("where(.email == …) = %#v, want a lookup of byEmail", set)
		}
		// Fauna scanned for where() even so: the hint says so and names the call.
		if len(ctx.hints) != 1 || !strings.Contains(ctx.hints[0], "collection_scan") || !strings.Contains(ctx.hints[0], `User.byEmail("a")`) {
			t.Errorf("where(.email == …) hints %v, want collection_scan naming User.byEmail(\"a\")", ctx.hints)
		}
		set, _ = c.where(ctx, fakePred{terms: map[string]Value{"name": String("a")}}, "where")
		if _, ok := set.(*FilterSet); !ok || len(ctx.hints) != 2 || !strings.Contains(ctx.hints[1], "no index has the terms [.name]") {
			t.Errorf("where(.name == …) = %#v, hints %v; want a scan with a hint", set, ctx.hints)
		}
	})
}

type fakePred struct{ terms map[string]Value }

func (fakePred) Type() string { return "Function" }
func (fakePred) Arity() int   { return 1 }
func (p fakePred) Call(ctx Context, args []Value) (Value, error) {
	return Bool(true), nil
}
func (p fakePred) EqualityTerms(Context) (map[string]Value, bool, error) { return p.terms, true, nil }
