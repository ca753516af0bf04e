package value

import "github.com/faunaplay/playground/engine/diag"

// Object is a struct-like value with keys in insertion order. Most objects
// are small (a create's or update's fields, a projection), so the values
// sit beside their keys in slices and a key is found by a scan; an index
// map is built only past smallObject keys.
type Object struct {
	// Keys are the keys in insertion order: read them, never change them
	// (the values are kept beside them, in the same order).
	Keys []string
	vals []Value
	at   map[string]int // a key's position, past smallObject keys
	// Stored is an object read from a document: its schema type may
	// declare fields it lacks, so `.missing` reads null rather than failing
	// as it does on an object written in the query.
	Stored bool
}

// smallObject is how many keys are found by scanning before an object
// builds its map: a scan of a few short strings is faster than hashing.
const smallObject = 8

// NewObject makes an empty object.
func NewObject() *Object { return &Object{} }

// NewObjectSized makes an empty object with room for n keys: for up to
// three, one allocation holds the object and its room (a create's or an
// update's fields, a small projection), not three.
func NewObjectSized(n int) *Object {
	switch n {
	case 1: // an update's `{ age: … }`: 96 bytes, not 160
		return new(objectRoom1).object()
	case 2:
		return new(objectRoom2).object()
	case 3:
		return new(objectRoom3).object()
	}
	return &Object{Keys: make([]string, 0, n), vals: make([]Value, 0, n)}
}

// An objectRoomN is an object and the room for its n keys and values, in
// one allocation.
type (
	objectRoom1 struct {
		o Object
		k [1]string
		v [1]Value
	}
	objectRoom2 struct {
		o Object
		k [2]string
		v [2]Value
	}
	objectRoom3 struct {
		o Object
		k [3]string
		v [3]Value
	}
)

func (r *objectRoom1) object() *Object { r.o.Keys, r.o.vals = r.k[:0], r.v[:0]; return &r.o }
func (r *objectRoom2) object() *Object { r.o.Keys, r.o.vals = r.k[:0], r.v[:0]; return &r.o }
func (r *objectRoom3) object() *Object { r.o.Keys, r.o.vals = r.k[:0], r.v[:0]; return &r.o }

// find is the position of k, or -1.
func (o *Object) find(k string) int {
	if o.at != nil {
		if i, ok := o.at[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range o.Keys {
		if key == k {
			return i
		}
	}
	return -1
}

// Set adds or replaces a key, keeping first-insertion order.
func (o *Object) Set(k string, v Value) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.Keys = append(o.Keys, k)
	o.vals = append(o.vals, v)
	switch {
	case o.at != nil:
		o.at[k] = len(o.Keys) - 1
	case len(o.Keys) > smallObject:
		o.index()
	}
}

func (o *Object) index() {
	o.at = make(map[string]int, len(o.Keys))
	for i, k := range o.Keys {
		o.at[k] = i
	}
}

// Delete removes a key.
func (o *Object) Delete(k string) {
	i := o.find(k)
	if i < 0 {
		return
	}
	// Copies, not shifts in place: a slice of Keys handed out stays as it was.
	o.Keys = append(o.Keys[:i:i], o.Keys[i+1:]...)
	o.vals = append(o.vals[:i:i], o.vals[i+1:]...)
	o.at = nil
	if len(o.Keys) > smallObject {
		o.index()
	}
}

// Len is the number of keys.
func (o *Object) Len() int { return len(o.Keys) }

// Get returns the value of k, or nil.
func (o *Object) Get(k string) Value {
	if i := o.find(k); i >= 0 {
		return o.vals[i]
	}
	return nil
}

// Lookup returns the value of k and whether the object has it.
func (o *Object) Lookup(k string) (Value, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return nil, false
}

// Map is the object's values by key (a new map).
func (o *Object) Map() map[string]Value {
	m := make(map[string]Value, len(o.Keys))
	for i, k := range o.Keys {
		m[k] = o.vals[i]
	}
	return m
}

func (*Object) Type() string { return "Object" }

// Attr reads a key; a missing key is null (FQL objects are open).
func (o *Object) Attr(ctx Context, name string) (Value, error) {
	if v, ok := o.Lookup(name); ok {
		return v, nil
	}
	return Null{}, nil
}

func (o *Object) Index(ctx Context, key Value) (Value, error) {
	k, ok := key.(String)
	if !ok {
		return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "an Object is indexed by a String, got %s", TypeName(key))
	}
	return o.Attr(ctx, string(k))
}

// asObject reads an Object argument; a document counts, as its fields
// (id, coll, ts, then the stored ones).
func asObject(ctx Context, v Value) (*Object, error) {
	switch v := v.(type) {
	case *Object:
		return v, nil
	case *Document:
		o := NewObject()
		for _, k := range []string{"id", "coll", "ts"} {
			f, err := v.Attr(ctx, k)
			if err != nil {
				return nil, err
			}
			o.Set(k, f)
		}
		if err := v.setFields(ctx, o); err != nil {
			return nil, err
		}
		return o, nil
	}
	return nil, typeError(ctx, "Object", v)
}

