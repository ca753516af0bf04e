package value

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// A rendering goes through a small layout tree, so the FQL text can be
// printed on one line when it fits and broken over lines when it does not,
// as the dashboard shell printed results.
type node struct {
	atom        string // a leaf, printed as is
	open, close string
	keys        []string // nil for arrays
	kids        []*node
	comment     string // trailing /* … */ after a leaf
}

// lineWidth is where the shell breaks a value over lines.
const lineWidth = 80

// ToFQL renders v as the dashboard shell printed it. Sets are read: their
// first page is shown.
func ToFQL(ctx Context, v Value) (string, error) {
	n, err := fqlNode(ctx, v, 0, &renderBudget{left: maxRenderCost})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	layout(&b, n, 0)
	return b.String(), nil
}

// Show is a short one-line FQL text of v that reads nothing (for error
// messages): a set is shown as "[set]".
func Show(v Value) string {
	n, err := fqlNode(nil, v, 0, &renderBudget{left: maxShowCost})
	if err != nil {
		return TypeName(v)
	}
	return flat(n)
}

// quote writes s as an FQL string literal: JSON's escapes, but not its
// HTML ones (`<` stays `<`, as the shell printed it).
func quote(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\'
	}
	if plain { // what the encoder writes, without one
		return `"` + s + `"`
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

const maxRenderDepth = 64

// A rendering stops (printing "...") once it has spent its budget: a
// value and the bytes of a string each cost one. Show, for messages and
// interpolation, gets less than a result, which Materialize has already
// bounded.
const (
	maxShowCost   = 1 << 18
	maxRenderCost = 1 << 27
)

type renderBudget struct{ left int }

func (b *renderBudget) spend(v Value) bool {
	if b.left <= 0 {
		return false
	}
	b.left--
	if s, ok := v.(String); ok {
		b.left -= len(s)
	}
	return true
}

func fqlNode(ctx Context, v Value, depth int, b *renderBudget) (*node, error) {
	if depth > maxRenderDepth || !b.spend(v) {
		return &node{atom: "..."}, nil
	}
	if d, ok := v.(Displayer); ok {
		v = d.Display(ctx)
	}
	switch v := v.(type) {
	case Null, nil:
		return &node{atom: "null"}, nil
	case Bool:
		return &node{atom: strconv.FormatBool(bool(v))}, nil
	case Int:
		return &node{atom: strconv.FormatInt(int64(v), 10)}, nil
	case Double:
		return &node{atom: formatDouble(float64(v))}, nil
	case String:
		return &node{atom: quote(string(v))}, nil
	case Time:
		return &node{atom: "Time(" + quote(formatTime(v.T)) + ")"}, nil
	case Date:
		return &node{atom: "Date(" + quote(formatDate(v.T)) + ")"}, nil
	case *Collection:
		return &node{atom: v.Def.Name}, nil
	case *Module:
		return &node{atom: v.Name}, nil
	case *EventSource:
		return &node{atom: quote(v.Token)}, nil
	case *NullDoc:
		return &node{atom: fmt.Sprintf("%s(%q)", v.Coll, v.ID), comment: "/* " + v.Reason + " */"}, nil
	case *Builtin:
		return &node{atom: "[function " + v.Name + "]"}, nil
	case Callable:
		return &node{atom: "[function]"}, nil
	case *Ordering:
		return &node{atom: "[ordering]"}, nil
	case Array:
		n := &node{open: "[", close: "]"}
		for _, e := range v {
			if b.left <= 0 {
				n.kids = append(n.kids, &node{atom: "..."})
				break
			}
			k, err := fqlNode(ctx, e, depth+1, b)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		}
		return n, nil
	case *Object:
		n := &node{open: "{", close: "}", keys: []string{}}
		for _, k := range v.Keys {
			kid, err := fqlNode(ctx, v.Get(k), depth+1, b)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, fqlKey(k))
			n.kids = append(n.kids, kid)
		}
		return n, nil
	case *Document:
		n := &node{open: "{", close: "}"}
		n.keys = []string{"id", "coll", "ts"}
		n.kids = []*node{{atom: quote(v.ID)}, {atom: v.Coll.Name}, {atom: "Time(" + quote(formatTime(v.TS)) + ")"}}
		for _, k := range docKeys(v) {
			kid, err := storedNode(v.Data.Get(k), depth+1, b)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, fqlKey(k))
			n.kids = append(n.kids, kid)
		}
		if v.Computed != nil {
			for _, k := range v.Computed.Keys {
				kid, err := fqlNode(ctx, v.Computed.Get(k), depth+1, b)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, fqlKey(k))
				n.kids = append(n.kids, kid)
			}
		}
		return n, nil
	case *Page:
		return pageNode(ctx, v, depth, b)
	case Set:
		if ctx == nil {
			return &node{atom: "[set]"}, nil
		}
		p, err := Paginate(ctx, v, 0, pageSizeOf(v))
		if err != nil {
			return nil, err
		}
		return pageNode(ctx, p, depth, b)
	}
	return &node{atom: "[" + TypeName(v) + "]"}, nil
}

