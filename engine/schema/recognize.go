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

// reservedCollectionNames are names FQL keeps for itself (Fauna's "Reserved
// words" page): its keywords, FQL, its schema entities, and names reserved
// for indexes. A collection of that name could not be used in a query.
var reservedCollectionNames = map[string]string{
	"at": "an FQL keyword", "false": "an FQL keyword", "if": "an FQL keyword",
	"let": "an FQL keyword", "null": "an FQL keyword", "true": "an FQL keyword",
	"FQL": "the prefix of FQL's own names", "Timestamp": "an FQL type",
	"AccessProvider": "an FQL schema entity", "Collection": "an FQL schema entity",
	"Credential": "an FQL schema entity", "Doc": "an FQL schema entity",
	"Index": "an FQL schema entity", "Key": "an FQL schema entity",
	"Role": "an FQL schema entity", "Token": "an FQL schema entity",
	"View":      "an FQL schema entity",
	"documents": "reserved by FQL", "events": "reserved by FQL",
	"self": "reserved by FQL", "sets": "reserved by FQL",
}

// reservedCollectionName says why name cannot be a collection's, or "".
func reservedCollectionName(name string) string {
	if why, ok := reservedCollectionNames[name]; ok {
		return "`" + name + "` is " + why
	}
	return ""
}

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
	// between holds the candidates by [collection, target], in SDL order,
	// so finding the fields that point back is no scan of every field.
	between map[[2]string][]*candidate
	// relationNames holds the names relations have or will have (every
	// @relation name is known before any relation is made), so a default
	// name never takes one.
	relationNames map[string]bool
	// indexNames holds, per collection, the index names given with
	// @unique(index:), so a derived index name never takes one.
	indexNames map[*Collection]map[string]bool
}

func (r *recognizer) errorf(pos *ast.Position, format string, args ...any) {
	r.model.Errors = append(r.model.Errors, diag.Errorf(diag.InvalidSchema, posOf(pos), format, args...))
}

func (r *recognizer) run() {
	r.objects = map[string]*ast.Definition{}
	r.embedded = map[string]bool{}
	r.byType = map[string]*Collection{}
	r.relationNames = map[string]bool{}
	r.between = map[[2]string][]*candidate{}
	r.indexNames = map[*Collection]map[string]bool{}
	var colls, embeds []*ast.Definition
	for _, d := range r.doc.Definitions {
		switch d.Kind {
		case ast.Interface, ast.Union:
			// Fauna's import refused them ("not valid for Fauna", its
			// cookbook's Composable Types without Unions); half an
			// interface would be worse than none.
			r.errorf(d.Position, "%s %s: Fauna's GraphQL API does not support interfaces or unions; declare each type on its own (an @embedded type can hold shared fields)", strings.ToLower(string(d.Kind)), d.Name)
			continue
		}
		if d.Kind == ast.Object && len(d.Interfaces) > 0 {
			r.errorf(d.Position, "type %s implements %s: Fauna's GraphQL API does not support interfaces; remove `implements`", d.Name, strings.Join(d.Interfaces, " & "))
		}
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
		if why := reservedCollectionName(c.Name); why != "" {
			r.errorf(d.Position, "type %s cannot be stored in a collection named `%s`: %s; choose another name with @collection(name: \"...\")", d.Name, c.Name, why)
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
	queries := r.queryIndexSpecs()
	r.pairNamed()
	r.pairUnnamed()
	r.uniqueFields(colls)
	r.queryIndexes(queries)
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
		if u := fd.Directives.ForName("unique"); u != nil && owner == nil {
			r.errorf(u.Position, "@unique on `%s.%s`: %s is @embedded, and only a collection's fields can be unique", d.Name, fd.Name, d.Name)
		} else if u != nil {
			if a := u.Arguments.ForName("index"); a != nil && a.Value != nil {
				r.reserveIndexName(owner, a.Value.Raw)
			}
		}
		rel := fd.Directives.ForName("relation")
		switch target, isColl := r.byType[f.Elem]; {
		case isColl:
			f.Target = target.Name
			switch {
			case owner == nil:
				// An embedded object holds plain references.
				if rel != nil {
					r.errorf(rel.Position, "@relation on `%s.%s`: %s is @embedded, and an embedded type forms no relation (it may hold plain references)", d.Name, fd.Name, d.Name)
				}
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
						r.relationNames[c.name] = true
						if !identifier.MatchString(c.name) {
							r.errorf(n.Value.Position, "relation name %q may hold only letters, digits and _", c.name)
						}
					}
				}
				r.cands = append(r.cands, c)
				key := [2]string{owner.Name, f.Target}
				r.between[key] = append(r.between[key], c)
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
			if b.coll == c.coll && !c.field.List && !b.field.List {
				// Two single fields of a type pointing at their own type
				// (mother and father, or next and previous) may be one
				// one-to-one relation or two separate many-to-one ones.
				r.errorf(b.def.Position,
					"ambiguous relation: `%s.%s` and `%s.%s` both point at %s; to make them one one-to-one relation put the same @relation(name: \"...\") on both, to keep them apart give each its own @relation(name: \"...\")",
					c.coll.Type, c.field.Name, b.coll.Type, b.field.Name, c.coll.Type)
				c.done, b.done = true, true
				continue
			}
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
			c.coll.Type, c.field.Name, c.field.Elem, backs[0].coll.Type, fieldList(backs))
		for _, b := range backs {
			b.done = true
		}
		c.done = true
	}
}

