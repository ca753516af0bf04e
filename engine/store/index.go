package store

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/tidwall/buntdb"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

// An index is its own keys in buntdb's key space, one per document it
// holds: "i:<coll>\x00<index>\x00<terms>\x00<values>\x00<id>", with an
// empty value. buntdb orders keys as plain strings, so an index reads and
// is kept up to date with string compares, and a write whose terms and
// values did not change leaves its entries alone (with buntdb's own
// indexes, every write re-sorted the document into each index, each
// compare reading two documents' JSON: 60% of an update).
//
// <terms> is the terms key JSON-escaped, as the document's leading "t"
// object holds it (`"name":"<terms>"`), which has no raw control
// characters; <values> is the values' sort key (hex, "name/v" in "t").
// So the order is terms, then values, then id; and the entries a document
// had are read back from its stored JSON when it is rewritten or deleted.

// valuesEnd sorts after every values key: hex digits are all below it.
const valuesEnd = "~"

// entryPrefix is the start of every entry key of the index.
func entryPrefix(coll, index string) string { return "i:" + coll + "\x00" + index + "\x00" }

// entryKey is the key of a document's entry in an index.
func entryKey(coll, index, terms, values, id string) string {
	return entryPrefix(coll, index) + terms + "\x00" + values + "\x00" + id
}

// entryID is the document id an entry key ends with.
func entryID(key string) string { return key[strings.LastIndexByte(key, 0)+1:] }

// escapedTerms is key as the "t" object writes it: JSON-escaped, unquoted.
func escapedTerms(key string) string {
	var b bytes.Buffer
	writeString(&b, key)
	return string(b.Bytes()[1 : b.Len()-1])
}

// indexed says whether a document with these terms is in ix: Fauna
// indexes no document whose terms are all null.
func indexed(ix *schema.Index, escTerms string) bool {
	return escTerms != "" || len(ix.Terms) == 0
}

// storedEntry is the entry of ix that the stored document raw has: its
// terms and values as its "t" object holds them.
func storedEntry(ix *schema.Index, raw string) (terms, values string) {
	terms = rawTerm(raw, ix.Name, "")
	if len(ix.Values) > 0 {
		values = rawTerm(raw, ix.Name, "/v")
	}
	return terms, values
}

// reindex moves the document id of c from the entries its previous JSON
// prev had (none when had is false) to those of raw, where they differ.
// The indexes of the bits of stays have the same entry in both: left alone.
func (tx *Tx) reindex(c *schema.Collection, id, prev string, had bool, raw string, stays uint64) error {
	for i, ix := range c.Indexes {
		if had && i < 64 && stays&(1<<i) != 0 {
			continue
		}
		t, v := storedEntry(ix, raw)
		if had {
			pt, pv := storedEntry(ix, prev)
			if pt == t && pv == v {
				continue
			}
			if err := tx.dropEntry(c.Name, ix, pt, pv, id); err != nil {
				return err
			}
		}
		if indexed(ix, t) {
			if _, _, err := tx.btx.Set(entryKey(c.Name, ix.Name, t, v, id), "", nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// unindex removes the entries of the document id of c stored as raw.
func (tx *Tx) unindex(c *schema.Collection, id, raw string) error {
	for _, ix := range c.Indexes {
		t, v := storedEntry(ix, raw)
		if err := tx.dropEntry(c.Name, ix, t, v, id); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) dropEntry(coll string, ix *schema.Index, terms, values, id string) error {
	if !indexed(ix, terms) {
		return nil
	}
	if _, err := tx.btx.Delete(entryKey(coll, ix.Name, terms, values, id)); err != nil && err != buntdb.ErrNotFound {
		return err
	}
	return nil
}

// sameEntry says whether data has the terms and values for ix that old
// has, told from their fields without building keys: false when it cannot
// tell cheaply (a time, an array, an object), which only costs the keys.
func sameEntry(ix *schema.Index, old, data *Fields) bool {
	if !sameTerms(ix, old, data) {
		return false
	}
	for _, v := range ix.Values {
		if !sameScalar(FieldAt(old, v.Field), FieldAt(data, v.Field)) {
			return false
		}
	}
	return true
}

// sameTerms is sameEntry of ix's terms alone.
func sameTerms(ix *schema.Index, old, data *Fields) bool {
	for _, t := range ix.Terms {
		if !sameScalar(FieldAt(old, t), FieldAt(data, t)) {
			return false
		}
	}
	return true
}

// sameScalar says whether a and b are the same scalar, so have the same
// term and sort keys.
func sameScalar(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool, int64, string, Ref:
		return a == b
	case float64: // bits: 0 and -0 sort apart
		f, ok := b.(float64)
		return ok && math.Float64bits(a) == math.Float64bits(f)
	}
	return false
}

// writeStringTerm writes the "t" object's terms key of ix for data when
// it is one plain string, as writeString(termsKey(…)) would, without
// building it; false (nothing written) otherwise.
func writeStringTerm(b *bytes.Buffer, ix *schema.Index, data *Fields) bool {
	if len(ix.Terms) != 1 {
		return false
	}
	s, ok := FieldAt(data, ix.Terms[0]).(string)
	if !ok || !plainText(s) {
		return false
	}
	b.WriteString(`"\"`) // TermKey's quotes, escaped inside the JSON string
	b.WriteString(s)
	b.WriteString(`\""`)
	return true
}

// valuesKey is the sort key of data's values for ix.
func valuesKey(ix *schema.Index, data *Fields) string {
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

// FieldAt reads a field by its path ("address.city"): nil when a step is
// missing or not an object.
func FieldAt(data *Fields, path string) any {
	if v, ok := data.Lookup(path); ok || !strings.Contains(path, ".") {
		return v
	}
	first, rest, _ := strings.Cut(path, ".")
	cur := data.Get(first)
	for _, step := range strings.Split(rest, ".") {
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

// Entry is one document of an index read, not read yet: its key.
type Entry struct{ key string }

// LookupEntries is what LookupRange visits, as entries: taking them costs
// no decoding and no reads until each is opened (Open), so the first few
// of a large index's set cost a few reads.
func (tx *Tx) LookupEntries(coll, index string, terms []any, r Range) ([]Entry, error) {
	var out []Entry
	err := tx.lookupRange(coll, index, terms, r, func(k, _ string) bool {
		out = append(out, Entry{k})
		return true
	})
	return out, err
}

// Open decodes an entry: a read.
func (tx *Tx) Open(coll string, e Entry) (*Doc, error) {
	tx.Reads++
	return tx.decode(e.key, coll, strings.TrimPrefix(e.key, "d:"+coll+":"), "")
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
// in [from, to), handing it each document's key, and "" for its JSON:
// decode reads the JSON from buntdb only for a document not kept decoded.
func (tx *Tx) ascendTerms(ix *schema.Index, coll, key, from, to string, it func(k, v string) bool) error {
	p := entryPrefix(coll, ix.Name) + escapedTerms(key) + "\x00"
	return tx.btx.AscendRange("", p+from, p+to, func(k, _ string) bool {
		return it(docKey(coll, entryID(k)), "")
	})
}
