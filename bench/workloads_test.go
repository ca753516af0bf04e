package bench

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/faunaplay/playground/engine"
	_ "modernc.org/sqlite"
)

// --- the engine ---

type engineSide struct {
	e, empty *engine.Engine
	s        sizes
}

func fixedClock() func() time.Time {
	t := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	return func() time.Time { return t } // the store moves each write a microsecond on
}

func mustQuery(e *engine.Engine, q string) (string, error) {
	res := e.Query(q)
	if res.Error != nil {
		return "", fmt.Errorf("%s: %s", q, res.Text)
	}
	return res.Text, nil
}

// loadEngine makes s.Users users (age i % 100), s.Videos videos by the
// first s.Authors users in turn, and a permission of each video's author
// on it.
func loadEngine(s sizes) (*engineSide, engineIDs, error) {
	e := engine.NewWithClock(fixedClock())
	if r := e.SetSchema(engineSchema); len(r.Errors) > 0 {
		return nil, engineIDs{}, fmt.Errorf("schema: %v", r.Errors)
	}
	for _, q := range engineLoad(s) {
		if _, err := mustQuery(e, q); err != nil {
			return nil, engineIDs{}, err
		}
	}
	uq, vq := idQueries(s)
	var ids engineIDs
	var err error
	if ids.user, err = mustQuery(e, uq); err != nil {
		return nil, ids, err
	}
	if ids.video, err = mustQuery(e, vq); err != nil {
		return nil, ids, err
	}
	ids.user, ids.video = strings.Trim(ids.user, `"`), strings.Trim(ids.video, `"`)
	return &engineSide{e: e, s: s}, ids, nil
}

func (es *engineSide) run(w *workload) (string, error) {
	if w.empty {
		return mustQuery(es.bulk(), w.text(false))
	}
	return mustQuery(es.e, w.text(false))
}

func (es *engineSide) undo(w *workload) error {
	if w.undo[0] == "" {
		return nil
	}
	_, err := mustQuery(es.e, w.undo[0])
	return err
}

func (es *engineSide) reset(w *workload) error {
	if w.empty {
		es.bulk().Reset()
	}
	return nil
}

// bulk is the engine the bulk create runs on: empty, apart from the data.
func (es *engineSide) bulk() *engine.Engine {
	if es.empty == nil {
		es.empty = engine.NewWithClock(fixedClock())
		es.empty.SetSchema(engineSchema)
	}
	return es.empty
}

func (es *engineSide) close() {}

// --- SQLite ---

type sqliteSide struct {
	db, empty *sql.DB
	s         sizes
	// stmts are the prepared statements of texts run before: the
	// engine keeps the programs of texts it parsed, and this is SQLite's
	// same saving. A fresh text is prepared, run and dropped.
	stmts map[string]*sql.Stmt
}

func openSQLite() (*sql.DB, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: each ":memory:" connection is its own database
	if _, err := db.Exec(sqliteSchema); err != nil {
		return nil, err
	}
	return db, nil
}

func loadSQLite(s sizes) (*sqliteSide, error) {
	db, err := openSQLite()
	if err != nil {
		return nil, err
	}
	steps := sqliteLoad(s)
	for _, q := range steps {
		if _, err := db.Exec(q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	empty, err := openSQLite()
	if err != nil {
		return nil, err
	}
	return &sqliteSide{db: db, empty: empty, s: s, stmts: map[string]*sql.Stmt{}}, nil
}

func (ss *sqliteSide) run(w *workload) (string, error) {
	q := w.text(true)
	db := ss.db
	if w.empty {
		db = ss.empty
	}
	st := ss.stmts[q]
	if st == nil {
		var err error
		if st, err = db.Prepare(q); err != nil {
			return "", err
		}
		if w.fresh {
			defer st.Close()
		} else {
			ss.stmts[q] = st
		}
	}
	if !strings.HasPrefix(q, "SELECT") {
		_, err := st.Exec()
		return `"done"`, err
	}
	rows, err := st.Query()
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		out = append(out, s)
	}
	if w.rows {
		return "[" + strings.Join(out, ", ") + "]", rows.Err()
	}
	return strings.Join(out, ""), rows.Err()
}

func (ss *sqliteSide) undo(w *workload) error {
	if w.undo[1] == "" {
		return nil
	}
	_, err := ss.db.Exec(w.undo[1])
	return err
}

func (ss *sqliteSide) reset(w *workload) error {
	if w.empty {
		_, err := ss.empty.Exec(`DELETE FROM users`)
		return err
	}
	return nil
}

func (ss *sqliteSide) close() { ss.db.Close(); ss.empty.Close() }

// TestWorkloadsAgree runs every workload once on small data on both sides
// and compares the answers: a benchmark that measured different work
// would be no comparison.
func TestWorkloadsAgree(t *testing.T) {
	es, ids, err := loadEngine(small)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := loadSQLite(small)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.close()
	for _, w := range workloads(small, ids) {
		t.Run(w.name, func(t *testing.T) {
			for _, s := range []side{es, ss} {
				if err := s.reset(w); err != nil {
					t.Fatal(err)
				}
			}
			got, err := es.run(w)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ss.run(w)
			if err != nil {
				t.Fatal(err)
			}
			if got = Flat(got); got != want {
				t.Errorf("engine: %s\nSQLite: %s", got, want)
			}
			if w.undo[0] == "" {
				return
			}
			// undo leaves both sides with the users they were loaded with
			for _, s := range []side{es, ss} {
				if err := s.undo(w); err != nil {
					t.Fatal(err)
				}
			}
			n, err := mustQuery(es.e, `User.all().count()`)
			if err != nil {
				t.Fatal(err)
			}
			var m int
			if err := ss.db.QueryRow(`SELECT count(*) FROM users`).Scan(&m); err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprint(small.Users); n != want || fmt.Sprint(m) != want {
				t.Errorf("after undo: the engine holds %s users, SQLite %d; both were loaded with %s", n, m, want)
			}
		})
	}
}
