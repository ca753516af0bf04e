package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// An index orders its documents by their terms' key, then by their values'
// sort key (an index with values), then by id (buntdb breaks ties by key).
// Both keys sit in the document's leading "t" object: `"name":"<terms>"`
// and `"name/v":"<values>"`.

// valuesEnd sorts after every values key: hex digits are all below it.
const valuesEnd = "~"

func indexLess(ix *schema.Index) func(a, b string) bool {
	termKey := `"` + ix.Name + `":"`
	if len(ix.Values) == 0 {
		return func(a, b string) bool { return rawTerm(a, termKey) < rawTerm(b, termKey) }
	}
	valKey := `"` + ix.Name + `/v":"`
	return func(a, b string) bool {
		ta, tb := rawTerm(a, termKey), rawTerm(b, termKey)
		if ta != tb {
			return ta < tb
		}
		return rawTerm(a, valKey) < rawTerm(b, valKey)
	}
}

// valuesKey is the sort key of data's values for ix.
func valuesKey(ix *schema.Index, data map[string]any) string {
	vals := make([]any, len(ix.Values))
	for i, v := range ix.Values {
		vals[i] = FieldAt(data, v.Field)
	}
	return boundKey(ix, vals)
}

// boundKey is the sort key of the leading values vals of ix (fewer values
// than the index has make a prefix of its keys).
func boundKey(ix *schema.Index, vals []any) string {
	var b strings.Builder
	for i, v := range vals {
		b.WriteString(SortKey(v, ix.Values[i].Desc))
	}
	return b.String()
}

// pivot is a document shaped only to be compared by an index's less.
func pivot(index, terms, values string) string {
	k, _ := json.Marshal(terms)
	return fmt.Sprintf(`{"t":{%q:%s,"%s/v":%q}}`, index, k, index, values)
}

// FieldAt reads a field by its path ("address.city"): nil when a step is
// missing or not an object.
func FieldAt(data map[string]any, path string) any {
	if v, ok := data[path]; ok || !strings.Contains(path, ".") {
		return v
	}
	var cur any = data
	for _, step := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[step]
	}
	return cur
}

// Range bounds the leading values of an index read, both ends inclusive;
// a nil end is open. In a descending value, From is the larger.
type Range struct{ From, To []any }

// Entry is one document of an index read, not decoded yet.
type Entry struct{ key, raw string }

// LookupEntries is what LookupRange visits, as entries: taking them costs
// no decoding and no reads until each is opened (Open), so the first few
// of a large index's set cost a few reads.
func (tx *Tx) LookupEntries(coll, index string, terms []any, r Range) ([]Entry, error) {
	var out []Entry
	err := tx.lookupRange(coll, index, terms, r, func(k, v string) bool {
		out = append(out, Entry{k, v})
		return true
	})
	return out, err
}

// Open decodes an entry: a read.
func (tx *Tx) Open(coll string, e Entry) (*Doc, error) {
	tx.Reads++
	return tx.decode(e.key, coll, strings.TrimPrefix(e.key, "d:"+coll+":"), e.raw)
}

// LookupRange visits, in the index's order, the documents of coll whose
// terms equal terms and whose leading values lie within r.
func (tx *Tx) LookupRange(coll, index string, terms []any, r Range, fn func(*Doc) (bool, error)) error {
	return tx.iterate(coll, fn, func(it func(k, v string) bool) error {
		return tx.lookupRange(coll, index, terms, r, it)
	})
}

func (tx *Tx) lookupRange(coll, index string, terms []any, r Range, it func(k, v string) bool) error {
	c, err := tx.coll(coll)
	if err != nil {
		return err
	}
	ix := c.Index(index)
	if ix == nil {
		return &diag.Error{Code: diag.InvalidArgument, Message: fmt.Sprintf("collection `%s` has no index `%s`", coll, index)}
	}
	if len(terms) != len(ix.Terms) {
		return &diag.Error{Code: diag.InvalidArgument, Message: fmt.Sprintf("index `%s` takes %d term(s), got %d", index, len(ix.Terms), len(terms))}
	}
	if len(r.From) > len(ix.Values) || len(r.To) > len(ix.Values) {
		return &diag.Error{Code: diag.InvalidArgument, Message: fmt.Sprintf("a range of index `%s` bounds at most its %d value(s)", index, len(ix.Values))}
	}
	key := TermsKey(terms)
	if key == "" && len(ix.Terms) > 0 {
		return nil // Fauna indexes no document whose terms are all null
	}
	from, to := "", valuesEnd
	if r.From != nil {
		from = boundKey(ix, r.From)
	}
	if r.To != nil {
		to = boundKey(ix, r.To) + valuesEnd
	}
	if from > to {
		return nil
	}
	return tx.ascendTerms(ix, coll, key, from, to, it)
}

// ascendTerms walks the entries of ix with terms key whose values key lies
// in [from, to). Without values the index orders by terms alone, so every
// entry of the terms is equal to a pivot and only AscendEqual finds them.
func (tx *Tx) ascendTerms(ix *schema.Index, coll, key, from, to string, it func(k, v string) bool) error {
	name := indexName(coll, ix.Name)
	if len(ix.Values) == 0 {
		return tx.btx.AscendEqual(name, pivot(ix.Name, key, ""), it)
	}
	return tx.btx.AscendRange(name, pivot(ix.Name, key, from), pivot(ix.Name, key, to), it)
}
