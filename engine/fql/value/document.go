package value

import (
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// Document is a document of a collection as read in this query. Its
// store.Doc is what was read, shared with the store and never changed: its
// ID, TS and Data (the stored field values, store types; a reference in
// it is resolved when the field is read, not before). A write in its place
// skips reading it again. Holding the Doc, not a copy of its fields, makes
// a document value 48 bytes, not 96: a scan makes one per document.
type Document struct {
	Coll *schema.Collection
	*store.Doc

	// tx and writes say when Doc was read: a document value read before a
	// write in the same query reads its document again (FQL documents are
	// references: `u.update(…); u.name` sees the update).
	tx     *store.Tx
	writes int

	// Computed holds the FSL computed fields as the result shows them:
	// set by Materialize, which evaluates them once, inside the query.
	Computed *Object
}

// NullDoc is a reference to a document that does not exist (never did, or
// was deleted in this query). It is null to ==, and reading a field of it
// is document_not_found.
type NullDoc struct {
	Coll   string
	ID     string
	Reason string // "not found" or "deleted"
}

// NewDocument wraps a stored document.
func NewDocument(ctx Context, d *store.Doc) *Document {
	c := ctx.Tx().Collection(d.Coll)
	if c == nil {
		c = &schema.Collection{Name: d.Coll}
	}
	tx := ctx.Tx()
	return &Document{Coll: c, Doc: d, tx: tx, writes: tx.Writes}
}

// Refresh reads the document again when the query has written since it
// was read; gone is true when it has been deleted since.
func (d *Document) Refresh(ctx Context) (gone bool, err error) {
	tx := ctx.Tx()
	if d.tx != tx || tx == nil || tx.Writes == d.writes {
		return false, nil
	}
	cur, err := tx.Get(d.Coll.Name, d.ID)
	if err != nil {
		return false, wrapStore(ctx, err)
	}
	d.writes = tx.Writes
	if cur == nil {
		return true, nil
	}
	d.Doc = cur
	return false, nil
}

func (d *Document) Type() string { return d.Coll.Name }
func (n *NullDoc) Type() string  { return "NullDoc" }

// Ref is the store reference to d.
func (d *Document) Ref() store.Ref { return store.Ref{Coll: d.Coll.Name, ID: d.ID} }

var documentMethods = map[string]method{
	"exists": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		d := r.(*Document)
		cur, err := ctx.Tx().Get(d.Coll.Name, d.ID) // it may have been deleted since
		if err != nil {
			return nil, wrapStore(ctx, err)
		}
		return Bool(cur != nil), nil
	}},
	"update": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return r.(*Document).write(ctx, a[0], true, false)
	}},
	"replace": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return r.(*Document).write(ctx, a[0], false, false)
	}},
	// Fauna's updateData and replaceData: update and replace, except that a
	// field named as metadata (id, coll, ts, data) is not refused but kept
	// in the document's data field (document.updateData()).
	"updateData": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return r.(*Document).write(ctx, reservedIntoData(a[0]), true, true)
	}},
	"replaceData": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return r.(*Document).write(ctx, reservedIntoData(a[0]), false, true)
	}},
	"delete": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		d := r.(*Document)
		old, err := ctx.Tx().Delete(d.Coll.Name, d.ID)
		if err != nil {
			return nil, wrapStore(ctx, err)
		}
		if old == nil {
			return nil, notFound(ctx, d.Coll.Name, d.ID)
		}
		return &NullDoc{Coll: d.Coll.Name, ID: d.ID, Reason: "deleted"}, nil
	}},
}

// Attr reads id, ts, coll, a method, a computed field (through its index),
// or a stored field (resolving a reference).
func (d *Document) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "id":
		return String(d.ID), nil
	case "coll":
		return &Collection{Def: d.Coll}, nil
	}
	if m := lookup(documentMethods, name, d); m != nil {
		if _, stored := d.Data.Lookup(name); !stored {
			return m, nil
		}
	}
	gone, err := d.Refresh(ctx)
	if err != nil {
		return nil, err
	}
	if gone {
		return nil, diag.Errorf(diag.DocumentNotFound, ctx.Pos(), "Document %s(%q) was deleted.", d.Coll.Name, d.ID)
	}
	if name == "ts" {
		return Time{d.TS}, nil
	}
	if f := d.Coll.Field(name); f != nil && f.Kind == schema.Computed {
		if f.Via == nil && f.Compute != nil {
			return computeField(ctx, d, f)
		}
		return d.computed(ctx, f.Via)
	}
	if v, ok := d.Data.Lookup(name); ok {
		return FromStore(ctx, v)
	}
	if name == "data" {
		// Fauna's reserved data field: the document's own fields, unless
		// it stores one named data (updateData's metadata-named fields).
		o := NewObjectSized(d.Data.Len())
		if err := d.setFields(ctx, o); err != nil {
			return nil, err
		}
		return o, nil
	}
	return Null{}, nil
}

