package complete

import (
	"strings"

	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
)

// typ is what completion knows of an expression's value: enough to list
// its members. The zero typ is unknown.
type typ struct {
	kind string // "Set", "Array", "Page", "Document", "Collection", "Module", "Object", "String", "Number", "Boolean", "Time", "Date", "Null", "Function"
	elem *typ   // Set, Array, Page
	name string // Document, Collection: the collection; Module: its name; Object: an @embedded type, or ""
}

func (t typ) known() bool { return t.kind != "" }

func container(kind string, elem typ) typ { return typ{kind: kind, elem: &elem} }

// element is the element of a Set or Array (or a Page's), else unknown.
func (t typ) element() typ {
	if t.elem != nil {
		return *t.elem
	}
	return typ{}
}

// String is the type as a signature shows it: User, Set<User>, Number.
func (t typ) String() string {
	switch t.kind {
	case "":
		return "Any"
	case "Document":
		return t.name
	case "Collection":
		return "Collection"
	case "Module":
		return t.name
	case "Object":
		if t.name != "" {
			return t.name
		}
		return "Object"
	case "Set", "Array":
		return t.kind + "<" + t.element().String() + ">"
	}
	return t.kind
}

// tnode is a type in a signature (see engine/fql/value/methoddoc.go).
type tnode struct {
	name   string
	args   []tnode // Set<A>: [A]; a function: its parameters
	ret    *tnode  // a function's result
	isFunc bool
}

type param struct {
	name string
	t    tnode
}

// sig is a parsed signature: name(params) => ret, or name: ret.
type sig struct {
	name     string
	params   []param
	ret      tnode
	property bool
}

// parseSig reads a signature of the documentation's grammar; ok is false
// for anything else.
func parseSig(s string) (out sig, ok bool) {
	p := &sigParser{s: s, ok: true}
	out.name = p.ident()
	if out.name == "" {
		return out, false
	}
	if p.eat(": ") {
		out.property = true
		out.ret = p.union()
		return out, p.ok && p.i == len(s)
	}
	if !p.eat("(") {
		return out, p.i == len(s) // a bare module name
	}
	for !p.eat(")") && p.ok {
		if len(out.params) > 0 && !p.eat(", ") {
			return out, false
		}
		p.eat("...")
		name := p.ident()
		p.eat("?")
		if !p.eat(": ") {
			return out, false
		}
		out.params = append(out.params, param{name, p.union()})
	}
	if !p.eat(" => ") {
		return out, false
	}
	out.ret = p.union()
	return out, p.ok && p.i == len(s)
}

type sigParser struct {
	s  string
	i  int
	ok bool
}

func (p *sigParser) eat(lit string) bool {
	if strings.HasPrefix(p.s[p.i:], lit) {
		p.i += len(lit)
		return true
	}
	return false
}

func (p *sigParser) ident() string {
	j := p.i
	for j < len(p.s) && isIdentPart(p.s[j]) {
		j++
	}
	name := p.s[p.i:j]
	p.i = j
	return name
}

// union reads T | U | …, keeping the first alternative that is not Null.
func (p *sigParser) union() tnode {
	t := p.one()
	for p.eat(" | ") {
		u := p.one()
		if t.name == "Null" {
			t = u
		}
	}
	return t
}

func (p *sigParser) one() tnode {
	if p.eat("(") { // a function: (A => B) or ((A, B) => C)
		var params []tnode
		if p.eat("(") {
			for !p.eat(")") {
				if len(params) > 0 && !p.eat(", ") {
					p.ok = false
					return tnode{}
				}
				params = append(params, p.one())
			}
		} else {
			params = append(params, p.one())
		}
		if !p.eat(" => ") {
			p.ok = false
			return tnode{}
		}
		ret := p.one()
		if !p.eat(")") {
			p.ok = false
		}
		return tnode{args: params, ret: &ret, isFunc: true}
	}
	t := tnode{name: p.ident()}
	if t.name == "" {
		p.ok = false
		return t
	}
	if p.eat("<") {
		for !p.eat(">") {
			if len(t.args) > 0 && !p.eat(", ") {
				p.ok = false
				return t
			}
			t.args = append(t.args, p.one())
			if !p.ok {
				return t
			}
		}
	}
	return t
}

// resolve turns a signature type into a typ: a is what A stands for (the
// element, or the document type), coll the receiver's collection.
func (n tnode) resolve(a typ, coll string) typ { return n.resolveB(a, typ{}, coll) }

// resolveB is resolve with B known too (what a map's function returns).
func (n tnode) resolveB(a, b typ, coll string) typ {
	if n.isFunc {
		return typ{kind: "Function"}
	}
	arg := func() typ {
		if len(n.args) > 0 {
			return n.args[0].resolveB(a, b, coll)
		}
		return typ{}
	}
	switch n.name {
	case "A":
		return a
	case "B":
		return b
	case "Set", "Array":
		return container(n.name, arg())
	case "Page":
		return container("Page", a)
	case "Int", "Double", "Number":
		return typ{kind: "Number"}
	case "ID":
		return typ{kind: "String"}
	case "String", "Boolean", "Time", "Date", "Object", "Null":
		return typ{kind: n.name}
	case "Collection":
		return typ{kind: "Collection", name: coll}
	}
	return typ{}
}

