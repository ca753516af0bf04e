package fsl

import (
	"fmt"

	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/schema"
)

// Relations in FSL: a reference field (`author: Ref<User>`) and a computed
// field of its target that reads it back make one relation, as a GraphQL
// field and the field pointing back do:
//
//	compute videos: Set<Video> = (user => Video.where(.author == user))  one-to-many
//	compute videos: Set<Video> = (user => Video.byAuthor(user))          the same, by an index
//	compute video: Video? = (user => Video.byAuthor(user).first())        one-to-one
//	compute drives: Set<Car> = (u => Drive.byUser(u).map(.car))           many-to-many through Drive
//
// A reference nothing reads back is a many-to-one relation with no field
// on the other side. Names and sides follow engine/schema's recognition.

// readBack is a computed field recognised as reading references back.
type readBack struct {
	owner *collection // the computed field's collection
	field *schema.Field
	via   *schema.Via
}

func (b *builder) relations() {
	var m2m []*readBack
	claimed := map[*schema.Field]bool{}
	for _, c := range b.order {
		for _, f := range c.c.Fields {
			rb := b.readBack(c, f)
			if rb == nil {
				continue
			}
			f.Via = rb.via
			if rb.via.Pick != "" {
				m2m = append(m2m, rb)
				continue
			}
			ref := b.colls[rb.via.Collection].c.Field(rb.via.Term)
			if claimed[ref] {
				continue // a second field reading the same references: no second relation
			}
			claimed[ref] = true
			rel := &schema.Relation{Collection: rb.via.Collection, Fields: []string{ref.Name}}
			from := schema.Side{Type: rb.via.Collection, Field: ref.Name}
			to := schema.Side{Type: c.c.Name, Field: f.Name, List: !rb.via.Single}
			if rb.via.Single {
				rel.Cardinality, rel.From, rel.To = schema.OneToOne, from, to
			} else {
				rel.Cardinality, rel.From, rel.To = schema.OneToMany, to, from
			}
			rel.Name = b.relationName(rel.From)
			ref.Relation, f.Relation = rel, rel
			b.model.Relations = append(b.model.Relations, rel)
		}
	}
	b.manyToMany(m2m, claimed)
	for _, c := range b.order {
		for _, f := range c.c.Fields {
			if f.Kind != schema.Ref || claimed[f] {
				continue
			}
			rel := &schema.Relation{Cardinality: schema.ManyToOne, Collection: c.c.Name, Fields: []string{f.Name},
				From: schema.Side{Type: c.c.Name, Field: f.Name}, To: schema.Side{Type: f.Target, List: true}}
			rel.Name = b.relationName(rel.From)
			f.Relation = rel
			b.model.Relations = append(b.model.Relations, rel)
		}
	}
}

// manyToMany pairs the computed fields that read an associative
// collection from its two ends.
func (b *builder) manyToMany(rbs []*readBack, claimed map[*schema.Field]bool) {
	done := map[*readBack]bool{}
	for _, a := range rbs {
		if done[a] {
			continue
		}
		done[a] = true
		assoc := b.colls[a.via.Collection].c
		var other *readBack
		for _, o := range rbs {
			if !done[o] && o.via.Collection == a.via.Collection && o.via.Term == a.via.Pick && o.via.Pick == a.via.Term {
				other = o
				break
			}
		}
		first := schema.Side{Type: a.owner.c.Name, Field: a.field.Name, List: true}
		second := schema.Side{Type: assoc.Field(a.via.Pick).Target, List: true}
		terms := []string{a.via.Term, a.via.Pick}
		if other != nil {
			done[other] = true
			second.Field = other.field.Name
			if second.Type < first.Type || second.Type == first.Type && second.Field < first.Field {
				first, second = second, first
				terms[0], terms[1] = terms[1], terms[0]
			}
		}
		rel := &schema.Relation{Cardinality: schema.ManyToMany, From: first, To: second, Collection: assoc.Name, Fields: terms}
		ta, tb := assoc.Field(terms[0]), assoc.Field(terms[1])
		if other != nil && !claimed[ta] && !claimed[tb] && onlyRefs(assoc) {
			// Nothing but the two references: the collection is the
			// relation's, as GraphQL's associative collections are.
			assoc.Associative, assoc.Relation, assoc.Type = true, rel, ""
			rel.Name = assoc.Name
			b.relationNames[rel.Name] = true
		} else {
			rel.Name = b.relationName(rel.From)
		}
		claimed[ta], claimed[tb] = true, true
		ta.Relation, tb.Relation, a.field.Relation = rel, rel, rel
		if other != nil {
			other.field.Relation = rel
		}
		b.model.Relations = append(b.model.Relations, rel)
	}
}

// onlyRefs reports whether c stores two references and nothing else.
func onlyRefs(c *schema.Collection) bool {
	n := 0
	for _, f := range c.Fields {
		if f.Kind != schema.Ref {
			return false
		}
		n++
	}
	return n == 2 && len(c.Checks) == 0 && !c.Wildcard
}