// setFields sets d's stored fields in o, in the order a document shows
// them (docKeys).
func (d *Document) setFields(ctx Context, o *Object) error {
	for _, k := range docKeys(d) {
		f, err := FromStore(ctx, d.Data.Get(k))
		if err != nil {
			return err
		}
		o.Set(k, f)
	}
	return nil
}

// pathArg reads the path of Object.select and Object.hasPath: an Array of
// keys (Strings) and indexes (Ints).
func pathArg(ctx Context, v Value) (Array, error) {
	p, ok := v.(Array)
	if !ok {
		return nil, typeError(ctx, "Array (a path)", v)
	}
	for _, k := range p {
		switch k.(type) {
		case String, Int:
		default:
			return nil, argError(ctx, "a path holds Strings and Ints, got %s", TypeName(k))
		}
	}
	return p, nil
}

// walk follows path from v; found is false when a step is missing.
func walk(ctx Context, v Value, path Array) (Value, bool, error) {
	for _, k := range path {
		switch k := k.(type) {
		case String:
			o, ok := v.(*Object)
			if d, isDoc := v.(*Document); isDoc {
				var err error
				if o, err = asObject(ctx, d); err != nil {
					return nil, false, err
				}
				ok = true
			}
			if !ok {
				return Null{}, false, nil
			}
			next, present := o.Lookup(string(k))
			if !present {
				return Null{}, false, nil
			}
			v = next
		case Int:
			arr, ok := v.(Array)
			if !ok || k < 0 || int(k) >= len(arr) {
				return Null{}, false, nil
			}
			v = arr[k]
		}
	}
	return v, true, nil
}

// objectModule is the global `Object`.
var objectModule = &Module{Name: "Object", Methods: map[string]method{
	"assign": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
		dst, err := asObject(ctx, a[0])
		if err != nil {
			return nil, err
		}
		src, err := asObject(ctx, a[1])
		if err != nil {
			return nil, err
		}
		out := NewObject()
		for _, k := range dst.Keys {
			out.Set(k, dst.Get(k))
		}
		for _, k := range src.Keys {
			out.Set(k, src.Get(k))
		}
		return out, nil
	}},
	"hasPath": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
		path, err := pathArg(ctx, a[1])
		if err != nil {
			return nil, err
		}
		_, found, err := walk(ctx, a[0], path)
		return Bool(found), err
	}},
	"select": {2, 2, func(ctx Context, _ Value, a []Value) (Value, error) {
		path, err := pathArg(ctx, a[1])
		if err != nil {
			return nil, err
		}
		v, _, err := walk(ctx, a[0], path)
		return v, err
	}},
	"toString": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) { return String(Show(a[0])), nil }},
	"keys": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		o, err := asObject(ctx, a[0])
		if err != nil {
			return nil, err
		}
		out := Array{}
		for _, k := range o.Keys {
			out = append(out, String(k))
		}
		return out, nil
	}},
	"values": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		o, err := asObject(ctx, a[0])
		if err != nil {
			return nil, err
		}
		out := Array{}
		for _, k := range o.Keys {
			out = append(out, o.Get(k))
		}
		return out, nil
	}},
	"entries": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		o, err := asObject(ctx, a[0])
		if err != nil {
			return nil, err
		}
		out := Array{}
		for _, k := range o.Keys {
			out = append(out, Array{String(k), o.Get(k)})
		}
		return out, nil
	}},
	"fromEntries": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
		arr, ok := a[0].(Array)
		if !ok {
			return nil, typeError(ctx, "Array", a[0])
		}
		o := NewObject()
		for _, e := range arr {
			pair, ok := e.(Array)
			if !ok || len(pair) != 2 {
				return nil, argError(ctx, "fromEntries takes an Array of [key, value] pairs")
			}
			k, ok := pair[0].(String)
			if !ok {
				return nil, typeError(ctx, "String key", pair[0])
			}
			o.Set(string(k), pair[1])
		}
		return o, nil
	}},
}}

// Module is a global namespace such as Math or Object, possibly callable
// (Time("…"), Date("…")).
type Module struct {
	Name    string
	Methods map[string]method
	Consts  map[string]Value
	Fn      *method // when the module itself is callable
}

func (m *Module) Type() string { return "Module" }

func (m *Module) Attr(ctx Context, name string) (Value, error) {
	if c, ok := m.Consts[name]; ok {
		return c, nil
	}
	if f, ok := m.Methods[name]; ok {
		return bind(m.Name+"."+name, m, f), nil
	}
	return nil, nil
}

func (m *Module) Arity() int {
	if m.Fn == nil {
		return 0
	}
	return m.Fn.max
}

func (m *Module) Call(ctx Context, args []Value) (Value, error) {
	if m.Fn == nil {
		return nil, diag.Errorf(diag.InvalidFunctionInvocation, ctx.Pos(), "`%s` is not a function", m.Name)
	}
	return bind(m.Name, m, *m.Fn).Call(ctx, args)
}
