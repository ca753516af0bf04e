package engine

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/eval"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/store"
)

// Request is a query with what the HTTP API adds to the text: values bound
// to names, a deadline, and a renderer of its own.
type Request struct {
	Src string
	// Args, when set, makes the values bound in the query's outermost
	// scope. It runs inside the query's transaction, so a value that
	// names a document (a reference) can be read.
	Args func(ctx value.Context) (map[string]value.Value, error)
	// Deadline, when set, stops the query with time_out once passed.
	Deadline time.Time
	// Render, when set, renders the result (already materialized) inside
	// the transaction, instead of Data and Text; aborted says v is the
	// value given to abort(), rendered before the transaction is undone.
	Render func(ctx value.Context, v value.Value, aborted bool) error
}

// Run runs one request as one transaction, as Query does.
func (e *Engine) Run(r Request) QueryResult { return e.run(r) }

func (e *Engine) run(r Request) (res QueryResult) {
	src := r.Src
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			res = QueryResult{Error: &diag.Error{Code: diag.InternalError, Message: fmt.Sprintf("internal error: %v", p)}}
			res.Text = res.Error.Format(src) + "\n" + string(debug.Stack())
		}
		res.Stats.QueryTimeMS = elapsedMS(start)
	}()
	prog, err := e.parse(src)
	if err != nil {
		d := diag.As(err)
		return QueryResult{Error: d, Text: d.Format(src)}
	}
	var in *eval.Interp
	var tx0 *store.Tx
	e.cursors.begin()
	err = e.db.Update(func(tx *store.Tx) error {
		tx0 = tx
		in = eval.New(tx, e.model, e.globals, e.cursors)
		if !r.Deadline.IsZero() {
			in.SetDeadline(r.Deadline)
			if err := in.CheckDeadline(); err != nil {
				return err
			}
		}
		var vars map[string]value.Value
		var aborted value.Value
		if r.Args != nil {
			var err error
			if vars, err = r.Args(in); err != nil {
				return err
			}
		}
		if r.Render != nil {
			if vars == nil {
				vars = map[string]value.Value{}
			}
			if _, taken := vars["abort"]; !taken { // an argument named abort wins
				vars["abort"] = abortKeeping(e.globals["abort"], &aborted)
			}
		}
		v, err := in.RunWith(prog, vars)
		if err != nil {
			if aborted != nil {
				if m, merr := value.Materialize(in, aborted, resultPos(prog)); merr == nil {
					if rerr := r.Render(in, m, true); rerr != nil {
						return rerr
					}
				}
			}
			return err
		}
		if r.Render != nil {
			v = value.PagesAsObjects(v)
		}
		// Rendering reads (a Set shows its first page): inside the
		// transaction, and once for both renderings.
		if v, err = value.Materialize(in, v, resultPos(prog)); err != nil {
			return err
		}
		if r.Render != nil {
			return r.Render(in, v, false)
		}
		if res.Data, err = value.ToJSON(in, v); err != nil {
			return err
		}
		res.Text, err = value.ToFQL(in, v)
		return err
	})
	if tx0 != nil {
		res.Stats.ReadOps, res.Stats.WriteOps = tx0.Reads, tx0.Writes
		if err == nil && tx0.SchemaChanged() {
			res.Schema = e.schemaChanged()
		}
	}
	if in != nil {
		e.cursors.end(in.Allocated())
		res.Stats.ComputeOps = in.ComputeOps()
		res.Hints = in.Hints()
		res.Logs = in.Logs()
		res.LogLines = in.LogLines()
	}
	if err != nil {
		d := diag.As(err)
		res.Data, res.Error, res.Text = nil, d, d.Format(src)
		if d.Abort != nil {
			// The shell text shows the value abort() was given, too.
			if j, err := json.Marshal(d.Abort); err == nil {
				res.Text += "abort: " + diag.Clip(string(j))
			}
		}
		res.Stats.WriteOps = 0 // rolled back: nothing was written
	}
	return res
}

// abortKeeping is abort() that also keeps the value it was given, so the
// HTTP API can send it back (error.abort) as a value, not as text.
func abortKeeping(orig value.Value, kept *value.Value) value.Value {
	fn, ok := orig.(value.Callable)
	if !ok {
		return orig
	}
	return value.NewBuiltin("abort", 1, 1, func(ctx value.Context, a []value.Value) (value.Value, error) {
		*kept = a[0]
		return fn.Call(ctx, a)
	})
}
