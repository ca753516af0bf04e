package schema

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/vektah/gqlparser/v2/ast"
)

// reservedFields are names every document already has (FQL's metadata and
// the GraphQL API's _id/_ts), so a schema cannot declare them.
var reservedFields = map[string]string{
	"id":   "every document has an `id` (GraphQL reads it as `_id`)",
	"ts":   "every document has a `ts` (GraphQL reads it as `_ts`)",
	"coll": "every document has a `coll`, its collection",
	"ttl":  "`ttl` is a document's time to live",
	"data": "`data` is reserved by FQL",
	"_id":  "the GraphQL API adds `_id` to every collection type",
	"_ts":  "the GraphQL API adds `_ts` to every collection type",
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// candidate is a field that may be one side of a relation: a single field
// of a collection type, or a list of one marked @relation.
type candidate struct {
	coll  *Collection
	field *Field
	def   *ast.FieldDefinition
	name  string // @relation(name:), "" when unnamed
	done  bool
}

func (c *candidate) side() Side {
	return Side{Type: c.coll.Type, Field: c.field.Name, List: c.field.List}
}

// less orders candidates by type then field: the predictable choice of which
// side stores a one-to-one reference and which side a relation reads from.
func (c *candidate) less(o *candidate) bool {
	if c.coll.Type != o.coll.Type {
		return c.coll.Type < o.coll.Type
	}
	return c.field.Name < o.field.Name
}

type recognizer struct {
	doc      *ast.SchemaDocument
	model    *Model
	objects  map[string]*ast.Definition // every object type by name
	embedded map[string]bool
	byType   map[string]*Collection // collections by GraphQL type name
	cands    []*candidate
}

func (r *recognizer) errorf(pos *ast.Position, format string, args ...any) {
	r.model.Errors = append(r.model.Errors, diag.Errorf(diag.InvalidSchema, posOf(pos), format, args...))
}

func (r *recognizer) run() {
	r.objects = map[string]*ast.Definition{}
	r.embedded = map[string]bool{}
	r.byType = map[string]*Collection{}
	var colls, embeds []*ast.Definition
	for _, d := range r.doc.Definitions {
		if d.Kind != ast.Object || rootTypes[d.Name] {
			continue
		}
		r.objects[d.Name] = d
		if d.Directives.ForName("embedded") != nil {
			r.embedded[d.Name] = true
			embeds = append(embeds, d)
		} else {
			colls = append(colls, d)
		}
	}
	names := map[string]string{}
	for _, d := range colls {
		c := &Collection{Name: d.Name, Type: d.Name, Pos: posOf(d.Position)}
		if dir := d.Directives.ForName("collection"); dir != nil {
			if n := dir.Arguments.ForName("name"); n != nil && n.Value != nil {
				c.Name = n.Value.Raw
				if !identifier.MatchString(c.Name) {
					r.errorf(n.Value.Position, "collection name %q is not a valid identifier (letters, digits and _, not starting with a digit)", c.Name)
				}
			}
		}
		if other, dup := names[c.Name]; dup {
			r.errorf(d.Position, "types %s and %s would both be stored in collection `%s`", other, d.Name, c.Name)
		}
		names[c.Name] = d.Name
		r.byType[d.Name] = c
		r.model.Collections = append(r.model.Collections, c)
	}
	for _, d := range colls {
		r.byType[d.Name].Fields = r.fields(d, r.byType[d.Name])
	}
	for _, d := range embeds {
		r.model.Embedded = append(r.model.Embedded, &EmbeddedType{Name: d.Name, Fields: r.fields(d, nil), Pos: posOf(d.Position)})
	}
	if len(r.model.Errors) > 0 {
		return
	}
	r.pairNamed()
	r.pairUnnamed()
	r.uniqueFields(colls)
	r.checkIndexNames()
	sort.Slice(r.model.Collections, func(i, j int) bool { return r.model.Collections[i].Name < r.model.Collections[j].Name })
	sort.Slice(r.model.Relations, func(i, j int) bool { return r.model.Relations[i].Name < r.model.Relations[j].Name })
	sort.Slice(r.model.Embedded, func(i, j int) bool { return r.model.Embedded[i].Name < r.model.Embedded[j].Name })
	for _, c := range r.model.Collections {
		sort.Slice(c.Indexes, func(i, j int) bool { return c.Indexes[i].Name < c.Indexes[j].Name })
	}
}

// fields classifies the fields of an object type. owner is nil for an
// embedded type, whose fields never form relations.
func (r *recognizer) fields(d *ast.Definition, owner *Collection) []*Field {
	var out []*Field
	for _, fd := range d.Fields {
		if why, reserved := reservedFields[fd.Name]; reserved {
			r.errorf(fd.Position, "field name `%s` is reserved: %s", fd.Name, why)
			continue
		}
		f := &Field{
			Name:    fd.Name,
			Type:    fd.Type.String(),
			List:    fd.Type.Elem != nil,
			NonNull: fd.Type.NonNull,
			Elem:    fd.Type.Name(),
			Pos:     posOf(fd.Position),
		}
		if fd.Type.Elem != nil && fd.Type.Elem.Elem != nil {
			r.errorf(fd.Position, "field `%s.%s`: lists of lists are not supported", d.Name, fd.Name)
		}
		rel := fd.Directives.ForName("relation")
		switch target, isColl := r.byType[f.Elem]; {
		case isColl:
			f.Target = target.Name
			switch {
			case owner == nil:
				// An embedded object holds plain references.
				f.Kind = Ref
				if f.List {
					f.Kind = RefList
				}
			case f.List && rel == nil:
				f.Kind = RefList // Fauna: "stored as an array of IDs"
			default:
				f.Kind = Ref
				c := &candidate{coll: owner, field: f, def: fd}
				if rel != nil {
					if n := rel.Arguments.ForName("name"); n != nil && n.Value != nil {
						c.name = n.Value.Raw
						if !identifier.MatchString(c.name) {
							r.errorf(n.Value.Position, "relation name %q may hold only letters, digits and _", c.name)
						}
					}
				}
				r.cands = append(r.cands, c)
			}
		case r.embedded[f.Elem]:
			f.Kind = Inline
			if rel != nil {
				r.errorf(rel.Position, "`%s.%s` is an @embedded type: it is stored inline and forms no relation", d.Name, fd.Name)
			}
		default:
			if def := r.doc.Definitions.ForName(f.Elem); def != nil && def.Kind != ast.Scalar && def.Kind != ast.Enum {
				r.errorf(fd.Type.Position, "field `%s.%s` has type %s, a %s: fields hold scalars, enums, @embedded types or collection types", d.Name, fd.Name, f.Elem, strings.ToLower(string(def.Kind)))
			}
			f.Kind = Scalar
			if rel != nil {
				r.errorf(rel.Position, "@relation on `%s.%s`: %s is not a collection type", d.Name, fd.Name, f.Elem)
			}
		}
		out = append(out, f)
	}
	return out
}

// pairNamed pairs the fields that share an @relation name.
func (r *recognizer) pairNamed() {
	groups := map[string][]*candidate{}
	var order []string
	for _, c := range r.cands {
		if c.name == "" {
			continue
		}
		if groups[c.name] == nil {
			order = append(order, c.name)
		}
		groups[c.name] = append(groups[c.name], c)
	}
	for _, name := range order {
		g := groups[name]
		for _, c := range g {
			c.done = true
		}
		switch {
		case len(g) > 2:
			r.errorf(g[2].def.Position, "relation %q is named on %d fields (%s); a relation joins exactly two fields", name, len(g), fieldList(g))
		case len(g) == 2:
			a, b := g[0], g[1]
			if a.field.Target != b.coll.Name || b.field.Target != a.coll.Name {
				r.errorf(b.def.Position, "`%s.%s` and `%s.%s` share the relation name %q but do not point at each other's types",
					a.coll.Type, a.field.Name, b.coll.Type, b.field.Name, name)
				continue
			}
			r.relate(name, a, b)
		default:
			r.relateOneSided(name, g[0])
		}
	}
}

// pairUnnamed follows Fauna's recognition: for each field pointing at a
// collection type, look in that type for the one field pointing back.
func (r *recognizer) pairUnnamed() {
	for _, c := range r.cands {
		if c.done {
			continue
		}
		backs := r.pointingAt(c.field.Target, c.coll.Name, c)
		switch len(backs) {
		case 0:
			c.done = true
			r.relateOneSided("", c)
			continue
		case 1:
			b := backs[0]
			fronts := r.pointingAt(b.field.Target, b.coll.Name, b)
			if len(fronts) == 1 {
				c.done, b.done = true, true
				r.relate("", c, b)
				continue
			}
			backs = fronts
		}
		r.errorf(c.def.Position,
			"ambiguous relation: `%s.%s` points at %s, and %s has several fields that could point back (%s); name the relation with @relation(name: \"...\") on both of its fields",
			c.coll.Type, c.field.Name, r.typeOf(c.field.Target), r.typeOf(backs[0].coll.Name), fieldList(backs))
		for _, b := range backs {
			b.done = true
		}
		c.done = true
	}
}

func (r *recognizer) typeOf(coll string) string {
	for _, c := range r.model.Collections {
		if c.Name == coll {
			return c.Type
		}
	}
	return coll
}

// pointingAt lists the unnamed, unpaired candidates of collection `in`
// whose target is `at`, other than self.
func (r *recognizer) pointingAt(in, at string, self *candidate) []*candidate {
	var out []*candidate
	for _, c := range r.cands {
		if c != self && !c.done && c.name == "" && c.coll.Name == in && c.field.Target == at {
			out = append(out, c)
		}
	}
	return out
}

func fieldList(cs []*candidate) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("`%s.%s`", c.coll.Type, c.field.Name)
	}
	return strings.Join(parts, ", ")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func defaultName(c *candidate) string { return lowerFirst(c.coll.Type) + "_" + c.field.Name }

