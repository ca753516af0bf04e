package store

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine/schema"
)

func productModel() *schema.Model {
	return &schema.Model{Collections: []*schema.Collection{{Name: "Product",
		Fields: []*schema.Field{{Name: "name"}, {Name: "price"}, {Name: "category"}},
		Indexes: []*schema.Index{
			{Name: "byCategory", Terms: []string{"category"}, Values: []schema.IndexValue{{Field: "price", Desc: true}, {Field: "name"}}},
			{Name: "sortedByPrice", Values: []schema.IndexValue{{Field: "price"}}},
			{Name: "uniqueName", Terms: []string{"name"}, Unique: true, Constraint: true},
		}}}}
}

func names(t *testing.T, db *DB, index string, terms []any, r Range) string {
	t.Helper()
	var got []string
	err := db.Update(func(tx *Tx) error {
		return tx.LookupRange("Product", index, terms, r, func(d *Doc) (bool, error) {
			got = append(got, fmt.Sprint(d.Data.Get("name")))
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, " ")
}

func TestIndexValuesOrderAndRanges(t *testing.T) {
	db := Open(productModel(), fixedClock())
	products := []struct {
		name, cat string
		price     any
	}{{"pizza", "food", int64(499)}, {"cups", "home", int64(698)}, {"limes", "food", 2.5}, {"avocados", "food", int64(399)},
		{"bananas", "food", int64(399)}, {"donkey", "home", nil}, {"candle", "home", int64(-3)}}
	err := db.Update(func(tx *Tx) error {
		for _, p := range products {
			data := map[string]any{"name": p.name, "category": p.cat}
			if p.price != nil {
				data["price"] = p.price
			}
			if _, err := tx.Create("Product", "", NewFields(data)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		index string
		terms []any
		r     Range
		want  string
	}{
		{"sortedByPrice", nil, Range{}, "candle limes avocados bananas pizza cups donkey"},
		{"sortedByPrice", nil, Range{From: []any{int64(399)}}, "avocados bananas pizza cups donkey"},
		{"sortedByPrice", nil, Range{From: []any{2.5}, To: []any{int64(499)}}, "limes avocados bananas pizza"},
		{"sortedByPrice", nil, Range{To: []any{int64(399)}}, "candle limes avocados bananas"},
		{"sortedByPrice", nil, Range{From: []any{int64(500)}, To: []any{int64(400)}}, ""},
		// desc(.price), then .name: ties on price go by name.
		{"byCategory", []any{"food"}, Range{}, "pizza avocados bananas limes"},
		{"byCategory", []any{"food"}, Range{From: []any{int64(399)}}, "avocados bananas limes"},
		{"byCategory", []any{"food"}, Range{From: []any{int64(399), "b"}, To: []any{int64(399), "z"}}, "bananas"},
		{"byCategory", []any{"home"}, Range{}, "donkey cups candle"}, // null is last ascending, first descending, as in order()
		{"uniqueName", []any{"limes"}, Range{}, "limes"},
	} {
		if got := names(t, db, c.index, c.terms, c.r); got != c.want {
			t.Errorf("%s(%v, %+v) = %q, want %q", c.index, c.terms, c.r, got, c.want)
		}
	}
	err = db.Update(func(tx *Tx) error {
		_, err := tx.Create("Product", "", NewFields(map[string]any{"name": "limes"}))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "unique") {
		t.Errorf("a second %q: %v", "limes", err)
	}
}

// SortKey must order values as FQL does (value.Compare, tested against
// this order in package value); here: within and across kinds.
func TestSortKeyOrder(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ordered := []any{math.Inf(-1), int64(math.MinInt64), -2.5, int64(-1), 0.0, int64(1), 1.5, int64(1 << 53), int64(1<<53 + 1), math.Inf(1), math.NaN(),
		"", "a", "a\x00", "ab", "b", false, true,
		Date{t0}, Date{t0.AddDate(0, 0, 1)}, t0.Add(-time.Nanosecond), t0, t0.Add(time.Nanosecond),
		Ref{"A", "9"}, Ref{"A", "10"}, Ref{"B", "1"},
		[]any{}, []any{int64(1)}, []any{int64(1), "a"}, []any{int64(2)},
		map[string]any{"a": int64(1)}, nil}
	for _, desc := range []bool{false, true} {
		keys := make([]string, len(ordered))
		for i, v := range ordered {
			keys[i] = SortKey(v, desc)
		}
		sorted := sort.SliceIsSorted(keys, func(i, j int) bool { return keys[i] < keys[j] != desc })
		if !sorted {
			t.Errorf("desc=%v: keys out of order", desc)
		}
		for i := 1; i < len(keys); i++ {
			if keys[i] == keys[i-1] {
				t.Errorf("desc=%v: %v and %v have the same key", desc, ordered[i-1], ordered[i])
			}
		}
	}
	if SortKey(int64(0), false) != SortKey(math.Copysign(0, -1), false) || SortKey(int64(3), false) != SortKey(3.0, false) {
		t.Error("equal numbers must have equal keys")
	}
}

// TestSameEntryMeansSameKeys: where putAt tells from two documents' fields
// that an index entry stays, the keys it would have built are the same,
// and the terms it writes without building them are the built ones.
func TestSameEntryMeansSameKeys(t *testing.T) {
	ix := &schema.Index{Name: "byX", Terms: []string{"x"}, Values: []schema.IndexValue{{Field: "y"}}}
	scalars := []any{nil, true, false, int64(0), int64(1), 0.0, math.Copysign(0, -1), 1.0, 1.5,
		"", "a", "A", "a\"b", "é", "<", Ref{"User", "1"}, Ref{"User", "2"},
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), []any{"a"}, map[string]any{"k": "v"}}
	for _, a := range scalars {
		for _, b := range scalars {
			old := NewFields(map[string]any{"x": a, "y": b})
			for _, c := range scalars {
				data := NewFields(map[string]any{"x": c, "y": b})
				if sameEntry(ix, old, data) {
					if termsKey(ix, old) != termsKey(ix, data) || valuesKey(ix, old) != valuesKey(ix, data) {
						t.Errorf("same entry for x=%#v and x=%#v, but the keys differ", a, c)
					}
				} else if a == nil && c == nil && sameScalar(b, b) {
					t.Errorf("two null terms told apart")
				}
			}
		}
		var direct, built bytes.Buffer
		if writeStringTerm(&direct, ix, NewFields(map[string]any{"x": a})) {
			writeString(&built, termsKey(ix, NewFields(map[string]any{"x": a})))
			if direct.String() != built.String() {
				t.Errorf("terms of %#v written %s, built %s", a, direct.String(), built.String())
			}
		} else if s, ok := a.(string); ok && plainText(s) {
			t.Errorf("plain text %q not written directly", s)
		}
	}
}
