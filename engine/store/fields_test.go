package store

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand"
	"reflect"
	"slices"
	"testing"
)

// TestFieldsFollowAMap: random sets and deletes, on Fields and on a map side
// by side, through clones of shared and unshared shapes, leave the same
// fields, in sorted order, and encode to the same JSON; a clone never
// changes what it was cloned from.
func TestFieldsFollowAMap(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "@x", "z"}
	db := Open(testModel(), fixedClock())
	for round := 0; round < 200; round++ {
		m := map[string]any{}
		for _, k := range names[:rng.Intn(len(names))] {
			m[k] = int64(rng.Intn(10))
		}
		f := NewFields(m)
		if rng.Intn(2) == 0 {
			db.intern(f) // as the store holds it: shared, never changed
		}
		before := f.Map()
		c := f.Clone()
		for op := 0; op < 12; op++ {
			k := names[rng.Intn(len(names))]
			if rng.Intn(3) == 0 {
				c.Delete(k)
				delete(m, k)
			} else {
				v := int64(rng.Intn(100))
				c.Set(k, v)
				m[k] = v
			}
		}
		if !reflect.DeepEqual(c.Map(), m) {
			t.Fatalf("round %d: fields %v, map %v", round, c.Map(), m)
		}
		if want := slices.Sorted(maps.Keys(m)); !slices.Equal(c.Keys(), want) {
			t.Fatalf("round %d: keys %v, want %v", round, c.Keys(), want)
		}
		for k, v := range m {
			if got, ok := c.Lookup(k); !ok || got != v {
				t.Fatalf("round %d: Lookup(%q) = %v %v, want %v", round, k, got, ok, v)
			}
		}
		if _, ok := c.Lookup("absent"); ok {
			t.Fatalf("round %d: found a field never set", round)
		}
		if !reflect.DeepEqual(f.Map(), before) {
			t.Fatalf("round %d: the clone changed its original: %v, was %v", round, f.Map(), before)
		}
		var fromFields, fromMap bytes.Buffer
		if err := encodeFields(&fromFields, c); err != nil {
			t.Fatal(err)
		}
		if err := encode(&fromMap, m); err != nil {
			t.Fatal(err)
		}
		if fromFields.String() != fromMap.String() {
			t.Fatalf("round %d: JSON %s, a map's %s", round, fromFields.String(), fromMap.String())
		}
	}
}

// TestDocumentsShareTheirShape: documents written or read with the same
// field names hold one list of them; other names get their own.
func TestDocumentsShareTheirShape(t *testing.T) {
	db := Open(testModel(), fixedClock())
	var docs []*Doc
	err := db.Update(func(tx *Tx) error {
		for i, m := range []map[string]any{
			{"name": "a", "email": "a@x"},
			{"email": "b@x", "name": "b"},
			{"name": "c"},
			{"name": "d", "email": "d@x"},
		} {
			d, err := tx.Create("User", fmt.Sprint(100+i), NewFields(m))
			if err != nil {
				return err
			}
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Data.shape != docs[1].Data.shape || docs[0].Data.shape != docs[3].Data.shape {
		t.Errorf("documents of the same fields hold their own names")
	}
	if docs[0].Data.shape == docs[2].Data.shape {
		t.Errorf("documents of other fields share a shape")
	}
	db.dropKept() // read again from the JSON
	db.Update(func(tx *Tx) error {
		d, err := tx.Get("User", docs[1].ID)
		if err != nil || d == nil {
			t.Fatalf("get: %v %v", d, err)
		}
		if d.Data.shape != docs[0].Data.shape {
			t.Errorf("a document decoded again does not share the shape written")
		}
		return nil
	})
}

// A document's data of up to 8 fields is one object: cloning one (what an
// update does) allocates once, and decoding or building one holds its
// values in the same allocation as the Fields.
func TestSmallFieldsAreOneAllocation(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 8} {
		f := FieldsSized(n)
		for i := range n {
			f.Set(fmt.Sprintf("f%d", i), int64(i))
		}
		f.shape.shared = true // as the store's interned shapes are
		if a := testing.AllocsPerRun(100, func() { _ = f.Clone() }); a != 1 {
			t.Errorf("Clone of %d fields: %v allocations, want 1", n, a)
		}
		if c := withRoom(n); cap(c.vals) < n || cap(c.vals) > 2*n {
			t.Errorf("withRoom(%d): room for %d", n, cap(c.vals))
		}
	}
}
