package engine

import (
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/eval"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// RecordChanges makes the engine keep what each query writes for
// LastChanges, in this database and every later one (SetSchema, Reset).
// The HTTP API calls it; the page, which has no event streams, does not.
func (e *Engine) RecordChanges() {
	e.recording = true
	if e.db != nil {
		e.db.RecordChanges()
	}
}

func (e *Engine) open(m *schema.Model) *store.DB {
	db := store.Open(m, e.clock)
	if e.recording {
		db.RecordChanges()
	}
	return db
}

// LastChanges are the documents the last query's transaction wrote, in
// order (none for a read or a query that failed): the HTTP API keeps them
// as its change log, the feed of its event streams.
func (e *Engine) LastChanges() []store.Change { return e.db.LastChanges() }

// SourceEvent is one change as an event of an event source: Kind "add",
// "update" or "remove", At the change's index among those given, and Data
// the event's value as render made it.
type SourceEvent struct {
	Kind string
	At   int
	Data any
}

// Events is what changes are to the event source named token, in order,
// at most limit of them (0: all); more says that changes past the last
// event given hold another. It evaluates the source's set (its where()
// predicates, its map()) on each change's two versions, in a transaction
// of its own that writes nothing.
func (e *Engine) Events(token string, changes []store.Change, limit int, render func(ctx value.Context, v value.Value) (any, error)) (events []SourceEvent, more bool, err error) {
	src, ok := value.LookupEventSource(token)
	if !ok {
		return nil, false, &diag.Error{Code: diag.InvalidRequest, Message: "invalid event source token: it names no event source of this server (a token lasts while the server runs)"}
	}
	err = e.db.Update(func(tx *store.Tx) error {
		in := eval.New(tx, e.model, e.globals, e.cursors)
		for i, ch := range changes {
			kind, v, err := src.Event(in, ch)
			if err != nil {
				return err
			}
			if kind == "" {
				continue
			}
			if limit > 0 && len(events) == limit {
				more = true
				return nil
			}
			data, err := render(in, v)
			if err != nil {
				return err
			}
			events = append(events, SourceEvent{Kind: kind, At: i, Data: data})
		}
		return nil
	})
	return events, more, err
}
