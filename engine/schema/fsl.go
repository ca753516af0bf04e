package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/vektah/gqlparser/v2/ast"
)

// FSL writes the model as Fauna Schema Language: each collection with its
// stored fields, its computed fields (the sides of relations that store
// nothing, as the FQL that reads them, or the FQL an FSL schema wrote),
// its indexes, constraints and settings, then the functions.
func (m *Model) FSL() string {
	var b strings.Builder
	for i, c := range m.Collections {
		if i > 0 {
			b.WriteString("\n")
		}
		m.writeCollection(&b, c)
	}
	for _, fn := range m.Functions {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		writeFunction(&b, fn)
	}
	return b.String()
}

// CollectionFSL writes one collection of the model as FSL.
func (m *Model) CollectionFSL(c *Collection) string {
	var b strings.Builder
	m.writeCollection(&b, c)
	return b.String()
}

func (m *Model) writeCollection(b *strings.Builder, c *Collection) {
	if c.Associative {
		fmt.Fprintf(b, "// Associative collection of the many-to-many relation %q.\n", c.Relation.Name)
	}
	fmt.Fprintf(b, "collection %s {\n", c.Name)
	for _, f := range c.Fields {
		if f.Kind == Computed {
			continue
		}
		fmt.Fprintf(b, "  %s: %s", FSLName(f.Name), m.FieldSignature(f))
		if f.Default != nil {
			fmt.Fprintf(b, " = %s", f.Default.Src)
		}
		b.WriteString("\n")
	}
	if c.Wildcard {
		b.WriteString("  *: Any\n")
	}
	for _, f := range c.Fields {
		if f.Kind == Computed {
			typ := ""
			if sig := ComputedSignature(f); sig != "" {
				typ = ": " + sig
			}
			fmt.Fprintf(b, "  compute %s%s = %s\n", FSLName(f.Name), typ, ComputedBody(f))
		}
	}
	for _, ix := range c.Indexes {
		if ix.Constraint {
			continue
		}
		switch {
		case len(ix.Terms) == 0 && len(ix.Values) == 0:
			// FSL wants terms or values; an index without terms lists
			// the whole collection, which is what all() reads.
			fmt.Fprintf(b, "\n  // index %s (for Query.%s) has no terms: it lists every document, as %s.all() does\n", ix.Name, ix.Query, c.Name)
			continue
		case ix.Query != "":
			fmt.Fprintf(b, "\n  // for Query.%s", ix.Query)
		}
		fmt.Fprintf(b, "\n  index %s {\n", ix.Name)
		if len(ix.Terms) > 0 {
			fmt.Fprintf(b, "    terms [%s]\n", dotted(ix.Terms))
		}
		if len(ix.Values) > 0 {
			fmt.Fprintf(b, "    values [%s]\n", IndexValuesText(ix.Values))
		}
		b.WriteString("  }\n")
	}
	for _, ix := range c.Indexes {
		if ix.Unique {
			fmt.Fprintf(b, "\n  unique [%s]\n", dotted(ix.Terms))
		}
	}
	for _, ch := range c.Checks {
		fmt.Fprintf(b, "\n  check %s %s\n", ch.Name, ch.Body.Src)
	}
	if c.HistoryDays != nil {
		fmt.Fprintf(b, "\n  history_days %d\n", *c.HistoryDays)
	}
	if c.TTLDays != nil {
		fmt.Fprintf(b, "\n  ttl_days %d\n", *c.TTLDays)
	}
	if c.DocumentTTLs != nil {
		fmt.Fprintf(b, "\n  document_ttls %v\n", *c.DocumentTTLs)
	}
	b.WriteString("}\n")
}

func writeFunction(b *strings.Builder, fn *Function) {
	if fn.Role != "" {
		role := fn.Role
		if !identifier.MatchString(role) {
			role = fmt.Sprintf("%q", role) // server-readonly
		}
		fmt.Fprintf(b, "@role(%s)\n", role)
	}
	body := ""
	if fn.Body != nil {
		body = strings.TrimSpace(fn.Body.Src)
		if _, block := fn.Body.Expr.(*syntax.Block); block && strings.HasPrefix(body, "{") {
			// A block, braces and all (an object literal, `{ a: x }`,
			// is written inside braces).
			fmt.Fprintf(b, "function %s%s %s\n", fn.Name, FunctionSignature(fn), body)
			return
		}
	}
	fmt.Fprintf(b, "function %s%s {\n  %s\n}\n", fn.Name, FunctionSignature(fn), body)
}

