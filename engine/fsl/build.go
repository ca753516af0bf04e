package fsl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// members reads a collection's body: fields, the wildcard, computed
// fields, checks, indexes and unique constraints, and its settings.
func (b *builder) members(c *collection) {
	col := c.c
	names := map[string]bool{}
	stored := 0
	var uniques []*gPaths
	var indexes []*gIndex
	misused := 0 // the line of a keyword not written as it is used
	for _, m := range c.g.Members {
		p := posOf(m.Pos)
		switch {
		case m.Field != nil && m.Field.Type == nil:
			if how := keywordUse[m.Field.Name]; how != "" {
				b.errorf(p, "%s is written %s", m.Field.Name, how)
				misused = p.Line
			} else if p.Line != misused { // `history_days x`: x is no field
				b.errorf(p, "field `%s` has no type: write `%s: String` (or another type; `Any` takes any value)", m.Field.Name, m.Field.Name)
			}
		case m.Field != nil:
			if f := b.field(col, m.Field, names); f != nil {
				col.Fields = append(col.Fields, f)
				stored++
			}
		case m.Wildcard != nil:
			t := b.typ(m.Wildcard)
			if t != nil && (t.Name != "Any" || t.Nullable) {
				b.errorf(p, "the playground knows only the wildcard `*: Any` (any other field of any type); write `*: Any`, or declare the fields")
			}
			col.Wildcard = true
		case m.Compute != nil:
			if f := b.compute(col, m.Compute, names); f != nil {
				col.Fields = append(col.Fields, f)
			}
		case m.Check != nil:
			b.check(col, p, m.Check)
		case m.Index != nil:
			indexes = append(indexes, m.Index)
		case m.Unique != nil:
			uniques = append(uniques, m.Unique)
		case m.History != nil:
			col.HistoryDays = b.days(p, *m.History, "history_days")
		case m.TTL != nil:
			col.TTLDays = b.days(p, *m.TTL, "ttl_days")
		case m.DocTTLs != nil:
			v := *m.DocTTLs == "true"
			col.DocumentTTLs = &v
		case m.Migrations != nil:
			// Migrations tell Fauna how to move existing documents to a
			// new schema; the playground's data follows the schema as
			// written, so they are accepted and not run.
		}
	}
	col.Schemaless = stored == 0 && !col.Wildcard
	// Indexes and constraints may name fields declared after them.
	for _, ix := range indexes {
		b.index(c, ix)
	}
	for _, u := range uniques {
		b.unique(c, u)
	}
}

func (b *builder) days(p diag.Pos, s, what string) *int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64)
	if err != nil {
		b.errorf(p, "%s %s is not a whole number of days", what, s)
		return nil
	}
	return &n
}

// name reads a field name: an identifier or a quoted string.
func (b *builder) name(p diag.Pos, raw string) string {
	if raw == "" || raw[0] != '"' && raw[0] != '\'' {
		return raw
	}
	if raw[0] == '\'' {
		raw = `"` + strings.ReplaceAll(raw[1:len(raw)-1], `"`, `\"`) + `"`
	}
	s, err := strconv.Unquote(raw)
	if err != nil {
		b.errorf(p, "the field name %s is not a valid string", raw)
	}
	return s
}

// keywordUse says how a member keyword is written, for the keyword met
// where its form is not (`history_days x` reads as two fields without a
// type).
var keywordUse = map[string]string{
	"history_days": "`history_days 30` (a whole number of days)", "ttl_days": "`ttl_days 30` (a whole number of days)",
	"document_ttls": "`document_ttls true` (or false)", "index": "`index byName { terms [.name] }`",
	"unique": "`unique [.field]` (or several fields)", "check": "`check name (doc => predicate)`",
	"compute": "`compute name: Type = (doc => ...)`", "migrations": "`migrations { ... }`",
}