func pageNode(ctx Context, p *Page, depth int, b *renderBudget) (*node, error) {
	data, err := fqlNode(ctx, Array(p.Data), depth+1, b)
	if err != nil {
		return nil, err
	}
	n := &node{open: "{", close: "}", keys: []string{"data"}, kids: []*node{data}}
	if p.After != "" {
		n.keys = append(n.keys, "after")
		n.kids = append(n.kids, &node{atom: quote(p.After)})
	}
	return n, nil
}

// storedNode renders a stored field value: references stay references.
func storedNode(v any, depth int, b *renderBudget) (*node, error) {
	switch v := v.(type) {
	case store.Ref:
		return &node{atom: fmt.Sprintf("%s(%q)", v.Coll, v.ID)}, nil
	case []any:
		n := &node{open: "[", close: "]"}
		for _, e := range v {
			k, err := storedNode(e, depth+1, b)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		}
		return n, nil
	case map[string]any:
		n := &node{open: "{", close: "}", keys: []string{}}
		for _, k := range sortedKeys(v) {
			kid, err := storedNode(v[k], depth+1, b)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, fqlKey(k))
			n.kids = append(n.kids, kid)
		}
		return n, nil
	}
	return fqlNode(nil, scalarFromStore(v), depth, b)
}

func scalarFromStore(v any) Value {
	switch v := v.(type) {
	case nil:
		return Null{}
	case bool:
		return Bool(v)
	case int64:
		return Int(v)
	case float64:
		return Double(v)
	case string:
		return String(v)
	case time.Time:
		return Time{v}
	case store.Date:
		return Date{v.Time}
	}
	return Null{}
}

// docKeys orders a document's fields: the schema's order, then any others.
func docKeys(d *Document) []string {
	var keys []string
	seen := map[string]bool{}
	for _, f := range d.Coll.Fields {
		if _, ok := d.Data.Lookup(f.Name); ok && f.Kind != schema.Computed {
			keys = append(keys, f.Name)
			seen[f.Name] = true
		}
	}
	for _, k := range d.Data.Keys() { // sorted
		if !seen[k] && k != store.KeyOrder {
			keys = append(keys, k)
		}
	}
	return keys
}

func fqlKey(k string) string {
	if isIdent(k) {
		return k
	}
	return quote(k)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}

func flat(n *node) string {
	if n.open == "" {
		if n.comment != "" {
			return n.atom + " " + n.comment
		}
		return n.atom
	}
	if len(n.kids) == 0 {
		return n.open + n.close
	}
	var b strings.Builder
	b.WriteString(n.open)
	if n.keys != nil {
		b.WriteString(" ")
	}
	for i, k := range n.kids {
		if i > 0 {
			b.WriteString(", ")
		}
		if n.keys != nil {
			b.WriteString(n.keys[i] + ": ")
		}
		b.WriteString(flat(k))
	}
	if n.keys != nil {
		b.WriteString(" ")
	}
	b.WriteString(n.close)
	return b.String()
}

