package store

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine/diag"
)

// TestCacheRollbackStaysWhole: a transaction that writes, reads what it
// wrote, then fails leaves the kept documents exactly as they were, and
// the next read sees the committed data; a committed write is seen.
func TestCacheRollbackStaysWhole(t *testing.T) {
	fail := errors.New("fail")
	cases := []struct {
		name string
		tx   func(tx *Tx, id string) error
		want string // name read after; "" when the document is gone
	}{
		{"update then error", func(tx *Tx, id string) error {
			if _, err := tx.Replace("User", id, NewFields(map[string]any{"name": "Bob"})); err != nil {
				return err
			}
			if d, _ := tx.Get("User", id); d == nil || d.Data.Get("name") != "Bob" {
				t.Errorf("inside the transaction: %v", d)
			}
			return fail
		}, "Jane"},
		{"delete then panic", func(tx *Tx, id string) error {
			if _, err := tx.Delete("User", id); err != nil {
				return err
			}
			if d, _ := tx.Get("User", id); d != nil {
				t.Errorf("deleted, still read: %v", d)
			}
			panic("boom")
		}, "Jane"},
		{"update committed", func(tx *Tx, id string) error {
			_, err := tx.Replace("User", id, NewFields(map[string]any{"name": "Ann"}))
			return err
		}, "Ann"},
		{"update, read, committed", func(tx *Tx, id string) error {
			_, err := tx.Replace("User", id, NewFields(map[string]any{"name": "Ann"}))
			tx.Get("User", id)
			return err
		}, "Ann"},
		{"delete committed", func(tx *Tx, id string) error {
			_, err := tx.Delete("User", id)
			return err
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := Open(testModel(), fixedClock())
			id := createOne(t, db, "User", map[string]any{"name": "Jane"})
			db.Update(func(tx *Tx) error { _, err := tx.Get("User", id); return err }) // kept
			db.Update(func(tx *Tx) error { return tx.Scan("User", "", func(*Doc) (bool, error) { return true, nil }) })
			if s := db.scans["User"]; s == nil || !s.complete {
				t.Fatal("a whole scan kept no scan")
			}
			before := db.docs[docKey("User", id)]
			if before == nil {
				t.Fatal("a read kept nothing")
			}
			err := db.Update(func(tx *Tx) error { return c.tx(tx, id) })
			if rolledBack := err != nil; rolledBack && db.docs[docKey("User", id)] != before {
				t.Errorf("rollback changed the kept document: %v, was %v", db.docs[docKey("User", id)], before)
			}
			var got *Doc
			db.Update(func(tx *Tx) error { got, _ = tx.Get("User", id); return nil })
			switch {
			case c.want == "" && got != nil:
				t.Errorf("read %v, want none", got)
			case c.want != "" && (got == nil || got.Data.Get("name") != c.want):
				t.Errorf("read %v, want name %s", got, c.want)
			}
			// A scan reads the same as Get.
			var scanned []*Doc
			db.Update(func(tx *Tx) error {
				return tx.Scan("User", "", func(d *Doc) (bool, error) { scanned = append(scanned, d); return true, nil })
			})
			if (len(scanned) == 1) != (c.want != "") || len(scanned) == 1 && scanned[0].Data.Get("name") != c.want {
				t.Errorf("scan read %v, want name %q", scanned, c.want)
			}
		})
	}
}

// TestCacheCreateRolledBack: a document created in a failed transaction,
// and read there, is not found after.
func TestCacheCreateRolledBack(t *testing.T) {
	db := Open(testModel(), fixedClock())
	var id string
	db.Update(func(tx *Tx) error {
		d, _ := tx.Create("User", "", NewFields(map[string]any{"name": "Jane"}))
		id = d.ID
		tx.Get("User", id)
		return errors.New("fail")
	})
	db.Update(func(tx *Tx) error {
		if d, _ := tx.Get("User", id); d != nil {
			t.Errorf("rolled-back create read: %v", d)
		}
		return nil
	})
	if len(db.docs) != 0 {
		t.Errorf("kept %d documents of a rolled-back transaction", len(db.docs))
	}
}

