// Package store owns the in-memory database: documents of the schema's
// collections held in buntdb, their deterministic ids and timestamps, the
// schema's indexes as entry keys beside them (index.go), unique
// constraints checked on every write, and transactions that commit or
// roll back whole.
//
// Keys are "d:<Collection>:<id>"; a value is the document as tagged JSON,
// led by its index terms ({"t": {"byOwner": "..."}, "ts": ..., "data": ...})
// so that the entries a stored document has are read off its first bytes
// when it is rewritten or deleted.
package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/tidwall/buntdb"
)

// Doc is a stored document. Data never holds id, coll or ts.
type Doc struct {
	Coll string
	ID   string
	TS   time.Time
	Data *Fields
	size int // bytes stored, when read from the store (or kept by a write)
}

// Ref returns the reference to d.
func (d *Doc) Ref() Ref { return Ref{Coll: d.Coll, ID: d.ID} }

// DB is one database: the collections of one schema model.
type DB struct {
	bunt      *buntdb.DB
	colls     map[string]*schema.Collection
	clock     func() time.Time
	lastTS    time.Time
	ids       uint64            // how many ids were made: ids are deterministic per Open
	size      int               // bytes of the documents stored
	docs      map[string]*Doc   // committed documents decoded, by key (cache.go)
	kept      int               // bytes of JSON decoded into docs
	scans     map[string]*scan  // each collection's documents in id order, as far as read (cache.go)
	shapes    map[string]*shape // the field names documents share, by their names (fields.go)
	lastShape *shape

	model    *schema.Model
	openedTS time.Time            // when the schema was set
	schemaTS map[string]time.Time // when a query last wrote a collection's definition

	lastChanges []Change       // what the last committed transaction wrote (changes.go)
	recording   bool           // whether transactions keep lastChanges
	counts      map[string]int // each collection's documents (cache.go)
	// written is how many keys of each collection the last transaction
	// that wrote it wrote: the next one's map of them starts that size
	// (bounded), not grown key by key (a 1,000-document update rehashed it
	// eight times).
	written map[string]int
}

// idBase and idSeed fix every id sequence, so the same operations give the
// same ids.
const (
	idBase = 360_000_000_000_000_000
	idSeed = 0x5eed_fa07_a000_0001
)

// Open makes an empty database for the model's collections. A nil or
// failed model gives a database with no collections.
func Open(m *schema.Model, clock func() time.Time) *DB {
	bunt, err := buntdb.Open(":memory:")
	if err != nil {
		panic(err) // ":memory:" cannot fail to open
	}
	db := &DB{bunt: bunt, colls: map[string]*schema.Collection{}, clock: clock, docs: map[string]*Doc{}, scans: map[string]*scan{}, shapes: map[string]*shape{}, counts: map[string]int{},
		model: &schema.Model{}, openedTS: clock().UTC().Truncate(time.Microsecond), schemaTS: map[string]time.Time{}}
	if m == nil || len(m.Errors) > 0 {
		return db
	}
	db.model = m
	for _, c := range m.Collections {
		db.colls[c.Name] = c
	}
	return db
}

// Close releases the database: buntdb's memory and its background
// goroutine (which ends at its next tick, within a second). A closed
// database refuses transactions; closing twice does nothing.
func (db *DB) Close() {
	db.bunt.Close() // the only error is ErrDatabaseClosed: already closed
}