// mentions says whether the type names name anywhere.
func (n tnode) mentions(name string) bool {
	if n.name == name || n.ret != nil && n.ret.mentions(name) {
		return true
	}
	for _, x := range n.args {
		if x.mentions(name) {
			return true
		}
	}
	return false
}

// substitute writes a signature with A replaced by the receiver's type
// (where(predicate: (User => Boolean)) => Set<User>).
func substitute(s string, a typ) string {
	if !a.known() {
		return s
	}
	name := a.String()
	var b strings.Builder
	for i := 0; i < len(s); {
		if isIdentStart(s[i]) {
			j := i
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			if s[i:j] == "A" {
				b.WriteString(name)
			} else {
				b.WriteString(s[i:j])
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// fieldType is the typ of a document's (or embedded object's) field.
func fieldType(f *schema.Field) typ {
	var t typ
	switch f.Kind {
	case schema.Ref, schema.RefList:
		t = typ{kind: "Document", name: f.Target}
	case schema.Computed:
		t = typ{kind: "Document", name: f.Target}
		if f.Via == nil || !f.Via.Single {
			return container("Set", t)
		}
		return t
	case schema.Inline:
		t = typ{kind: "Object", name: f.Elem}
	default:
		switch f.Elem {
		case "String", "ID":
			t = typ{kind: "String"}
		case "Int", "Float", "Long":
			t = typ{kind: "Number"}
		case "Boolean", "Time", "Date":
			t = typ{kind: f.Elem}
		}
	}
	if f.List {
		return container("Array", t)
	}
	return t
}

// receiverKind is the value package's name for the members of t.
func receiverKind(t typ) string {
	switch t.kind {
	case "Boolean":
		return "Number" // Int, Double and Boolean share toString
	case "Set", "Array", "String", "Number", "Time", "Date", "Document", "Collection", "Page":
		return t.kind
	}
	return ""
}

// memberSig finds the documented member name of t, with what A stands
// for in its signature.
func memberSig(m *schema.Model, t typ, name string) (value.Member, typ, bool) {
	if t.kind == "Module" {
		for _, mm := range value.ModuleMembers(t.name) {
			if mm.Name == name {
				return mm, typ{}, true
			}
		}
		return value.Member{}, typ{}, false
	}
	a := t.element()
	if t.kind == "Document" || t.kind == "Collection" {
		a = typ{kind: "Document", name: t.name}
	}
	if t.kind == "Collection" && m != nil {
		if c := m.Collection(t.name); c != nil {
			if ix := c.Index(name); ix != nil {
				return indexMember(c, ix), a, true
			}
		}
	}
	for _, mm := range value.Members(receiverKind(t)) {
		if mm.Name == name {
			return mm, a, true
		}
	}
	return value.Member{}, a, false
}

// memberType is the type of t.name (called: of t.name(…)).
func memberType(m *schema.Model, t typ, name string, called bool) typ {
	switch t.kind {
	case "Document":
		if c := modelCollection(m, t.name); c != nil {
			if f := c.Field(name); f != nil {
				return fieldType(f)
			}
		}
	case "Object":
		if e := embedded(m, t.name); e != nil {
			for _, f := range e.Fields {
				if f.Name == name {
					return fieldType(f)
				}
			}
		}
		return typ{}
	}
	mm, a, ok := memberSig(m, t, name)
	if !ok {
		return typ{}
	}
	s, ok := parseSig(mm.Signature)
	if !ok || (!s.property && !called) {
		return typ{}
	}
	return s.ret.resolve(a, t.name)
}

func modelCollection(m *schema.Model, name string) *schema.Collection {
	if m == nil {
		return nil
	}
	return m.Collection(name)
}

func embedded(m *schema.Model, name string) *schema.EmbeddedType {
	if m == nil || name == "" {
		return nil
	}
	for _, e := range m.Embedded {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// indexMember documents an index of c as the method it is in FQL.
func indexMember(c *schema.Collection, ix *schema.Index) value.Member {
	params := make([]string, len(ix.Terms))
	for i, term := range ix.Terms {
		t := "Any"
		if f := c.Field(term); f != nil {
			t = strings.TrimSuffix(f.Type, "!")
			if f.Kind == schema.Ref {
				t = f.Target
			}
		}
		params[i] = term + ": " + t
	}
	info := "The " + c.Name + " documents whose " + strings.Join(ix.Terms, " and ") + " equal the arguments: an index of the schema"
	switch {
	case ix.Query != "":
		info += ", made for Query." + ix.Query + "."
	case ix.Unique:
		info += " (unique)."
	default:
		info += "."
	}
	return value.Member{Name: ix.Name, Signature: ix.Name + "(" + strings.Join(params, ", ") + ") => Set<A>", Info: info}
}
