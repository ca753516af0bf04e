// Package fsl owns the reading of FSL (Fauna Schema Language, FQL v10's
// schema language): Parse turns FSL text into the same *schema.Model that
// schema.Parse makes from GraphQL SDL — collections with typed fields,
// defaults, computed fields, checks, indexes with terms and values, unique
// constraints, user-defined functions — and recognises the relations that
// a reference field and a computed field reading it back make. Detect tells
// FSL from GraphQL SDL by the text.
//
// FSL's structure is read with a participle grammar; the FQL inside it is
// parsed by the project's FQL grammar (engine/fql/syntax).
package fsl

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// parser is built on first use: a page that never reads FSL does not pay
// for building the grammar when the engine starts.
var parser = sync.OnceValue(func() *participle.Parser[gFile] {
	return participle.MustBuild[gFile](
		participle.Lexer(fslLex),
		participle.UseLookahead(1),
	)
})

// Parse reads FSL and returns its model (Language schema.FSLLang). It never
// panics; problems are reported in Model.Errors (code invalid_schema, with
// line and column), and then the model has no collections, relations or
// functions.
//
// What it fills: a Collection's Name and Type (both the collection's name;
// Type "" for a collection recognised as a many-to-many relation's, then
// Associative and Relation), Pos, Fields in the order written (computed
// ones included), Indexes sorted by name, Checks, Wildcard (`*: Any`),
// Schemaless (no stored field and no wildcard), HistoryDays, TTLDays and
// DocumentTTLs. A stored Field has FSLType, Type (the type written out:
// Ref<User>, Array<String>?), NonNull (the type admits no null: not `?`,
// `| Null`, Any or Null), List (an array), Elem (the named type inside
// arrays), Kind (Ref with Target for a collection, RefList for an array of
// them, Scalar otherwise), Unique (a one-field unique constraint),
// Relation, Default and Pos. A computed Field has Kind Computed, Compute
// (the *syntax.Lambda, or the expression of a short-hand `(.a * .b)`),
// FSLType and Type when declared, and Via, Target and Relation when it
// reads references back. Each schema.FQL has Src (its text), Pos and Expr
// with every position in the schema's coordinates; a function's Body is
// its braces and a *syntax.Block of their statements. Indexes carry Terms
// and Values as field paths ("address.city"); `unique [...]` is an index
// named unique_a_b with Unique and Constraint, or marks unique the index
// declared over the same terms.
func Parse(src string) (m *schema.Model) {
	defer func() {
		if r := recover(); r != nil {
			m = &schema.Model{Language: schema.FSLLang, Errors: []*diag.Error{{Code: diag.InvalidSchema,
				Message: fmt.Sprint("internal error reading the schema: ", r), Pos: diag.Pos{Line: 1, Column: 1}}}}
		}
	}()
	if len(src) > schema.MaxSchemaBytes {
		return failed(diag.Errorf(diag.LimitExceeded, schema.PosAt(src, schema.MaxSchemaBytes),
			"the schema is %d bytes; the limit is %d (1 MiB)", len(src), schema.MaxSchemaBytes))
	}
	file, err := parser().ParseString("schema.fsl", src)
	if err != nil {
		return failed(syntaxError(src, err))
	}
	b := &builder{src: src, model: &schema.Model{Language: schema.FSLLang}}
	b.build(file)
	m = b.model
	if len(m.Errors) > 0 {
		// Each error on a character of the text; the lines are split
		// once, not for each of perhaps thousands of errors.
		lines := strings.Split(src, "\n")
		for _, e := range m.Errors {
			e.Line = min(max(e.Line, 1), len(lines))
			width := utf8.RuneCountInString(strings.TrimSuffix(lines[e.Line-1], "\r"))
			e.Column = min(max(e.Column, 1), max(width, 1))
		}
	}
	schema.SortErrors(m.Errors)
	if len(m.Errors) > 0 {
		m.Collections, m.Relations, m.Functions = nil, nil, nil
	} else {
		m.Errors = []*diag.Error{}
	}
	return m
}

