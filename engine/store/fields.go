package store

import (
	"iter"
	"slices"
	"sort"
	"strings"
)

// Fields is a document's data: its top-level field names in sorted order
// (a shape, shared by every kept document with the same names) and their
// values beside them. A map of four fields took ~330 bytes and as many
// words for the collector to mark; here a document holds a slice of its
// values. Fields are a reference, as a map is: Set and Delete change
// what every holder sees, and what the store holds (a Doc's Data, or what
// a write handed it) is never changed; Clone before changing it. A nil
// *Fields reads as empty. Nested objects stay map[string]any.
type Fields struct {
	shape *shape
	vals  []any
}

// A shape is a sorted list of distinct field names. A shared one (held by
// a DB's registry) never changes; one that is not belongs to the Fields
// that made it, which may grow it in place.
type shape struct {
	keys   []string
	tagged bool // a key starts with "@": the JSON wraps the object in @object
	shared bool
}

// NewFields holds m's fields (m itself is not kept).
func NewFields(m map[string]any) *Fields {
	f := withRoom(len(m))
	f.shape = &shape{keys: make([]string, 0, len(m))}
	for k := range m {
		f.shape.keys = append(f.shape.keys, k)
	}
	slices.Sort(f.shape.keys)
	for _, k := range f.shape.keys {
		f.vals = append(f.vals, m[k])
		f.shape.tagged = f.shape.tagged || strings.HasPrefix(k, "@")
	}
	return f
}

// FieldsSized is an empty Fields with room for n fields.
func FieldsSized(n int) *Fields {
	f := withRoom(n)
	f.shape = &shape{keys: make([]string, 0, n)}
	return f
}

// withRoom is a Fields with no shape and room for n values: for up to 8,
// in the same allocation, sized to a size class of Go's allocator (a
// document's data is most of what the store keeps; one object, not two, is
// less for the collector to mark).
func withRoom(n int) *Fields {
	switch {
	case n <= 1:
		return new(fieldsRoom1).fields()
	case n <= 2:
		return new(fieldsRoom2).fields()
	case n <= 3:
		return new(fieldsRoom3).fields()
	case n <= 4:
		return new(fieldsRoom4).fields()
	case n <= 6:
		return new(fieldsRoom6).fields()
	case n <= 8:
		return new(fieldsRoom8).fields()
	}
	return &Fields{vals: make([]any, 0, n)}
}

// A fieldsRoomN is a Fields and the room for its n values.
type (
	fieldsRoom1 struct {
		f Fields
		v [1]any
	}
	fieldsRoom2 struct {
		f Fields
		v [2]any
	}
	fieldsRoom3 struct {
		f Fields
		v [3]any
	}
	fieldsRoom4 struct {
		f Fields
		v [4]any
	}
	fieldsRoom6 struct {
		f Fields
		v [6]any
	}
	fieldsRoom8 struct {
		f Fields
		v [8]any
	}
)

func (r *fieldsRoom1) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }
func (r *fieldsRoom2) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }
func (r *fieldsRoom3) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }
func (r *fieldsRoom4) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }
func (r *fieldsRoom6) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }
func (r *fieldsRoom8) fields() *Fields { r.f.vals = r.v[:0]; return &r.f }

// Len is the number of fields.
func (f *Fields) Len() int {
	if f == nil {
		return 0
	}
	return len(f.vals)
}

// Keys are the field names in sorted order; the caller must not change them.
func (f *Fields) Keys() []string {
	if f == nil || f.shape == nil {
		return nil
	}
	return f.shape.keys
}

// find is the place of k among the keys, and whether it is there.
func (f *Fields) find(k string) (int, bool) {
	if f == nil || f.shape == nil {
		return 0, false
	}
	keys := f.shape.keys
	if len(keys) <= 8 { // most documents: equal strings are told by length first
		for i, have := range keys {
			if have == k {
				return i, true
			}
		}
		return sort.SearchStrings(keys, k), false
	}
	return slices.BinarySearch(keys, k)
}

// Lookup is the value of field k, and whether there is one.
func (f *Fields) Lookup(k string) (any, bool) {
	if i, ok := f.find(k); ok {
		return f.vals[i], true
	}
	return nil, false
}

// Get is the value of field k, nil when there is none.
func (f *Fields) Get(k string) any {
	v, _ := f.Lookup(k)
	return v
}

// All visits the fields in key order.
func (f *Fields) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		for i, k := range f.Keys() {
			if !yield(k, f.vals[i]) {
				return
			}
		}
	}
}

// Map is a new map of the fields.
func (f *Fields) Map() map[string]any {
	m := make(map[string]any, f.Len())
	for i, k := range f.Keys() {
		m[k] = f.vals[i]
	}
	return m
}

// Clone is a copy that can be changed without changing f: the values are
// copied (one allocation), a shared shape is shared.
func (f *Fields) Clone() *Fields {
	if f == nil || f.shape == nil {
		return FieldsSized(0)
	}
	c := withRoom(len(f.vals))
	c.shape, c.vals = f.shape, append(c.vals, f.vals...)
	if !f.shape.shared {
		c.shape = &shape{keys: slices.Clone(f.shape.keys), tagged: f.shape.tagged}
	}
	return c
}

// own makes f's shape its own to change.
func (f *Fields) own() {
	if f.shape == nil {
		f.shape = &shape{}
	} else if f.shape.shared {
		f.shape = &shape{keys: slices.Clone(f.shape.keys), tagged: f.shape.tagged}
	}
}

// Set sets field k to v.
func (f *Fields) Set(k string, v any) {
	i, ok := f.find(k)
	if ok {
		f.vals[i] = v
		return
	}
	f.own()
	f.shape.keys = slices.Insert(f.shape.keys, i, k)
	f.vals = slices.Insert(f.vals, i, v)
	f.shape.tagged = f.shape.tagged || strings.HasPrefix(k, "@")
}

// Delete removes field k.
func (f *Fields) Delete(k string) {
	i, ok := f.find(k)
	if !ok {
		return
	}
	f.own()
	f.shape.keys = slices.Delete(f.shape.keys, i, i+1)
	f.vals = slices.Delete(f.vals, i, i+1)
	f.shape.tagged = slices.ContainsFunc(f.shape.keys, func(k string) bool { return strings.HasPrefix(k, "@") })
}

// maxShapes bounds a database's registry of shapes: past it, a document
// of a new shape keeps its own.
const maxShapes = 4096

// intern gives f the database's shape of its keys, so that documents of
// the same fields hold one list of names.
func (db *DB) intern(f *Fields) {
	s := f.shape
	if s == nil || s.shared {
		return
	}
	if l := db.lastShape; l != nil && slices.Equal(l.keys, s.keys) {
		f.shape = l
		return
	}
	k := strings.Join(s.keys, "\x00")
	if got := db.shapes[k]; got != nil && slices.Equal(got.keys, s.keys) {
		f.shape = got
	} else if got == nil && len(db.shapes) < maxShapes {
		s.shared = true
		db.shapes[k] = s
	} else {
		return
	}
	db.lastShape = f.shape
}
