package value

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// Collection is the value a collection's name evaluates to.
type Collection struct{ Def *schema.Collection }

func (c *Collection) Type() string { return "Collection" }

var collectionMethods = map[string]method{
	"all": {0, 0, func(ctx Context, r Value, _ []Value) (Value, error) {
		return &DocSet{Coll: r.(*Collection).Def.Name}, nil
	}},
	"byId": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		c := r.(*Collection)
		id, err := idArg(ctx, a[0])
		if err != nil {
			return nil, err
		}
		d, err := ctx.Tx().Get(c.Def.Name, id)
		if err != nil {
			return nil, wrapStore(ctx, err)
		}
		if d == nil {
			return &NullDoc{Coll: c.Def.Name, ID: id, Reason: "not found"}, nil
		}
		return NewDocument(ctx, d), nil
	}},
	"create": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) { return r.(*Collection).create(ctx, a[0]) }},
	"where": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		return r.(*Collection).where(ctx, a[0], "where")
	}},
	"firstWhere": {1, 1, func(ctx Context, r Value, a []Value) (Value, error) {
		s, err := r.(*Collection).where(ctx, a[0], "firstWhere")
		if err != nil {
			return nil, err
		}
		return seqMethods["first"].fn(ctx, s, nil)
	}},
}

var digits = regexp.MustCompile(`^[0-9]{1,19}$`)

func idArg(ctx Context, v Value) (string, error) {
	switch v := v.(type) {
	case String:
		if !digits.MatchString(string(v)) {
			return "", argError(ctx, "invalid document id %q: an id is a string of up to 19 digits", string(v))
		}
		return string(v), nil
	case Int:
		if v < 0 {
			return "", argError(ctx, "invalid document id %d", v)
		}
		return fmt.Sprint(int64(v)), nil
	}
	return "", typeError(ctx, "an id (String)", v)
}

// Attr gives the collection's methods, its indexes as methods, and name.
func (c *Collection) Attr(ctx Context, name string) (Value, error) {
	switch name {
	case "name":
		return String(c.Def.Name), nil
	case "definition":
		return &CollectionDef{Def: c.Def}, nil
	}
	if m := lookup(collectionMethods, name, c); m != nil {
		return m, nil
	}
	if ix := c.Def.Index(name); ix != nil && !ix.Constraint {
		return indexMethod(c.Def, ix), nil
	}
	return nil, nil
}

// indexMethod is an index called as a method of its collection: one
// argument per term and, for an index with values, an optional range
// ({ from, to }, each a value or an array of leading values).
func indexMethod(c *schema.Collection, ix *schema.Index) Value {
	most := len(ix.Terms)
	if len(ix.Values) > 0 {
		most++
	}
	return NewBuiltin(c.Name+"."+ix.Name, len(ix.Terms), most, func(ctx Context, a []Value) (Value, error) {
		set := &DocSet{Coll: c.Name, Index: ix.Name, Terms: make([]any, len(ix.Terms))}
		for i, v := range a[:len(ix.Terms)] {
			t, err := ToStore(ctx, v)
			if err != nil {
				return nil, err
			}
			set.Terms[i] = t
		}
		if len(a) > len(ix.Terms) {
			r, err := indexRange(ctx, ix, a[len(a)-1])
			if err != nil {
				return nil, err
			}
			set.Range = r
		}
		return set, nil
	})
}

func indexRange(ctx Context, ix *schema.Index, arg Value) (store.Range, error) {
	var r store.Range
	obj, ok := arg.(*Object)
	if !ok {
		return r, typeError(ctx, "a range ({ from, to })", arg)
	}
	for _, k := range obj.Keys {
		if k != "from" && k != "to" {
			return r, argError(ctx, "a range has only `from` and `to`, not `%s`", k)
		}
		v := obj.Get(k)
		if IsNull(v) {
			continue
		}
		vals := []Value{v}
		if arr, ok := v.(Array); ok {
			vals = arr
		}
		if len(vals) > len(ix.Values) {
			return r, argError(ctx, "`%s` gives %d values; the index %s has %d", k, len(vals), ix.Name, len(ix.Values))
		}
		bound := make([]any, len(vals))
		for i, e := range vals {
			s, err := ToStore(ctx, e)
			if err != nil {
				return r, err
			}
			bound[i] = s
		}
		if k == "from" {
			r.From = bound
		} else {
			r.To = bound
		}
	}
	return r, nil
}

