package value

import "github.com/faunaplay/playground/engine/ordered"

// wireFormat is one rendering of values for the wire (Fauna's simple JSON,
// its tagged format): the walk over arrays, objects, documents and sets
// is the same for both; a format says only how leaves and wrappers look.
type wireFormat struct {
	// leaf renders a value with no parts (scalars, modules, missing
	// documents); false for a value the walk takes apart.
	leaf func(v Value) (any, bool)
	// object wraps a rendered object whose keys are keys.
	object func(o *ordered.Object, keys []string) any
	// docHead starts a document's rendering (its id, coll, ts); doc wraps
	// it once its stored fields are set.
	docHead func(d *Document) *ordered.Object
	doc     func(o *ordered.Object) any
	// stored renders a stored field value (a reference, not a document).
	stored func(v any) any
	// page wraps a rendered page {data, after}.
	page func(o *ordered.Object) any
}

func (f *wireFormat) render(ctx Context, v Value, depth int) (any, error) {
	if depth > maxRenderDepth {
		return "...", nil
	}
	if d, ok := v.(Displayer); ok {
		v = d.Display(ctx)
	}
	if out, ok := f.leaf(v); ok {
		return out, nil
	}
	switch v := v.(type) {
	case Array:
		out := make([]any, len(v))
		for i, e := range v {
			j, err := f.render(ctx, e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case *Object:
		o := &ordered.Object{}
		for _, k := range v.Keys {
			j, err := f.render(ctx, v.Get(k), depth+1)
			if err != nil {
				return nil, err
			}
			o.Set(k, j)
		}
		return f.object(o, v.Keys), nil
	case *Document:
		o := f.docHead(v)
		for _, k := range docKeys(v) {
			o.Set(k, f.stored(v.Data.Get(k)))
		}
		if v.Computed != nil {
			for _, k := range v.Computed.Keys {
				j, err := f.render(ctx, v.Computed.Get(k), depth+1)
				if err != nil {
					return nil, err
				}
				o.Set(k, j)
			}
		}
		return f.doc(o), nil
	case *Page:
		return f.renderPage(ctx, v, depth)
	case Set:
		p, err := Paginate(ctx, v, 0, pageSizeOf(v))
		if err != nil {
			return nil, err
		}
		return f.renderPage(ctx, p, depth)
	}
	return Show(v), nil
}

func (f *wireFormat) renderPage(ctx Context, p *Page, depth int) (any, error) {
	data, err := f.render(ctx, Array(p.Data), depth+1)
	if err != nil {
		return nil, err
	}
	o := &ordered.Object{}
	o.Set("data", data)
	if p.After != "" {
		o.Set("after", p.After)
	}
	return f.page(o), nil
}
