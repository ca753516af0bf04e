package httpapi

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/ordered"
	"github.com/faunaplay/playground/engine/store"
)

// Event streams and feeds: POST /stream/1 and POST /feed/1 report what
// the queries of this API wrote to the set of an event source
// (set.eventSource(), set.eventsOn(.f)). The API keeps a change log: every
// query that wrote appends its changes under its txn_ts, so an event's
// txn_ts is the one its query answered with. A cursor names an event (its
// txn_ts and its place among its query's changes); start_ts is exclusive.

// maxLogChanges bounds the change log; the oldest queries' changes go
// first, and a cursor or start_ts before what is kept is refused.
const maxLogChanges = 100_000

type logEntry struct {
	ts      int64
	changes []store.Change
}

// logPos is a place in the log: after change i of the query at ts (i -1:
// before its first).
type logPos struct {
	ts int64
	i  int
}

var endOfQuery = math.MaxInt32

func (p logPos) cursor() string { return "e" + strconv.FormatInt(p.ts, 36) + "." + strconv.Itoa(p.i) }

func parseCursor(s string) (logPos, bool) {
	ts, i, ok := strings.Cut(strings.TrimPrefix(s, "e"), ".")
	t, err1 := strconv.ParseInt(ts, 36, 64)
	n, err2 := strconv.Atoi(i)
	return logPos{t, n}, ok && strings.HasPrefix(s, "e") && err1 == nil && err2 == nil && n >= -1
}

// appendLog keeps the changes of the query at ts and wakes the streams
// (a.mu held).
func (a *api) appendLog(ts int64, changes []store.Change) {
	a.log = append(a.log, logEntry{ts, changes})
	a.logged += len(changes)
	for a.logged > maxLogChanges && len(a.log) > 1 {
		a.logged -= len(a.log[0].changes)
		a.logFrom = a.log[0].ts
		a.log = a.log[1:]
	}
	close(a.wake)
	a.wake = make(chan struct{})
}

// eventReq is the body of /stream/1 and /feed/1.
type eventReq struct {
	Token    string `json:"token"`
	Cursor   string `json:"cursor"`
	StartTS  int64  `json:"start_ts"`
	PageSize int    `json:"page_size"`
}

// readEventReq reads and checks the body and the token, and finds where
// its events start (a.mu held).
func (a *api) startOf(w http.ResponseWriter, r *http.Request) (eventReq, logPos, int, *diag.Error) {
	var req eventReq
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.opts.MaxBodyBytes))
	if err == nil {
		err = unmarshal(data, &req)
	}
	if err != nil {
		return req, logPos{}, http.StatusBadRequest, badRequest("the request body is not an event request {token, cursor?, start_ts?, page_size?}: %v", err)
	}
	src, ok := value.LookupEventSource(req.Token)
	if !ok {
		return req, logPos{}, http.StatusBadRequest, badRequest("invalid event source token: it names no event source of this server (a token lasts while the server runs)")
	}
	if req.Cursor != "" && req.StartTS != 0 {
		return req, logPos{}, http.StatusBadRequest, badRequest("give a cursor or a start_ts, not both")
	}
	var pos logPos
	switch {
	case req.Cursor != "":
		if pos, ok = parseCursor(req.Cursor); !ok {
			return req, pos, http.StatusBadRequest, badRequest("invalid event cursor %q", diag.Clip(req.Cursor))
		}
	case req.StartTS != 0:
		pos = logPos{req.StartTS, endOfQuery}
	default:
		// What came after the transaction that made the token.
		pos = logPos{a.schemaVersion, endOfQuery}
		for _, e := range a.log {
			if len(e.changes) > 0 && !e.changes[0].TS.After(src.Since) {
				pos = logPos{e.ts, endOfQuery}
			}
		}
	}
	if pos.ts < a.logFrom {
		return req, pos, http.StatusBadRequest, badRequest("events before %s are no longer kept (the server keeps the last %d changes)",
			time.UnixMicro(a.logFrom).UTC().Format(time.RFC3339Nano), maxLogChanges)
	}
	return req, pos, 0, nil
}