// relationName names a relation after the side it is read from
// (user_videos), numbered when taken by a relation or a collection.
func (b *builder) relationName(s schema.Side) string {
	base := schema.DefaultRelationName(s.Type, s.Field)
	name := base
	for n := 2; b.relationNames[name] || b.colls[name] != nil; n++ {
		name = fmt.Sprintf("%s%d", base, n)
	}
	b.relationNames[name] = true
	return name
}

// readBack recognises f as a computed field reading back the references
// to its collection, or returns nil.
func (b *builder) readBack(c *collection, f *schema.Field) *readBack {
	if f.Kind != schema.Computed || f.Compute == nil {
		return nil
	}
	lam, ok := f.Compute.Expr.(*syntax.Lambda)
	if !ok || len(lam.Params) != 1 {
		return nil
	}
	self := lam.Params[0]
	via := &schema.Via{}
	body := lam.Body
	if inner, args, ok := method(body, "first"); ok && len(args) == 0 {
		via.Single, body = true, inner
	}
	if inner, args, ok := method(body, "map"); ok && len(args) == 1 {
		sel, isSel := args[0].(*syntax.Select)
		if !isSel || sel.X != nil {
			return nil
		}
		via.Pick, body = sel.Name, inner
	}
	call, ok := body.(*syntax.Call)
	if !ok {
		return nil
	}
	fn, ok := call.Fn.(*syntax.Select)
	if !ok {
		return nil
	}
	id, ok := fn.X.(*syntax.Ident)
	if !ok || b.colls[id.Name] == nil {
		return nil
	}
	from := b.colls[id.Name]
	if fn.Name == "where" && len(call.Args) == 1 {
		via.Term = whereTerm(call.Args[0], self)
	} else if ix := from.c.Index(fn.Name); ix != nil && !ix.Constraint && len(ix.Terms) == 1 && len(call.Args) == 1 && isIdent(call.Args[0], self) {
		via.Term, via.Index = ix.Terms[0], ix.Name
	}
	ref := from.c.Field(via.Term)
	if via.Term == "" || ref == nil || ref.Kind != schema.Ref || ref.Target != c.c.Name {
		return nil
	}
	via.Collection = from.c.Name
	target := from.c.Name
	if via.Pick != "" {
		pick := from.c.Field(via.Pick)
		if pick == nil || pick.Kind != schema.Ref || pick == ref {
			return nil
		}
		target = pick.Target
	}
	if via.Index == "" {
		via.Index = b.indexOn(from, via.Term).Name
	}
	f.Target = target
	if f.FSLType == nil {
		f.Elem, f.List = target, !via.Single
	}
	return &readBack{owner: c, field: f, via: via}
}

// indexOn returns an index of c whose single term is term, adding one
// (named as GraphQL's recognition names them) when the schema has none.
func (b *builder) indexOn(c *collection, term string) *schema.Index {
	var found *schema.Index
	for _, ix := range c.c.Indexes {
		if !ix.Constraint && len(ix.Terms) == 1 && ix.Terms[0] == term && (found == nil || len(found.Values) > 0) {
			found = ix
		}
	}
	if found != nil {
		return found
	}
	base := schema.DerivedIndexName([]string{term})
	name := base
	for n := 2; c.c.Index(name) != nil; n++ {
		name = fmt.Sprintf("%s%d", base, n)
	}
	ix := &schema.Index{Name: name, Terms: []string{term}}
	c.c.Indexes = append(c.c.Indexes, ix)
	return ix
}

// method matches x.name(args...), returning x and args.
func method(e syntax.Expr, name string) (syntax.Expr, []syntax.Expr, bool) {
	call, ok := e.(*syntax.Call)
	if !ok {
		return nil, nil, false
	}
	sel, ok := call.Fn.(*syntax.Select)
	if !ok || sel.Name != name || sel.X == nil || sel.Optional {
		return nil, nil, false
	}
	return sel.X, call.Args, true
}

// whereTerm reads the predicate `.term == self` (either way round, or as
// `x => x.term == self`), returning term or "".
func whereTerm(pred syntax.Expr, self string) string {
	param := ""
	if lam, ok := pred.(*syntax.Lambda); ok {
		if len(lam.Params) != 1 {
			return ""
		}
		param, pred = lam.Params[0], lam.Body
	}
	bin, ok := pred.(*syntax.Binary)
	if !ok || bin.Op != "==" {
		return ""
	}
	field := func(e syntax.Expr) string {
		sel, ok := e.(*syntax.Select)
		if !ok || sel.Optional {
			return ""
		}
		if param == "" && sel.X == nil || param != "" && isIdent(sel.X, param) {
			return sel.Name
		}
		return ""
	}
	if t := field(bin.X); t != "" && isIdent(bin.Y, self) {
		return t
	}
	if t := field(bin.Y); t != "" && isIdent(bin.X, self) {
		return t
	}
	return ""
}

func isIdent(e syntax.Expr, name string) bool {
	id, ok := e.(*syntax.Ident)
	return ok && id.Name == name
}
