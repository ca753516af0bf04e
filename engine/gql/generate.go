// Package gql owns the GraphQL API that a schema generates, as Fauna's
// GraphQL import generated it: the schema (types with _id and _ts, pages for
// to-many relations, inputs with create/connect/disconnect relation inputs,
// findXByID, create/update/delete mutations and partialUpdateX, the user's
// own Query fields),
// and the execution of validated operations over the store, one
// transaction per operation.
package gql

import (
	"fmt"
	"sort"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// API is the generated GraphQL API of one schema model.
type API struct {
	Model  *schema.Model
	Schema *ast.Schema
	SDL    string
	byType map[string]*schema.Collection // GraphQL type -> collection
	err    error
	errs   []*diag.Error // what makes the schema unfit for an API

	// Resolve runs the user-defined function a @resolver names; nil: the
	// API answers that no function can run.
	Resolve Resolver
}

// Resolver calls the user-defined function name with a field's arguments
// (in the order the field declares them) inside the operation's
// transaction. It returns a *store.Doc, a []*store.Doc, or a plain JSON
// value (nil, bool, int64, float64, string, []any, map[string]any).
type Resolver func(tx *store.Tx, name string, args []any) (any, error)

// New generates the API of a model. A model with errors has no API, nor
// has one whose type names clash with the names the API generates (Errors
// says where).
func New(m *schema.Model) *API {
	a := &API{Model: m, byType: map[string]*schema.Collection{}}
	if m == nil || len(m.Errors) > 0 {
		return a
	}
	for _, c := range m.Collections {
		if !c.Associative {
			a.byType[c.Type] = c
		}
	}
	if a.errs = a.clashes(); len(a.errs) > 0 {
		return a
	}
	if a.empty() {
		// No collection and no Query field of the user's: an API would
		// have a type Query without fields, which GraphQL forbids.
		return a
	}
	a.SDL = a.generate()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "generated.graphql", Input: a.SDL})
	if err != nil {
		a.err = fmt.Errorf("the generated GraphQL schema is invalid: %v", err)
		a.errs = []*diag.Error{diag.Errorf(diag.InvalidSchema, diag.Pos{Line: 1, Column: 1},
			"the GraphQL API this schema generates does not load: %v", err)}
		a.SDL = ""
		return a
	}
	// gqlparser's prelude declares @defer, which the executor does not
	// honour: not advertised, and refused in operations as unknown.
	delete(s.Directives, "defer")
	a.Schema = s
	return a
}

// NoAPIForFSL is what an operation answers when the schema is FSL.
const NoAPIForFSL = "an FSL schema has no GraphQL API: Fauna generated one only from GraphQL SDL (FSL's unions, Any and Number have no GraphQL type); query it in FQL, or write the schema in GraphQL SDL"

// NoCollections is what an operation answers when the schema declares no
// collection (an empty schema, or only enums, comments or @embedded types).
const NoCollections = "the schema has no collections yet: declare a type (for example `type User { name: String }`) to get a GraphQL API"

// empty reports whether the API would have nothing to query.
func (a *API) empty() bool {
	if len(a.collections()) > 0 {
		return false
	}
	q := a.Model.Doc.Definitions.ForName("Query")
	return q == nil || len(q.Fields) == 0
}

// Errors are the schema errors the API finds: a type named like one the
// API generates (Fauna refused such a schema at import). SetSchema reports
// them as the schema's errors.
func (a *API) Errors() []*diag.Error { return a.errs }

