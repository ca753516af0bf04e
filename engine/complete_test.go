package engine_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/faunaplay/playground/engine"
)

// TestCompleteFollowsTheSchema: completion reads the engine's current
// schema, and a language it does not know is an empty list.
func TestCompleteFollowsTheSchema(t *testing.T) {
	e := engine.New()
	labels := func(r engine.CompletionResult) []string {
		var out []string
		for _, it := range r.Items {
			out = append(out, it.Label)
		}
		return out
	}
	if got := labels(e.Complete("fql", "", 0)); slices.Contains(got, "Car") {
		t.Errorf("no schema, yet %v", got)
	}
	e.SetSchema("type Car { plate: String! @unique }")
	cases := []struct {
		lang, src string
		offset    int
		want      string
	}{
		{"fql", "", 0, "Car"},
		{"fql", "Car.", 4, "byPlate"},
		{"fql", "Car.where(.", 11, "plate"},
		{"sdl", "type A { b: ", 12, "Long"},
	}
	for _, c := range cases {
		if got := labels(e.Complete(c.lang, c.src, c.offset)); !slices.Contains(got, c.want) {
			t.Errorf("Complete(%q, %q, %d) = %v, want %q among them", c.lang, c.src, c.offset, got, c.want)
		}
	}
	for _, c := range []struct {
		offset int
		want   string
	}{{1, `{"from":1,"to":1,"items":[]}`}, {-4, `{"from":0,"to":0,"items":[]}`}, {9, `{"from":1,"to":1,"items":[]}`}} {
		if b, _ := json.Marshal(e.Complete("graphql", "x", c.offset)); string(b) != c.want {
			t.Errorf("unknown language at %d: %s, want %s", c.offset, b, c.want)
		}
	}
	if h := e.Hover("fql", "Car.byPlate(\"x\")", 6); h.Signature != "byPlate(plate: String) => Set<Car>" {
		t.Errorf("hover = %+v", h)
	}
	if b, _ := json.Marshal(e.Hover("fql", "  ", 1)); string(b) != "{}" {
		t.Errorf("empty hover = %s", b)
	}
}
