package store

import (
	"slices"
	"testing"
)

func TestKeys(t *testing.T) {
	cases := []struct {
		name string
		m    map[string]any
		want []string
	}{
		{"no order: sorted", map[string]any{"b": 1, "a": 2}, []string{"a", "b"}},
		{"order kept", map[string]any{"b": 1, "a": 2, KeyOrder: []any{"b", "a"}}, []string{"b", "a"}},
		{"removed key skipped, added key last", map[string]any{"c": 1, "a": 2, "d": 3, KeyOrder: []any{"c", "b", "a"}}, []string{"c", "a", "d"}},
		{"empty", map[string]any{}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Keys(c.m); !slices.Equal(got, c.want) {
				t.Errorf("Keys(%v) = %v, want %v", c.m, got, c.want)
			}
		})
	}
}