// rawTerm is a document's index term as written in its "t" object, still
// JSON-escaped: equal terms have equal escapes, which is all an index's
// order needs, and reading it is a scan, not a JSON parse (gjson's parse
// was 70% of 25,000 unique-indexed creates). It follows the first
// `"<name><suffix>":"`, found without building that needle (a write reads
// two documents' terms, index by index); "t" comes first and holds every
// index's term, so the first match is in it (a quote inside a string is
// escaped: the needle cannot match there).
func rawTerm(doc, name, suffix string) string {
	for from := 0; ; {
		i := strings.Index(doc[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		rest := doc[i+len(name):]
		if i == 0 || doc[i-1] != '"' || !strings.HasPrefix(rest, suffix) || !strings.HasPrefix(rest[len(suffix):], `":"`) {
			from = i + 1
			continue
		}
		start := i + len(name) + len(suffix) + len(`":"`)
		for j := start; j < len(doc); j++ {
			switch doc[j] {
			case '\\':
				j++
			case '"':
				return doc[start:j]
			}
		}
		return doc[start:]
	}
}

func docKey(coll, id string) string { return "d:" + coll + ":" + id }

// Collection returns the definition of a collection, or nil.
func (db *DB) Collection(name string) *schema.Collection { return db.colls[name] }

// Update runs fn in one read-write transaction: committed when fn returns
// nil, rolled back whole when it returns an error or panics (the panic is
// returned as an internal error, never re-raised).
func (db *DB) Update(fn func(tx *Tx) error) (err error) {
	ts := db.clock().UTC()
	if !ts.After(db.lastTS) {
		ts = db.lastTS.Add(time.Microsecond)
	}
	ts = ts.Truncate(time.Microsecond)
	ids := db.ids
	db.lastChanges = nil
	var tx *Tx
	var next map[string]*schema.Collection
	err = db.bunt.Update(func(btx *buntdb.Tx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &diag.Error{Code: diag.InternalError, Message: fmt.Sprint("internal error: ", r)}
			}
		}()
		tx = &Tx{db: db, btx: btx, ts: ts}
		if err := fn(tx); err != nil {
			return err
		}
		if tx.pending != nil {
			next, err = tx.applySchema()
			return err
		}
		return nil
	})
	if err != nil {
		db.ids = ids // a rolled-back query used no ids
		return err
	}
	tx.commit()
	db.lastChanges = tx.changes
	if next != nil {
		for name, c := range next {
			if old, ok := db.colls[name]; !ok || old != c {
				db.schemaTS[name] = ts
			}
		}
		db.colls, db.model = next, tx.pending
	}
	db.size += tx.grown
	db.lastTS = ts
	return nil
}

// MaxWrites bounds the documents one transaction writes (creates, updates,
// deletes): a runaway forEach(create) is refused before it takes seconds.
const MaxWrites = 25_000

func (tx *Tx) canWrite() error {
	if tx.Writes >= MaxWrites {
		return &diag.Error{Code: diag.LimitExceeded, Message: fmt.Sprintf("the query writes more than %d documents; split it into several queries", MaxWrites)}
	}
	return nil
}

// Tx is one transaction. It counts the documents it reads and writes.
type Tx struct {
	db     *DB
	btx    *buntdb.Tx
	ts     time.Time
	Reads  int
	Writes int
	// written counts the bytes of the documents written; grown, how much
	// the database grew (less what was deleted or replaced).
	written, grown int
	// dirty are the documents this transaction wrote or deleted, by
	// collection; touched their collections (cache.go).
	dirty   map[string]*written
	touched map[string]bool
	// reshaped are the collections it made or removed documents of (or
	// wrote one not kept decoded): their scans are dropped at commit.
	reshaped map[string]bool
	// pending is the schema this transaction changes to (ChangeSchema).
	pending   *schema.Model
	pendingAt diag.Pos
	changes   []Change       // what it wrote, in order (changes.go)
	added     map[string]int // documents created less deleted, by collection
	rewriting bool           // applying a schema change: documents rewritten under new indexes
	encoded   bytes.Buffer   // putAt's JSON, reused: a write allocates only the string it stores
	tsText    []byte         // the ts putAt last wrote, formatted
	tsOf      time.Time
}

// Limits on the bytes of documents: written by one transaction, and
// stored in the database (the browser tab holds it all in memory).
const (
	MaxWriteBytes    = 64 << 20
	MaxDatabaseBytes = 256 << 20
)

// stored accounts a document of n bytes written in place of one of old
// bytes (0 when new), failing past the limits.
func (tx *Tx) stored(n, old int) error {
	if tx.written+n > MaxWriteBytes {
		return &diag.Error{Code: diag.LimitExceeded, Message: fmt.Sprintf("the query writes more than %d MiB of documents; split it into several queries", MaxWriteBytes>>20)}
	}
	if tx.db.size+tx.grown+n-old > MaxDatabaseBytes {
		return &diag.Error{Code: diag.LimitExceeded, Message: fmt.Sprintf("the database would hold more than %d MiB of documents; delete some, or Reset data", MaxDatabaseBytes>>20)}
	}
	tx.written += n
	tx.grown += n - old
	return nil
}

// TS is the transaction's time: the ts of every document it writes.
func (tx *Tx) TS() time.Time { return tx.ts }

// Collection returns the definition of a collection, or nil.
func (tx *Tx) Collection(name string) *schema.Collection { return tx.db.colls[name] }

