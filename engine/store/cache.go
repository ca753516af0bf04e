package store

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/faunaplay/playground/engine/schema"
	"github.com/tidwall/buntdb"
)

// The decoded documents. A document's JSON is decoded the first time it is
// read and the *Doc kept, so a later read (in this query or the next)
// parses nothing: decoding was 55–70% of scans, counts and sorts. A *Doc
// handed out is shared and never changed; a write replaces it.
//
// Rollback stays whole: db.docs only ever holds what is committed. A key
// the transaction writes or deletes is "dirty" (tx.dirty holds it by
// collection and id, with its decoded value once read again), and reads
// of it never touch db.docs; commit moves the dirty keys' values into
// db.docs, and a rolled back transaction's dirty map is dropped with it.
// db.kept is the bytes of the documents db.docs holds, and the documents
// a kept scan holds are db.docs' own (commit relies on both).

// cached is the decoded document at key if one is kept.
func (tx *Tx) cached(key string) (*Doc, bool) {
	if w, id := tx.dirtyOf(key); w != nil {
		if e, dirty := w.docs[id]; dirty {
			d := e.doc()
			return d, d != nil
		}
	}
	d, ok := tx.db.docs[key]
	return d, ok
}

// dirtyOf is what this transaction wrote of the collection of key, and
// key's id; nil when it wrote none of it.
func (tx *Tx) dirtyOf(key string) (*written, string) {
	if tx.dirty == nil {
		return nil, ""
	}
	coll, id, ok := splitDocKey(key)
	if !ok {
		return nil, ""
	}
	return tx.dirty[coll], id
}

// written is what a transaction wrote of one collection: its documents
// by id, so that a scan of the collection's kept documents finds them
// without building a key per document, and the ids it made that the kept
// scan may not hold.
type written struct {
	docs    map[string]dirtyDoc
	created []string // in the order made; none when coll's scan cannot hold them
	edits   int      // appends to created: a scan merging them takes them again
	sorted  bool     // created is in id order
	last    string   // the greatest id written or deleted
}

// A dirtyDoc is a document a transaction wrote or deleted: its key and
// its value decoded, nil when not decoded yet, gone when deleted (not a
// flag: a 1,000-document update's map of them is a sixth smaller).
type dirtyDoc struct {
	key string
	d   *Doc
}

// gone is the value of a document deleted.
var gone = &Doc{}

// doc is e's value decoded: nil when deleted or not decoded yet.
func (e dirtyDoc) doc() *Doc {
	if e.d == gone {
		return nil
	}
	return e.d
}

// maxKept bounds the JSON bytes of the documents kept decoded (a decoded
// document takes a few times its JSON): past it, what is kept is dropped
// and decoding starts again, so a database near its 256 MiB cannot
// triple in memory.
var maxKept = 64 << 20 // a variable: a test lowers it

// keep remembers d, decoded from the n bytes stored at key in this
// transaction's view.
func (tx *Tx) keep(key string, d *Doc, n int) {
	if w, id := tx.dirtyOf(key); w != nil {
		if e, dirty := w.docs[id]; dirty {
			e.d = d
			w.docs[id] = e
			return
		}
	}
	if tx.db.kept+n > maxKept {
		tx.db.dropKept()
	}
	tx.db.docs[key] = d
	tx.db.kept += n
}

// changed marks key, of coll, written or deleted by this transaction in a
// way coll's scan cannot follow (a document written but not kept
// decoded, a schema change's rewrite): the scan is dropped at commit.
func (tx *Tx) changed(coll, key string) {
	tx.touch(coll, key, dirtyDoc{key: key})
	tx.reshaped[coll] = true
}