func failed(e *diag.Error) *schema.Model {
	return &schema.Model{Language: schema.FSLLang, Errors: []*diag.Error{e}}
}

// syntaxError turns the lexer's or participle's error into one at a place
// of the text, in a user's words.
func syntaxError(src string, err error) *diag.Error {
	var d *diag.Error
	if errors.As(err, &d) {
		return d
	}
	e := &diag.Error{Code: diag.InvalidSchema, Message: err.Error(), Pos: diag.Pos{Line: 1, Column: 1}}
	var pe participle.Error
	if errors.As(err, &pe) {
		e.Message = pe.Message()
		e.Pos = posOf(pe.Position())
	}
	var ut *participle.UnexpectedTokenError
	if errors.As(err, &ut) && !strings.Contains(e.Message, "(expected") && ut.Unexpected.Type == fslLex.syms["Ident"] {
		// A word where a definition starts.
		e.Message += "; an FSL schema holds collection, function, role and access provider definitions"
		if s := schema.Closest(ut.Unexpected.Value, []string{"collection", "function", "role", "access"}); s != "" {
			e.Message += fmt.Sprintf(". Did you mean %q?", s)
		}
	}
	e.Message = tidy(e.Message)
	if strings.Contains(e.Message, "end of the schema") || !e.Pos.IsValid() || e.Line > strings.Count(src, "\n")+1 {
		if last := strings.TrimRightFunc(src, unicode.IsSpace); last != "" {
			_, size := utf8.DecodeLastRuneInString(last)
			e.Pos = schema.PosAt(src, len(last)-size)
		}
	}
	// An unclosed bracket is the likely cause of a syntax error far from it.
	e.Message += openAtEnd(src)
	e.Pos = schema.Within(src, e.Pos)
	return e
}

// grammarWords turns the grammar's names in participle's messages into
// words a user knows.
var grammarWords = strings.NewReplacer(
	`unexpected token "<EOF>"`, "unexpected end of the schema",
	`"\n"`, "end of line", `"<EOF>"`, "the end of the schema", "<EOF>", "the end of the schema", "<nl>", "end of line",
	"GItem", "a schema item (collection, function, role, access provider)",
	"GMember", "a field, index, unique, check or compute",
	"GTypeAtom", "a type", "GType", "a type", "GFQL", "an FQL expression", "GGroup", "a bracket",
	"GPaths", "[.field, ...]", "GPath", "a field path such as .name", "GValues", "[.field, desc(.field), ...]",
	"GValue", "a field path such as .name or desc(.name)",
	"GIndexProp", "terms or values", "GParam", "a parameter", "GObjectField", "a field",
	"gFQL", "an FQL expression", "gGroup", "a bracket", `:Punct`, "",
)

// expectedList is participle's "(expected ...)" when it lists a piece of
// grammar rather than a token.
var expectedList = regexp.MustCompile(`\(expected ("[^"]*"|[a-z][^(*?|"]*?)[ (].*[*?|].*\)$`)

// tidy words a participle message for a user: grammar names replaced, and
// an expected piece of grammar cut to the token it starts with.
func tidy(msg string) string {
	msg = grammarWords.Replace(msg)
	return expectedList.ReplaceAllString(msg, "(expected $1)")
}

// builder makes the model from the parse.
type builder struct {
	src   string
	model *schema.Model
	// colls are the collections by name, as declared.
	colls map[string]*collection
	order []*collection
	// relationNames are the names relations have, so a default name is
	// never taken twice.
	relationNames map[string]bool
}

// collection is a collection being built, with what relations need.
type collection struct {
	c *schema.Collection
	g *gCollection
}

func (b *builder) errorf(p diag.Pos, format string, args ...any) {
	b.model.Errors = append(b.model.Errors, diag.Errorf(diag.InvalidSchema, p, format, args...))
}

