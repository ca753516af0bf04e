package complete

import (
	"strconv"
	"strings"

	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
)

// fqlItems are the completions after the FQL text before (which ends
// where the partial word begins).
func fqlItems(m *schema.Model, before string) []Item {
	toks, state := scanFQL(before)
	if state != inCode {
		return []Item{} // in a string or a comment
	}
	a := analyze(m, before, toks)
	n := len(toks)
	last := a.prevSig(n)
	newStatement := last < n-1 && a.separates(n-1)
	if last >= 0 {
		if t := toks[last]; t.kind == tOp && (t.text(a.src) == "." || t.text(a.src) == "?.") {
			if p := a.prevSig(last); p >= 0 && a.endsExpr(p) {
				return a.members(a.inferEnd(p))
			}
			return a.members(a.implicitType()) // .field: the element a function of the call gets
		}
		if items, ok := a.keys(last); ok {
			return items
		}
		if !newStatement {
			if t := toks[last]; t.kind == tIdent && t.text(a.src) == "let" {
				return []Item{} // a new name
			}
			if a.endsExpr(last) {
				if a.openIf(last) {
					return keywordItems("else")
				}
				return []Item{} // after a whole expression: an operator or a newline comes next
			}
		}
	}
	return a.topLevel()
}

// openIf says whether an `if` of the statement that ends at token last
// may still take an else.
func (a *analysis) openIf(last int) bool {
	for j := last; j >= 0; j-- {
		t, tx := a.toks[j], a.text(j)
		switch {
		case t.kind == tOp && (tx == ")" || tx == "]" || tx == "}") && a.match[j] >= 0:
			j = a.match[j]
			if q := a.prevSig(j); q >= 0 && a.text(q) == "if" && a.toks[q].kind == tIdent {
				return true
			}
		case t.kind == tOp && (tx == "(" || tx == "[" || tx == "{" || tx == ";"),
			t.kind == tNL && a.separates(j), t.kind == tIdent && tx == "else":
			return false
		}
	}
	return false
}

// members are what `.` after a value of type t may read.
func (a *analysis) members(t typ) []Item {
	var items []Item
	elem := t.element()
	switch t.kind {
	case "Document":
		items = append(items, a.fieldItems(t.name)...)
		elem = t
	case "Object":
		if e := embedded(a.m, t.name); e != nil {
			items = append(items, fieldItems(e.Fields, e.Name)...)
		}
		return items
	case "Module":
		for _, mm := range value.ModuleMembers(t.name) {
			items = append(items, memberItem(mm, typ{}, "function"))
		}
		return items
	case "Collection":
		elem = typ{kind: "Document", name: t.name}
		if c := modelCollection(a.m, t.name); c != nil {
			for _, ix := range c.Indexes {
				items = append(items, memberItem(indexMember(c, ix), elem, "method"))
			}
		}
	}
	for _, mm := range value.Members(receiverKind(t)) {
		items = append(items, memberItem(mm, elem, "method"))
	}
	return dedupe(items)
}

// memberItem is a documented member, with A replaced by elem.
func memberItem(mm value.Member, elem typ, kind string) Item {
	it := Item{Label: mm.Name, Kind: kind, Detail: substitute(mm.Signature, elem), Info: mm.Info}
	if mm.Property {
		it.Kind = "field"
	} else if strings.HasPrefix(mm.Signature, mm.Name+"()") {
		it.Apply = mm.Name + "()"
	}
	return it
}

// fieldItems are the fields of collection coll's documents.
func (a *analysis) fieldItems(coll string) []Item {
	c := modelCollection(a.m, coll)
	if c == nil {
		return nil
	}
	return fieldItems(c.Fields, c.Name)
}

func fieldItems(fields []*schema.Field, owner string) []Item {
	items := make([]Item, 0, len(fields))
	for _, f := range fields {
		items = append(items, Item{Label: f.Name, Kind: "field", Detail: f.Name + ": " + f.Type, Info: fieldInfo(f, owner)})
	}
	return items
}

// fieldInfo says in a line how the schema holds a field.
func fieldInfo(f *schema.Field, owner string) string {
	rel := ""
	if f.Relation != nil {
		rel = " (relation " + f.Relation.Name + ", " + f.Relation.Cardinality + ")"
	}
	switch f.Kind {
	case schema.Ref:
		return "A reference to a " + f.Target + " document, stored in " + owner + rel + "."
	case schema.RefList:
		return "An array of references to " + f.Target + " documents, stored in " + owner + "."
	case schema.Computed:
		if f.Via != nil && f.Via.Pick != "" {
			return "Computed: the " + f.Target + " documents related to this one through " + f.Via.Collection + rel + "."
		}
		if f.Via != nil {
			return "Computed: the " + f.Target + " documents whose " + f.Via.Term + " is this " + owner + ", read through " + f.Via.Collection + "." + f.Via.Index + rel + "."
		}
	case schema.Inline:
		return "An embedded " + f.Elem + " object, stored inline."
	}
	if f.Unique {
		return "A stored field of " + owner + ", unique."
	}
	return "A stored field of " + owner + "."
}

