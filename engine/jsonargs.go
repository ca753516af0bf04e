package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/value"
)

// maxArgDepth bounds how deeply a query argument's JSON may nest.
const maxArgDepth = 1000

// JSONArgs binds the members of a JSON object as a query's arguments
// (Request.Args): the page's window.playground.query(text, args). A JSON
// value is an FQL value: an integer (no fraction or exponent) is an Int,
// another number a Double, an object keeps its keys' order. Arguments
// that are not a JSON object is an invalid_argument error of the query.
func JSONArgs(raw json.RawMessage) func(value.Context) (map[string]value.Value, error) {
	return func(value.Context) (map[string]value.Value, error) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		v, err := jsonValue(dec, 0)
		if err == nil && dec.More() {
			err = errors.New("text after the object")
		}
		o, ok := v.(*value.Object)
		if err != nil || !ok {
			if err == nil {
				err = errors.New("not an object")
			}
			return nil, diag.Errorf(diag.InvalidArgument, diag.Pos{}, "the query's arguments must be a JSON object of values: %v", err)
		}
		return o.Map(), nil
	}
}

func jsonValue(dec *json.Decoder, depth int) (value.Value, error) {
	if depth > maxArgDepth {
		return nil, fmt.Errorf("values nest deeper than %d levels", maxArgDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return value.Null{}, nil
	case bool:
		return value.Bool(t), nil
	case string:
		return value.String(t), nil
	case json.Number:
		n, ok := value.FromJSONNumber(t)
		if !ok {
			return nil, fmt.Errorf("number %s out of range", t)
		}
		return n, nil
	case json.Delim:
		if t == '[' {
			arr := value.Array{}
			for dec.More() {
				x, err := jsonValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, x)
			}
			_, err := dec.Token()
			return arr, err
		}
		o := value.NewObject()
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			x, err := jsonValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			o.Set(k.(string), x)
		}
		_, err := dec.Token()
		return o, err
	}
	return nil, fmt.Errorf("unexpected %v", tok)
}