// collect renders the token's events after pos, at most limit (0: all),
// and says where the next start and whether more are kept (a.mu held).
func (a *api) collect(token string, pos logPos, limit int, format string) ([]any, logPos, bool, error) {
	var changes []store.Change
	var at []logPos
	for _, e := range a.log {
		if e.ts < pos.ts {
			continue
		}
		for i, ch := range e.changes {
			if e.ts == pos.ts && i <= pos.i {
				continue
			}
			changes = append(changes, ch)
			at = append(at, logPos{e.ts, i})
		}
	}
	if len(changes) == 0 {
		return []any{}, pos, false, nil // "events": [], never null (fauna-js iterates it)
	}
	events, more, err := a.eng.Events(token, changes, limit, func(ctx value.Context, v value.Value) (any, error) {
		if format == "simple" {
			return value.ToJSON(ctx, v)
		}
		return value.ToTagged(ctx, v)
	})
	if err != nil {
		return nil, pos, false, err
	}
	out := make([]any, len(events)) // an empty page too is []
	for i, ev := range events {
		p := at[ev.At]
		o := &ordered.Object{}
		o.Set("type", ev.Kind)
		o.Set("data", ev.Data)
		o.Set("txn_ts", p.ts)
		o.Set("cursor", p.cursor())
		o.Set("stats", eventStats())
		out[i] = o
		pos = p
	}
	if !more && len(a.log) > 0 {
		// Nothing more: the next read starts after everything kept.
		pos = logPos{max(pos.ts, a.log[len(a.log)-1].ts), endOfQuery}
	}
	return out, pos, more, nil
}

func eventStats() *ordered.Object {
	s := &ordered.Object{}
	s.Set("read_ops", 0)
	s.Set("storage_bytes_read", 0)
	s.Set("compute_ops", 1)
	s.Set("processing_time_ms", 0)
	s.Set("rate_limits_hit", []string{})
	return s
}

func eventFormat(h http.Header) string {
	if strings.EqualFold(h.Get("x-format"), "simple") {
		return "simple"
	}
	return "tagged" // fauna-js sends no x-format to /stream/1 and decodes tags
}

// errorEvent ends a stream, or answers a feed, with err.
func errorEvent(err error) *ordered.Object {
	d := diag.As(err)
	e := &ordered.Object{}
	e.Set("code", d.Code)
	e.Set("message", d.Message)
	o := &ordered.Object{}
	o.Set("type", "error")
	o.Set("error", e)
	return o
}

// feed answers POST /feed/1: one page of events.
func (a *api) feed(w http.ResponseWriter, r *http.Request) {
	if !a.eventAllowed(w, r) {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	req, pos, status, derr := a.startOf(w, r)
	if derr != nil {
		writeError(w, status, derr)
		return
	}
	size := req.PageSize
	if size == 0 {
		size = value.PageSize
	}
	if size < 1 || size > 16000 {
		writeError(w, http.StatusBadRequest, badRequest("page_size must be between 1 and 16000, got %d", size))
		return
	}
	events, next, more, err := a.collect(req.Token, pos, size, eventFormat(r.Header))
	if err != nil {
		writeError(w, http.StatusBadRequest, diag.As(err))
		return
	}
	o := &ordered.Object{}
	o.Set("events", events)
	o.Set("cursor", next.cursor())
	o.Set("has_next", more)
	o.Set("stats", eventStats())
	writeJSON(w, http.StatusOK, o)
}

// stream answers POST /stream/1: a status event at once, then every event
// as its query commits, one JSON object a line, until the client goes.
func (a *api) stream(w http.ResponseWriter, r *http.Request) {
	if !a.eventAllowed(w, r) {
		return
	}
	a.mu.Lock()
	req, pos, status, derr := a.startOf(w, r)
	now := a.lastTS
	a.mu.Unlock()
	if derr != nil {
		writeError(w, status, derr)
		return
	}
	rc := http.NewResponseController(w)
	// A stream outlives the server's write timeout (cmd/serve's 60 s; checked
	// by hand: an event came after 70 s over HTTP/1.1 and HTTP/2).
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	st := &ordered.Object{}
	st.Set("type", "status")
	st.Set("txn_ts", now)
	st.Set("cursor", pos.cursor())
	st.Set("stats", eventStats())
	if enc.Encode(st) != nil || rc.Flush() != nil {
		return
	}
	format := eventFormat(r.Header)
	for {
		a.mu.Lock()
		events, next, _, err := a.collect(req.Token, pos, 0, format)
		wake := a.wake
		a.mu.Unlock()
		if err != nil {
			enc.Encode(errorEvent(err))
			rc.Flush()
			return
		}
		pos = next
		for _, ev := range events {
			if enc.Encode(ev) != nil {
				return
			}
		}
		if len(events) > 0 && rc.Flush() != nil {
			return
		}
		select {
		case <-wake:
		case <-r.Context().Done():
			return
		}
	}
}

// eventAllowed checks the method and the secret of /stream/1 and /feed/1.
func (a *api) eventAllowed(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, badRequest("use POST for %s", r.URL.Path))
		return false
	}
	if !a.authorized(r) {
		writeError(w, http.StatusUnauthorized, &diag.Error{Code: "unauthorized", Message: "Access token required"})
		return false
	}
	return true
}
