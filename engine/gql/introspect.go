package gql

import (
	"maps"
	"slices"
	"strings"

	"github.com/faunaplay/playground/engine/ordered"
	"github.com/vektah/gqlparser/v2/ast"
)

// Introspection (__schema, __type) answered from the generated schema, as
// GraphQL clients and Fauna's GraphQL Playground ask it.

// meta is an object of the introspection types (__Schema, __Type, …): its
// type name and how to read its fields.
type meta struct {
	typ string
	get func(field string, args map[string]any) any
}

// resolveMeta completes the selection of f on an introspection value: a
// *meta, a list of them, or a scalar.
func (x *executor) resolveMeta(v any, f *ast.Field) any {
	switch v := v.(type) {
	case *meta:
		if v == nil {
			return nil
		}
		out := &ordered.Object{}
		for _, sf := range collect(x.api.Schema, f.SelectionSet, v.typ, x.vars) {
			if sf.Name == "__typename" {
				out.Set(sf.Alias, v.typ)
				continue
			}
			out.Set(sf.Alias, x.resolveMeta(v.get(sf.Name, sf.ArgumentMap(x.vars)), sf))
		}
		return out
	case []*meta:
		if v == nil {
			return nil
		}
		out := make([]any, len(v))
		for i, m := range v {
			out[i] = x.resolveMeta(m, f)
		}
		return out
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	}
	return v
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (a *API) metaSchema() *meta {
	s := a.Schema
	return &meta{typ: "__Schema", get: func(field string, _ map[string]any) any {
		switch field {
		case "types":
			names := slices.Sorted(maps.Keys(s.Types))
			out := make([]*meta, len(names))
			for i, n := range names {
				out[i] = a.metaType(s.Types[n])
			}
			return out
		case "queryType":
			return a.metaType(s.Query)
		case "mutationType":
			return a.metaType(s.Mutation)
		case "subscriptionType":
			return a.metaType(s.Subscription)
		case "directives":
			names := slices.Sorted(maps.Keys(s.Directives))
			out := make([]*meta, len(names))
			for i, n := range names {
				out[i] = a.metaDirective(s.Directives[n])
			}
			return out
		}
		return nil
	}}
}

// metaType is a named type; nil for a missing one.
func (a *API) metaType(def *ast.Definition) *meta {
	if def == nil {
		return nil
	}
	return &meta{typ: "__Type", get: func(field string, args map[string]any) any {
		deprecated, _ := args["includeDeprecated"].(bool)
		switch field {
		case "kind":
			return string(def.Kind)
		case "name":
			return def.Name
		case "description":
			return orNil(def.Description)
		case "fields":
			if def.Kind != ast.Object && def.Kind != ast.Interface {
				return []*meta(nil)
			}
			out := []*meta{}
			for _, fd := range def.Fields {
				if strings.HasPrefix(fd.Name, "__") || (!deprecated && fd.Directives.ForName("deprecated") != nil) {
					continue
				}
				out = append(out, a.metaField(fd))
			}
			return out
		case "interfaces":
			if def.Kind != ast.Object && def.Kind != ast.Interface {
				return []*meta(nil)
			}
			out := []*meta{}
			for _, n := range def.Interfaces {
				out = append(out, a.metaType(a.Schema.Types[n]))
			}
			return out
		case "possibleTypes":
			if def.Kind != ast.Interface && def.Kind != ast.Union {
				return []*meta(nil)
			}
			out := []*meta{}
			for _, p := range a.Schema.GetPossibleTypes(def) {
				out = append(out, a.metaType(p))
			}
			return out
		case "enumValues":
			if def.Kind != ast.Enum {
				return []*meta(nil)
			}
			out := []*meta{}
			for _, ev := range def.EnumValues {
				if !deprecated && ev.Directives.ForName("deprecated") != nil {
					continue
				}
				out = append(out, metaEnumValue(ev))
			}
			return out
		case "inputFields":
			if def.Kind != ast.InputObject {
				return []*meta(nil)
			}
			out := []*meta{}
			for _, fd := range def.Fields {
				out = append(out, a.metaInput(fd.Name, fd.Description, fd.Type, fd.DefaultValue, fd.Directives))
			}
			return out
		case "isOneOf":
			if def.Kind != ast.InputObject {
				return nil
			}
			return def.Directives.ForName("oneOf") != nil
		}
		return nil // ofType, specifiedByURL
	}}
}

// metaTypeRef is a type as written: NON_NULL and LIST wrap a named type.
func (a *API) metaTypeRef(t *ast.Type) *meta {
	if t == nil {
		return nil
	}
	if !t.NonNull && t.Elem == nil {
		return a.metaType(a.Schema.Types[t.NamedType])
	}
	return &meta{typ: "__Type", get: func(field string, _ map[string]any) any {
		switch field {
		case "kind":
			if t.NonNull {
				return "NON_NULL"
			}
			return "LIST"
		case "ofType":
			if t.NonNull {
				inner := *t
				inner.NonNull = false
				return a.metaTypeRef(&inner)
			}
			return a.metaTypeRef(t.Elem)
		case "fields", "interfaces", "possibleTypes", "enumValues", "inputFields":
			return []*meta(nil)
		}
		return nil
	}}
}

func (a *API) metaField(fd *ast.FieldDefinition) *meta {
	return &meta{typ: "__Field", get: func(field string, _ map[string]any) any {
		switch field {
		case "name":
			return fd.Name
		case "description":
			return orNil(fd.Description)
		case "args":
			out := []*meta{}
			for _, arg := range fd.Arguments {
				out = append(out, a.metaInput(arg.Name, arg.Description, arg.Type, arg.DefaultValue, arg.Directives))
			}
			return out
		case "type":
			return a.metaTypeRef(fd.Type)
		}
		return deprecation(fd.Directives, field)
	}}
}

func (a *API) metaInput(name, desc string, t *ast.Type, def *ast.Value, dirs ast.DirectiveList) *meta {
	return &meta{typ: "__InputValue", get: func(field string, _ map[string]any) any {
		switch field {
		case "name":
			return name
		case "description":
			return orNil(desc)
		case "type":
			return a.metaTypeRef(t)
		case "defaultValue":
			if def == nil {
				return nil
			}
			return def.String()
		}
		return deprecation(dirs, field)
	}}
}

func metaEnumValue(ev *ast.EnumValueDefinition) *meta {
	return &meta{typ: "__EnumValue", get: func(field string, _ map[string]any) any {
		switch field {
		case "name":
			return ev.Name
		case "description":
			return orNil(ev.Description)
		}
		return deprecation(ev.Directives, field)
	}}
}

// deprecation answers isDeprecated and deprecationReason.
func deprecation(dirs ast.DirectiveList, field string) any {
	d := dirs.ForName("deprecated")
	switch field {
	case "isDeprecated":
		return d != nil
	case "deprecationReason":
		if d == nil {
			return nil
		}
		if r := d.Arguments.ForName("reason"); r != nil && r.Value != nil {
			return r.Value.Raw
		}
		return "No longer supported"
	}
	return nil
}

func (a *API) metaDirective(d *ast.DirectiveDefinition) *meta {
	return &meta{typ: "__Directive", get: func(field string, _ map[string]any) any {
		switch field {
		case "name":
			return d.Name
		case "description":
			return orNil(d.Description)
		case "locations":
			out := make([]string, len(d.Locations))
			for i, l := range d.Locations {
				out[i] = string(l)
			}
			return out
		case "args":
			out := []*meta{}
			for _, arg := range d.Arguments {
				out = append(out, a.metaInput(arg.Name, arg.Description, arg.Type, arg.DefaultValue, arg.Directives))
			}
			return out
		case "isRepeatable":
			return d.IsRepeatable
		}
		return nil
	}}
}
