package store

import (
	"math"
	"sort"
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
		clear(tx.db.scans) // they hold documents too
		tx.db.kept = n
	}
	tx.db.docs[key] = d
}

// changed marks key, of coll, written or deleted by this transaction: its
// decoded value, if any, is no longer what is stored, nor is coll's scan.
func (tx *Tx) changed(coll, key string) {
	if tx.dirty == nil {
		tx.dirty = map[string]*Doc{}
		tx.touched = map[string]bool{}
	}
	tx.dirty[key] = nil
	tx.touched[coll] = true
}

// commit moves what the transaction wrote into the kept documents.
func (tx *Tx) commit() {
	for c := range tx.touched {
		delete(tx.db.scans, c)
	}
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

// wrote keeps the document just written at key (size bytes) decoded, when its data is
// already what decoding its JSON gives back (canonical): a write then
// costs a copy of the data, not a decode at the next read. Data of other
// shapes (an int, a Time not in UTC, text that is not UTF-8) is decoded
// from the JSON when next read, as before.
func (tx *Tx) wrote(key, coll, id string, ts time.Time, data map[string]any, size int) {
	tx.changed(coll, key)
	if c, ok := canonical(data); ok {
		tx.dirty[key] = &Doc{Coll: coll, ID: id, TS: ts, Data: c.(map[string]any), size: size}
	}
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

// scan is a collection's documents in id order, from the first, as far as
// scans have read them (complete: all of them). A scan of a collection
// this transaction has not written reads it, not buntdb and the kept
// documents one by one: a count or sort over 100,000 documents visited a
// map entry each. Commit drops the scans of the collections it wrote.
type scan struct {
	docs     []*Doc
	complete bool
}

// scanOf is coll's scan, nil when this transaction has written coll.
func (tx *Tx) scanOf(coll string) *scan {
	if tx.touched[coll] {
		return nil
	}
	s := tx.db.scans[coll]
	if s == nil {
		s = &scan{}
		tx.db.scans[coll] = s
	}
	return s
}

// scanKept is Scan from s: the documents after the id `after` that s
// holds, then, when s is not complete and the scan goes on from its end,
// buntdb's, which s keeps as it goes.
func (tx *Tx) scanKept(s *scan, coll, after string, fn func(*Doc) (bool, error)) error {
	i := 0
	if after != "" {
		i = sort.Search(len(s.docs), func(i int) bool { return s.docs[i].ID > after })
	}
	for ; i < len(s.docs); i++ {
		tx.Reads++
		if more, err := fn(s.docs[i]); err != nil || !more {
			return err
		}
	}
	from := "d:" + coll + ":"
	if n := len(s.docs); n > 0 {
		from = docKey(coll, s.docs[n-1].ID) + "\x00"
	}
	if s.complete || after != "" && (len(s.docs) == 0 || after > s.docs[len(s.docs)-1].ID) {
		// Complete, or past what s holds: s cannot grow from here.
		if s.complete {
			return nil
		}
		from = docKey(coll, after) + "\x00"
		return tx.iterate(coll, fn, func(it func(k, v string) bool) error {
			return tx.btx.AscendRange("", from, "d:"+coll+";", it)
		})
	}
	stopped := false
	err := tx.iterate(coll, func(d *Doc) (bool, error) {
		s.docs = append(s.docs, d)
		more, err := fn(d)
		stopped = err != nil || !more
		return more, err
	}, func(it func(k, v string) bool) error {
		return tx.btx.AscendRange("", from, "d:"+coll+";", it)
	})
	if err == nil && !stopped {
		s.complete = true
	}
	return err
}
