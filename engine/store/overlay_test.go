package store

import (
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"testing"

	"github.com/tidwall/buntdb"
)

// overlayRun is one transaction of TestScanOverWrites: its view of
// Product (id → name) kept beside the store's, and what it exercised.
type overlayRun struct {
	t     *testing.T
	rng   *rand.Rand
	tx    *Tx
	model map[string]string
	seq   *int
	// counts of what was exercised, asserted at the end
	overlaid, partial, grown, inCallback, refused int
}

// ids is the model's ids in order.
func (r *overlayRun) ids() []string {
	return slices.Sorted(maps.Keys(r.model))
}

// givenID is an id not in the model that sorts among its ids: one of
// them cut short or lengthened, with a digit changed or added (ids are
// strings of up to 19 digits, ordered as text).
func (r *overlayRun) givenID() string {
	ids := append(r.ids(), "5")
	for {
		base := ids[r.rng.Intn(len(ids))]
		if len(base) > 18 || len(base) > 1 && r.rng.Intn(2) == 0 {
			base = base[:1+r.rng.Intn(len(base)-1)]
		}
		id := base + fmt.Sprint(r.rng.Intn(10))
		if _, taken := r.model[id]; !taken {
			return id
		}
	}
}

// write does one random write, of an id after `ahead` when it picks one
// (replace, delete), and follows it in the model. Writes buntdb refuses
// while it is iterating are not followed.
func (r *overlayRun) write(ahead string) error {
	var target string
	if ids := r.ids(); len(ids) > 0 {
		i, _ := slices.BinarySearch(ids, ahead)
		if ahead != "" && i < len(ids) && ids[i] == ahead && r.rng.Intn(2) == 0 {
			target = ahead // the document just read
		} else if ids = ids[i:]; len(ids) > 0 {
			target = ids[r.rng.Intn(len(ids))]
		}
	}
	*r.seq++
	name := fmt.Sprintf("w%d", *r.seq)
	data := map[string]any{"name": name, "price": int64(r.rng.Intn(100))}
	if r.rng.Intn(20) == 0 {
		data["price"] = r.rng.Intn(100) // an int: not kept decoded
	}
	var err error
	var d *Doc
	switch k := r.rng.Intn(7); { // as many deletes as creates: the collection stays small
	case k < 1:
		d, err = r.tx.Create("Product", "", NewFields(data))
	case k < 2:
		d, err = r.tx.Create("Product", r.givenID(), NewFields(data))
	case k < 5 && target != "":
		d, err = r.tx.Replace("Product", target, NewFields(data))
	case target != "":
		if _, err = r.tx.Delete("Product", target); err == nil {
			delete(r.model, target)
		}
	}
	if errors.Is(err, buntdb.ErrTxIterating) {
		r.refused++
		return nil
	}
	if d != nil {
		r.model[d.ID] = name
	}
	return err
}

func docLine(d *Doc) string {
	return fmt.Sprintf("%s %v %v %s", d.ID, d.Data.Get("name"), d.Data.Get("price"), d.TS.Format("15:04:05.000000"))
}