// relateOneSided makes the relation of a field whose target has no field
// pointing back: many-to-one for a single field. A list marked @relation
// needs a field on the other side to store its references.
func (r *recognizer) relateOneSided(name string, c *candidate) {
	if c.field.List {
		r.errorf(c.def.Position,
			"`%s.%s` is a list marked @relation, but %s has no field pointing back to %s to store the relation; add one (e.g. `%s: %s`), or remove @relation to store an array of ids",
			c.coll.Type, c.field.Name, r.typeOf(c.field.Target), c.coll.Type, lowerFirst(c.coll.Type), c.coll.Type)
		return
	}
	rel := &Relation{Name: name, Explicit: name != "", Cardinality: ManyToOne,
		From: c.side(), To: Side{Type: r.typeOf(c.field.Target), List: true}}
	if rel.Name == "" {
		rel.Name = defaultName(c)
	}
	r.store(rel, c, false)
	r.model.Relations = append(r.model.Relations, rel)
}

// relate makes the relation between two fields pointing at each other.
func (r *recognizer) relate(name string, a, b *candidate) {
	if b.less(a) {
		a, b = b, a
	}
	rel := &Relation{Name: name, Explicit: name != ""}
	switch {
	case !a.field.List && !b.field.List:
		// One-to-one: the first side (by type, then field) stores the
		// reference, under a unique index; the other side reads it.
		rel.Cardinality = OneToOne
		rel.From, rel.To = a.side(), b.side()
		if rel.Name == "" {
			rel.Name = defaultName(a)
		}
		ix := r.store(rel, a, true)
		r.compute(b, &Via{Collection: a.coll.Name, Index: ix.Name, Term: a.field.Name, Single: true}, rel)
	case a.field.List && b.field.List:
		rel.Cardinality = ManyToMany
		rel.From, rel.To = a.side(), b.side()
		if rel.Name == "" {
			rel.Name = defaultName(a)
		}
		r.associate(rel, a, b)
	default:
		list, single := a, b
		if b.field.List {
			list, single = b, a
		}
		rel.Cardinality = OneToMany
		rel.From, rel.To = list.side(), single.side()
		if rel.Name == "" {
			rel.Name = defaultName(list)
		}
		ix := r.store(rel, single, false)
		r.compute(list, &Via{Collection: single.coll.Name, Index: ix.Name, Term: single.field.Name}, rel)
	}
	r.model.Relations = append(r.model.Relations, rel)
}