// FunctionSignature writes a function's parameters and result type:
// `(a: String, ...rest): Int`.
func FunctionSignature(fn *Function) string {
	params := make([]string, len(fn.Params))
	for i, p := range fn.Params {
		params[i] = p.Name
		if p.Variadic {
			params[i] = "..." + p.Name
		}
		if p.Type != nil {
			params[i] += ": " + p.Type.String()
		}
	}
	s := "(" + strings.Join(params, ", ") + ")"
	if fn.Returns != nil {
		s += ": " + fn.Returns.String()
	}
	return s
}

// FieldSignature is a stored field's type in FSL: as written for an FSL
// field, mapped from GraphQL otherwise.
func (m *Model) FieldSignature(f *Field) string {
	if f.FSLType != nil {
		return f.Type // as written
	}
	return m.fslType(f)
}

// ComputedSignature is a computed field's FSL type; "" for an FSL
// computed field declared without one.
func ComputedSignature(f *Field) string {
	switch {
	case f.FSLType != nil:
		return f.Type // as written
	case f.Via == nil:
		return ""
	}
	return fslComputedType(f)
}

// ComputedBody is a computed field's FQL function, as FSL writes it.
func ComputedBody(f *Field) string {
	if f.Compute != nil {
		return f.Compute.Src
	}
	return "(doc => " + viaFQL(f.Via) + ")"
}

// IndexValuesText writes an index's values as FSL: `.a, desc(.b)`.
func IndexValuesText(vals []IndexValue) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = "." + v.Field
		if v.Desc {
			parts[i] = "desc(." + v.Field + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// fslTypeNames are the named FSL types that are not collections.
var fslTypeNames = map[string]bool{"String": true, "Int": true, "Long": true, "Double": true, "Number": true,
	"Boolean": true, "Time": true, "Date": true, "Any": true, "Null": true, "ID": true, "Bytes": true}

// IsFSLTypeName reports whether name is one of FSL's own types (String,
// Int, ... Any, Null), not a collection's name.
func IsFSLTypeName(name string) bool { return fslTypeNames[name] }

// FSLTypeNames lists FSL's own named types, sorted.
func FSLTypeNames() []string {
	names := make([]string, 0, len(fslTypeNames))
	for n := range fslTypeNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// String writes the type as FSL: a collection as Ref<C> (Set<C> in a
// set), object fields quoted where they are no identifiers.
func (t *Type) String() string {
	var s string
	switch {
	case t.Fields != nil:
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			name := f.Name
			if name != "*" {
				name = FSLName(name)
			}
			if f.Optional {
				name += "?"
			}
			parts[i] = name + ": " + f.Type.String()
		}
		s = "{ " + strings.Join(parts, ", ") + " }"
		if len(parts) == 0 {
			s = "{}"
		}
	case t.Elem != nil:
		s = "Array<" + t.Elem.String() + ">"
	case t.Set != nil:
		inner := t.Set.String()
		if t.Set.Name != "" && !fslTypeNames[t.Set.Name] {
			inner = strings.TrimSuffix(strings.TrimPrefix(inner, "Ref<"), ">") // Set<Video>, as Fauna writes it
		}
		s = "Set<" + inner + ">"
	case t.Union != nil:
		parts := make([]string, len(t.Union))
		for i, u := range t.Union {
			parts[i] = u.String()
		}
		s = strings.Join(parts, " | ")
		if t.Nullable {
			s = "(" + s + ")"
		}
	case t.Literal != nil:
		if str, ok := t.Literal.(string); ok {
			s = fmt.Sprintf("%q", str)
		} else {
			s = fmt.Sprint(t.Literal)
		}
	case !fslTypeNames[t.Name]:
		s = "Ref<" + t.Name + ">" // a collection
	default:
		s = t.Name
	}
	if t.Nullable && t.Name != "Null" {
		s += "?"
	}
	return s
}

func dotted(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = "." + t
	}
	return strings.Join(parts, ", ")
}

