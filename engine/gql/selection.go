package gql

// Resolving a selection set over a document: its fields, the references
// and relations they follow, and how a stored value is rendered; which
// fields a selection asks for once fragments, @skip and @include apply.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2/ast"
)

// object resolves the selection of f on a document.
func (x *executor) object(d *store.Doc, f *ast.Field, path ast.Path) (any, error) {
	c := x.tx.Collection(d.Coll)
	out := &ordered.Object{}
	for _, sf := range collect(x.api.Schema, f.SelectionSet, c.Type, x.vars) {
		p := append(append(ast.Path{}, path...), ast.PathName(sf.Alias))
		if err := x.step(sf, p); err != nil {
			return nil, err
		}
		switch sf.Name {
		case "__typename":
			out.Set(sf.Alias, c.Type)
			continue
		case "_id":
			out.Set(sf.Alias, d.ID)
			continue
		case "_ts":
			out.Set(sf.Alias, d.TS.UnixMicro())
			continue
		}
		field := c.Field(sf.Name)
		v, err := x.field(d, field, sf, p)
		v, err = x.nonNull(v, err, sf, p, c.Type)
		if err != nil {
			return nil, err
		}
		out.Set(sf.Alias, v)
	}
	return out, nil
}

func (x *executor) field(d *store.Doc, field *schema.Field, f *ast.Field, path ast.Path) (any, error) {
	switch field.Kind {
	case schema.Computed:
		return x.computed(d, field, f, path)
	case schema.Ref:
		ref, ok := d.Data.Get(field.Name).(store.Ref)
		if !ok {
			return nil, nil
		}
		return x.deref(ref, f, path, f.Definition.Type.NonNull)
	case schema.RefList:
		refs, _ := d.Data.Get(field.Name).([]any)
		out := []any{}
		for i, r := range refs {
			ip := append(append(ast.Path{}, path...), ast.PathIndex(i))
			var o any
			var err error
			if ref, ok := r.(store.Ref); ok {
				o, err = x.deref(ref, f, ip, f.Definition.Type.Elem != nil && f.Definition.Type.Elem.NonNull)
			}
			o, err = x.listElem(o, err, f, ip)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, nil
	}
	return x.output(d.Data.Get(field.Name), f, path)
}

// deref reads the document a stored reference points to. One deleted
// since is null, as Fauna left it (no cascading delete: references to a
// deleted document stay); where the type is non-null, the error says why.
func (x *executor) deref(ref store.Ref, f *ast.Field, path ast.Path, nonNull bool) (any, error) {
	target, err := x.tx.Get(ref.Coll, ref.ID)
	if err != nil {
		return nil, err
	}
	if target == nil {
		if !nonNull {
			return nil, nil
		}
		parent := ""
		if f.ObjectDefinition != nil {
			parent = f.ObjectDefinition.Name + "."
		}
		x.errs = append(x.errs, fail(f, path, "Cannot return null for non-nullable field %s%s: it refers to %s %s, which was deleted (Fauna deletes no references to a deleted document)", parent, f.Name, ref.Coll, ref.ID))
		return nil, errNull
	}
	return x.object(target, f, path)
}

// computed reads the side of a relation that stores nothing.
func (x *executor) computed(d *store.Doc, field *schema.Field, f *ast.Field, path ast.Path) (any, error) {
	docs, err := x.related(d, field.Via)
	if err != nil {
		return nil, err
	}
	if field.Via.Single {
		if len(docs) == 0 {
			return nil, nil
		}
		return x.object(docs[0], f, path)
	}
	return x.page(docs, f, f.ArgumentMap(x.vars), path)
}

// related lists the documents a computed field reads.
func (x *executor) related(d *store.Doc, via *schema.Via) ([]*store.Doc, error) {
	var docs []*store.Doc
	err := x.tx.Lookup(via.Collection, via.Index, []any{d.Ref()}, func(row *store.Doc) (bool, error) {
		if via.Pick == "" {
			docs = append(docs, row)
			return true, nil
		}
		ref, ok := row.Data.Get(via.Pick).(store.Ref)
		if !ok {
			return true, nil
		}
		t, err := x.tx.Get(ref.Coll, ref.ID)
		if t != nil {
			docs = append(docs, t)
		}
		return true, err
	})
	return docs, err
}

// output renders a stored scalar, list or embedded value.
func (x *executor) output(v any, f *ast.Field, path ast.Path) (any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			ip := append(append(ast.Path{}, path...), ast.PathIndex(i))
			o, err := x.output(e, f, ip)
			o, err = x.listElem(o, err, f, ip)
			if err != nil {
				return nil, err
			}
			out[i] = o
		}
		return out, nil
	case map[string]any:
		out := &ordered.Object{}
		for _, sf := range collect(x.api.Schema, f.SelectionSet, f.Definition.Type.Name(), x.vars) {
			if sf.Name == "__typename" {
				out.Set(sf.Alias, f.Definition.Type.Name())
				continue
			}
			sp := append(append(ast.Path{}, path...), ast.PathName(sf.Alias))
			var o any
			var err error
			if ref, ok := v[sf.Name].(store.Ref); ok {
				o, err = x.deref(ref, sf, sp, sf.Definition != nil && sf.Definition.Type.NonNull)
			} else {
				o, err = x.output(v[sf.Name], sf, sp)
			}
			o, err = x.nonNull(o, err, sf, sp, f.Definition.Type.Name())
			if err != nil {
				return nil, err
			}
			out.Set(sf.Alias, o)
		}
		return out, nil
	case time.Time:
		// Fauna rendered a Time as yyyy-MM-ddTHH:mm:ss.SSSZ.
		return v.UTC().Format("2006-01-02T15:04:05.000Z"), nil
	case store.Date:
		return v.Format("2006-01-02"), nil
	case store.Ref:
		return v.ID, nil
	}
	return v, nil
}

