package store

import (
	"strings"

	"github.com/faunaplay/playground/engine/diag"
	"time"

	"github.com/faunaplay/playground/engine/schema"
)

// A query may change the schema (Collection.create, a definition's update
// or delete). The change waits in its transaction and is applied at
// commit, inside the same buntdb transaction: a query that fails later
// leaves the schema and the data as they were. As in Fauna, a collection
// made by a query cannot be used in that query: tx.Collection answers from
// the schema in force when it began.

// Model is the schema model the database holds.
func (db *DB) Model() *schema.Model { return db.model }

// Model is the schema as this transaction has changed it so far.
func (tx *Tx) Model() *schema.Model {
	if tx.pending != nil {
		return tx.pending
	}
	return tx.db.model
}

// ChangeSchema makes m the schema at commit. The caller has checked m.
// It is a write (Fauna wrote a document of the Collection or Function
// collection), so the page keeps the query in its journal.
// at is where the query changed it: an error applying it points there.
func (tx *Tx) ChangeSchema(m *schema.Model, at diag.Pos) {
	tx.pending, tx.pendingAt = m, at
	tx.Writes++
}

// schemaError places an error met applying the schema change at the call
// that made it.
func (tx *Tx) schemaError(err error) error {
	d, ok := err.(*diag.Error)
	if !ok || d.Pos.IsValid() {
		return err
	}
	c := *d
	c.Pos = tx.pendingAt
	c.Message = "The schema change cannot be applied to the documents: " + d.Message
	return &c
}

// SchemaChanged says whether the transaction changes the schema.
func (tx *Tx) SchemaChanged() bool { return tx.pending != nil }

// SchemaTS is when the collection's definition was last written: when
// the schema was set, or the query that made or changed it.
func (tx *Tx) SchemaTS(coll string) time.Time {
	if ts, ok := tx.db.schemaTS[coll]; ok {
		return ts
	}
	return tx.db.openedTS
}

// Collections lists the collection names in force in this transaction.
func (tx *Tx) Collections() []string { return tx.db.Collections() }

// applySchema moves the database to tx.pending: removed collections lose
// their documents and indexes, new ones get their indexes, and a changed
// one has its indexes built again, its documents rewritten so that their
// index keys are the new indexes' (and unique constraints checked).
func (tx *Tx) applySchema() (map[string]*schema.Collection, error) {
	m := tx.pending
	next := map[string]*schema.Collection{}
	for _, c := range m.Collections {
		next[c.Name] = c
	}
	for name, old := range tx.db.colls {
		if c, ok := next[name]; !ok || c != old {
			if err := tx.dropIndexes(old); err != nil {
				return nil, err
			}
		}
		if _, ok := next[name]; !ok {
			if err := tx.dropDocuments(name); err != nil {
				return nil, err
			}
		}
	}
	for name, c := range next {
		old, had := tx.db.colls[name]
		if had && old == c {
			continue
		}
		if had {
			if err := tx.rewrite(c); err != nil {
				return nil, tx.schemaError(err)
			}
		}
	}
	return next, nil
}

func (tx *Tx) dropIndexes(c *schema.Collection) error {
	for _, ix := range c.Indexes {
		p := entryPrefix(c.Name, ix.Name)
		var keys []string
		err := tx.btx.AscendRange("", p, p[:len(p)-1]+"\x01", func(k, _ string) bool {
			keys = append(keys, k)
			return true
		})
		if err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.btx.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (tx *Tx) dropDocuments(coll string) error {
	var keys []string
	err := tx.btx.AscendRange("", "d:"+coll+":", "d:"+coll+";", func(k, v string) bool {
		keys = append(keys, k)
		tx.grown -= len(v)
		return true
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		tx.changed(coll, k)
		tx.added[coll]--
		if _, err := tx.btx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// rewrite stores every document of c again under c's indexes.
func (tx *Tx) rewrite(c *schema.Collection) error {
	type entry struct{ key, raw string }
	var docs []entry
	err := tx.btx.AscendRange("", "d:"+c.Name+":", "d:"+c.Name+";", func(k, v string) bool {
		docs = append(docs, entry{k, v})
		return true
	})
	if err != nil {
		return err
	}
	prefix := "d:" + c.Name + ":"
	tx.rewriting = true
	defer func() { tx.rewriting = false }()
	for _, e := range docs {
		id := strings.TrimPrefix(e.key, prefix)
		d, err := decodeDoc(c.Name, id, e.raw)
		if err != nil {
			return err
		}
		if _, err := tx.putAt(c, id, e.key, d.Data, nil, len(e.raw), d.TS); err != nil {
			return err
		}
	}
	return nil
}
