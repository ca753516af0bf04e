package gql

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/vektah/gqlparser/v2"
)

// plain turns what gqlparser's variable coercion builds into decoded JSON.
func TestPlain(t *testing.T) {
	for _, c := range []struct {
		in, want any
	}{
		{[]string{"a"}, []any{"a"}},
		{map[string]any{"tags": []string{"x", "y"}, "n": int32(3)}, map[string]any{"tags": []any{"x", "y"}, "n": int64(3)}},
		{map[string]string{"k": "v"}, map[string]any{"k": "v"}},
		{json.Number("12"), int64(12)},
		{json.Number("1.5"), 1.5},
		{[]any{[]float32{1}}, []any{[]any{float64(1)}}},
		{nil, nil},
	} {
		if got := plain(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("plain(%#v) = %#v, want %#v", c.in, got, c.want)
		}
	}
}

// collect merges the fields that share a response name, in the place of the
// first, and keeps fields under different aliases apart.
func TestCollectMerges(t *testing.T) {
	a := New(schema.Parse("type User { name: String! age: Int }"))
	if a.Schema == nil {
		t.Fatal(a.err)
	}
	doc, errs := gqlparser.LoadQuery(a.Schema, `{
  u: findUserByID(id: "1") { name }
  v: findUserByID(id: "2") { age }
  ...F
}
fragment F on Query { u: findUserByID(id: "1") { age } }`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fields := collect(a.Schema, doc.Operations[0].SelectionSet, "Query", nil)
	if len(fields) != 2 || fields[0].Alias != "u" || fields[1].Alias != "v" {
		t.Fatalf("fields: %v", fields)
	}
	if n := len(fields[0].SelectionSet); n != 2 {
		t.Errorf("u merges 2 selections, got %d", n)
	}
}