func (tx *Tx) coll(name string) (*schema.Collection, error) {
	c := tx.db.colls[name]
	if c == nil {
		return nil, &diag.Error{Code: diag.InvalidArgument, Message: fmt.Sprintf("no collection named `%s`", name)}
	}
	return c, nil
}

// NewID draws the next id of the sequence: 18 decimal digits.
func (tx *Tx) NewID(coll string) string {
	for {
		tx.db.ids++
		id := strconv.FormatUint(idFor(tx.db.ids), 10)
		if _, err := tx.btx.Get(docKey(coll, id)); err == buntdb.ErrNotFound {
			return id
		}
	}
}

// idFor is the n-th id of a database: 18 digits that grow with n, as
// Fauna's time-based ids grow, so a collection lists its documents in the
// order they were made (for the first 9 million ids); the low 36 bits are
// scrambled (splitmix64) so ids look like Fauna's, not like a counter.
func idFor(n uint64) uint64 {
	z := idSeed + n*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return idBase + n<<36 + z&(1<<36-1)
}

// Get reads a document; (nil, nil) when there is none.
func (tx *Tx) Get(coll, id string) (*Doc, error) {
	if _, err := tx.coll(coll); err != nil {
		return nil, err
	}
	tx.Reads++
	key := docKey(coll, id)
	if d, ok := tx.cached(key); ok {
		return d, nil
	}
	raw, err := tx.btx.Get(key)
	if err == buntdb.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return tx.decode(key, coll, id, raw)
}

// Create writes a new document. An empty id draws one from the sequence; a
// given id that exists is a constraint failure. data is the store's from
// then on: its caller must not change it (nor what it holds).
func (tx *Tx) Create(coll, id string, data *Fields) (*Doc, error) {
	c, err := tx.coll(coll)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = tx.NewID(coll)
	} else if _, err := tx.btx.Get(docKey(coll, id)); err == nil {
		return nil, &diag.Error{Code: diag.ConstraintFailure, Message: fmt.Sprintf("a document with id %s already exists in collection `%s`", diag.Clip(id), coll)}
	}
	key := docKey(coll, id)
	// The document's id is the tail of its key, which buntdb keeps: one
	// string held for both, not two (3 MB of 100,000 users' ids).
	return tx.put(c, key[len(key)-len(id):], key, data, nil, 0)
}

// Replace sets a document's data whole. (nil, nil) when it does not exist.
// data is the store's from then on, as for Create.
func (tx *Tx) Replace(coll, id string, data *Fields) (*Doc, error) {
	c, err := tx.coll(coll)
	if err != nil {
		return nil, err
	}
	key := docKey(coll, id)
	if d, ok := tx.cached(key); ok {
		return tx.put(c, id, key, data, d, d.size) // the update read it: no second read
	}
	prev, err := tx.btx.Get(key)
	if err == buntdb.ErrNotFound {
		return nil, nil
	}
	return tx.put(c, id, key, data, nil, len(prev))
}

// ReplaceRead is Replace of the document cur, which this transaction has
// just read (Get, a scan or a lookup, with no write since): it is not
// read again.
func (tx *Tx) ReplaceRead(cur *Doc, data *Fields) (*Doc, error) {
	c, err := tx.coll(cur.Coll)
	if err != nil {
		return nil, err
	}
	if cur.size == 0 { // not read from the store: its size is not known
		return tx.Replace(cur.Coll, cur.ID, data)
	}
	return tx.put(c, cur.ID, docKey(cur.Coll, cur.ID), data, cur, cur.size)
}

// Delete removes a document and returns it as it was; (nil, nil) when it
// did not exist.
func (tx *Tx) Delete(coll, id string) (*Doc, error) {
	c, err := tx.coll(coll)
	if err != nil {
		return nil, err
	}
	if err := tx.canWrite(); err != nil {
		return nil, err
	}
	key := docKey(coll, id)
	raw, err := tx.btx.Delete(key)
	if err == buntdb.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	tx.touch(coll, key, dirtyDoc{key: key, d: gone}) // the scan, if kept, drops it at commit
	if err := tx.unindex(c, id, raw); err != nil {
		return nil, err
	}
	tx.grown -= len(raw)
	tx.Writes++
	tx.added[coll]--
	d, err := decodeDoc(coll, id, raw)
	if err == nil {
		tx.noteChange(coll, id, d, nil)
	}
	return d, err
}