// touch marks key, of coll, written (e.d: its value decoded, once
// written or read again) or deleted (e.d is gone) by this transaction: its
// decoded value, if any, is no longer what is stored. coll's scan,
// unless changed, is patched at commit with what the transaction wrote
// rather than read again.
func (tx *Tx) touch(coll, key string, e dirtyDoc) *written {
	if tx.dirty == nil {
		tx.dirty = map[string]*written{}
		tx.touched = map[string]bool{}
		tx.reshaped = map[string]bool{}
		tx.added = map[string]int{}
	}
	w := tx.dirty[coll]
	if w == nil {
		w = &written{docs: make(map[string]dirtyDoc, tx.db.written[coll]), sorted: true}
		tx.dirty[coll] = w
		tx.touched[coll] = true
	}
	id := key[len("d:")+len(coll)+len(":"):]
	w.docs[id] = e
	w.last = max(w.last, id)
	return w
}

// made notes id as made by this transaction, when coll's scan holds the
// place of it: a scan of coll merges it in. No scan of coll starts once
// coll is written, and one holds no more places until it is read on past
// the greatest id written (scanOver), so a scan that does not hold id
// now never will in this transaction.
func (w *written) made(s *scan, id string) {
	if s == nil || !s.holdsPlaceOf(id) {
		return
	}
	if n := len(w.created); n > 0 && id < w.created[n-1] {
		w.sorted = false
	}
	w.created = append(w.created, id)
	w.edits++
}

// createdAfter is the ids made after id, in id order (with repeats: an
// id deleted and made again).
func (w *written) createdAfter(id string) []string {
	if !w.sorted {
		sort.Strings(w.created)
		w.sorted = true
	}
	return w.created[sort.Search(len(w.created), func(i int) bool { return w.created[i] > id }):]
}

// commit moves what the transaction wrote into the kept documents, and
// into the scans of the collections it wrote.
func (tx *Tx) commit() {
	var patches map[string]*scanPatch
	for c := range tx.touched {
		s := tx.db.scans[c]
		if s == nil || tx.reshaped[c] {
			delete(tx.db.scans, c)
			continue
		}
		s.memo, s.asked = nil, nil // made of documents some of which changed
		if patches == nil {
			patches = map[string]*scanPatch{}
		}
		patches[c] = &scanPatch{s: s}
	}
	for c, n := range tx.added {
		tx.db.counts[c] += n
	}
	if tx.dirty != nil && tx.db.written == nil {
		tx.db.written = map[string]int{}
	}
	for c, w := range tx.dirty {
		tx.db.written[c] = min(len(w.docs), maxWrittenHint)
		p := patches[c]
		for id, e := range w.docs {
			// What it replaces or deletes is no longer kept. A kept
			// scan's documents are kept ones: one the scan holds is
			// found by the search its patch needs anyway, not by a second
			// hash into the big map of kept documents.
			i, held := 0, false
			if p != nil {
				i, held = p.s.find(id)
			}
			var old *Doc
			if held {
				old = p.s.docs[i]
			} else {
				old = tx.db.docs[e.key]
			}
			if old != nil {
				tx.db.kept -= old.size
			}
			d := e.doc()
			if d == nil {
				if old != nil {
					delete(tx.db.docs, e.key)
				}
				if held {
					p.removed = append(p.removed, id)
				}
				continue
			}
			tx.db.docs[e.key] = d
			tx.db.kept += d.size
			switch {
			case held:
				p.s.docs[i] = d
			case p != nil && p.s.holdsPlaceOf(id):
				p.added = append(p.added, d)
			}
		}
	}
	for _, p := range patches {
		p.apply()
	}
	if tx.db.kept > maxKept {
		tx.db.dropKept()
	}
}

// splitDocKey is the collection and id of a document key.
func splitDocKey(key string) (coll, id string, ok bool) {
	rest, ok := strings.CutPrefix(key, "d:")
	if !ok {
		return "", "", false
	}
	return strings.Cut(rest, ":")
}

// maxWrittenHint bounds the room a transaction's written keys start with.
const maxWrittenHint = 4096