// pointingAt lists the unnamed, unpaired candidates of collection `in`
// whose target is `at`, other than self.
func (r *recognizer) pointingAt(in, at string, self *candidate) []*candidate {
	var out []*candidate
	for _, c := range r.between[[2]string{in, at}] {
		if c != self && !c.done && c.name == "" {
			out = append(out, c)
		}
	}
	return out
}

// anyPointingAt returns the first candidate of collection `in` whose target
// is `at`, other than self, paired or not; nil if there is none.
func (r *recognizer) anyPointingAt(in, at string, self *candidate) *candidate {
	for _, c := range r.between[[2]string{in, at}] {
		if c != self {
			return c
		}
	}
	return nil
}

// refListPointingAt names the first array-of-ids field (a list with no
// @relation) of collection `in` whose target is `at`, or "".
func (r *recognizer) refListPointingAt(in, at string) string {
	for _, c := range r.model.Collections {
		if c.Name != in {
			continue
		}
		for _, f := range c.Fields {
			if f.Kind == RefList && f.Target == at {
				return f.Name
			}
		}
	}
	return ""
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

// defaultName names an unnamed relation after the field it is read from:
// user_cars for User.cars. A name already taken (by a @relation name, another
// relation or a collection, which a many-to-many relation's associative
// collection would clash with) gets a number: user_cars2.
func (r *recognizer) defaultName(c *candidate) string {
	base := DefaultRelationName(c.coll.Type, c.field.Name)
	name := base
	for n := 2; r.relationNames[name] || r.model.Collection(name) != nil; n++ {
		name = fmt.Sprintf("%s%d", base, n)
	}
	r.relationNames[name] = true
	return name
}

// relateOneSided makes the relation of a field whose target has no field
// pointing back: many-to-one for a single field. A list marked @relation
// needs a field on the other side to store its references.
func (r *recognizer) relateOneSided(name string, c *candidate) {
	if c.field.List {
		if back := r.anyPointingAt(c.field.Target, c.coll.Name, c); back != nil && back.name != c.name {
			// The partner exists but the names keep them apart.
			r.errorf(c.def.Position,
				"`%s.%s` is a list marked @relation, and its partner `%s.%s` has another relation name; put the same @relation(name: \"...\") on both fields",
				c.coll.Type, c.field.Name, back.coll.Type, back.field.Name)
			return
		}
		if back := r.refListPointingAt(c.field.Target, c.coll.Name); back != "" {
			// The usual slip with many-to-many: @relation on one list only.
			r.errorf(c.def.Position,
				"`%s.%s` is a list marked @relation, and `%s.%s` points back without @relation; add @relation to it too to make a many-to-many relation",
				c.coll.Type, c.field.Name, c.field.Elem, back)
			return
		}
		r.errorf(c.def.Position,
			"`%s.%s` is a list marked @relation, but %s has no field pointing back to %s to store the relation; add one (e.g. `%s: %s`), or remove @relation to store an array of ids",
			c.coll.Type, c.field.Name, c.field.Elem, c.coll.Type, lowerFirst(c.coll.Type), c.coll.Type)
		return
	}
	rel := &Relation{Name: name, Explicit: name != "", Cardinality: ManyToOne,
		From: c.side(), To: Side{Type: c.field.Elem, List: true}}
	if rel.Name == "" {
		rel.Name = r.defaultName(c)
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
			rel.Name = r.defaultName(a)
		}
		ix := r.store(rel, a, true)
		r.compute(b, &Via{Collection: a.coll.Name, Index: ix.Name, Term: a.field.Name, Single: true}, rel)
	case a.field.List && b.field.List:
		rel.Cardinality = ManyToMany
		rel.From, rel.To = a.side(), b.side()
		if rel.Name == "" {
			rel.Name = r.defaultName(a)
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
			rel.Name = r.defaultName(list)
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
	return r.addIndex(c.coll, "", []string{c.field.Name}, unique)
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
	if why := reservedCollectionName(rel.Name); why != "" {
		r.errorf(a.def.Position, "the many-to-many relation %q needs a collection of that name, but %s; choose another name with @relation(name: \"...\")", rel.Name, why)
		return
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
	ia := r.addIndex(assoc, "", []string{fa}, false)
	ib := r.addIndex(assoc, "", []string{fb}, false)
	r.addIndex(assoc, "", []string{fa, fb}, false)
	r.model.Collections = append(r.model.Collections, assoc)
	rel.Collection = assoc.Name
	rel.Fields = []string{fa, fb}
	r.compute(a, &Via{Collection: assoc.Name, Index: ia.Name, Term: fa, Pick: fb}, rel)
	r.compute(b, &Via{Collection: assoc.Name, Index: ib.Name, Term: fb, Pick: fa}, rel)
}

// addIndex adds an index on terms to c, or reuses the one it has (made
// unique if asked). name "" derives one: byOwner, byUserAndCar, numbered
// when the name is taken, also by a name given with @unique(index:).
func (r *recognizer) addIndex(c *Collection, name string, terms []string, unique bool) *Index {
	if ix := c.IndexOn(terms...); ix != nil && (name == "" || name == ix.Name) {
		ix.Unique = ix.Unique || unique
		return ix
	}
	if name == "" {
		// A derived name; an explicit one is never taken, since derived
		// names keep clear of explicit ones and explicit ones are checked
		// for clashes in uniqueFields.
		base := DerivedIndexName(terms)
		name = base
		for n := 2; c.Index(name) != nil || r.indexNames[c][name]; n++ {
			name = fmt.Sprintf("%s%d", base, n)
		}
	}
	ix := &Index{Name: name, Terms: append([]string(nil), terms...), Unique: unique}
	c.Indexes = append(c.Indexes, ix)
	return ix
}

// reserveIndexName keeps a name the user gave an index of c out of the
// names addIndex derives.
func (r *recognizer) reserveIndexName(c *Collection, name string) {
	if r.indexNames[c] == nil {
		r.indexNames[c] = map[string]bool{}
	}
	r.indexNames[c][name] = true
}

// collectionMethods are the methods every collection has in FQL; an index,
// callable as a method of its collection, may not hide one.
var collectionMethods = map[string]bool{"all": true, "byId": true, "create": true, "where": true,
	"firstWhere": true, "definition": true, "createData": true, "name": true}

// uniqueFields turns @unique into unique indexes.
func (r *recognizer) uniqueFields(defs []*ast.Definition) {
	for _, d := range defs {
		c := r.byType[d.Name]
		named := map[string]string{} // @unique(index:) name -> field
		for _, fd := range d.Fields {
			dir := fd.Directives.ForName("unique")
			if dir == nil {
				continue
			}
			f := c.Field(fd.Name)
			if f == nil {
				continue
			}
			if f.Kind == Computed && f.Via != nil && f.Via.Single {
				// The side of a one-to-one that stores nothing: the other
				// side's unique index already keeps it unique.
				f.Unique = true
				continue
			}
			if f.List || f.Kind == Computed {
				r.errorf(dir.Position, "@unique on `%s.%s`: only a single stored field can be unique", d.Name, fd.Name)
				continue
			}
			name := ""
			if a := dir.Arguments.ForName("index"); a != nil && a.Value != nil {
				name = a.Value.Raw
				switch {
				case !identifier.MatchString(name):
					r.errorf(a.Value.Position, "index name %q is not a valid identifier", name)
					continue
				case collectionMethods[name]:
					r.errorf(a.Value.Position, "index name `%s` would hide the collection method `%s.%s()`; choose another name", name, c.Name, name)
					continue
				case named[name] != "":
					r.errorf(a.Value.Position, "index name `%s` is already used by @unique on `%s.%s`", name, d.Name, named[name])
					continue
				}
				named[name] = fd.Name
			}
			f.Unique = true
			r.addIndex(c, name, []string{f.Name}, true)
		}
	}
}

// queryIndex is the index Fauna made for a field of the user's `type Query`.
type queryIndex struct {
	field *ast.FieldDefinition
	coll  *Collection
	name  string
	pos   *ast.Position // of the name: the field's, or @index's argument
}

// queryIndexSpecs finds the fields of the user's `type Query` that return a
// collection type and reserves their index names (the field's name, or
// @index(name:)) before relations derive theirs. A field with @resolver
// runs a function instead and makes no index.
func (r *recognizer) queryIndexSpecs() []queryIndex {
	q := r.doc.Definitions.ForName("Query")
	if q == nil {
		return nil
	}
	var out []queryIndex
	for _, fd := range q.Fields {
		c := r.byType[fd.Type.Name()]
		if c == nil || fd.Directives.ForName("resolver") != nil {
			continue
		}
		spec := queryIndex{field: fd, coll: c, name: fd.Name, pos: fd.Position}
		if dir := fd.Directives.ForName("index"); dir != nil {
			if a := dir.Arguments.ForName("name"); a != nil && a.Value != nil {
				spec.name, spec.pos = a.Value.Raw, a.Value.Position
			}
		}
		if !identifier.MatchString(spec.name) {
			r.errorf(spec.pos, "index name %q of `Query.%s` is not a valid identifier", spec.name, fd.Name)
			continue
		}
		if collectionMethods[spec.name] {
			r.errorf(spec.pos, "index name `%s` of `Query.%s` would hide the collection method `%s.%s()`; name the index with @index(name: \"...\")", spec.name, fd.Name, c.Name, spec.name)
			continue
		}
		r.reserveIndexName(c, spec.name)
		out = append(out, spec)
	}
	return out
}

// queryIndexes makes the indexes of queryIndexSpecs: the field's arguments
// are the terms, and each must be a field the collection stores. Two query
// fields may share an index by @index name when their terms agree.
func (r *recognizer) queryIndexes(specs []queryIndex) {
	for _, spec := range specs {
		terms := make([]string, 0, len(spec.field.Arguments))
		ok := true
		for _, arg := range spec.field.Arguments {
			f := spec.coll.Field(arg.Name)
			if f == nil || f.Kind == Computed {
				what := "is not a field of"
				if f != nil {
					what = "is computed (stored on the other side of a relation), not stored in"
				}
				r.errorf(arg.Position, "argument `%s` of `Query.%s` %s %s; the arguments of a query field are the terms of its index", arg.Name, spec.field.Name, what, spec.coll.Type)
				ok = false
				continue
			}
			terms = append(terms, arg.Name)
		}
		if !ok {
			continue
		}
		if ix := spec.coll.Index(spec.name); ix != nil {
			if !sameSet(ix.Terms, terms) {
				r.errorf(spec.pos, "index `%s` of `Query.%s` already exists on %s with terms [%s]; give this query another name with @index(name: \"...\")", spec.name, spec.field.Name, spec.coll.Name, strings.Join(ix.Terms, ", "))
			}
			continue
		}
		spec.coll.Indexes = append(spec.coll.Indexes, &Index{Name: spec.name, Terms: terms, Query: spec.field.Name})
	}
}