// put writes the document id of c, at key, in place of one of oldSize
// bytes (0 for a new one), which its caller has already read (old, when
// it has it decoded; nil when not).
func (tx *Tx) put(c *schema.Collection, id, key string, data *Fields, old *Doc, oldSize int) (*Doc, error) {
	if err := tx.canWrite(); err != nil {
		return nil, err
	}
	var before *Doc
	if oldSize > 0 && tx.db.recording {
		before = tx.before(c.Name, id)
	}
	d, err := tx.putAt(c, id, key, data, old, oldSize, tx.ts)
	if err == nil {
		tx.Writes++
		tx.noteChange(c.Name, id, before, d)
	}
	return d, err
}

// putAt is put keeping ts as the document's ts (a schema change rewrites
// documents without writing them anew).
func (tx *Tx) putAt(c *schema.Collection, id, key string, data *Fields, old *Doc, oldSize int, ts time.Time) (*Doc, error) {
	if data == nil {
		data = FieldsSized(0)
	}
	tx.db.intern(data)
	b := &tx.encoded
	b.Reset()
	b.WriteString(`{"t":{`)
	var stays uint64 // the indexes whose entry stays as old had it (bit i: c.Indexes[i])
	for i, ix := range c.Indexes {
		if i > 0 {
			b.WriteByte(',')
		}
		same := old != nil && !tx.rewriting && i < 64 && sameEntry(ix, old.Data, data)
		if same {
			stays |= 1 << i
		}
		writeString(b, ix.Name)
		b.WriteByte(':')
		if same && writeStringTerm(b, ix, data) {
			// a unique term kept cannot clash: a document that took it
			// since would have clashed with old
		} else {
			terms := termsKey(ix, data)
			if ix.Unique && terms != "" && !same && !tx.keepsTerm(ix, old, data, terms) {
				if err := tx.checkUnique(c, ix, id, terms); err != nil {
					return nil, err
				}
			}
			writeString(b, terms)
		}
		if len(ix.Values) > 0 {
			b.WriteByte(',')
			writeString(b, ix.Name+"/v")
			b.WriteByte(':')
			writeString(b, valuesKey(ix, data))
		}
	}
	b.WriteString(`},"ts":"`)
	if ts != tx.tsOf || tx.tsText == nil { // one transaction writes one ts (== also tells the zones apart, which the text shows)
		tx.tsText, tx.tsOf = ts.AppendFormat(tx.tsText[:0], time.RFC3339Nano), ts
	}
	b.Write(tx.tsText)
	b.WriteString(`","data":`)
	if err := encodeFields(b, data); err != nil {
		if nf, ok := err.(*nonFinite); ok {
			return nil, nf.diag()
		}
		if d, ok := err.(*diag.Error); ok {
			return nil, d
		}
		return nil, &diag.Error{Code: diag.InvalidArgument, Message: err.Error()}
	}
	b.WriteByte('}')
	if err := tx.stored(b.Len(), oldSize); err != nil {
		return nil, err
	}
	raw := b.String()
	prev, had, err := tx.btx.Set(key, raw, nil)
	if err != nil {
		return nil, err
	}
	// A schema change's indexes are new: the entries prev names are gone.
	if err := tx.reindex(c, id, prev, had && !tx.rewriting, raw, stays); err != nil {
		return nil, err
	}
	kept := tx.wrote(key, c.Name, id, ts, data, b.Len(), oldSize == 0)
	if oldSize == 0 {
		tx.added[c.Name]++
	}
	if kept != nil {
		return kept, nil // immutable: the caller may share it
	}
	return &Doc{Coll: c.Name, ID: id, TS: ts, Data: data}, nil
}

// termsKey is the index key of data for ix: "" when every term is null.
func termsKey(ix *schema.Index, data *Fields) string {
	terms := make([]any, len(ix.Terms))
	for i, t := range ix.Terms {
		terms[i] = FieldAt(data, t)
	}
	return TermsKey(terms)
}

// TermsKey is the index key of one value per term (TermKey of
// each, joined by \x1f): "" when every term is null.
func TermsKey(terms []any) string {
	if len(terms) == 1 { // most indexes: no parts to join
		return TermKey(terms[0])
	}
	parts := make([]string, len(terms))
	empty := true
	for i, t := range terms {
		parts[i] = TermKey(t)
		if parts[i] != "" {
			empty = false
		}
	}
	if empty {
		return ""
	}
	return strings.Join(parts, "\x1f")
}