// keys completes the key of a projection (`User.all() { na|`) or of the
// object given to create, update or replace; ok is false elsewhere.
func (a *analysis) keys(last int) ([]Item, bool) {
	k := len(a.stack) - 1
	if k < 0 || a.text(a.stack[k]) != "{" {
		return nil, false
	}
	o := a.stack[k]
	n := len(a.toks)
	atKey := last == o || a.text(last) == "," || last < n-1 && last > o && a.toks[last].kind == tIdent
	if !atKey {
		return nil, false
	}
	p := a.prevSig(o)
	switch {
	case p < 0:
		return nil, false
	case a.endsExpr(p):
		t := a.projected(k)
		if t.kind == "Document" {
			return append(a.fieldItems(t.name), memberItems("Document", t, true)...), true
		}
		return a.members(t), true
	case a.text(p) == "(":
		c := a.prevSig(p)
		if c < 0 || !a.isMember(c) || !writes[a.text(c)] || a.commas(p+1, o) > 0 {
			return nil, false
		}
		recv := a.inferEnd(a.prevSig(a.prevSig(c)))
		coll := modelCollection(a.m, recv.name)
		if coll == nil || recv.kind != "Collection" && recv.kind != "Document" {
			return nil, false
		}
		var stored []*schema.Field
		for _, f := range coll.Fields {
			if f.Kind != schema.Computed {
				stored = append(stored, f)
			}
		}
		return fieldItems(stored, coll.Name), true
	}
	return nil, false
}

// writes are the methods whose argument is a document's fields.
var writes = map[string]bool{"create": true, "update": true, "replace": true}

// memberItems lists a receiver's documented members; propsOnly keeps the
// properties (what a projection may name).
func memberItems(kind string, elem typ, propsOnly bool) []Item {
	var items []Item
	for _, mm := range value.Members(kind) {
		if mm.Property || !propsOnly {
			items = append(items, memberItem(mm, elem, "method"))
		}
	}
	return items
}

// projected is the element type the projection opened at a.stack[k]
// reads: a nested projection's is the field of the outer one it follows.
func (a *analysis) projected(k int) typ {
	o := a.stack[k]
	p := a.prevSig(o)
	if k > 0 && a.toks[p].kind == tIdent && !a.isMember(p) && a.text(a.stack[k-1]) == "{" {
		if q := a.prevSig(a.stack[k-1]); q >= 0 && a.endsExpr(q) {
			return elementOrSelf(memberType(a.m, a.projected(k-1), a.text(p), false))
		}
	}
	return elementOrSelf(a.inferEnd(p))
}

func elementOrSelf(t typ) typ {
	switch t.kind {
	case "Set", "Array", "Page":
		return t.element()
	}
	return t
}

// topLevel is what may start an expression: the names in scope, the
// collections, the modules, the global functions, the keywords.
func (a *analysis) topLevel() []Item {
	var items []Item
	at := len(a.toks)
	seen := map[string]bool{}
	for k := len(a.binds) - 1; k >= 0; k-- {
		b := &a.binds[k]
		if seen[b.name] || b.from > at || at >= b.to {
			continue
		}
		seen[b.name] = true
		items = append(items, a.bindingItem(b))
	}
	if a.m != nil {
		for _, c := range a.m.Collections {
			items = append(items, collectionItem(c))
		}
	}
	for _, name := range value.Modules() {
		d, _ := value.GlobalDoc(name)
		items = append(items, Item{Label: name, Kind: "module", Detail: d.Signature, Info: d.Info})
	}
	for _, f := range value.GlobalFunctions() {
		items = append(items, Item{Label: f.Name, Kind: "function", Detail: f.Signature, Info: f.Info})
	}
	items = append(items, keywordItems("let", "if", "else", "true", "false", "null")...)
	return dedupe(items)
}

// bindingItem describes a let name or a lambda's parameter.
func (a *analysis) bindingItem(b *binding) Item {
	what := "A parameter of the function"
	if b.let {
		what = "A let binding"
	}
	return Item{Label: b.name, Kind: "variable", Detail: b.name + ": " + a.bindingType(b).String(),
		Info: what + " (line " + strconv.Itoa(a.line(b.decl)) + ")."}
}

// declaredHover describes the name at byte from of src where it is bound
// (`let u = …`, `u => …`): its type follows from the text after it.
func declaredHover(m *schema.Model, src string, from int) (Item, bool) {
	toks, _ := scanFQL(src)
	a := analyze(m, src, toks)
	for k := range a.binds {
		if b := &a.binds[k]; int(a.toks[b.decl].start) == from {
			return a.bindingItem(b), true
		}
	}
	return Item{}, false
}

// bindingType is the type of a binding, inferred once.
func (a *analysis) bindingType(b *binding) typ {
	if b.memo == nil {
		b.memo = &typ{} // a let read inside its own value is unknown
		var t typ
		if b.let {
			t = a.inferSpan(b.value[0], b.value[1])
		} else {
			t = a.paramType(b)
		}
		b.memo = &t
	}
	return *b.memo
}

// line is the line of token i (1-based).
func (a *analysis) line(i int) int {
	if i < 0 || i >= len(a.toks) {
		return strings.Count(a.src, "\n") + 1
	}
	return strings.Count(a.src[:a.toks[i].start], "\n") + 1
}

func collectionItem(c *schema.Collection) Item {
	names := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		names[i] = f.Name
	}
	info := "The " + c.Name + " collection"
	if c.Associative && c.Relation != nil {
		info = "The collection that ties the many-to-many relation " + c.Relation.Name
	}
	if len(names) > 0 {
		info += ": " + strings.Join(names, ", ")
	}
	return Item{Label: c.Name, Kind: "collection", Detail: c.Name + ": Collection", Info: info + "."}
}

var keywordInfo = map[string]string{
	"let":   "Binds a name to a value for the statements after it: let name = value.",
	"if":    "Chooses by a condition: if (condition) value else other.",
	"else":  "The value of an if when its condition is false.",
	"true":  "The Boolean true.",
	"false": "The Boolean false.",
	"null":  "No value.",
}

func keywordItems(words ...string) []Item {
	items := make([]Item, len(words))
	for i, w := range words {
		items[i] = Item{Label: w, Kind: "keyword", Detail: w, Info: keywordInfo[w]}
	}
	return items
}
