package store

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
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
			if _, err := tx.Replace("User", id, map[string]any{"name": "Bob"}); err != nil {
				return err
			}
			if d, _ := tx.Get("User", id); d == nil || d.Data["name"] != "Bob" {
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
			_, err := tx.Replace("User", id, map[string]any{"name": "Ann"})
			return err
		}, "Ann"},
		{"update, read, committed", func(tx *Tx, id string) error {
			_, err := tx.Replace("User", id, map[string]any{"name": "Ann"})
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
			var id string
			db.Update(func(tx *Tx) error {
				d, err := tx.Create("User", "", map[string]any{"name": "Jane"})
				id = d.ID
				return err
			})
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
			case c.want != "" && (got == nil || got.Data["name"] != c.want):
				t.Errorf("read %v, want name %s", got, c.want)
			}
			// A scan reads the same as Get.
			var scanned []*Doc
			db.Update(func(tx *Tx) error {
				return tx.Scan("User", "", func(d *Doc) (bool, error) { scanned = append(scanned, d); return true, nil })
			})
			if (len(scanned) == 1) != (c.want != "") || len(scanned) == 1 && scanned[0].Data["name"] != c.want {
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
		d, _ := tx.Create("User", "", map[string]any{"name": "Jane"})
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
				d, err := tx.Create("User", "", c.data)
				if err != nil {
					t.Fatal(err)
				}
				key := docKey("User", d.ID)
				kept := tx.dirty[key]
				if (kept != nil) != c.kept {
					t.Fatalf("kept %v, want %v", kept != nil, c.kept)
				}
				raw, _ := tx.btx.Get(key)
				want, err := decodeDoc("User", d.ID, raw)
				if err != nil {
					t.Fatal(err)
				}
				if kept != nil && !reflect.DeepEqual(kept, want) {
					t.Errorf("kept %#v\ndecoded %#v", kept, want)
				}
				if got, _ := tx.Get("User", d.ID); !reflect.DeepEqual(got, want) {
					t.Errorf("read %#v\ndecoded %#v", got, want)
				}
				c.data["s"] = "changed by its writer"
				if kept != nil && kept.Data["s"] == "changed by its writer" {
					t.Error("the kept document shares the writer's map")
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
			d, err := tx.Create("User", "", map[string]any{"name": int64(i)})
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
