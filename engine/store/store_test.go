package store

import (
	"errors"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/schema"
)

func testModel() *schema.Model {
	return &schema.Model{Collections: []*schema.Collection{
		{Name: "Car", Fields: []*schema.Field{{Name: "plate"}, {Name: "owner", Kind: schema.Ref, Target: "User"}},
			Indexes: []*schema.Index{{Name: "byOwner", Terms: []string{"owner"}}, {Name: "byPlate", Terms: []string{"plate"}, Unique: true}}},
		{Name: "User", Fields: []*schema.Field{{Name: "name"}}},
	}}
}

func fixedClock() func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { return t }
}

func TestCreateGetLookupRoundTrip(t *testing.T) {
	db := Open(testModel(), fixedClock())
	var uid, cid string
	err := db.Update(func(tx *Tx) error {
		u, err := tx.Create("User", "", NewFields(map[string]any{"name": "Jane", "n": int64(3), "f": 1.5,
			"at": time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC), "d": Date{time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)},
			"tags": []any{"a", int64(1)}, "obj": map[string]any{"@x": true}}))
		if err != nil {
			return err
		}
		uid = u.ID
		c, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "AAA", "owner": u.Ref()}))
		cid = c.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(uid) != 18 || len(cid) != 18 || uid == cid {
		t.Fatalf("ids %q %q", uid, cid)
	}
	_ = db.Update(func(tx *Tx) error {
		u, err := tx.Get("User", uid)
		if err != nil || u == nil {
			t.Fatalf("get: %v %v", u, err)
		}
		if u.Data.Get("n") != int64(3) || u.Data.Get("f") != 1.5 || u.Data.Get("name") != "Jane" {
			t.Errorf("data %#v", u.Data.Map())
		}
		if _, ok := u.Data.Get("d").(Date); !ok {
			t.Errorf("date lost: %#v", u.Data.Get("d"))
		}
		if m := u.Data.Get("obj").(map[string]any); m["@x"] != true {
			t.Errorf("tagged object key lost: %#v", m)
		}
		var got []string
		err = tx.Lookup("Car", "byOwner", []any{Ref{"User", uid}}, func(d *Doc) (bool, error) {
			got = append(got, d.ID)
			return true, nil
		})
		if err != nil || len(got) != 1 || got[0] != cid {
			t.Errorf("lookup %v %v", got, err)
		}
		return nil
	})
}

func TestUniqueAndRollback(t *testing.T) {
	db := Open(testModel(), fixedClock())
	err := db.Update(func(tx *Tx) error {
		if _, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "AAA"})); err != nil {
			return err
		}
		_, err := tx.Create("Car", "", NewFields(map[string]any{"plate": "AAA"}))
		return err
	})
	var de *diag.Error
	if !errors.As(err, &de) || de.Code != diag.ConstraintFailure {
		t.Fatalf("want constraint_failure, got %v", err)
	}
	_ = db.Update(func(tx *Tx) error {
		n, _ := tx.Count("Car")
		if n != 0 {
			t.Errorf("rolled back transaction left %d cars", n)
		}
		return nil
	})
	err = db.Update(func(tx *Tx) error { panic("boom") })
	if !errors.As(err, &de) || de.Code != diag.InternalError {
		t.Fatalf("panic not turned into an error: %v", err)
	}
}

func TestIDsAreDeterministic(t *testing.T) {
	run := func() []string {
		db := Open(testModel(), fixedClock())
		var ids []string
		for i := 0; i < 3; i++ {
			_ = db.Update(func(tx *Tx) error {
				d, err := tx.Create("User", "", NewFields(map[string]any{"name": "x"}))
				ids = append(ids, d.ID)
				return err
			})
		}
		return ids
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("ids differ: %v vs %v", a, b)
		}
	}
}

// Ids grow in the order documents are made, so a collection lists its
// documents in creation order, as Fauna's did.
func TestIDsGrowInCreationOrder(t *testing.T) {
	db := Open(testModel(), fixedClock())
	var made []string
	err := db.Update(func(tx *Tx) error {
		for i := 0; i < 500; i++ {
			d, err := tx.Create("User", "", NewFields(map[string]any{"name": "u"}))
			if err != nil {
				return err
			}
			made = append(made, d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range made {
		if len(id) != 18 {
			t.Fatalf("id %q: want 18 digits", id)
		}
		if i > 0 && id <= made[i-1] {
			t.Fatalf("id %d (%s) does not follow id %d (%s)", i, id, i-1, made[i-1])
		}
	}
	var listed []string
	err = db.Update(func(tx *Tx) error {
		return tx.Scan("User", "", func(d *Doc) (bool, error) {
			listed = append(listed, d.ID)
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != len(made) || listed[0] != made[0] || listed[len(listed)-1] != made[len(made)-1] {
		t.Errorf("a scan lists %d documents from %v to %v; want %d from %s to %s", len(listed), listed[0], listed[len(listed)-1], len(made), made[0], made[len(made)-1])
	}
}

// A closed database refuses transactions with an error, never a panic.
func TestClosedDatabaseRefuses(t *testing.T) {
	db := Open(testModel(), fixedClock())
	db.Close()
	db.Close() // twice is harmless
	err := db.Update(func(tx *Tx) error { _, err := tx.Create("User", "", nil); return err })
	if err == nil {
		t.Fatal("a closed database accepted a write")
	}
}

// A transaction keeps what it decoded only until it writes: a read after
// a write sees the write.
func TestDecodedDocumentsFollowWrites(t *testing.T) {
	db := Open(testModel(), fixedClock())
	err := db.Update(func(tx *Tx) error {
		u, err := tx.Create("User", "", NewFields(map[string]any{"name": "a"}))
		if err != nil {
			return err
		}
		for _, want := range []string{"b", "c"} {
			if _, err := tx.Get("User", u.ID); err != nil { // decoded and kept
				return err
			}
			if _, err := tx.Replace("User", u.ID, NewFields(map[string]any{"name": want})); err != nil {
				return err
			}
			got, err := tx.Get("User", u.ID)
			if err != nil || got.Data.Get("name") != want {
				t.Errorf("after writing %q, read %v %v", want, got, err)
			}
		}
		if _, err := tx.Delete("User", u.ID); err != nil {
			return err
		}
		if got, _ := tx.Get("User", u.ID); got != nil {
			t.Errorf("a deleted document is still read: %v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