func (b *builder) build(f *gFile) {
	b.colls = map[string]*collection{}
	b.relationNames = map[string]bool{}
	functions := map[string]bool{}
	for _, it := range f.Items {
		role := b.annotations(it)
		switch {
		case it.Collection != nil:
			g := it.Collection
			p := posOf(g.Pos)
			if why := schema.ReservedCollectionName(g.Name); why != "" {
				b.errorf(p, "a collection cannot be named `%s`: %s", g.Name, why)
			}
			if b.colls[g.Name] != nil {
				b.errorf(p, "collection %s is declared twice", g.Name)
				continue
			}
			c := &collection{c: &schema.Collection{Name: g.Name, Type: g.Name, Pos: p}, g: g}
			b.colls[g.Name] = c
			b.order = append(b.order, c)
		case it.Function != nil:
			fn := b.function(it.Function)
			fn.Role = role
			if functions[fn.Name] {
				b.errorf(fn.Pos, "function %s is declared twice", fn.Name)
				continue
			}
			functions[fn.Name] = true
			b.model.Functions = append(b.model.Functions, fn)
		}
		// Roles and access providers are accepted and left alone: the
		// playground has no authentication, and a pasted schema keeps
		// working.
	}
	for _, fn := range b.model.Functions {
		// FQL calls a function by its name, as it names a collection.
		if b.colls[fn.Name] != nil {
			b.errorf(fn.Pos, "function %s has the name of a collection; FQL could not tell them apart", fn.Name)
		} else if why := schema.ReservedCollectionName(fn.Name); why != "" {
			b.errorf(fn.Pos, "a function cannot be named `%s`: %s", fn.Name, why)
		}
	}
	for _, c := range b.order {
		b.members(c)
	}
	if len(b.model.Errors) > 0 {
		return
	}
	b.relations()
	for _, c := range b.order {
		b.model.Collections = append(b.model.Collections, c.c)
		sort.Slice(c.c.Indexes, func(i, j int) bool { return c.c.Indexes[i].Name < c.c.Indexes[j].Name })
	}
	sort.Slice(b.model.Collections, func(i, j int) bool { return b.model.Collections[i].Name < b.model.Collections[j].Name })
	sort.Slice(b.model.Relations, func(i, j int) bool { return b.model.Relations[i].Name < b.model.Relations[j].Name })
	sort.Slice(b.model.Functions, func(i, j int) bool { return b.model.Functions[i].Name < b.model.Functions[j].Name })
}

// annotations checks an item's annotations (FSL has @role on functions
// and @alias on collections and functions) and returns the @role.
func (b *builder) annotations(it *gItem) string {
	role := ""
	for _, a := range it.Annotations {
		p := posOf(a.Pos)
		var arg string
		if a.Args != nil && len(a.Args.Tokens) == 3 {
			arg = b.name(p, a.Args.Tokens[1].Value)
		}
		switch {
		case a.Name != "role" && a.Name != "alias":
			b.errorf(p, "unknown annotation @%s: FSL has @role(...) on functions and @alias(...)", a.Name)
		case arg == "":
			b.errorf(p, "@%s takes one name: @%s(server)", a.Name, a.Name)
		case a.Name == "role" && it.Function == nil:
			b.errorf(p, "@role is for functions: a function runs with the role it names")
		case a.Name == "role":
			role = arg
		}
	}
	return role
}

// function reads a function definition.
func (b *builder) function(g *gFunction) *schema.Function {
	fn := &schema.Function{Name: g.Name, Pos: posOf(g.Pos)}
	seen := map[string]bool{}
	for i, p := range g.Params {
		if seen[p.Name] {
			b.errorf(posOf(p.Pos), "function %s has two parameters named %s", g.Name, p.Name)
		}
		seen[p.Name] = true
		if p.Variadic && i != len(g.Params)-1 {
			b.errorf(posOf(p.Pos), "only the last parameter of a function can be variadic (...%s)", p.Name)
		}
		fn.Params = append(fn.Params, schema.Param{Name: p.Name, Type: b.typ(p.Type), Variadic: p.Variadic})
	}
	fn.Returns = b.typ(g.Returns)
	if g.Body.Tokens[0].Value != "{" {
		b.errorf(posOf(g.Body.Tokens[0].Pos), "the body of function %s is written in braces: { ... }", g.Name)
		return fn
	}
	fn.Body = b.block(g.Body, "the body of function "+g.Name)
	return fn
}
