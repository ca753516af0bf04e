// Package ordered owns the JSON object whose keys keep the order they were
// set in: a GraphQL response follows its selection, an FQL object its
// source, and encoding/json would sort a map's keys.
package ordered

import (
	"bytes"
	"encoding/json"
)

// Object is a JSON object with ordered keys.
type Object struct {
	keys []string
	vals []any
}

// Set sets k to v: a new key goes last, an existing one keeps its place.
func (o *Object) Set(k string, v any) {
	for i, kk := range o.keys {
		if kk == k {
			o.vals[i] = v
			return
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// MarshalJSON writes the keys in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
