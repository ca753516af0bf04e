package ordered

import (
	"encoding/json"
	"testing"
)

func TestOrder(t *testing.T) {
	o := &Object{}
	o.Set("z", 1)
	o.Set("a", []any{"x", nil})
	o.Set("z", 2) // keeps its place
	inner := &Object{}
	inner.Set("b", true)
	o.Set("m", inner)
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"z":2,"a":["x",null],"m":{"b":true}}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