// newField starts a field of col: its name checked free and allowed, its
// type (optional for a computed field) read; nil when either fails.
func (b *builder) newField(col *schema.Collection, at lexer.Position, raw string, g *gType, names map[string]bool) *schema.Field {
	p := posOf(at)
	name := b.name(p, raw)
	if why := schema.ReservedField(name); why != "" {
		b.errorf(p, "field name `%s` is reserved: %s", name, why)
		return nil
	}
	if names[name] {
		b.errorf(p, "field `%s.%s` is declared twice", col.Name, name)
		return nil
	}
	names[name] = true
	f := &schema.Field{Name: name, Pos: p}
	if g != nil {
		if f.FSLType = b.typ(g); f.FSLType == nil {
			return nil
		}
		f.Type, f.NonNull = typeString(f.FSLType), !acceptsNull(f.FSLType)
	}
	return f
}

func (b *builder) field(col *schema.Collection, g *gField, names map[string]bool) *schema.Field {
	f := b.newField(col, g.Pos, g.Name, g.Type, names)
	if f == nil {
		return nil
	}
	if f.FSLType.Set != nil {
		b.errorf(posOf(g.Type.Pos), "field `%s.%s`: a Set is not stored; read one with a computed field (`compute %s: %s = (doc => ...)`)", col.Name, f.Name, f.Name, f.Type)
	}
	b.classify(f, f.FSLType)
	f.Default = b.expr(g.Default, fmt.Sprintf("the default of `%s.%s`", col.Name, f.Name))
	return f
}

func (b *builder) compute(col *schema.Collection, g *gCompute, names map[string]bool) *schema.Field {
	f := b.newField(col, g.Pos, g.Name, g.Type, names)
	if f == nil {
		return nil
	}
	f.Kind = schema.Computed
	if t := f.FSLType; t != nil {
		f.List, f.Elem = t.Set != nil || t.Elem != nil, elemName(t)
	}
	f.Compute = b.expr(g.Body, fmt.Sprintf("the computed field `%s.%s`", col.Name, f.Name))
	return f
}

func (b *builder) check(col *schema.Collection, p diag.Pos, g *gCheck) {
	for _, c := range col.Checks {
		if c.Name == g.Name {
			b.errorf(p, "check `%s` is declared twice in %s", g.Name, col.Name)
			return
		}
	}
	if body := b.expr(g.Body, fmt.Sprintf("check `%s` of %s", g.Name, col.Name)); body != nil {
		col.Checks = append(col.Checks, &schema.Check{Name: g.Name, Body: body, Pos: p})
	}
}

// classify sets a stored field's kind: a reference to a collection of the
// schema (Ref), an array of them (RefList), or a value (Scalar).
func (b *builder) classify(f *schema.Field, t *schema.Type) {
	f.Elem = elemName(t)
	f.List = t.Elem != nil
	switch {
	case t.Name != "" && b.colls[t.Name] != nil:
		f.Kind, f.Target = schema.Ref, t.Name
	case t.Elem != nil && t.Elem.Name != "" && b.colls[t.Elem.Name] != nil:
		f.Kind, f.Target = schema.RefList, t.Elem.Name
	default:
		f.Kind = schema.Scalar
	}
}

// elemName is the named type inside t (through arrays and sets), or "".
func elemName(t *schema.Type) string {
	for t != nil {
		switch {
		case t.Elem != nil:
			t = t.Elem
		case t.Set != nil:
			t = t.Set
		default:
			return t.Name
		}
	}
	return ""
}

// paths reads field paths (.a, .a.b, mva(.a)) as "a", "a.b".
func (b *builder) paths(g []*gPath) []string {
	out := make([]string, 0, len(g))
	for _, p := range g {
		for p.MVA != nil {
			// mva(.tags) indexes each item of an array; the
			// playground's indexes read the field as a whole.
			p = p.MVA
		}
		parts := make([]string, len(p.Parts))
		for i, s := range p.Parts {
			parts[i] = b.name(posOf(p.Pos), s)
		}
		out = append(out, strings.Join(parts, "."))
	}
	return out
}

