package gql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2/ast"
)

// resolver answers a field with @resolver(name:) by calling that
// user-defined function, as Fauna's GraphQL API did: the field's arguments
// in the order declared, the result a document, a list of them (a page
// with paginated: true) or a plain value.
func (x *executor) resolver(r *ast.Directive, fd *ast.FieldDefinition, f *ast.Field, args map[string]any, path ast.Path) (any, error) {
	name := f.Name
	if a := r.Arguments.ForName("name"); a != nil && a.Value != nil && a.Value.Raw != "" {
		name = a.Value.Raw
	}
	if x.api.Resolve == nil {
		return nil, fail(f, path, "%s uses @resolver(name: %q); no user-defined function can run here", f.Name, name)
	}
	in := make([]any, len(fd.Arguments))
	for i, a := range fd.Arguments {
		in[i] = args[a.Name]
	}
	out, err := x.api.Resolve(x.tx, name, in)
	if err != nil {
		var d *diag.Error
		if errors.As(err, &d) {
			msg := d.Message
			if d.Code != diag.InvalidArgument || !strings.HasPrefix(msg, "there is no function") {
				msg += fmt.Sprintf(" (in the function %s that %s resolves with)", name, f.Name)
			}
			e := fail(f, path, "%s", msg)
			e.Extensions = map[string]any{"code": d.Code}
			return nil, e
		}
		return nil, err
	}
	switch v := out.(type) {
	case *store.Doc:
		if x.api.byType[fd.Type.Name()] == nil {
			return nil, fail(f, path, "the function %s returned a %s document, but %s is not a collection type", name, v.Coll, fd.Type.Name())
		}
		return x.object(v, f, path)
	case []*store.Doc:
		if pagedResolver(fd) {
			return x.page(v, f, args, path)
		}
		items := []any{}
		for i, d := range v {
			ip := append(append(ast.Path{}, path...), ast.PathIndex(i))
			o, err := x.object(d, f, ip)
			if o, err = x.listElem(o, err, f, ip); err != nil {
				return nil, err
			}
			items = append(items, o)
		}
		return items, nil
	case []any:
		if pagedResolver(fd) {
			return x.plainPage(v, f)
		}
	}
	return out, nil
}

// plainPage is a paginated resolver's list of scalars as its page type
// (StringPage): the whole list on one page.
func (x *executor) plainPage(items []any, f *ast.Field) (any, error) {
	out := &ordered.Object{}
	typeName := f.Definition.Type.Name()
	for _, sf := range collect(x.api.Schema, f.SelectionSet, typeName, x.vars) {
		switch sf.Name {
		case "__typename":
			out.Set(sf.Alias, typeName)
		case "data":
			out.Set(sf.Alias, items)
		case "after", "before":
			out.Set(sf.Alias, nil)
		}
	}
	return out, nil
}
