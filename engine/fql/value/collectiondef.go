package value

import (
	"sort"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// CollectionDef is a collection's definition as a document of the
// Collection system collection: the FQL form of its FSL schema
// (Product.definition, Collection.byName("Product")).
type CollectionDef struct{ Def *schema.Collection }

func (c *CollectionDef) Type() string { return "CollectionDef" }

// Displayer is a value shown as another value (a definition as the object
// Fauna printed for it).
type Displayer interface {
	Display(ctx Context) Value
}

// Display is the definition as Fauna printed it.
func (c *CollectionDef) Display(ctx Context) Value { return definitionObject(ctx, c.Def) }

var collectionDefMethods = map[string]method{
	"exists": {0, 0, func(Context, Value, []Value) (Value, error) { return Bool(true), nil }},
	"update": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return changeDefinition(ctx, r.(*CollectionDef).Def, a[0], true)
	}},
	"replace": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return changeDefinition(ctx, r.(*CollectionDef).Def, a[0], false)
	}},
	"delete": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return deleteDefinition(ctx, r.(*CollectionDef).Def)
	}},
}

func (c *CollectionDef) Attr(ctx Context, name string) (Value, error) {
	if m := lookup(collectionDefMethods, name, c); m != nil {
		return m, nil
	}
	o := definitionObject(ctx, c.Def)
	if v, ok := o.Lookup(name); ok {
		return v, nil
	}
	return Null{}, nil
}

// definitionObject is a collection's definition in the shape of Fauna's
// Collection documents: name, coll, ts, then the schema's parts.
func definitionObject(ctx Context, c *schema.Collection) *Object {
	o := NewObject()
	o.Set("name", String(c.Name))
	o.Set("coll", collectionModule)
	o.Set("ts", Time{ctx.Tx().SchemaTS(c.Name)})
	var hist int64
	if c.HistoryDays != nil {
		hist = *c.HistoryDays
	}
	o.Set("history_days", Int(hist))
	if c.TTLDays != nil {
		o.Set("ttl_days", Int(*c.TTLDays))
	}
	fields, computed := NewObject(), NewObject()
	for _, f := range c.Fields {
		if f.Kind == schema.Computed {
			cf := NewObject()
			cf.Set("body", String(schema.ComputedBody(f)))
			cf.Set("signature", String(schema.ComputedSignature(f)))
			computed.Set(f.Name, cf)
			continue
		}
		fo := NewObject()
		fo.Set("signature", String(ctx.Model().FieldSignature(f)))
		if f.Default != nil {
			fo.Set("default", String(f.Default.Src))
		}
		fields.Set(f.Name, fo)
	}
	if len(fields.Keys) > 0 {
		o.Set("fields", fields)
	}
	if c.Wildcard {
		o.Set("wildcard", String("Any"))
	}
	if len(computed.Keys) > 0 {
		o.Set("computed_fields", computed)
	}
	indexes := NewObject()
	var constraints Array
	for _, ix := range c.Indexes {
		if ix.Unique {
			u := NewObject()
			u.Set("unique", fieldList(ix.Terms))
			u.Set("status", String("active"))
			constraints = append(constraints, u)
		}
		if ix.Constraint {
			continue
		}
		io := NewObject()
		if len(ix.Terms) > 0 {
			io.Set("terms", fieldList(ix.Terms))
		}
		if len(ix.Values) > 0 {
			vals := make(Array, len(ix.Values))
			for i, v := range ix.Values {
				vo := NewObject()
				vo.Set("field", String("."+v.Field))
				order := "asc"
				if v.Desc {
					order = "desc"
				}
				vo.Set("order", String(order))
				vo.Set("mva", Bool(false))
				vals[i] = vo
			}
			io.Set("values", vals)
		}
		io.Set("queryable", Bool(true))
		io.Set("status", String("complete"))
		indexes.Set(ix.Name, io)
	}
	for _, ch := range c.Checks {
		co, body := NewObject(), NewObject()
		body.Set("name", String(ch.Name))
		body.Set("body", String(ch.Body.Src))
		co.Set("check", body)
		co.Set("status", String("active"))
		constraints = append(constraints, co)
	}
	if len(indexes.Keys) > 0 {
		o.Set("indexes", indexes)
	}
	if len(constraints) > 0 {
		o.Set("constraints", constraints)
	}
	return o
}

func fieldList(fields []string) Array {
	out := make(Array, len(fields))
	for i, f := range fields {
		fo := NewObject()
		fo.Set("field", String("."+f))
		fo.Set("mva", Bool(false))
		out[i] = fo
	}
	return out
}

// collectionModule is the global `Collection`: the Collection system
// collection. Collection("Product") is the collection itself.
var collectionModule *Module

func init() {
	collectionModule = &Module{
		Name: "Collection",
		Fn: &method{1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
			name, err := stringArg(ctx, a[0])
			if err != nil {
				return nil, err
			}
			c := ctx.Tx().Collection(name)
			if c == nil {
				return nil, diag.Errorf(diag.InvalidArgument, ctx.Pos(), "there is no collection `%s`", diag.Clip(name))
			}
			return &Collection{Def: c}, nil
		}},
		Methods: map[string]method{
			"all": {0, 0, func(ctx Context, _ Value, _ []Value) (Value, error) { return allDefinitions(ctx), nil }},
			"byName": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				name, err := stringArg(ctx, a[0])
				if err != nil {
					return nil, err
				}
				if c := ctx.Tx().Collection(name); c != nil {
					return &CollectionDef{Def: c}, nil
				}
				return &NullDoc{Coll: "Collection", ID: name, Reason: "not found"}, nil
			}},
			"where": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				return &FilterSet{Src: allDefinitions(ctx), Pred: a[0]}, nil
			}},
			"firstWhere": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				return seqMethods["first"].fn(ctx, &FilterSet{Src: allDefinitions(ctx), Pred: a[0]}, nil)
			}},
			"create": {1, 1, func(ctx Context, _ Value, a []Value) (Value, error) {
				return changeDefinition(ctx, nil, a[0], false)
			}},
		},
	}
}

// allDefinitions is the Collection collection: every definition, by name.
func allDefinitions(ctx Context) *ArraySet {
	names := ctx.Tx().Collections()
	sort.Strings(names)
	out := make([]Value, 0, len(names))
	for _, n := range names {
		out = append(out, &CollectionDef{Def: ctx.Tx().Collection(n)})
	}
	return &ArraySet{Elems: out}
}