// holdsPlaceOf says whether a document of this id belongs in the scan:
// it is complete, or has read past the id (else buntdb has it, where the
// scan reads on).
func (s *scan) holdsPlaceOf(id string) bool {
	return s.complete || len(s.docs) > 0 && id < s.docs[len(s.docs)-1].ID
}

func (s *scan) find(id string) (int, bool) {
	i := sort.Search(len(s.docs), func(i int) bool { return s.docs[i].ID >= id })
	return i, i < len(s.docs) && s.docs[i].ID == id
}

// A scanPatch is what a committed transaction made and removed of one
// collection whose scan it keeps.
type scanPatch struct {
	s       *scan
	removed []string
	added   []*Doc // documents the scan did not hold
}

// apply takes the removed documents out of the scan and puts the added
// ones in id order: among those it holds, and after them when it is
// complete (a scan stopped part way reads on from buntdb, which has them).
func (p *scanPatch) apply() {
	s := p.s
	switch {
	case len(p.removed) > 16: // one pass, not a shift per document
		gone := make(map[string]bool, len(p.removed))
		for _, id := range p.removed {
			gone[id] = true
		}
		s.docs = slices.DeleteFunc(s.docs, func(d *Doc) bool { return gone[d.ID] })
	default:
		for _, id := range p.removed {
			if i, found := s.find(id); found {
				s.docs = slices.Delete(s.docs, i, i+1)
			}
		}
	}
	if len(p.added) == 0 {
		return
	}
	// sort's, not slices': no second sort routine compiled into the wasm.
	sort.Slice(p.added, func(i, j int) bool { return p.added[i].ID < p.added[j].ID })
	after := 0 // p.added[after:] sort after every document the scan holds
	if n := len(s.docs); n > 0 {
		last := s.docs[n-1].ID
		after = sort.Search(len(p.added), func(i int) bool { return p.added[i].ID > last })
	}
	if inside := p.added[:after]; len(inside) > 0 { // ids given, within what the scan read
		merged := make([]*Doc, 0, len(s.docs)+len(inside))
		i := 0
		for _, d := range s.docs {
			for i < len(inside) && inside[i].ID < d.ID {
				merged = append(merged, inside[i])
				i++
			}
			merged = append(merged, d)
		}
		s.docs = merged // every one of inside sorts before the last document: all merged
	}
	if s.complete {
		s.docs = append(s.docs, p.added[after:]...)
	}
}

// dropKept forgets every decoded document (and the scans, which hold
// them too): past maxKept, decoding starts again.
func (db *DB) dropKept() {
	clear(db.docs)
	clear(db.scans)
	db.kept = 0
}

// decode reads the document stored at key, raw, decoding it only when no
// decoded value is kept.
func (tx *Tx) decode(key, coll, id, raw string) (*Doc, error) {
	if d, ok := tx.cached(key); ok {
		return d, nil
	}
	if raw == "" { // an index entry handed the key alone (ascendTerms)
		var err error
		if raw, err = tx.btx.Get(key); err != nil {
			return nil, err
		}
	}
	d, err := decodeDoc(coll, id, raw)
	if err != nil {
		return nil, err
	}
	tx.db.intern(d.Data)
	tx.keep(key, d, len(raw))
	return d, nil
}

// wrote keeps the document just written at key (size bytes) decoded, when its data is
// already what decoding its JSON gives back (canonical): a write then
// costs nothing more, not a decode at the next read. The data is the
// store's from the write on (Create, Replace), so it is kept as it is,
// not copied. Data of other shapes (an int, a Time not in UTC, text that
// is not UTF-8) is decoded from the JSON when next read, as before.
// created says the document is new. It returns the document kept, nil
// when none is.
func (tx *Tx) wrote(key, coll, id string, ts time.Time, data *Fields, size int, created bool) *Doc {
	var d *Doc
	keep := canonicalFields(data)
	if keep {
		d = &Doc{Coll: coll, ID: id, TS: ts, Data: data, size: size}
	}
	w := tx.touch(coll, key, dirtyDoc{key: key, d: d})
	if !keep || tx.rewriting {
		tx.reshaped[coll] = true // not kept, or rewritten by a schema change: coll's scan is read again
	}
	if created {
		w.made(tx.db.scans[coll], id)
	}
	return d
}

