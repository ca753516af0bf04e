package store

import (
	"math"
	"time"
	"unicode/utf8"
)

// The decoded documents. A document's JSON is decoded the first time it is
// read and the *Doc kept, so a later read (in this query or the next)
// parses nothing: decoding was 55–70% of scans, counts and sorts. A *Doc
// handed out is shared and never changed; a write replaces it.
//
// Rollback stays whole: db.docs only ever holds what is committed. A key
// the transaction writes or deletes is "dirty" (tx.dirty holds it, with
// its decoded value once read again, or nil), and reads of it never touch
// db.docs; commit moves the dirty keys' values into db.docs, and a rolled
// back transaction's dirty map is dropped with it.

// cached is the decoded document at key if one is kept.
func (tx *Tx) cached(key string) (*Doc, bool) {
	if d, dirty := tx.dirty[key]; dirty {
		return d, d != nil
	}
	d, ok := tx.db.docs[key]
	return d, ok
}

// maxKept bounds the JSON bytes of the documents kept decoded (a decoded
// document takes a few times its JSON): past it, what is kept is dropped
// and decoding starts again, so a database near its 256 MiB cannot
// triple in memory.
const maxKept = 64 << 20

// keep remembers d, decoded from the n bytes stored at key in this
// transaction's view.
func (tx *Tx) keep(key string, d *Doc, n int) {
	if _, dirty := tx.dirty[key]; dirty {
		tx.dirty[key] = d
		return
	}
	if tx.db.kept += n; tx.db.kept > maxKept {
		clear(tx.db.docs)
		tx.db.kept = n
	}
	tx.db.docs[key] = d
}

// changed marks key written or deleted by this transaction: its decoded
// value, if any, is no longer what is stored.
func (tx *Tx) changed(key string) {
	if tx.dirty == nil {
		tx.dirty = map[string]*Doc{}
	}
	tx.dirty[key] = nil
}

// commit moves what the transaction wrote into the kept documents.
func (tx *Tx) commit() {
	for k, d := range tx.dirty {
		if d == nil {
			delete(tx.db.docs, k)
		} else {
			tx.db.docs[k] = d
		}
	}
}

// decode reads the document stored at key, raw, decoding it only when no
// decoded value is kept.
func (tx *Tx) decode(key, coll, id, raw string) (*Doc, error) {
	if d, ok := tx.cached(key); ok {
		return d, nil
	}
	d, err := decodeDoc(coll, id, raw)
	if err != nil {
		return nil, err
	}
	tx.keep(key, d, len(raw))
	return d, nil
}

// wrote keeps the document just written at key decoded, when its data is
// already what decoding its JSON gives back (canonical): a write then
// costs a copy of the data, not a decode at the next read. Data of other
// shapes (an int, a Time not in UTC, text that is not UTF-8) is decoded
// from the JSON when next read, as before.
func (tx *Tx) wrote(key, coll, id string, ts time.Time, data map[string]any) {
	c, ok := canonical(data)
	if !ok {
		return
	}
	tx.dirty[key] = &Doc{Coll: coll, ID: id, TS: ts, Data: c.(map[string]any)}
}

// canonical copies v when it is exactly what decode returns for encode's
// JSON of it; false otherwise. The copy keeps the kept document apart
// from the map its writer holds.
func canonical(v any) (any, bool) {
	switch v := v.(type) {
	case nil, bool, int64, Ref:
		return v, true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	case string:
		return v, utf8.ValidString(v)
	case time.Time:
		return v, v.Location() == time.UTC && v == v.Round(0)
	case Date:
		y, m, d := v.Date()
		return v, v.Time == time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			c, ok := canonical(e)
			if !ok {
				return nil, false
			}
			out[i] = c
		}
		return out, true
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			c, ok := canonical(e)
			if !ok || !utf8.ValidString(k) {
				return nil, false
			}
			out[k] = c
		}
		return out, true
	}
	return nil, false
}
