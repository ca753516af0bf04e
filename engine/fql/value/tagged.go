package value

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/store"
)

// ToTagged renders v in Fauna's tagged wire format, the drivers' default:
// numbers as {"@int": "1"}, {"@long": …}, {"@double": …}; times and dates
// as @time and @date; documents as @doc with their fields at top level;
// references (fields holding documents) as @ref; missing documents as a
// @ref with exists false and its cause; collections and modules as @mod;
// sets as @set pages; objects with a key starting with @ wrapped in
// @object so no key is read as a tag. A Set, or the Page Materialize made
// of it, is a @set page; a Page that paginate() returned is a plain object
// {data, after}, as Fauna sent it, once PagesAsObjects has made it one.
func ToTagged(ctx Context, v Value) (any, error) { return taggedJSON.render(ctx, v, 0) }

func tag(name string, v any) *ordered.Object {
	o := &ordered.Object{}
	o.Set(name, v)
	return o
}

func taggedInt(n int64) any {
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		return tag("@int", strconv.FormatInt(n, 10))
	}
	return tag("@long", strconv.FormatInt(n, 10))
}

// TaggedTime formats t with 0, 3, 6 or 9 digits of fraction, as Fauna
// does: fauna-js keeps the string, and `.120Z` must not become `.12Z`.
func TaggedTime(t time.Time) string {
	t = t.UTC()
	ns := t.Nanosecond()
	layout := "2006-01-02T15:04:05Z"
	switch {
	case ns == 0:
	case ns%1e6 == 0:
		layout = "2006-01-02T15:04:05.000Z"
	case ns%1e3 == 0:
		layout = "2006-01-02T15:04:05.000000Z"
	default:
		layout = "2006-01-02T15:04:05.000000000Z"
	}
	return t.Format(layout)
}

func modRef(coll, id string) *ordered.Object {
	o := &ordered.Object{}
	o.Set("id", id)
	o.Set("coll", tag("@mod", coll))
	return o
}

// taggedObject wraps o in @object when any key starts with @.
func taggedObject(o *ordered.Object, keys []string) any {
	for _, k := range keys {
		if strings.HasPrefix(k, "@") {
			return tag("@object", o)
		}
	}
	return o
}

var taggedJSON = &wireFormat{
	leaf: func(v Value) (any, bool) {
		switch v := v.(type) {
		case Null, nil:
			return nil, true
		case Bool:
			return bool(v), true
		case Int:
			return taggedInt(int64(v)), true
		case Double:
			return tag("@double", formatDouble(float64(v))), true
		case String:
			return string(v), true
		case Time:
			return tag("@time", TaggedTime(v.T)), true
		case Date:
			return tag("@date", formatDate(v.T)), true
		case *Collection:
			return tag("@mod", v.Def.Name), true
		case *Module:
			return tag("@mod", v.Name), true
		case *EventSource:
			return tag("@stream", v.Token), true
		case *NullDoc:
			o := modRef(v.Coll, v.ID)
			o.Set("exists", false)
			o.Set("cause", v.Reason)
			return tag("@ref", o), true
		}
		return nil, false
	},
	object: taggedObject,
	docHead: func(d *Document) *ordered.Object {
		o := modRef(d.Coll.Name, d.ID)
		o.Set("ts", tag("@time", TaggedTime(d.TS)))
		return o
	},
	doc:    func(o *ordered.Object) any { return tag("@doc", o) },
	stored: storedTagged,
	page:   func(o *ordered.Object) any { return tag("@set", o) },
}

// storedTagged renders a stored field value: a document in a field is a
// reference, as Fauna sent it.
func storedTagged(v any) any {
	switch v := v.(type) {
	case store.Ref:
		return tag("@ref", modRef(v.Coll, v.ID))
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = storedTagged(e)
		}
		return out
	case map[string]any:
		o := &ordered.Object{}
		keys := sortedKeys(v)
		for _, k := range keys {
			o.Set(k, storedTagged(v[k]))
		}
		return taggedObject(o, keys)
	case int64:
		return taggedInt(v)
	case float64:
		return tag("@double", formatDouble(v))
	case time.Time:
		return tag("@time", TaggedTime(v))
	case store.Date:
		return tag("@date", formatDate(v.Time))
	}
	return v
}

// PagesAsObjects turns the Pages in v that paginate() returned into
// Objects {data, after}, before Materialize turns every Set into a Page
// too: ToTagged then renders them as Fauna did (plain objects), and only
// the Sets as @set.
func PagesAsObjects(v Value) Value { return pagesAsObjects(v, 0) }

func pagesAsObjects(v Value, depth int) Value {
	if depth > maxRenderDepth {
		return v
	}
	switch x := v.(type) {
	case *Page:
		o := NewObject()
		o.Set("data", pagesAsObjects(Array(x.Data), depth+1))
		if x.After != "" {
			o.Set("after", String(x.After))
		}
		return o
	case Array:
		out := make(Array, len(x))
		for i, e := range x {
			out[i] = pagesAsObjects(e, depth+1)
		}
		return out
	case *Object:
		out := NewObject()
		for _, k := range x.Keys {
			out.Set(k, pagesAsObjects(x.Get(k), depth+1))
		}
		return out
	}
	return v
}