func (tx *Tx) checkUnique(c *schema.Collection, ix *schema.Index, id, key string) error {
	var clash string
	err := tx.ascendTerms(ix, c.Name, key, "", valuesEnd, func(k, _ string) bool {
		if other := strings.TrimPrefix(k, "d:"+c.Name+":"); other != id {
			clash = other
			return false
		}
		return true
	})
	if err != nil {
		return err
	}
	if clash != "" {
		where := fmt.Sprintf(" (index `%s`)", ix.Name)
		if ix.Constraint {
			where = "" // FSL's unique [...]: the index is the playground's, not the user's
		}
		msg := fmt.Sprintf("Failed unique constraint: document %s of collection `%s` already has the same %s%s",
			clash, c.Name, strings.Join(ix.Terms, ", "), where)
		paths := make([][]any, len(ix.Terms))
		for i, term := range ix.Terms {
			paths[i] = diag.FieldPath(term)
		}
		return &diag.Error{Code: diag.ConstraintFailure, Message: msg, Failures: []diag.Failure{{Message: msg, Paths: paths}}}
	}
	return nil
}

// Scan visits the documents of a collection in id order, starting after the
// id `after` ("" for the start), until fn returns false.
func (tx *Tx) Scan(coll, after string, fn func(*Doc) (bool, error)) error {
	if _, err := tx.coll(coll); err != nil {
		return err
	}
	if s := tx.scanOf(coll); s != nil {
		return tx.scanKept(s, coll, after, fn)
	}
	if s := tx.db.scans[coll]; s != nil && !tx.reshaped[coll] {
		return tx.scanOver(s, tx.dirty[coll], coll, after, fn)
	}
	return tx.scanStored(coll, after, fn)
}

// scanStored is Scan from buntdb's documents.
func (tx *Tx) scanStored(coll, after string, fn func(*Doc) (bool, error)) error {
	from := "d:" + coll + ":"
	if after != "" {
		from = docKey(coll, after) + "\x00"
	}
	return tx.iterate(coll, fn, func(it func(k, v string) bool) error {
		return tx.btx.AscendRange("", from, "d:"+coll+";", it)
	})
}

// Lookup visits the documents of coll whose index terms equal terms (one
// value per term of the index, in the index's order): in the order of the
// index's values, in id order without.
func (tx *Tx) Lookup(coll, index string, terms []any, fn func(*Doc) (bool, error)) error {
	return tx.LookupRange(coll, index, terms, Range{}, fn)
}

func (tx *Tx) iterate(coll string, fn func(*Doc) (bool, error), walk func(func(k, v string) bool) error) error {
	prefix := "d:" + coll + ":"
	var ferr error
	err := walk(func(k, v string) bool {
		tx.Reads++
		d, err := tx.decode(k, coll, strings.TrimPrefix(k, prefix), v)
		if err != nil {
			ferr = err
			return false
		}
		more, err := fn(d)
		if err != nil {
			ferr = err
			return false
		}
		return more
	})
	if ferr != nil {
		return ferr
	}
	return err
}

// Count is the number of documents in a collection (no reads counted: it
// is the collection's size, not a read of its documents).
func (tx *Tx) Count(coll string) (int, error) {
	if s := tx.scanOf(coll); s != nil && s.complete {
		return len(s.docs), nil
	}
	n := 0
	err := tx.btx.AscendRange("", "d:"+coll+":", "d:"+coll+";", func(_, _ string) bool { n++; return true })
	return n, err
}

func decodeDoc(coll, id, raw string) (*Doc, error) {
	var j struct {
		TS   string          `json:"ts"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal([]byte(raw), &j); err != nil {
		return nil, err
	}
	ts, err := time.Parse(time.RFC3339Nano, j.TS)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(j.Data))
	dec.UseNumber()
	var any0 any
	if err := dec.Decode(&any0); err != nil {
		return nil, err
	}
	data, err := decode(any0)
	if err != nil {
		return nil, err
	}
	m, _ := data.(map[string]any)
	return &Doc{Coll: coll, ID: id, TS: ts, Data: NewFields(m), size: len(raw)}, nil
}

// Collections lists the collection names in order.
func (db *DB) Collections() []string {
	out := make([]string, 0, len(db.colls))
	for n := range db.colls {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