// HasField says whether name is a field of d: stored, or declared by its
// collection (a field it lacks reads null; a name it has no field for, called,
// is a method it does not have).
func (d *Document) HasField(name string) bool {
	_, stored := d.Data.Lookup(name)
	return stored || d.Coll.Field(name) != nil || name == "data"
}

func (d *Document) Index(ctx Context, key Value) (Value, error) {
	k, ok := key.(String)
	if !ok {
		return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "a document is indexed by a field name (String), got %s", TypeName(key))
	}
	return d.Attr(ctx, string(k))
}

// computed reads the side of a relation that stores nothing.
func (d *Document) computed(ctx Context, via *schema.Via) (Value, error) {
	rows := &DocSet{Coll: via.Collection, Index: via.Index, Terms: []any{d.Ref()}}
	var s Set = rows
	if via.Pick != "" {
		pick := via.Pick
		s = &MapSet{Src: rows, Fn: NewBuiltin("."+pick, 1, 1, func(ctx Context, a []Value) (Value, error) {
			return a[0].(*Document).Attr(ctx, pick)
		})}
	}
	if via.Single {
		return setMethods["first"].fn(ctx, s, nil)
	}
	return s, nil
}

func notFound(ctx Context, coll, id string) error {
	return diag.Errorf(diag.DocumentNotFound, ctx.Pos(), "Collection `%s` does not contain document with id %s.", coll, id)
}

func (n *NullDoc) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "id":
		return String(n.ID), nil
	case "coll":
		if c := ctx.Tx().Collection(n.Coll); c != nil {
			return &Collection{Def: c}, nil
		}
		return String(n.Coll), nil
	case "exists":
		return NewBuiltin("exists", 0, 0, func(Context, []Value) (Value, error) { return Bool(false), nil }), nil
	}
	if n.Reason == "deleted" {
		return nil, diag.Errorf(diag.DocumentNotFound, ctx.Pos(), "Document %s(%q) was deleted.", n.Coll, n.ID)
	}
	return nil, notFound(ctx, n.Coll, n.ID)
}

// reservedIntoData is an updateData/replaceData argument as update takes
// it: its fields named as metadata moved into a `data` object.
func reservedIntoData(arg Value) Value {
	obj, ok := arg.(*Object)
	if !ok {
		return arg
	}
	var nested *Object
	out := NewObjectSized(obj.Len())
	for _, k := range obj.Keys {
		switch k {
		case "id", "coll", "ts", "data":
			if nested == nil {
				nested = NewObject()
			}
			nested.Set(k, obj.Get(k))
		default:
			out.Set(k, obj.Get(k))
		}
	}
	if nested == nil {
		return obj
	}
	out.Set("data", nested)
	return out
}

// write updates (merge) or replaces the document's data; asData lets a
// `data` field through (updateData's), which update refuses as metadata.
func (d *Document) write(ctx Context, arg Value, merge, asData bool) (Value, error) {
	obj, ok := arg.(*Object)
	if !ok {
		return nil, typeError(ctx, "Object", arg)
	}
	tx := ctx.Tx()
	cur := d.Doc
	if d.tx != tx || d.writes != tx.Writes { // read before a write: read again
		var err error
		if cur, err = tx.Get(d.Coll.Name, d.ID); err != nil {
			return nil, wrapStore(ctx, err)
		}
		if cur == nil {
			return nil, notFound(ctx, d.Coll.Name, d.ID)
		}
	}
	var data *store.Fields
	if merge {
		data = cur.Data.Clone() // one allocation: the values beside the shared names
	} else {
		data = store.FieldsSized(obj.Len())
	}
	if err := checkData(ctx, d.Coll, obj, data, merge, "update", asData); err != nil {
		return nil, err
	}
	nd, err := tx.ReplaceRead(cur, data)
	if err != nil {
		return nil, wrapStore(ctx, err)
	}
	// The value is a reference: it reads the new state (as Refresh would),
	// and is the update's result.
	if c := tx.Collection(nd.Coll); c != nil {
		d.Coll = c
	}
	d.Doc, d.tx, d.writes = nd, tx, tx.Writes
	verb := "update"
	if !merge {
		verb = "replace"
	}
	return d, runChecks(ctx, d, verb)
}