// store keeps the relation's references in c's field, under an index on it.
func (r *recognizer) store(rel *Relation, c *candidate, unique bool) *Index {
	c.field.Kind = Ref
	c.field.Relation = rel
	rel.Collection = c.coll.Name
	rel.Fields = []string{c.field.Name}
	return addIndex(c.coll, "", []string{c.field.Name}, unique)
}

func (r *recognizer) compute(c *candidate, via *Via, rel *Relation) {
	c.field.Kind = Computed
	c.field.Via = via
	c.field.Relation = rel
}

// associate makes the associative collection of a many-to-many relation:
// a row {A: a-document, B: b-document} ties the two.
func (r *recognizer) associate(rel *Relation, a, b *candidate) {
	fa, fb := lowerFirst(a.coll.Type), lowerFirst(b.coll.Type)
	if fa == fb {
		fa, fb = a.field.Name, b.field.Name
	}
	if existing := r.model.Collection(rel.Name); existing != nil {
		r.errorf(a.def.Position, "the many-to-many relation %q needs a collection of that name, but type %s already has it; name the relation with @relation(name: \"...\")", rel.Name, existing.Type)
		return
	}
	assoc := &Collection{Name: rel.Name, Associative: true, Relation: rel, Pos: a.field.Pos,
		Fields: []*Field{
			{Name: fa, Type: a.coll.Type + "!", Kind: Ref, NonNull: true, Elem: a.coll.Type, Target: a.coll.Name, Relation: rel, Pos: a.field.Pos},
			{Name: fb, Type: b.coll.Type + "!", Kind: Ref, NonNull: true, Elem: b.coll.Type, Target: b.coll.Name, Relation: rel, Pos: b.field.Pos},
		}}
	ia := addIndex(assoc, "", []string{fa}, false)
	ib := addIndex(assoc, "", []string{fb}, false)
	addIndex(assoc, "", []string{fa, fb}, false)
	r.model.Collections = append(r.model.Collections, assoc)
	rel.Collection = assoc.Name
	rel.Fields = []string{fa, fb}
	r.compute(a, &Via{Collection: assoc.Name, Index: ia.Name, Term: fa, Pick: fb}, rel)
	r.compute(b, &Via{Collection: assoc.Name, Index: ib.Name, Term: fb, Pick: fa}, rel)
}

