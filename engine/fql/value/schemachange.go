package value

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fsl"
	"github.com/faunaplay/playground/engine/schema"
)

// A definition written by a query (Collection.create, a definition's
// update, replace or delete) becomes FSL and is read by the FSL reader, so
// a collection made in FQL is checked exactly as one written in the schema
// editor. The new model waits in the transaction (store.Tx.ChangeSchema).

// definitionKeys are the fields of a Collection document a query may write.
var definitionKeys = map[string]bool{
	"name": true, "fields": true, "computed_fields": true, "indexes": true, "constraints": true,
	"wildcard": true, "history_days": true, "ttl_days": true, "document_ttls": true,
	"alias": true, "migrations": true, "data": true,
}

// changeDefinition creates (old nil), updates (merge) or replaces the
// definition of a collection, and returns the new definition.
func changeDefinition(ctx Context, old *schema.Collection, arg Value, merge bool) (Value, error) {
	obj, ok := arg.(*Object)
	if !ok {
		return nil, typeError(ctx, "Object", arg)
	}
	if old != nil {
		// An earlier change in this query may have redefined it already:
		// this one builds on that.
		if cur := ctx.Tx().Model().Collection(old.Name); cur != nil {
			old = cur
		}
	}
	def := obj
	if old != nil && merge {
		def = mergeDefinition(definitionObject(ctx, old), obj)
	} else if old != nil {
		if _, named := obj.Lookup("name"); !named {
			def = mergeDefinition(NewObject(), obj)
			def.Set("name", String(old.Name))
		}
	}
	for _, k := range def.Keys {
		if !definitionKeys[k] && k != "coll" && k != "ts" {
			return nil, argError(ctx, "a collection definition has no field `%s` (fields: %s)", diag.Clip(k), strings.Join(sortedKeySet(definitionKeys), ", "))
		}
	}
	name, ok := def.Get("name").(String)
	if !ok || !schema.IsIdentifier(string(name)) {
		return nil, argError(ctx, "a collection needs a `name`: a String that is an identifier, such as \"Product\"")
	}
	m := ctx.Tx().Model()
	if old != nil && string(name) != old.Name {
		return nil, argError(ctx, "renaming a collection (%s to %s) is not supported here: create %s and copy the documents", old.Name, name, name)
	}
	if string(name) != nameOf(old) && (m.Collection(string(name)) != nil || reservedName(ctx, string(name))) {
		return nil, diag.Errorf(diag.ConstraintFailure, ctx.Pos(), "Failed to %s Collection: the name `%s` is taken.", verbOf(old), name)
	}
	text, err := definitionFSL(ctx, def)
	if err != nil {
		return nil, err
	}
	next, c, err := withCollection(m, old, text)
	if err != nil {
		return nil, diag.Errorf(diag.InvalidSchema, ctx.Pos(), "Failed to %s Collection `%s`: %s", verbOf(old), name, err)
	}
	ctx.Tx().ChangeSchema(next, ctx.Pos())
	return &CollectionDef{Def: c}, nil
}

func nameOf(c *schema.Collection) string {
	if c == nil {
		return ""
	}
	return c.Name
}

func verbOf(old *schema.Collection) string {
	if old == nil {
		return "create"
	}
	return "update"
}

// reservedName is a global of FQL (Time, Math, Collection…), which a
// collection cannot shadow.
func reservedName(ctx Context, name string) bool {
	_, ok := schemaFreeGlobals()[name]
	return ok
}

// schemaFreeGlobals are FQL's globals without any schema's names (its
// modules, Collection and Function among them), made once.
var schemaFreeGlobals = sync.OnceValue(func() map[string]Value { return Globals(nil) })

// mergeDefinition is Fauna's update of a definition: a top-level object
// (fields, indexes…) merges key by key, anything else replaces, and null
// removes.
func mergeDefinition(cur, change *Object) *Object {
	out := NewObject()
	for _, k := range cur.Keys {
		out.Set(k, cur.Get(k))
	}
	for _, k := range change.Keys {
		v := change.Get(k)
		if IsNull(v) {
			out.Delete(k)
			continue
		}
		if co, ok := v.(*Object); ok {
			if oo, ok := out.Get(k).(*Object); ok {
				out.Set(k, mergeDefinition(oo, co))
				continue
			}
		}
		out.Set(k, v)
	}
	return out
}

