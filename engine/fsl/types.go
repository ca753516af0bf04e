package fsl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/faunaplay/playground/engine/schema"
)

// typ reads a type: unions flattened, `| Null` and `?` made Nullable.
func (b *builder) typ(g *gType) *schema.Type {
	if g == nil {
		return nil
	}
	var alts []*schema.Type
	nullable := false
	for _, a := range g.Alts {
		t := b.atom(a)
		if t == nil {
			return nil
		}
		if len(t.Union) > 0 {
			alts = append(alts, t.Union...)
		} else {
			alts = append(alts, t)
		}
		nullable = nullable || t.Nullable
	}
	var kept []*schema.Type
	for _, t := range alts {
		if t.Name == "Null" && len(alts) > 1 {
			nullable = true
			continue
		}
		if len(alts) > 1 && t.Nullable {
			c := *t
			c.Nullable = false
			t = &c
		}
		kept = append(kept, t)
	}
	if len(kept) == 1 {
		t := *kept[0]
		t.Nullable = t.Nullable || nullable
		return &t
	}
	return &schema.Type{Union: kept, Nullable: nullable}
}

func (b *builder) atom(g *gTypeAtom) *schema.Type {
	p := posOf(g.Pos)
	var t *schema.Type
	switch {
	case g.Object != nil:
		t = &schema.Type{Fields: []*schema.ObjectField{}}
		seen := map[string]bool{}
		for _, f := range g.Object.Fields {
			ft := b.typ(f.Type)
			if ft == nil {
				return nil
			}
			name := b.name(posOf(f.Pos), f.Name)
			if seen[name] {
				b.errorf(posOf(f.Pos), "the object type has the field `%s` twice", name)
			}
			seen[name] = true
			t.Fields = append(t.Fields, &schema.ObjectField{Name: name, Type: ft, Optional: f.Optional})
		}
	case g.Paren != nil:
		t = b.typ(g.Paren)
	case g.Tuple != nil:
		if len(g.Tuple) != 1 {
			b.errorf(p, "tuple types ([A, B]) are not supported; use Array<...>")
			return nil
		}
		if e := b.typ(g.Tuple[0]); e != nil {
			t = &schema.Type{Elem: e}
		}
	case g.Str != nil:
		t = &schema.Type{Literal: b.name(p, *g.Str)}
	case g.Number != nil:
		if n, err := strconv.ParseInt(strings.ReplaceAll(*g.Number, "_", ""), 0, 64); err == nil {
			t = &schema.Type{Literal: n}
		} else if f, err := strconv.ParseFloat(strings.ReplaceAll(*g.Number, "_", ""), 64); err == nil {
			t = &schema.Type{Literal: f}
		} else {
			b.errorf(p, "the literal type %s is not a number FQL can hold", *g.Number)
			return nil
		}
	case g.Bool != nil:
		t = &schema.Type{Literal: *g.Bool == "true"}
	default:
		t = b.named(g)
	}
	if t == nil {
		return nil
	}
	if g.Nullable {
		c := *t
		c.Nullable = true
		t = &c
	}
	return t
}

// named reads Name or Name<Args>.
func (b *builder) named(g *gTypeAtom) *schema.Type {
	p := posOf(g.Pos)
	arg := func() *schema.Type {
		if len(g.Args) != 1 {
			b.errorf(p, "%s takes one type: %s<T>", g.Name, g.Name)
			return nil
		}
		return b.typ(g.Args[0])
	}
	switch g.Name {
	case "Ref":
		a := arg()
		if a == nil {
			return nil
		}
		if a.Name == "" || b.colls[a.Name] == nil || a.Nullable {
			msg := fmt.Sprintf("Ref<%s>: a reference names a collection of this schema", typeString(a))
			if s := schema.Closest(typeString(a), b.collectionNames()); s != "" {
				msg += fmt.Sprintf(". Did you mean %q?", s)
			}
			b.errorf(posOf(g.Args[0].Pos), "%s", msg)
			return nil
		}
		return &schema.Type{Name: a.Name}
	case "Array":
		if a := arg(); a != nil {
			return &schema.Type{Elem: a}
		}
		return nil
	case "Set":
		if a := arg(); a != nil {
			return &schema.Type{Set: a}
		}
		return nil
	}
	if len(g.Args) > 0 {
		b.errorf(p, "%s is not a generic type (Ref<C>, Array<T> and Set<T> are)", g.Name)
		return nil
	}
	if !schema.IsFSLTypeName(g.Name) && b.colls[g.Name] == nil {
		msg := fmt.Sprintf("unknown type %s", g.Name)
		candidates := append(append(b.collectionNames(), schema.FSLTypeNames()...), "Ref", "Array", "Set")
		sort.Strings(candidates)
		if s := schema.Closest(g.Name, candidates); s != "" {
			msg += fmt.Sprintf(". Did you mean %q?", s)
		}
		b.errorf(p, "%s", msg)
		return nil
	}
	return &schema.Type{Name: g.Name}
}

func (b *builder) collectionNames() []string {
	out := make([]string, len(b.order))
	for i, c := range b.order {
		out[i] = c.c.Name
	}
	return out
}

// typeString writes t as FSL, the way a field's Type shows it.
func typeString(t *schema.Type) string {
	if t == nil {
		return "Any"
	}
	return t.String()
}