// where plans a predicate: when it tests fields for equality and an index
// covers some of them, read the index; otherwise scan. Either way the
// result carries Fauna's collection_scan hint: Fauna never planned where()
// or firstWhere() onto an index, so it read (and charged) every document;
// the hint names the index call that would have read the index there.
func (c *Collection) where(ctx Context, pred Value, method string) (Set, error) {
	// Concatenated, not Sprintf'd: every where() of every query makes one.
	hint := "performance_hint: collection_scan - Using " + method + "() on collection " + c.Def.Name + " can cause a read of every document. " +
		"See https://docs.fauna.com/performance_hint/collection_scan. (at " + at(ctx, method) + ") "
	if p, ok := pred.(Plannable); ok {
		terms, ok, err := p.EqualityTerms(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			if ix := selectiveIndex(ctx, c.Def, terms); ix != nil {
				vals := make([]any, len(ix.Terms))
				args := make([]string, len(ix.Terms))
				for i, t := range ix.Terms {
					v, err := ToStore(ctx, terms[t])
					if err != nil {
						return nil, err
					}
					vals[i] = v
					args[i] = hintArg(terms[t])
				}
				call := c.Def.Name + "." + ix.Name + "(" + strings.Join(args, ", ") + ")"
				set := &DocSet{Coll: c.Def.Name, Index: ix.Name, Terms: vals}
				if len(ix.Terms) == len(terms) {
					ctx.Hint(hint + "Fauna would have read, and charged a read op for, every document of " + c.Def.Name + "; " +
						"the playground read the index " + ix.Name + " instead. Call it to read only the matches: " + call)
					return set, nil
				}
				ctx.Hint(hint + fmt.Sprintf("Fauna would have read, and charged a read op for, every document of %s; "+
					"the playground read the index %s and filtered its matches. Call it to read only those: %s.where(…)", c.Def.Name, ix.Name, call))
				return &FilterSet{Src: set, Pred: pred}, nil
			}
			fields := make([]string, 0, len(terms))
			for f := range terms {
				fields = append(fields, "."+f)
			}
			sort.Strings(fields)
			ctx.Hint(hint + fmt.Sprintf("It reads every document of %s: no index has the terms [%s]. "+
				"Mark the field @unique, or make it a relation, to get one.", c.Def.Name, strings.Join(fields, ", ")))
		} else {
			ctx.Hint(hint + fmt.Sprintf("This predicate reads every document of %s; "+
				"an equality test on indexed fields (`.field == value`) would let an index call read only the matches.", c.Def.Name))
		}
	}
	return &FilterSet{Src: &DocSet{Coll: c.Def.Name}, Pred: pred}, nil
}

// at is where a hint points: the "(" after the method's name, as Fauna's
// hints do.
// hintArg is how a hint's index call writes a term's value: a document
// as the call that reads it, not as its whole text.
func hintArg(v Value) string {
	if d, ok := v.(*Document); ok {
		return d.Coll.Name + ".byId(" + quote(d.ID) + ")"
	}
	return Show(v)
}

func at(ctx Context, method string) string {
	p := ctx.Pos()
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column+len(method))
}

// bestIndex is the index whose terms are all among the tested fields,
// preferring the one with the most terms.
func bestIndex(c *schema.Collection, terms map[string]Value) *schema.Index {
	var best *schema.Index
	for _, ix := range c.Indexes {
		covered := true
		for _, t := range ix.Terms {
			if _, ok := terms[t]; !ok {
				covered = false
				break
			}
		}
		if covered && (best == nil || len(ix.Terms) > len(best.Terms)) {
			best = ix
		}
	}
	return best
}

func (c *Collection) create(ctx Context, arg Value) (Value, error) {
	obj, ok := arg.(*Object)
	if !ok {
		return nil, typeError(ctx, "Object", arg)
	}
	id := ""
	if v, ok := obj.Lookup("id"); ok {
		var err error
		if id, err = idArg(ctx, v); err != nil {
			return nil, err
		}
	}
	data := store.FieldsSized(len(obj.Keys))
	if err := checkData(ctx, c.Def, obj, data, false, "create", false); err != nil {
		return nil, err
	}
	d, err := ctx.Tx().Create(c.Def.Name, id, data)
	if err != nil {
		return nil, wrapStore(ctx, err)
	}
	doc := NewDocument(ctx, d)
	return doc, runChecks(ctx, doc, "create")
}