// collect flattens fragments and inline fragments that apply to typeName,
// honouring @skip and @include, and merges the fields that share a response
// name (validation has checked they ask the same thing): their selections
// are answered together, in the place of the first.
func collect(s *ast.Schema, set ast.SelectionSet, typeName string, vars map[string]any) []*ast.Field {
	var out []*ast.Field
	at := map[string]int{}
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if !included(sel.Directives, vars) {
					continue
				}
				i, seen := at[sel.Alias]
				if !seen {
					at[sel.Alias] = len(out)
					out = append(out, sel)
					continue
				}
				merged := *out[i]
				merged.SelectionSet = append(append(ast.SelectionSet{}, out[i].SelectionSet...), sel.SelectionSet...)
				out[i] = &merged
			case *ast.InlineFragment:
				if included(sel.Directives, vars) && (sel.TypeCondition == "" || sel.TypeCondition == typeName) {
					walk(sel.SelectionSet)
				}
			case *ast.FragmentSpread:
				if included(sel.Directives, vars) && sel.Definition != nil &&
					(sel.Definition.TypeCondition == "" || sel.Definition.TypeCondition == typeName) {
					walk(sel.Definition.SelectionSet)
				}
			}
		}
	}
	walk(set)
	return out
}

func included(dirs ast.DirectiveList, vars map[string]any) bool {
	if d := dirs.ForName("skip"); d != nil {
		if b, _ := d.ArgumentMap(vars)["if"].(bool); b {
			return false
		}
	}
	if d := dirs.ForName("include"); d != nil {
		if b, _ := d.ArgumentMap(vars)["if"].(bool); !b {
			return false
		}
	}
	return true
}

// plain turns the values gqlparser's variable coercion may build ([]string
// for a single string given where a list is expected, typed maps) into the
// []any and map[string]any of decoded JSON, the only shapes the executor and
// the store read.
func plain(v any) any {
	switch v := v.(type) {
	case nil, string, bool, int64, float64:
		return v
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = plain(v[i])
		}
		return v
	case map[string]any:
		for k := range v {
			v[k] = plain(v[k])
		}
		return v
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = plain(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[fmt.Sprint(iter.Key().Interface())] = plain(iter.Value().Interface())
		}
		return out
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return plain(rv.Elem().Interface())
	}
	return v
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// asList accepts a single value where a list is expected, as 004 does
// (`disconnect: "2351…"`) and GraphQL's input coercion allows.
func asList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}