// TestWrittenDocumentKeptAsDecoded: what a write keeps decoded is what
// decoding its stored JSON gives, value for value; data that would not
// come back the same is not kept.
func TestWrittenDocumentKeptAsDecoded(t *testing.T) {
	at := time.Date(2024, 2, 3, 4, 5, 6, 7000, time.UTC)
	cases := []struct {
		name string
		data map[string]any
		kept bool
	}{
		{"scalars", map[string]any{"s": "x", "n": int64(3), "f": 1.5, "z": math.Copysign(0, -1), "b": true, "nil": nil}, true},
		{"time, date, ref", map[string]any{"at": at, "d": Date{time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)}, "r": Ref{"User", "1"}}, true},
		{"nested", map[string]any{"a": []any{"x", map[string]any{"@int": "1", "k": []any{}}}, KeyOrder: []any{"a"}}, true},
		{"an int", map[string]any{"n": 3}, false},
		{"a local time", map[string]any{"at": at.In(time.FixedZone("X", 3600))}, false},
		{"not UTF-8", map[string]any{"s": "\xff"}, false},
		{"a key not UTF-8", map[string]any{"o": map[string]any{"\xff": true}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := Open(testModel(), fixedClock())
			db.Update(func(tx *Tx) error {
				d, err := tx.Create("User", "", NewFields(c.data))
				if err != nil {
					t.Fatal(err)
				}
				key := docKey("User", d.ID)
				kept := tx.dirty["User"].docs[d.ID].d
				if (kept != nil) != c.kept {
					t.Fatalf("kept %v, want %v", kept != nil, c.kept)
				}
				raw, _ := tx.btx.Get(key)
				want, err := decodeDoc("User", d.ID, raw)
				if err != nil {
					t.Fatal(err)
				}
				db.intern(want.Data) // as a read keeps it: the shape the database shares
				if kept != nil && !reflect.DeepEqual(kept, want) {
					t.Errorf("kept %#v\ndecoded %#v", kept, want)
				}
				if got, _ := tx.Get("User", d.ID); !reflect.DeepEqual(got, want) {
					t.Errorf("read %#v\ndecoded %#v", got, want)
				}
				return nil
			})
		})
	}
}

// TestScanInBatches: scans resumed after the last id read, in growing
// batches as DocSet reads, give the plain order whether the kept scan is
// empty, partial or complete, or the scan starts past its end.
func TestScanInBatches(t *testing.T) {
	db := Open(testModel(), fixedClock())
	var want []string
	db.Update(func(tx *Tx) error {
		for i := range 50 {
			d, err := tx.Create("User", "", NewFields(map[string]any{"name": int64(i)}))
			if err != nil {
				return err
			}
			want = append(want, d.ID)
		}
		return nil
	})
	batches := func(after string, first int) []string {
		var got []string
		db.Update(func(tx *Tx) error {
			for size := first; ; size = min(size*2, 8) {
				n := 0
				err := tx.Scan("User", after, func(d *Doc) (bool, error) {
					got = append(got, d.ID)
					after = d.ID
					n++
					return n < size, nil
				})
				if err != nil || n < size {
					return err
				}
			}
		})
		return got
	}
	stopAfter := func(n int) {
		db.Update(func(tx *Tx) error {
			return tx.Scan("User", "", func(*Doc) (bool, error) { n--; return n > 0, nil })
		})
		if s := db.scans["User"]; s == nil || s.complete {
			t.Fatal("no partial scan kept")
		}
	}
	cases := []struct {
		name  string
		setup func()
		after int // start after want[after-1]; 0: from the start
	}{
		{"nothing kept", func() { clear(db.scans) }, 0},
		{"kept in part", func() { clear(db.scans); stopAfter(10) }, 0},
		{"complete", func() {}, 0},
		{"after the kept part", func() { clear(db.scans); stopAfter(1) }, 20},
		{"inside the kept part", func() {}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.setup()
			after := ""
			if c.after > 0 {
				after = want[c.after-1]
			}
			if got := batches(after, 1); !reflect.DeepEqual(got, want[c.after:]) {
				t.Errorf("got %v\nwant %v", got, want[c.after:])
			}
		})
	}
	db.Update(func(tx *Tx) error {
		if n, _ := tx.Count("User"); n != len(want) {
			t.Errorf("count %d, want %d", n, len(want))
		}
		return nil
	})
}