// page is up to size documents after `after` by scan, the last id read
// and the reads counted.
func (r *overlayRun) page(scan func(string, func(*Doc) (bool, error)) error, after string, size int) (got []string, last string, reads int) {
	reads = r.tx.Reads
	err := scan(after, func(d *Doc) (bool, error) {
		got = append(got, docLine(d))
		last = d.ID
		return len(got) < size, nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return got, last, r.tx.Reads - reads
}

// pages reads Product in pages after `after` and compares each with the
// same page read straight from buntdb, writing between pages.
func (r *overlayRun) pages(after string) {
	tx := r.tx
	for size := 1 + r.rng.Intn(4); ; size = min(size*2, 16) {
		s, held := tx.db.scans["Product"], 0
		if tx.touched["Product"] && s != nil {
			r.overlaid++
			if held = len(s.docs); !s.complete {
				r.partial++
			}
		}
		got, last, reads := r.page(func(after string, fn func(*Doc) (bool, error)) error { return tx.Scan("Product", after, fn) }, after, size)
		if held > 0 && len(s.docs) > held {
			r.grown++ // read on past its end, after writes within it
		}
		want, _, wantReads := r.page(func(after string, fn func(*Doc) (bool, error)) error { return tx.scanStored("Product", after, fn) }, after, size)
		if !slices.Equal(got, want) || reads != wantReads {
			r.t.Fatalf("after %q: the scan gives (%d reads)\n%v\nbuntdb gives (%d reads)\n%v", after, reads, got, wantReads, want)
		}
		if len(got) < size {
			return
		}
		after = last
		for range r.rng.Intn(3) {
			if err := r.write(""); err != nil {
				r.t.Fatal(err)
			}
		}
	}
}

// scanWriting scans Product, writing from the callback now and then (the
// document just read, one ahead of it, or a new one), and checks that each
// document read is the model's next after the one before, as written.
func (r *overlayRun) scanWriting() {
	prev, stop := "", r.rng.Intn(60)
	n := 0
	err := r.tx.Scan("Product", "", func(d *Doc) (bool, error) {
		ids := r.ids()
		i, _ := slices.BinarySearch(ids, prev+"\x00")
		if i == len(ids) || ids[i] != d.ID || r.model[d.ID] != d.Data.Get("name") {
			r.t.Fatalf("after %q read %s, want the model's next: %v", prev, docLine(d), ids[i:min(i+1, len(ids))])
		}
		prev = d.ID
		if r.rng.Intn(3) == 0 {
			refused := r.refused
			if err := r.write(d.ID); err != nil {
				return false, err
			}
			if r.refused == refused {
				r.inCallback++
			}
		}
		n++
		return n < stop, nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

// checkCommitted compares what db keeps with buntdb and the committed
// model: a scan, the count, the kept bytes, and the scan's documents,
// which are the kept ones.
func checkCommitted(t *testing.T, db *DB, committed map[string]string, round int) {
	t.Helper()
	var scanned, stored []string
	db.Update(func(tx *Tx) error {
		tx.Scan("Product", "", func(d *Doc) (bool, error) {
			scanned = append(scanned, d.ID+" "+d.Data.Get("name").(string))
			return true, nil
		})
		return tx.scanStored("Product", "", func(d *Doc) (bool, error) {
			stored = append(stored, d.ID+" "+d.Data.Get("name").(string))
			return true, nil
		})
	})
	var want []string
	for _, id := range slices.Sorted(maps.Keys(committed)) {
		want = append(want, id+" "+committed[id])
	}
	if !slices.Equal(scanned, want) || !slices.Equal(stored, want) {
		t.Fatalf("round %d: the scan gives\n%v\nbuntdb holds\n%v\nwant\n%v", round, scanned, stored, want)
	}
	if n, _ := countOf(db, "Product"); n != len(want) {
		t.Fatalf("round %d: counted %d, want %d", round, n, len(want))
	}
	if db.kept != keptBytes(db) {
		t.Fatalf("round %d: kept counts %d bytes, the documents kept hold %d", round, db.kept, keptBytes(db))
	}
	for _, s := range db.scans {
		for _, d := range s.docs {
			if db.docs[docKey(d.Coll, d.ID)] != d {
				t.Fatalf("round %d: the scan holds %s, not the kept document", round, docLine(d))
			}
		}
	}
}

// TestScanOverWrites: inside one transaction, creates (new ids and given
// ids among the existing ones), replaces and deletes interleaved with
// paged scans, from a kept scan that is missing, partial or complete:
// every page is what a scan straight from buntdb gives, writes made from
// a scan's callback are seen as it goes on, and a rolled-back
// transaction leaves what is kept as it was.
func TestScanOverWrites(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	db := Open(productModel(), fixedClock())
	committed := map[string]string{}
	for i := range 40 {
		name := fmt.Sprintf("p%d", i)
		committed[createOne(t, db, "Product", map[string]any{"name": name, "price": int64(i)})] = name
	}
	seq := 0
	total := overlayRun{}
	for round := range 300 {
		switch rng.Intn(4) { // the kept scan the transaction starts from
		case 0:
			db.dropKept()
		case 1, 2:
			db.dropKept()
			stop := 1 + rng.Intn(len(committed)+5) // past the end: complete
			db.Update(func(tx *Tx) error {
				return tx.Scan("Product", "", func(*Doc) (bool, error) { stop--; return stop > 0, nil })
			})
		}
		r := &overlayRun{t: t, rng: rng, model: maps.Clone(committed), seq: &seq}
		errAbort := errors.New("abort")
		err := db.Update(func(tx *Tx) error {
			r.tx = tx
			if rng.Intn(2) == 0 { // read part of it before writing: the kept scan grows
				r.pages("")
			}
			for range 1 + rng.Intn(12) {
				switch k := rng.Intn(6); {
				case k < 3:
					if err := r.write(""); err != nil {
						return err
					}
				case k < 4:
					r.scanWriting()
				default:
					after := ""
					if ids := r.ids(); len(ids) > 0 && rng.Intn(2) == 0 {
						after = ids[rng.Intn(len(ids))]
						if rng.Intn(2) == 0 {
							after += "5" // an id that is not there
						}
					}
					r.pages(after)
				}
			}
			if rng.Intn(4) == 0 {
				return errAbort
			}
			return nil
		})
		if err != nil && err != errAbort {
			t.Fatalf("round %d: %v", round, err)
		}
		if err == nil {
			committed = r.model
		}
		checkCommitted(t, db, committed, round)
		total.overlaid += r.overlaid
		total.partial += r.partial
		total.grown += r.grown
		total.inCallback += r.inCallback
		total.refused += r.refused
	}
	if total.overlaid < 500 || total.partial < 100 || total.grown < 20 || total.inCallback < 100 || total.refused < 10 {
		t.Errorf("pages overlaid %d (from a partial scan %d, grown %d), writes from a callback %d (refused %d): too few to tell",
			total.overlaid, total.partial, total.grown, total.inCallback, total.refused)
	}
	t.Logf("pages overlaid %d (from a partial scan %d, grown %d), writes from a callback %d (refused %d)",
		total.overlaid, total.partial, total.grown, total.inCallback, total.refused)
}
