package store

import (
	"time"

	"github.com/faunaplay/playground/engine/schema"
)

// Change is one document a committed transaction wrote: created (Before
// nil), replaced or updated (both set), or deleted (After nil). The HTTP
// API's event streams and feeds are made of them.
type Change struct {
	Coll, ID      string
	Before, After *Doc
	TS            time.Time // the transaction's
}

// RecordChanges makes every later transaction keep what it writes for
// LastChanges. Off by default: the page has no event streams, and keeping
// a write's before and after was a tenth of a bulk create's time.
func (db *DB) RecordChanges() { db.recording = true }

// LastChanges are the changes of the last transaction Update committed, in
// the order they were written (none when it wrote nothing, was rolled
// back, or RecordChanges was not called). The documents are shared: never
// change them.
func (db *DB) LastChanges() []Change { return db.lastChanges }

// before is the document at coll/id as it is before this transaction
// writes it again, or nil (read through the decoded documents, where an
// update has usually just read it).
func (tx *Tx) before(coll, id string) *Doc {
	reads := tx.Reads
	d, err := tx.Get(coll, id)
	tx.Reads = reads // the write's own bookkeeping, not a read of the query's
	if err != nil {
		return nil
	}
	return d
}

// noteChange records a write for LastChanges.
func (tx *Tx) noteChange(coll, id string, before, after *Doc) {
	if !tx.db.recording {
		return
	}
	tx.changes = append(tx.changes, Change{Coll: coll, ID: id, Before: before, After: after, TS: tx.ts})
}

// InIndex says whether data has terms as its terms in the index named
// index of c: the test an index's set makes of a document, for a document
// not read through the index (an event's old or new version).
func InIndex(c *schema.Collection, index string, terms []any, data *Fields) bool {
	for _, ix := range c.Indexes {
		if ix.Name == index {
			return termsKey(ix, data) == TermsKey(terms)
		}
	}
	return false
}