// clashes finds the schema's types that take a name the API generates.
func (a *API) clashes() []*diag.Error {
	generated := map[string]string{ // name -> what the API makes of it
		"Long": "Fauna's Long scalar", "Date": "Fauna's Date scalar", "Time": "Fauna's Time scalar",
	}
	inputs := map[string]string{} // names of generated input types
	for _, et := range a.Model.Embedded {
		inputs[et.Name+"Input"] = "the input of " + et.Name
		inputs[PartialInput(et.Name)] = "the partial update input of " + et.Name
	}
	for _, c := range a.collections() {
		generated[c.Type+"Page"] = "the page of " + c.Type
		inputs[c.Type+"Input"] = "the input of " + c.Type
		inputs[PartialInput(c.Type)] = "the partial update input of " + c.Type
		for _, f := range c.Fields {
			if f.Relation != nil {
				inputs[RelationInput(c.Type, f.Name)] = "the relation input of " + c.Type + "." + f.Name
			}
		}
	}
	var errs []*diag.Error
	for _, d := range a.Model.Doc.Definitions {
		what, clash := generated[d.Name]
		if !clash && d.Kind != ast.InputObject {
			// A user's input type may replace a generated input; any
			// other kind of type may not take its name.
			what, clash = inputs[d.Name]
		}
		if !clash || (d.Kind == ast.Scalar && (d.Name == "Long" || d.Name == "Date" || d.Name == "Time")) {
			continue // declaring Fauna's scalars is allowed
		}
		pos := diag.Pos{}
		if d.Position != nil {
			pos = diag.Pos{Line: d.Position.Line, Column: d.Position.Column}
		}
		errs = append(errs, diag.Errorf(diag.InvalidSchema, pos,
			"%s %s takes the name of %s in the GraphQL API; rename it", kindWord(d.Kind), d.Name, what))
	}
	return errs
}

// kindWord is the keyword that declares a kind of type.
func kindWord(k ast.DefinitionKind) string {
	switch k {
	case ast.Object:
		return "type"
	case ast.InputObject:
		return "input"
	}
	return strings.ToLower(string(k))
}