// TestScanMemo: a memo is built once from the whole collection, kept
// across transactions, refused inside one that wrote the collection, kept
// after a rolled-back write and rebuilt after a committed one.
func TestScanMemo(t *testing.T) {
	db := Open(testModel(), fixedClock())
	db.Update(func(tx *Tx) error {
		for i := range 3 {
			tx.Create("User", "", NewFields(map[string]any{"name": int64(i)}))
		}
		return nil
	})
	builds := 0
	memo := func(tx *Tx) (any, bool) {
		return tx.ScanMemo("User", "n", func(ds []*Doc) any { builds++; return len(ds) })
	}
	steps := []struct {
		name       string
		tx         func(tx *Tx) error
		want       any // the memo read in a transaction after; nil: none in it
		wantBuilds int
	}{
		{"first", func(tx *Tx) error { return nil }, 3, 1},
		{"kept", func(tx *Tx) error { return nil }, 3, 1},
		{"written in the transaction", func(tx *Tx) error {
			tx.Create("User", "", NewFields(map[string]any{"name": int64(9)}))
			if v, ok := memo(tx); ok {
				t.Errorf("memo %v given after a write", v)
			}
			return errors.New("rolled back")
		}, 3, 1},
		{"committed write", func(tx *Tx) error {
			_, err := tx.Create("User", "", NewFields(map[string]any{"name": int64(9)}))
			return err
		}, 4, 2},
	}
	for _, st := range steps {
		db.Update(st.tx)
		var got any
		db.Update(func(tx *Tx) error {
			reads := tx.Reads
			got, _ = memo(tx)
			if tx.Reads != reads {
				t.Errorf("%s: ScanMemo counted %d reads", st.name, tx.Reads-reads)
			}
			return nil
		})
		if got != st.want || builds != st.wantBuilds {
			t.Errorf("%s: memo %v after %d builds, want %v after %d", st.name, got, builds, st.want, st.wantBuilds)
		}
	}
}

// TestScanMemoAfter: a memo asked for is made only past its uses (here
// twice the collection's documents), counted since the collection's last
// committed write.
func TestScanMemoAfter(t *testing.T) {
	db := Open(testModel(), fixedClock())
	db.Update(func(tx *Tx) error {
		_, err := tx.Create("User", "", NewFields(map[string]any{"name": "a"}))
		return err
	})
	ask := func() (ok bool) {
		db.Update(func(tx *Tx) error {
			_, ok = tx.ScanMemoAfter("User", "k", func(n int) int { return 2 * n }, func(ds []*Doc) any { return len(ds) })
			return nil
		})
		return ok
	}
	for i, want := range []bool{false, false, true, true} {
		if got := ask(); got != want {
			t.Errorf("ask %d: made %v, want %v", i+1, got, want)
		}
	}
	db.Update(func(tx *Tx) error {
		_, err := tx.Create("User", "", NewFields(map[string]any{"name": "b"}))
		return err
	})
	for i, want := range []bool{false, false, false, false, true} { // 2 documents now
		if got := ask(); got != want {
			t.Errorf("after a write, ask %d: made %v, want %v", i+1, got, want)
		}
	}
	db.Update(func(tx *Tx) error {
		d, _ := tx.Create("User", "", NewFields(map[string]any{"name": "c"}))
		tx.Delete("User", d.ID)
		_, err := tx.Delete("User", "nope")
		return err
	})
	if db.counts["User"] != 2 {
		t.Errorf("counted %d documents, want 2", db.counts["User"])
	}
}

// TestRewriteKeepsUniqueTerm: rewriting a document with its own unique
// term passes (the check is skipped), and a term another document took in
// the same transaction still clashes: by Replace, and by ReplaceRead of
// the document just read.
func TestRewriteKeepsUniqueTerm(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replace func(tx *Tx, id string, data map[string]any) error
	}{
		{"Replace", func(tx *Tx, id string, data map[string]any) error {
			tx.Get("Car", id)
			_, err := tx.Replace("Car", id, NewFields(data))
			return err
		}},
		{"ReplaceRead", func(tx *Tx, id string, data map[string]any) error {
			cur, err := tx.Get("Car", id)
			if err != nil {
				return err
			}
			_, err = tx.ReplaceRead(cur, NewFields(data))
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := Open(testModel(), fixedClock())
			a := createOne(t, db, "Car", map[string]any{"plate": "X"})
			err := db.Update(func(tx *Tx) error {
				return tc.replace(tx, a, map[string]any{"plate": "X", "owner": Ref{"User", "1"}})
			})
			if err != nil {
				t.Fatalf("rewrite with its own plate: %v", err)
			}
			err = db.Update(func(tx *Tx) error {
				if err := tc.replace(tx, a, map[string]any{"plate": "Y"}); err != nil {
					return err
				}
				if _, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "X"})); err != nil {
					return err
				}
				return tc.replace(tx, a, map[string]any{"plate": "X"})
			})
			var d *diag.Error
			if !errors.As(err, &d) || d.Code != diag.ConstraintFailure {
				t.Fatalf("taking back a plate another car took: %v, want a constraint failure", err)
			}
			if n, _ := countOf(db, "Car"); n != 1 {
				t.Errorf("%d cars after the failed transaction, want 1", n)
			}
		})
	}
}