// fslKeywords are words FSL or FQL read as syntax inside a collection
// block; a field of that name is written quoted.
var fslKeywords = map[string]bool{
	"at": true, "false": true, "if": true, "let": true, "null": true, "true": true,
	"index": true, "unique": true, "check": true, "compute": true, "migrations": true,
	"history_days": true, "ttl_days": true, "document_ttls": true,
}

// FSLName writes a field name as FSL reads it: quoted when it is a keyword
// or no identifier.
func FSLName(name string) string {
	if fslKeywords[name] || !identifier.MatchString(name) {
		return fmt.Sprintf("%q", name)
	}
	return name
}

// viaFQL is the FQL a computed field runs for the document `doc`.
func viaFQL(v *Via) string {
	s := fmt.Sprintf("%s.%s(doc)", v.Collection, v.Index)
	if v.Pick != "" {
		s += fmt.Sprintf(".map(.%s)", v.Pick)
	}
	if v.Single {
		s += ".first()"
	}
	return s
}

func fslComputedType(f *Field) string {
	if f.Via != nil && f.Via.Single {
		return f.Target + "?"
	}
	return "Set<" + f.Target + ">"
}

// fslType maps a field's GraphQL type to FSL's.
func (m *Model) fslType(f *Field) string {
	w := &fslTypeWriter{m: m, open: map[string]bool{}, budget: maxInlineExpansions}
	return w.typeOf(f.Type)
}

// maxInlineExpansions bounds how many embedded types one field's FSL type
// writes out: embedded types nested in several fields each grow
// exponentially when written in place.
const maxInlineExpansions = 64

// fslTypeWriter writes a GraphQL type as FSL. FSL has no named object types,
// so an @embedded type is written out in place; an embedded type inside
// itself (a linked list of nodes) is written as Any, since writing it out
// would never end, and so is any embedded type past the budget.
type fslTypeWriter struct {
	m      *Model
	open   map[string]bool // embedded types being written
	budget int
}

func (w *fslTypeWriter) typeOf(gql string) string {
	nullable := !strings.HasSuffix(gql, "!")
	gql = strings.TrimSuffix(gql, "!")
	var t string
	union := false
	if strings.HasPrefix(gql, "[") && strings.HasSuffix(gql, "]") {
		t = "Array<" + w.typeOf(gql[1:len(gql)-1]) + ">"
	} else {
		t, union = w.named(gql)
	}
	if nullable {
		if union {
			t = "(" + t + ")"
		}
		t += "?"
	}
	return t
}

// named writes a named type; union says it is a union of enum values,
// which needs parentheses before a `?`.
func (w *fslTypeWriter) named(name string) (t string, union bool) {
	switch name {
	case "String", "ID":
		return "String", false
	case "Int", "Long", "Boolean", "Time", "Date":
		return name, false
	case "Float":
		return "Double", false
	}
	m := w.m
	if c := m.collectionOfType(name); c != nil {
		return "Ref<" + c.Name + ">", false
	}
	for _, e := range m.Embedded {
		if e.Name != name {
			continue
		}
		if w.open[name] || w.budget <= 0 {
			return "Any", false
		}
		w.budget--
		w.open[name] = true
		defer delete(w.open, name)
		parts := make([]string, len(e.Fields))
		for i, ef := range e.Fields {
			parts[i] = fmt.Sprintf("%s: %s", FSLName(ef.Name), w.typeOf(ef.Type))
		}
		return "{ " + strings.Join(parts, ", ") + " }", false
	}
	if m.Doc != nil {
		if d := m.Doc.Definitions.ForName(name); d != nil && d.Kind == ast.Enum && len(d.EnumValues) > 0 {
			vals := make([]string, len(d.EnumValues))
			for i, v := range d.EnumValues {
				vals[i] = fmt.Sprintf("%q", v.Name)
			}
			return strings.Join(vals, " | "), len(vals) > 1
		}
	}
	return "Any", false
}

func (m *Model) collectionOfType(typ string) *Collection {
	for _, c := range m.Collections {
		if c.Type == typ && !c.Associative {
			return c
		}
	}
	return nil
}