// known checks that the first step of each path names a field of c, when
// c declares its fields (a schemaless or wildcard collection holds any).
func (b *builder) known(c *collection, g []*gPath, paths []string, what string) bool {
	col := c.c
	if col.Schemaless || col.Wildcard {
		return true
	}
	ok := true
	for i, path := range paths {
		first, _, _ := strings.Cut(path, ".")
		if col.Field(first) != nil {
			continue
		}
		var names []string
		for _, f := range col.Fields {
			names = append(names, f.Name)
		}
		msg := fmt.Sprintf("%s: `%s` is not a field of %s", what, first, col.Name)
		if s := schema.Closest(first, names); s != "" {
			msg += fmt.Sprintf(". Did you mean %q?", s)
		}
		b.errorf(posOf(g[i].Pos), "%s", msg)
		ok = false
	}
	return ok
}

func (b *builder) index(c *collection, g *gIndex) {
	col := c.c
	p := posOf(g.Pos)
	ix := &schema.Index{Name: g.Name}
	switch {
	case schema.IsCollectionMethod(g.Name):
		b.errorf(p, "index name `%s` would hide the collection method `%s.%s()`; choose another name", g.Name, col.Name, g.Name)
		return
	case col.Index(g.Name) != nil:
		b.errorf(p, "index `%s` is declared twice in %s", g.Name, col.Name)
		return
	}
	for _, prop := range g.Props {
		switch {
		case prop.Terms != nil:
			ix.Terms = b.paths(prop.Terms.Paths)
			b.known(c, prop.Terms.Paths, ix.Terms, fmt.Sprintf("the terms of index `%s`", g.Name))
		case prop.Values != nil:
			var gp []*gPath
			for _, v := range prop.Values.Values {
				path := v.Path
				if path == nil {
					path = v.Inner
				}
				gp = append(gp, path)
				ix.Values = append(ix.Values, schema.IndexValue{Field: b.paths([]*gPath{path})[0], Desc: v.Order == "desc"})
			}
			vals := make([]string, len(ix.Values))
			for i, v := range ix.Values {
				vals[i] = v.Field
			}
			b.known(c, gp, vals, fmt.Sprintf("the values of index `%s`", g.Name))
		default:
			b.errorf(posOf(prop.Pos), "index `%s`: unknown property `%s` (an index has terms and values)", g.Name, *prop.Other)
		}
	}
	if len(ix.Terms) == 0 && len(ix.Values) == 0 {
		b.errorf(p, "index `%s` has neither terms nor values", g.Name)
		return
	}
	col.Indexes = append(col.Indexes, ix)
}

// unique makes the index of a unique constraint. An index declared over
// the same terms (without values) enforces it instead, so a schema that
// declares both (as one written from GraphQL does) keeps one index.
func (b *builder) unique(c *collection, g *gPaths) {
	col := c.c
	terms := b.paths(g.Paths)
	if len(terms) == 0 {
		b.errorf(posOf(g.Pos), "a unique constraint needs at least one field: unique [.name]")
		return
	}
	if !b.known(c, g.Paths, terms, "unique constraint") {
		return
	}
	if len(terms) == 1 {
		if f := col.Field(terms[0]); f != nil {
			if f.Kind == schema.Computed {
				b.errorf(posOf(g.Pos), "unique constraint: `%s.%s` is computed, not stored", col.Name, f.Name)
				return
			}
			f.Unique = true
		}
	}
	if ix := col.IndexOn(terms...); ix != nil && len(ix.Values) == 0 {
		ix.Unique = true
		return
	}
	name := "unique_" + strings.ReplaceAll(strings.Join(terms, "_"), ".", "_")
	if col.Index(name) != nil {
		return // the same constraint twice
	}
	col.Indexes = append(col.Indexes, &schema.Index{Name: name, Terms: terms, Unique: true, Constraint: true})
}

// acceptsNull reports whether a value of type t may be null (or the field
// absent): `T?`, `| Null`, Any and Null.
func acceptsNull(t *schema.Type) bool {
	if t.Nullable || t.Name == "Any" || t.Name == "Null" {
		return true
	}
	for _, u := range t.Union {
		if acceptsNull(u) {
			return true
		}
	}
	return false
}
