package eval

import (
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// CodeTimeOut is Fauna's code for a query stopped at its deadline.
const CodeTimeOut = "time_out"

// deadlineEvery is how many compute steps pass between readings of the
// clock: reading it on every step would cost more than the steps.
const deadlineEvery = 512

// RunWith is Run with names bound as values in the query's outermost
// scope, as if by `let` before its first statement: the HTTP API's
// arguments and interpolated values, which never become source text.
func (in *Interp) RunWith(p *syntax.Program, vars map[string]value.Value) (value.Value, error) {
	var e *env
	for name, v := range vars {
		e = &env{name: name, val: v, parent: e}
	}
	return in.run(p, e)
}

// SetDeadline makes the query fail with time_out once d has passed; it is
// checked as the query works, so a query is stopped within a few hundred
// steps of its deadline.
func (in *Interp) SetDeadline(d time.Time) {
	in.deadline = d
	in.nextCheck = 0
}

// CheckDeadline fails with time_out when the deadline has passed (the
// caller checks once before any work, so an already-past deadline stops a
// query that would do no steps).
func (in *Interp) CheckDeadline() error {
	if in.deadline.IsZero() {
		return nil
	}
	return in.checkDeadline()
}

func (in *Interp) checkDeadline() error {
	in.nextCheck = in.compute + deadlineEvery
	if time.Now().Before(in.deadline) {
		return nil
	}
	return diag.Errorf(CodeTimeOut, in.pos, "the query did not finish before its deadline (an aggressive deadline, x-query-timeout-ms); it was stopped and nothing it wrote was kept")
}

// LogLines are the source lines of the log() calls whose lines Logs kept,
// in order (Fauna's summary says `info at *query*:<line>: …`).
func (in *Interp) LogLines() []int { return in.logLines }
