package fsl

import (
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/schema"
)

// printModel writes a model compactly, one line per collection, field,
// check, index, relation and function, for the scenario files.
func printModel(m *schema.Model) string {
	var b strings.Builder
	for _, c := range m.Collections {
		fmt.Fprintf(&b, "collection %s", c.Name)
		if c.Type != c.Name {
			fmt.Fprintf(&b, " type=%q", c.Type)
		}
		mark(&b, c.Associative, "associative")
		mark(&b, c.Schemaless, "schemaless")
		mark(&b, c.Wildcard, "wildcard")
		if c.HistoryDays != nil {
			fmt.Fprintf(&b, " history_days=%d", *c.HistoryDays)
		}
		if c.TTLDays != nil {
			fmt.Fprintf(&b, " ttl_days=%d", *c.TTLDays)
		}
		if c.DocumentTTLs != nil {
			fmt.Fprintf(&b, " document_ttls=%v", *c.DocumentTTLs)
		}
		fmt.Fprintf(&b, " @%s\n", c.Pos)
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "  %s: %s %s elem=%s", f.Name, f.Type, f.Kind, f.Elem)
			mark(&b, f.List, "list")
			mark(&b, f.NonNull, "nonnull")
			mark(&b, f.Unique, "unique")
			if f.Target != "" {
				fmt.Fprintf(&b, " target=%s", f.Target)
			}
			if f.Default != nil {
				fmt.Fprintf(&b, " default=%s@%s", f.Default.Src, f.Default.Pos)
			}
			if f.Compute != nil {
				fmt.Fprintf(&b, " compute=%s@%s(%T)", f.Compute.Src, f.Compute.Pos, f.Compute.Expr)
			}
			if v := f.Via; v != nil {
				fmt.Fprintf(&b, " via=%s.%s(.%s)", v.Collection, v.Index, v.Term)
				if v.Pick != "" {
					fmt.Fprintf(&b, ".map(.%s)", v.Pick)
				}
				if v.Single {
					b.WriteString(".first()")
				}
			}
			if f.Relation != nil {
				fmt.Fprintf(&b, " rel=%s", f.Relation.Name)
			}
			fmt.Fprintf(&b, " @%s\n", f.Pos)
		}
		for _, ch := range c.Checks {
			fmt.Fprintf(&b, "  check %s %s@%s(%T) @%s\n", ch.Name, ch.Body.Src, ch.Body.Pos, ch.Body.Expr, ch.Pos)
		}
		for _, ix := range c.Indexes {
			fmt.Fprintf(&b, "  index %s terms=[%s]", ix.Name, strings.Join(ix.Terms, ","))
			if len(ix.Values) > 0 {
				vals := make([]string, len(ix.Values))
				for i, v := range ix.Values {
					vals[i] = v.Field
					if v.Desc {
						vals[i] = "desc(" + v.Field + ")"
					}
				}
				fmt.Fprintf(&b, " values=[%s]", strings.Join(vals, ","))
			}
			mark(&b, ix.Unique, "unique")
			mark(&b, ix.Constraint, "constraint")
			b.WriteString("\n")
		}
	}
	for _, r := range m.Relations {
		fmt.Fprintf(&b, "relation %s %s %s -> %s in %s[%s]\n", r.Name, r.Cardinality, side(r.From), side(r.To), r.Collection, strings.Join(r.Fields, ","))
	}
	for _, fn := range m.Functions {
		params := make([]string, len(fn.Params))
		for i, p := range fn.Params {
			params[i] = p.Name
			if p.Variadic {
				params[i] = "..." + p.Name
			}
			if p.Type != nil {
				params[i] += ": " + typeString(p.Type)
			}
		}
		fmt.Fprintf(&b, "function %s(%s)", fn.Name, strings.Join(params, ", "))
		if fn.Returns != nil {
			fmt.Fprintf(&b, ": %s", typeString(fn.Returns))
		}
		n := 0
		if blk, ok := fn.Body.Expr.(*syntax.Block); ok {
			n = len(blk.Stmts)
		}
		if fn.Role != "" {
			fmt.Fprintf(&b, " role=%s", fn.Role)
		}
		fmt.Fprintf(&b, " body@%s(%d statements) @%s\n", fn.Body.Pos, n, fn.Pos)
	}
	return b.String()
}

func mark(b *strings.Builder, on bool, word string) {
	if on {
		b.WriteString(" " + word)
	}
}

func side(s schema.Side) string {
	out := s.Type + "." + s.Field
	if s.List {
		out += "[]"
	}
	return out
}

// render is the model, or its errors (line:column: message) when it has
// any.
func render(m *schema.Model) string {
	if len(m.Errors) == 0 {
		return printModel(m)
	}
	var b strings.Builder
	for _, e := range m.Errors {
		fmt.Fprintf(&b, "%s: %s\n", e.Pos, e.Message)
	}
	return b.String()
}

func fmtAny(v any) string { return fmt.Sprintf("%#v", v) }
