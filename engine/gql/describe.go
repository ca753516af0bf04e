package gql

import (
	"encoding/json"
	"strings"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/vektah/gqlparser/v2/ast"
)

// The generated schema keeps what the user wrote for readers: descriptions
// and @deprecated, so that introspection (and the GraphQL tab's docs) show
// them; and it declares Fauna's own directives, as the schema Fauna's
// Playground showed did.

// faunaDirectives is the SDL of Fauna's directives, as the schema editor
// knows them (schema.FaunaDeclarations, without its scalars).
func faunaDirectives() string {
	var b strings.Builder
	for _, line := range strings.Split(schema.FaunaDeclarations(), "\n") {
		if strings.HasPrefix(line, "directive ") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// gqlString is s as a GraphQL string literal: JSON's escapes are GraphQL's.
func gqlString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// described is the description line of a user's definition, at indent;
// "" without one.
func described(desc, indent string) string {
	if desc == "" {
		return ""
	}
	return indent + gqlString(desc) + "\n"
}

// deprecatedDirective is the @deprecated of a user's field or enum value,
// with its reason, as written; "" without one.
func deprecatedDirective(dirs ast.DirectiveList) string {
	d := dirs.ForName("deprecated")
	if d == nil {
		return ""
	}
	if r := d.Arguments.ForName("reason"); r != nil && r.Value != nil && r.Value.Kind == ast.StringValue {
		return " @deprecated(reason: " + gqlString(r.Value.Raw) + ")"
	}
	return " @deprecated"
}

// userDef is the user's definition of a type the model names.
func (a *API) userDef(name string) *ast.Definition {
	return a.Model.Doc.Definitions.ForName(name)
}

// userField is the user's definition of field of type typ (nil if none).
func (a *API) userField(typ, field string) *ast.FieldDefinition {
	if d := a.userDef(typ); d != nil {
		return d.Fields.ForName(field)
	}
	return nil
}

// fieldLine is a generated field line of type typ: the user's description
// before it, the user's @deprecated after it.
func (a *API) fieldLine(typ, field, line string) string {
	fd := a.userField(typ, field)
	if fd == nil {
		return "  " + line + "\n"
	}
	return described(fd.Description, "  ") + "  " + line + deprecatedDirective(fd.Directives) + "\n"
}

// typeHeader is the description of the user's type typ, before its
// definition.
func (a *API) typeHeader(typ string) string {
	if d := a.userDef(typ); d != nil {
		return described(d.Description, "")
	}
	return ""
}