// argDefs writes arguments as declared, with their default values.
func argDefs(list ast.ArgumentDefinitionList) []string {
	var args []string
	for _, arg := range list {
		a := arg.Name + ": " + arg.Type.String()
		if arg.DefaultValue != nil {
			a += " = " + arg.DefaultValue.String()
		}
		args = append(args, a)
	}
	return args
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// RelationInput is the name of the input type for a relation field.
func RelationInput(typ, field string) string { return typ + upperFirst(field) + "Relation" }

func (a *API) generate() string {
	var b strings.Builder
	b.WriteString("scalar Long\nscalar Date\nscalar Time\n")
	b.WriteString(faunaDirectives())
	doc := a.Model.Doc
	// The user's input types win over generated ones of the same name (as
	// in Fauna, where a user's UserInput replaced the generated one).
	userInputs := map[string]bool{}
	// The user's enums, custom scalars and input types, as declared.
	for _, d := range doc.Definitions {
		switch {
		case d.Kind == ast.Enum:
			fmt.Fprintf(&b, "\n%senum %s {\n", described(d.Description, ""), d.Name)
			for _, v := range d.EnumValues {
				fmt.Fprintf(&b, "%s  %s%s\n", described(v.Description, "  "), v.Name, deprecatedDirective(v.Directives))
			}
			b.WriteString("}\n")
		case d.Kind == ast.Scalar && d.Name != "Long" && d.Name != "Date" && d.Name != "Time":
			fmt.Fprintf(&b, "\n%sscalar %s\n", described(d.Description, ""), d.Name)
		case d.Kind == ast.InputObject && !userInputs[d.Name]:
			userInputs[d.Name] = true
			fmt.Fprintf(&b, "\n%sinput %s {\n", described(d.Description, ""), d.Name)
			for _, f := range d.Fields {
				fmt.Fprintf(&b, "%s  %s: %s", described(f.Description, "  "), f.Name, f.Type)
				if f.DefaultValue != nil {
					fmt.Fprintf(&b, " = %s", f.DefaultValue)
				}
				b.WriteString("\n")
			}
			b.WriteString("}\n")
		}
	}
	// input writes a generated input type, unless the user declared it.
	input := func(name string, fields ...string) {
		if userInputs[name] {
			return
		}
		fmt.Fprintf(&b, "\ninput %s {\n", name)
		for _, f := range fields {
			b.WriteString("  " + f + "\n")
		}
		b.WriteString("}\n")
	}
	fieldsOf := func(fields []*schema.Field, typeOf func(*schema.Field) string) []string {
		out := make([]string, len(fields))
		for i, f := range fields {
			out[i] = f.Name + ": " + typeOf(f)
		}
		return out
	}
	for _, et := range a.Model.Embedded {
		fmt.Fprintf(&b, "\n%stype %s {\n", a.typeHeader(et.Name), et.Name)
		for _, f := range et.Fields {
			b.WriteString(a.fieldLine(et.Name, f.Name, f.Name+": "+f.Type))
		}
		b.WriteString("}\n")
		input(et.Name+"Input", fieldsOf(et.Fields, a.inputType)...)
		input(PartialInput(et.Name), fieldsOf(et.Fields, a.partialInputType)...)
	}
	var pages []string
	for _, c := range a.collections() {
		fmt.Fprintf(&b, "\n%stype %s {\n  _id: ID!\n  _ts: Long!\n", a.typeHeader(c.Type), c.Type)
		for _, f := range c.Fields {
			if f.Kind == schema.Computed && f.List {
				b.WriteString(a.fieldLine(c.Type, f.Name, fmt.Sprintf("%s(_size: Int, _cursor: String): %sPage!", f.Name, f.Elem)))
				pages = append(pages, f.Elem)
				continue
			}
			b.WriteString(a.fieldLine(c.Type, f.Name, f.Name+": "+f.Type))
		}
		b.WriteString("}\n")
		input(c.Type+"Input", fieldsOf(c.Fields, a.inputType)...)
		input(PartialInput(c.Type), fieldsOf(c.Fields, a.partialInputType)...)
		for _, f := range c.Fields {
			switch {
			case f.Relation == nil:
			case f.List:
				input(RelationInput(c.Type, f.Name), "create: ["+f.Elem+"Input]", "connect: [ID]", "disconnect: [ID]")
			default:
				input(RelationInput(c.Type, f.Name), "create: "+f.Elem+"Input", "connect: ID", "disconnect: Boolean")
			}
		}
	}
	for _, c := range a.collections() {
		pages = append(pages, c.Type)
	}
	// A paginated resolver's list of scalars, enums or embedded objects
	// gets its page type too, as Fauna generated one.
	for _, root := range []string{"Query", "Mutation"} {
		if d := doc.Definitions.ForName(root); d != nil {
			for _, f := range d.Fields {
				if pagedResolver(f) && f.Type.Elem != nil {
					pages = append(pages, f.Type.Name())
				}
			}
		}
	}
	for _, p := range dedupe(pages) {
		fmt.Fprintf(&b, "\ntype %sPage {\n  data: [%s]!\n  after: String\n  before: String\n}\n", p, p)
	}
	// The user's own Query and Mutation fields come after the generated
	// ones and replace a generated field of the same name.
	userQuery := doc.Definitions.ForName("Query")
	userMutation := doc.Definitions.ForName("Mutation")
	root := func(name string, user *ast.Definition, generated []string) {
		fmt.Fprintf(&b, "\ntype %s {\n", name)
		for _, g := range generated {
			if user == nil || user.Fields.ForName(g[:strings.IndexAny(g, "(:")]) == nil {
				b.WriteString("  " + g + "\n")
			}
		}
		if user != nil {
			for _, f := range user.Fields {
				b.WriteString(described(f.Description, "  ") + "  " + a.queryField(f) + deprecatedDirective(f.Directives) + "\n")
			}
		}
		b.WriteString("}\n")
	}
	var queries, mutations []string
	for _, c := range a.collections() {
		queries = append(queries, fmt.Sprintf("find%sByID(id: ID!): %s", c.Type, c.Type))
		mutations = append(mutations,
			fmt.Sprintf("create%s(data: %sInput!): %s!", c.Type, c.Type, c.Type),
			fmt.Sprintf("update%s(id: ID!, data: %sInput!): %s", c.Type, c.Type, c.Type),
			fmt.Sprintf("delete%s(id: ID!): %s", c.Type, c.Type),
			fmt.Sprintf("partialUpdate%s(id: ID!, data: %s!): %s", c.Type, PartialInput(c.Type), c.Type))
	}
	root("Query", userQuery, queries)
	if len(mutations) > 0 || (userMutation != nil && len(userMutation.Fields) > 0) {
		root("Mutation", userMutation, mutations)
	}
	return b.String()
}

// collections are the collection types, in the order of the model.
func (a *API) collections() []*schema.Collection {
	var out []*schema.Collection
	for _, c := range a.Model.Collections {
		if !c.Associative {
			out = append(out, c)
		}
	}
	return out
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// inputType is the type of a field in the type's input object.
func (a *API) inputType(f *schema.Field) string {
	switch {
	case f.Relation != nil:
		return RelationInput(ownerType(a, f), f.Name)
	case f.Kind == schema.Ref:
		return "ID" + bang(f)
	case f.Kind == schema.RefList:
		return "[ID]" + bang(f)
	case f.Kind == schema.Inline:
		if f.List {
			return "[" + f.Elem + "Input]" + bang(f)
		}
		return f.Elem + "Input" + bang(f)
	}
	return f.Type
}

// bang is the "!" of a non-null field, kept in its input.
func bang(f *schema.Field) string {
	if f.NonNull {
		return "!"
	}
	return ""
}

// PartialInput is the name of the input of partialUpdateX (Fauna's
// partial-update-mutation preview): every field optional, required fields
// checked when the document is written.
func PartialInput(typ string) string { return "PartialUpdate" + typ + "Input" }

// partialInputType is the type of a field in a PartialUpdateXInput: never
// required; embedded objects are partial too (one is merged into the stored
// one; the items of a list replace the stored list, their required fields
// checked on write), as Fauna generated them.
func (a *API) partialInputType(f *schema.Field) string {
	if f.Kind == schema.Inline {
		if f.List {
			return "[" + PartialInput(f.Elem) + "]"
		}
		return PartialInput(f.Elem)
	}
	return strings.TrimSuffix(a.inputType(f), "!")
}

// ownerType finds the type a field belongs to.
func ownerType(a *API, f *schema.Field) string {
	for _, c := range a.Model.Collections {
		for _, g := range c.Fields {
			if g == f {
				return c.Type
			}
		}
	}
	return ""
}

// pagedResolver is a @resolver(paginated: true) field.
func pagedResolver(f *ast.FieldDefinition) bool {
	r := f.Directives.ForName("resolver")
	if r == nil {
		return false
	}
	p := r.Arguments.ForName("paginated")
	return p != nil && p.Value != nil && p.Value.Raw == "true"
}

// queryField rewrites a field of the user's Query or Mutation: a list of a
// collection type becomes a page with _size and _cursor (for a @resolver,
// only with paginated: true).
func (a *API) queryField(f *ast.FieldDefinition) string {
	args := argDefs(f.Arguments)
	typ := f.Type.String()
	paged := a.byType[f.Type.Name()] != nil
	if r := f.Directives.ForName("resolver"); r != nil {
		// A resolver's list is a page only with paginated: true, and
		// then whatever its elements are (a list of String too).
		paged = pagedResolver(f)
	}
	if paged && f.Type.Elem != nil {
		args = append(args, "_size: Int", "_cursor: String")
		typ = f.Type.Name() + "Page!"
	}
	s := f.Name
	if len(args) > 0 {
		s += "(" + strings.Join(args, ", ") + ")"
	}
	return s + ": " + typ
}