// withCollection reads the FSL of one collection together with the FSL of
// every other collection as the model writes it, so references resolve
// and relations are recognised across them, and returns the model with it
// in place of old. A collection whose FSL the change leaves as it was
// keeps its definition (and so its data and indexes, untouched at commit).
func withCollection(m *schema.Model, old *schema.Collection, text string) (*schema.Model, *schema.Collection, error) {
	var src strings.Builder
	src.WriteString(text)
	written := map[string]string{}
	for _, c := range m.Collections {
		if c != old {
			written[c.Name] = m.CollectionFSL(c)
			src.WriteString("\n" + written[c.Name])
		}
	}
	parsed := fsl.Parse(src.String())
	if len(parsed.Errors) > 0 {
		e := parsed.Errors[0]
		return nil, nil, fmt.Errorf("%s (at %d:%d of the definition written as FSL:\n%s)", e.Message, e.Line, e.Column, text)
	}
	next := *m
	next.Collections = nil
	changed := map[string]bool{}
	var made *schema.Collection
	for _, c := range parsed.Collections {
		if prev := m.Collection(c.Name); prev != nil && prev != old && sameFSL(parsed.CollectionFSL(c), written[c.Name]) {
			next.Collections = append(next.Collections, prev)
			continue
		}
		changed[c.Name] = true
		next.Collections = append(next.Collections, c)
		if strings.HasPrefix(text, "collection "+c.Name+" ") {
			made = c
		}
	}
	if made == nil {
		return nil, nil, fmt.Errorf("the definition made no collection")
	}
	if old != nil {
		changed[old.Name] = true
	}
	next.Relations = nil
	for _, r := range m.Relations {
		if !changed[r.From.Type] && !changed[r.To.Type] && !changed[r.Collection] {
			next.Relations = append(next.Relations, r)
		}
	}
	for _, r := range parsed.Relations {
		if changed[r.From.Type] || changed[r.To.Type] || changed[r.Collection] {
			next.Relations = append(next.Relations, r)
		}
	}
	sort.Slice(next.Relations, func(i, j int) bool { return next.Relations[i].Name < next.Relations[j].Name })
	return &next, made, nil
}

// sameFSL compares two collections' FSL leaving out comment lines (the
// FSL of a GraphQL schema notes the Query field an index serves).
func sameFSL(a, b string) bool {
	strip := func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "//") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	return strip(a) == strip(b)
}

// replaceCollection is a copy of m with made in place of old (nil: added;
// made nil: old removed), and without old's relations.
func replaceCollection(m *schema.Model, old, made *schema.Collection) *schema.Model {
	next := *m
	next.Collections = replaced(m.Collections, old, made, func(c *schema.Collection) string { return c.Name })
	next.Relations = nil
	for _, r := range m.Relations {
		if old == nil || (r.From.Type != old.Name && r.To.Type != old.Name && r.Collection != old.Name) {
			next.Relations = append(next.Relations, r)
		}
	}
	return &next
}

// replaced is list without old and with made (when not nil), by name: a
// schema's collections or functions after a change.
func replaced[T any](list []*T, old, made *T, name func(*T) string) []*T {
	var out []*T
	for _, x := range list {
		if x != old {
			out = append(out, x)
		}
	}
	if made != nil {
		out = append(out, made)
	}
	sort.Slice(out, func(i, j int) bool { return name(out[i]) < name(out[j]) })
	return out
}

// deleteDefinition removes a collection and its documents (at commit).
func deleteDefinition(ctx Context, c *schema.Collection) (Value, error) {
	m := ctx.Tx().Model()
	name := c.Name
	if c = m.Collection(name); c == nil {
		return nil, diag.Errorf(diag.DocumentNotFound, ctx.Pos(), "Collection `%s` was deleted in this query.", name)
	}
	for _, o := range m.Collections {
		if o == c {
			continue
		}
		for _, f := range o.Fields {
			if f.Target == c.Name || (f.Via != nil && f.Via.Collection == c.Name) {
				return nil, diag.Errorf(diag.ConstraintFailure, ctx.Pos(),
					"Failed to delete Collection `%s`: field `%s` of collection `%s` refers to it; change that first.", c.Name, f.Name, o.Name)
			}
		}
	}
	def := &CollectionDef{Def: c}
	shown := def.Display(ctx)
	ctx.Tx().ChangeSchema(replaceCollection(m, c, nil), ctx.Pos())
	return shown, nil
}

func sortedKeySet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