// canonicalFields is canonical of a document's data.
func canonicalFields(f *Fields) bool {
	for i, k := range f.Keys() {
		if !canonical(f.vals[i]) || !utf8.ValidString(k) {
			return false
		}
	}
	return true
}

// canonical says whether v is exactly what decode returns for encode's
// JSON of it.
func canonical(v any) bool {
	switch v := v.(type) {
	case nil, bool, int64, Ref:
		return true
	case float64:
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case string:
		return utf8.ValidString(v)
	case time.Time:
		return v.Location() == time.UTC && v == v.Round(0)
	case Date:
		y, m, d := v.Date()
		return v.Time == time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case []any:
		for _, e := range v {
			if !canonical(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for k, e := range v {
			if !canonical(e) || !utf8.ValidString(k) {
				return false
			}
		}
		return true
	}
	return false
}

// scan is a collection's documents in id order, from the first, as far as
// scans have read them (complete: all of them). A scan of a collection
// this transaction has not written reads it, not buntdb and the kept
// documents one by one: a count or sort over 100,000 documents visited a
// map entry each. Commit drops the scans of the collections it wrote.
type scan struct {
	docs     []*Doc
	complete bool
	memo     map[string]any // ScanMemo's
	asked    map[string]int // ScanMemoAfter's uses of memos not made yet
}

// ScanMemo is what build made of coll's documents (all of them, in id
// order), kept with coll's scan under key until a write to coll commits;
// false when this transaction has written coll. The scan is completed
// first if it must be (as planning: no reads counted). The evaluator keeps
// a field's values as a column this way.
func (tx *Tx) ScanMemo(coll, key string, build func([]*Doc) any) (any, bool) {
	return tx.ScanMemoAfter(coll, key, nil, build)
}

// ScanMemoAfter is ScanMemo, but a memo not made yet is made only once it
// has been asked for more than uses(n) times since coll (of n documents)
// was last written: what costs a read of the whole collection is paid
// after as many cheaper reads, not by the first query after each write.
func (tx *Tx) ScanMemoAfter(coll, key string, uses func(n int) int, build func([]*Doc) any) (any, bool) {
	s := tx.scanOf(coll)
	if s == nil || tx.db.colls[coll] == nil {
		return nil, false
	}
	if v, ok := s.memo[key]; ok && s.complete {
		return v, true
	}
	if s.asked == nil {
		s.asked = map[string]int{}
	}
	if s.asked[key]++; uses != nil && s.asked[key] <= uses(tx.db.counts[coll]) {
		return nil, false
	}
	if !s.complete {
		reads := tx.Reads
		err := tx.Scan(coll, "", func(*Doc) (bool, error) { return true, nil })
		tx.Reads = reads
		if s = tx.db.scans[coll]; err != nil || s == nil || !s.complete {
			return nil, false // cleared past maxKept while reading
		}
	}
	v := build(s.docs)
	if s.memo == nil {
		s.memo = map[string]any{}
	}
	s.memo[key] = v
	return v, true
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
		if tx.dirty != nil && tx.dirty[coll] != nil { // fn wrote coll: s is no longer what the transaction sees
			return tx.Scan(coll, s.docs[i].ID, fn)
		}
	}
	return tx.readOn(s, coll, after, true, fn)
}

// readOn is the rest of a scan past what s holds: buntdb's documents
// after s's last and after the id `after`. When grow, they are what is
// committed, and s keeps them as they are read if the scan goes on from
// its end.
func (tx *Tx) readOn(s *scan, coll, after string, grow bool, fn func(*Doc) (bool, error)) error {
	if s.complete {
		return nil
	}
	from := "d:" + coll + ":"
	if n := len(s.docs); after != "" && (n == 0 || after > s.docs[n-1].ID) {
		from, grow = docKey(coll, after)+"\x00", false // past what s holds: s cannot grow from here
	} else if n > 0 {
		from = docKey(coll, s.docs[n-1].ID) + "\x00"
	}
	ascend := func(it func(k, v string) bool) error {
		return tx.btx.AscendRange("", from, "d:"+coll+";", it)
	}
	if !grow {
		return tx.iterate(coll, fn, ascend)
	}
	stopped := false
	err := tx.iterate(coll, func(d *Doc) (bool, error) {
		s.docs = append(s.docs, d)
		more, err := fn(d)
		stopped = err != nil || !more
		return more, err
	}, ascend)
	if err == nil && !stopped {
		s.complete = true
	}
	return err
}

// scanOver is Scan of coll, which this transaction has written (w), from
// coll's kept scan s (what is committed) seen through w: a document
// written is seen as written, one deleted is skipped, one made where s
// holds its place is merged in id order; past what s holds, buntdb's
// (which sees the transaction's writes). What the callback writes is seen
// as it goes, as buntdb would give it: w is looked up at each document.
// s keeps only committed documents: it grows past its end only while
// every id written sorts within it (none of buntdb's past it then is the
// transaction's).
func (tx *Tx) scanOver(s *scan, w *written, coll, after string, fn func(*Doc) (bool, error)) error {
	i := 0
	if after != "" {
		i = sort.Search(len(s.docs), func(i int) bool { return s.docs[i].ID > after })
	}
	at := after // the last id visited or passed
	var made []string
	edits := -1
	for {
		if w.edits != edits {
			made, edits = w.createdAfter(at), w.edits
		}
		for len(made) > 0 && made[0] <= at {
			made = made[1:] // read from s, or made again after a delete
		}
		var id string
		var d *Doc
		switch {
		case len(made) > 0 && s.holdsPlaceOf(made[0]) && (i == len(s.docs) || made[0] < s.docs[i].ID):
			id, made = made[0], made[1:]
		case i < len(s.docs):
			d = s.docs[i]
			id = d.ID
			i++
		default:
			n := len(s.docs)
			return tx.readOn(s, coll, after, n > 0 && w.last <= s.docs[n-1].ID, fn)
		}
		at = id
		d, err := tx.overlaid(w, coll, id, d)
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		tx.Reads++
		if more, err := fn(d); err != nil || !more {
			return err
		}
	}
}

// overlaid is the document id of coll as this transaction sees it, given
// committed (what is committed, or nil) and what it wrote of coll: nil
// when there is none.
func (tx *Tx) overlaid(w *written, coll, id string, committed *Doc) (*Doc, error) {
	e, dirty := w.docs[id]
	switch {
	case !dirty:
		return committed, nil
	case e.d == gone:
		return nil, nil
	case e.d != nil:
		return e.d, nil
	}
	raw, err := tx.btx.Get(e.key) // written, not kept decoded
	if err == buntdb.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return tx.decode(e.key, coll, id, raw)
}

// keepsTerm says whether the document old (as this transaction reads it;
// nil when not at hand), written with data, keeps the unique term key of
// ix: rewriting it with the same unique terms cannot clash (a document
// that took them since would have clashed with it), so the check's seek is
// skipped.
func (tx *Tx) keepsTerm(ix *schema.Index, old *Doc, data *Fields, key string) bool {
	if tx.rewriting || old == nil {
		return false // a schema change's index is new: nothing was checked against it
	}
	if sameTerms(ix, old.Data, data) { // the same scalars are the same key: none built
		return true
	}
	if len(ix.Terms) == 1 { // two different texts are two keys: none built either
		_, was := FieldAt(old.Data, ix.Terms[0]).(string)
		_, now := FieldAt(data, ix.Terms[0]).(string)
		if was && now {
			return false
		}
	}
	return termsKey(ix, old.Data) == key
}