// addIndex adds an index on terms to c, or reuses the one it has (made
// unique if asked). name "" derives one: byOwner, byUserAndCar.
func addIndex(c *Collection, name string, terms []string, unique bool) *Index {
	if ix := c.IndexOn(terms...); ix != nil && (name == "" || name == ix.Name) {
		ix.Unique = ix.Unique || unique
		return ix
	}
	if name == "" {
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = upperFirst(t)
		}
		name = "by" + strings.Join(parts, "And")
	}
	base := name
	for n := 2; c.Index(name) != nil; n++ {
		name = fmt.Sprintf("%s%d", base, n)
	}
	ix := &Index{Name: name, Terms: append([]string(nil), terms...), Unique: unique}
	c.Indexes = append(c.Indexes, ix)
	return ix
}

// uniqueFields turns @unique into unique indexes.
func (r *recognizer) uniqueFields(defs []*ast.Definition) {
	for _, d := range defs {
		c := r.byType[d.Name]
		for _, fd := range d.Fields {
			dir := fd.Directives.ForName("unique")
			if dir == nil {
				continue
			}
			f := c.Field(fd.Name)
			if f == nil {
				continue
			}
			if f.List || f.Kind == Computed {
				r.errorf(dir.Position, "@unique on `%s.%s`: only a single stored field can be unique", d.Name, fd.Name)
				continue
			}
			name := ""
			if a := dir.Arguments.ForName("index"); a != nil && a.Value != nil {
				name = a.Value.Raw
				if !identifier.MatchString(name) {
					r.errorf(a.Value.Position, "index name %q is not a valid identifier", name)
					continue
				}
			}
			f.Unique = true
			addIndex(c, name, []string{f.Name}, true)
		}
	}
}

// checkIndexNames keeps index names callable as collection methods: an index
// may not shadow a method every collection has.
func (r *recognizer) checkIndexNames() {
	builtin := map[string]bool{"all": true, "byId": true, "create": true, "where": true, "firstWhere": true,
		"definition": true, "createData": true}
	for _, c := range r.model.Collections {
		for _, ix := range c.Indexes {
			if builtin[ix.Name] {
				r.errorf(&ast.Position{Line: c.Pos.Line, Column: c.Pos.Column}, "index name `%s` on collection `%s` would hide the collection method of that name", ix.Name, c.Name)
			}
		}
	}
}