func layout(b *strings.Builder, n *node, level int) {
	f := flat(n)
	if n.open == "" || len(f)+2*level <= lineWidth || len(n.kids) == 0 {
		b.WriteString(f)
		return
	}
	pad := strings.Repeat("  ", level+1)
	b.WriteString(n.open + "\n")
	for i, k := range n.kids {
		b.WriteString(pad)
		if n.keys != nil {
			b.WriteString(n.keys[i] + ": ")
		}
		layout(b, k, level+1)
		if i < len(n.kids)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(pad[2:] + n.close)
}

// Materialize reads every Set inside v (v itself, or in arrays, objects and
// pages) into its first page, once: the result renders to JSON and to text
// without reading again, so a lazy set with writes in it (a map that
// updates) runs them once. It counts what the result holds and fails
// (limit_exceeded at at) past MaxResultValues values or MaxResultBytes of
// strings, so that rendering stays bounded even when the value shares its
// parts ([a, a] nested forty deep is 2^40 values to print).
func Materialize(ctx Context, v Value, at diag.Pos) (Value, error) {
	m := &materializer{ctx: ctx, at: at}
	return m.walk(v, 0)
}

// Limits on a query's result, as rendered.
const (
	MaxResultValues = 1 << 20  // values (array elements, fields, scalars)
	MaxResultBytes  = 16 << 20 // bytes of strings
)

type materializer struct {
	ctx           Context
	at            diag.Pos
	values, bytes int
}

func (m *materializer) spend(values, bytes int) error {
	m.values += values
	m.bytes += bytes
	if m.values > MaxResultValues || m.bytes > MaxResultBytes {
		return diag.Errorf(diag.LimitExceeded, m.at, "the result is too large to show (over %s values or %s MiB of text); return less, e.g. with take(n) or a projection",
			thousands(MaxResultValues), thousands(MaxResultBytes>>20))
	}
	return nil
}

// storedSize counts the values and string bytes of a stored field value.
func storedSize(v any) (values, bytes int) {
	switch x := v.(type) {
	case string:
		return 1, len(x)
	case []any:
		values = 1
		for _, e := range x {
			n, b := storedSize(e)
			values, bytes = values+n, bytes+b
		}
		return values, bytes
	case map[string]any:
		return storedObjectSize(maps.All(x))
	case *store.Fields: // a document's data
		return storedObjectSize(x.All())
	}
	return 1, 0
}

func storedObjectSize(fields iter.Seq2[string, any]) (values, bytes int) {
	values = 1
	for k, e := range fields {
		n, b := storedSize(e)
		values, bytes = values+n, bytes+b+len(k)
	}
	return values, bytes
}

func (m *materializer) walk(v Value, depth int) (Value, error) {
	if depth > maxRenderDepth {
		return v, nil
	}
	switch x := v.(type) {
	case Array:
		if err := m.spend(1, 0); err != nil {
			return nil, err
		}
		out := make(Array, len(x))
		for i, e := range x {
			w, err := m.walk(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = w
		}
		return out, nil
	case *Object:
		if err := m.spend(1, 0); err != nil {
			return nil, err
		}
		out := NewObject()
		for _, k := range x.Keys {
			if err := m.spend(0, len(k)); err != nil {
				return nil, err
			}
			w, err := m.walk(x.Get(k), depth+1)
			if err != nil {
				return nil, err
			}
			out.Set(k, w)
		}
		return out, nil
	case *Page:
		data, err := m.walk(Array(x.Data), depth+1)
		if err != nil {
			return nil, err
		}
		return &Page{Data: data.(Array), After: x.After}, nil
	case Set:
		p, err := Paginate(m.ctx, x, 0, pageSizeOf(x))
		if err != nil {
			return nil, err
		}
		return m.walk(p, depth)
	case *Document:
		gone, err := x.Refresh(m.ctx)
		if err != nil {
			return nil, err
		}
		if gone {
			return &NullDoc{Coll: x.Coll.Name, ID: x.ID, Reason: "deleted"}, nil
		}
		n, b := storedSize(x.Data)
		if err := m.spend(n+3, b); err != nil {
			return nil, err
		}
		return m.withComputed(x, depth)
	case String:
		return v, m.spend(1, len(x))
	}
	return v, m.spend(1, 0)
}

// ToJSON renders v in Fauna's simple JSON form: documents as objects with
// id, coll and ts; references as {id, coll}; sets as their first page;
// times as ISO strings.
func ToJSON(ctx Context, v Value) (any, error) { return simpleJSON.render(ctx, v, 0) }

var simpleJSON = &wireFormat{
	leaf: func(v Value) (any, bool) {
		switch v := v.(type) {
		case Null, nil:
			return nil, true
		case Bool:
			return bool(v), true
		case Int:
			return int64(v), true
		case Double:
			return toJSONDouble(float64(v)), true
		case String:
			return string(v), true
		case Time:
			return formatTime(v.T), true
		case Date:
			return formatDate(v.T), true
		case *Collection:
			return v.Def.Name, true
		case *Module:
			return v.Name, true
		case *EventSource:
			return v.Token, true
		case *NullDoc:
			return nil, true
		}
		return nil, false
	},
	object: func(o *ordered.Object, _ []string) any { return o },
	docHead: func(d *Document) *ordered.Object {
		o := &ordered.Object{}
		o.Set("id", d.ID)
		o.Set("coll", d.Coll.Name)
		o.Set("ts", formatTime(d.TS))
		return o
	},
	doc:    func(o *ordered.Object) any { return o },
	stored: storedJSON,
	page:   func(o *ordered.Object) any { return o },
}

func storedJSON(v any) any {
	switch v := v.(type) {
	case store.Ref:
		o := &ordered.Object{}
		o.Set("id", v.ID)
		o.Set("coll", v.Coll)
		return o
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = storedJSON(e)
		}
		return out
	case map[string]any:
		o := &ordered.Object{}
		for _, k := range sortedKeys(v) {
			o.Set(k, storedJSON(v[k]))
		}
		return o
	case time.Time:
		return formatTime(v)
	case store.Date:
		return formatDate(v.Time)
	case float64:
		return toJSONDouble(v)
	}
	return v
}

// toJSONDouble is a Double in JSON: NaN and ±Infinity, which JSON has no
// number for, as their names.
func toJSONDouble(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return formatDouble(f)
	}
	return f
}