// countOf is the number of documents of coll.
func countOf(db *DB, coll string) (n int, err error) {
	err = db.Update(func(tx *Tx) error {
		n, err = tx.Count(coll)
		return err
	})
	return n, err
}

// createOne commits one new document and returns its id.
func createOne(t *testing.T, db *DB, coll string, data map[string]any) string {
	t.Helper()
	var id string
	err := db.Update(func(tx *Tx) error {
		d, err := tx.Create(coll, "", NewFields(data))
		if err == nil {
			id = d.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestKeptIsBounded: past maxKept bytes of documents kept decoded, written
// or read, what is kept is dropped, and reads still see every document.
func TestKeptIsBounded(t *testing.T) {
	defer func(m int) { maxKept = m }(maxKept)
	maxKept = 1 << 20
	db := Open(testModel(), fixedClock())
	big := strings.Repeat("x", 64<<10)
	n := maxKept>>16 + 8
	for i := 0; i < n; i += 4 {
		db.Update(func(tx *Tx) error {
			for j := i; j < i+4 && j < n; j++ {
				if _, err := tx.Create("User", "", NewFields(map[string]any{"name": big})); err != nil {
					return err
				}
			}
			return nil
		})
		if db.kept > maxKept || len(db.docs) > maxKept>>16+4 {
			t.Fatalf("kept %d documents, %d bytes, after %d", len(db.docs), db.kept, i+4)
		}
	}
	seen := 0
	db.Update(func(tx *Tx) error {
		return tx.Scan("User", "", func(d *Doc) (bool, error) {
			if d.Data.Get("name") == big {
				seen++
			}
			return true, nil
		})
	})
	if seen != n || db.kept > maxKept || len(db.docs) > maxKept>>16+4 {
		t.Errorf("read %d of %d documents, kept %d bytes", seen, n, db.kept)
	}
}

// TestScanFollowsWrites: a committed transaction's replaced, created and
// deleted documents are patched into the collection's scan (created ones
// in id order: among those it holds, or after them once it is complete),
// rather than the scan being dropped; a rolled-back one leaves it as it
// was. After every round a scan, full or stopped part way, gives what
// decoding buntdb's documents gives.
func TestScanFollowsWrites(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	db := Open(productModel(), fixedClock())
	for i := 0; i < 20; i++ {
		createOne(t, db, "Product", map[string]any{"name": fmt.Sprintf("p%d", i), "price": int64(i)})
	}
	errAbort := errors.New("abort")
	kept := 0
	for round := 0; round < 300; round++ {
		if rng.Intn(3) == 0 {
			db.dropKept() // the round's scan starts afresh, and may stop part way
		}
		err := db.Update(func(tx *Tx) error {
			var ids []string
			stop := rng.Intn(30) // a scan that stops part way keeps what it read
			tx.Scan("Product", "", func(d *Doc) (bool, error) { ids = append(ids, d.ID); return len(ids) < stop, nil })
			for op := 0; op < 1+rng.Intn(3) && len(ids) > 0; op++ {
				id := ids[rng.Intn(len(ids))]
				data := map[string]any{"name": fmt.Sprintf("r%d.%d", round, op), "price": int64(rng.Intn(100))}
				var err error
				switch rng.Intn(8) {
				case 0:
					_, err = tx.Create("Product", "", NewFields(data))
				case 1:
					_, err = tx.Create("Product", id+"5", NewFields(data)) // an id given, among those read
				case 2:
					_, err = tx.Delete("Product", id)
					ids = slices.DeleteFunc(ids, func(s string) bool { return s == id })
				default:
					_, err = tx.Replace("Product", id, NewFields(data))
				}
				if err != nil && !isConstraint(err) {
					return err
				}
			}
			if rng.Intn(5) == 0 {
				return errAbort
			}
			return nil
		})
		if err != nil && err != errAbort && !isConstraint(err) {
			t.Fatal(err)
		}
		if err == nil && db.scans["Product"] != nil {
			kept++
		}
		var scanned, stored []string
		db.Update(func(tx *Tx) error {
			tx.Scan("Product", "", func(d *Doc) (bool, error) {
				scanned = append(scanned, fmt.Sprintf("%s %v %v", d.ID, d.Data.Get("name"), d.Data.Get("price")))
				return true, nil
			})
			return tx.btx.AscendRange("", "d:Product:", "d:Product;", func(k, v string) bool {
				d, err := decodeDoc("Product", k[len("d:Product:"):], v)
				if err != nil {
					t.Fatal(err)
				}
				stored = append(stored, fmt.Sprintf("%s %v %v", d.ID, d.Data.Get("name"), d.Data.Get("price")))
				return true
			})
		})
		if !slices.Equal(scanned, stored) {
			t.Fatalf("round %d: the scan gives\n%v\nbuntdb holds\n%v", round, scanned, stored)
		}
		if n, _ := countOf(db, "Product"); n != len(stored) {
			t.Fatalf("round %d: counted %d documents, buntdb holds %d", round, n, len(stored))
		}
	}
	if kept < 200 {
		t.Errorf("the collection's scan was kept after %d of 300 rounds", kept)
	}
}

// TestScanFollowsBulkDeletes: many deletes in one transaction are taken
// out of the kept scan in one pass.
func TestScanFollowsBulkDeletes(t *testing.T) {
	db := Open(productModel(), fixedClock())
	var ids []string
	for i := 0; i < 40; i++ {
		ids = append(ids, createOne(t, db, "Product", map[string]any{"name": fmt.Sprintf("p%d", i)}))
	}
	scanIDs := func() (out []string) {
		db.Update(func(tx *Tx) error {
			return tx.Scan("Product", "", func(d *Doc) (bool, error) { out = append(out, d.ID); return true, nil })
		})
		return out
	}
	scanIDs() // complete the scan
	err := db.Update(func(tx *Tx) error {
		for i := 0; i < 40; i += 2 {
			if _, err := tx.Delete("Product", ids[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if db.scans["Product"] == nil {
		t.Fatal("the scan was dropped")
	}
	var want []string
	for i := 1; i < 40; i += 2 {
		want = append(want, ids[i])
	}
	slices.Sort(want)
	if got := scanIDs(); !slices.Equal(got, want) {
		t.Errorf("scan after deleting every other document:\n%v\nwant\n%v", got, want)
	}
}

// keptBytes is what db.kept should be: the bytes of the documents db.docs
// holds.
func keptBytes(db *DB) int {
	n := 0
	for _, d := range db.docs {
		n += d.size
	}
	return n
}

// TestKeptCountsWhatIsHeld: db.kept is the bytes of the documents kept
// decoded, whether read, replaced or deleted, so updating the same
// documents again and again never fills it and drops the cache.
func TestKeptCountsWhatIsHeld(t *testing.T) {
	defer func(m int) { maxKept = m }(maxKept)
	maxKept = 1 << 20
	db := Open(testModel(), fixedClock())
	var ids []string
	db.Update(func(tx *Tx) error {
		for i := range 100 {
			d, err := tx.Create("User", "", NewFields(map[string]any{"name": strings.Repeat("x", 1000+i)}))
			if err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return nil
	})
	check := func(step string) {
		t.Helper()
		if got, want := db.kept, keptBytes(db); got != want {
			t.Fatalf("%s: kept counts %d bytes, the documents kept hold %d", step, got, want)
		}
	}
	check("created")
	db.dropKept()
	db.Update(func(tx *Tx) error { // decoded once each, read twice
		for range 2 {
			for _, id := range ids {
				tx.Get("User", id)
			}
		}
		return nil
	})
	if len(db.docs) != len(ids) {
		t.Fatalf("kept %d documents read, want %d", len(db.docs), len(ids))
	}
	check("read")
	for round := range 50 { // 5,000 updates: ten times maxKept
		err := db.Update(func(tx *Tx) error {
			for _, id := range ids {
				if _, err := tx.Replace("User", id, NewFields(map[string]any{"name": strings.Repeat("y", 900+round)})); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("update round %d", round))
		if len(db.docs) != len(ids) {
			t.Fatalf("update round %d: %d documents kept, want %d (the cache was dropped)", round, len(db.docs), len(ids))
		}
	}
	db.Update(func(tx *Tx) error {
		_, err := tx.Delete("User", ids[0])
		return err
	})
	check("deleted")
}
