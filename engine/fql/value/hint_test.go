package value

import (
	"strings"
	"testing"
)

func TestUnboundedDocs(t *testing.T) {
	docs := &DocSet{Coll: "T"}
	pred := NewBuiltin("p", 1, 1, func(Context, []Value) (Value, error) { return Bool(true), nil })
	cases := []struct {
		name string
		set  Value
		want bool
	}{
		{"all()", docs, true},
		{"where", &FilterSet{Src: docs, Pred: pred}, true},
		{"map", &MapSet{Src: docs, Fn: pred}, true},
		{"take(3)", &SliceSet{Src: docs, Take: 3}, false},
		{"take(100).map", &MapSet{Src: &SliceSet{Src: docs, Take: 100}, Fn: pred}, false},
		{"take(101)", &SliceSet{Src: docs, Take: 101}, true},
		{"drop(2)", &SliceSet{Src: docs, Drop: 2, Take: -1}, true},
		{"pageSize", &SizedSet{Src: docs, Size: 2}, true},
		{"concat(array)", &ConcatSet{A: &ArraySet{}, B: docs}, true},
		{"Set.sequence", &SeqSet{From: 0, Until: 1000}, false},
		{"toSet", &ArraySet{Elems: []Value{Int(1)}}, false},
		{"array", Array{Int(1)}, false},
	}
	for _, c := range cases {
		if got := unboundedDocs(c.set); got != c.want {
			t.Errorf("%s: unboundedDocs = %v, want %v", c.name, got, c.want)
		}
	}
}

// An eager method on a document set hints once; on a bounded one not.
func TestFullSetReadHint(t *testing.T) {
	withCtx(t, "type T { a: Int }", func(ctx *testCtx) {
		if _, err := setMethods["count"].fn(ctx, &DocSet{Coll: "T"}, nil); err != nil {
			t.Fatal(err)
		}
		if len(ctx.hints) != 1 {
			t.Fatalf("hints after count() on all(): %q", ctx.hints)
		}
		if _, err := setMethods["count"].fn(ctx, &SliceSet{Src: &DocSet{Coll: "T"}, Take: 5}, nil); err != nil {
			t.Fatal(err)
		}
		if len(ctx.hints) != 1 {
			t.Fatalf("count() on take(5) hinted: %q", ctx.hints)
		}
	})
}

func TestDistinct(t *testing.T) {
	withCtx(t, "type T { a: Int }", func(ctx *testCtx) {
		in := Array{Int(1), Double(1), String("1"), Null{}, Null{}, Array{Int(1)}, Array{Double(1)}, Bool(true), Int(2), Double(2.5), Double(2.5)}
		got, err := distinct(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if s := Show(Array(got)); s != `[1, "1", null, [1], true, 2, 2.5]` {
			t.Errorf("distinct = %s", s)
		}
	})
}

// Long strings and long keys are digested: distinct still keeps exactly the
// values that Equal tells apart (the slow path, pairwise), here strings and
// arrays past the 64 bytes that start digesting, differing in their last byte.
func TestDistinctOfLongValues(t *testing.T) {
	withCtx(t, "type T { a: Int }", func(ctx *testCtx) {
		long := strings.Repeat("x", 100)
		var in Array
		for i := 0; i < 3; i++ {
			for _, tail := range []string{"a", "b", "a"} {
				in = append(in, String(long+tail), Array{String(long + tail), Int(i % 2)}, Array{Int(i), String(strings.Repeat("y", 70) + tail)})
			}
		}
		got, err := distinct(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var want []Value
		for _, v := range in {
			seen := false
			for _, w := range want {
				if Equal(v, w) {
					seen = true
					break
				}
			}
			if !seen {
				want = append(want, v)
			}
		}
		if Show(Array(got)) != Show(Array(want)) {
			t.Errorf("distinct = %s\nwant %s", Show(Array(got)), Show(Array(want)))
		}
		if len(got) != 2+4+6 {
			t.Errorf("distinct kept %d values, want 12", len(got))
		}
	})
}
