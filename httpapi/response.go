package httpapi

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/eval"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/ordered"
)

// headers are the request headers that change what a query does or
// returns. The others the drivers send (x-last-txn-ts, x-linearized,
// x-typecheck, x-max-contention-retries, traceparent, x-driver-env) are
// accepted: one engine that runs one query
// at a time is already linearized, never contended, and always newer than
// any txn_ts it gave.
type headers struct {
	format  string // "tagged", "simple" or "decorated"
	timeout time.Duration
	tags    string // as sent, "" when none
	hints   bool   // x-performance-hints: the summary shows them
}

// Query tags as Fauna bounds them.
const (
	maxTags        = 25
	maxTagKeyLen   = 40
	maxTagValueLen = 80
)

func readHeaders(h http.Header, maxTimeout time.Duration) (headers, *diag.Error) {
	out := headers{format: "simple", timeout: DefaultTimeout}
	switch f := strings.ToLower(h.Get("x-format")); f {
	case "", "simple":
	case "tagged", "decorated":
		out.format = f
	default:
		return out, badRequest("x-format %q is not supported: use tagged, simple or decorated", f)
	}
	if s := h.Get("x-query-timeout-ms"); s != "" {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil || ms <= 0 {
			return out, badRequest("x-query-timeout-ms must be a positive whole number of milliseconds, not %q", s)
		}
		out.timeout = min(time.Duration(min(ms, math.MaxInt64/int64(time.Millisecond)))*time.Millisecond, maxTimeout)
	}
	if s := h.Get("x-last-txn-ts"); s != "" {
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return out, badRequest("x-last-txn-ts must be a transaction time in microseconds, not %q", s)
		}
	}
	out.hints = strings.EqualFold(h.Get("x-performance-hints"), "true")
	if s := h.Get("x-query-tags"); s != "" {
		if err := checkTags(s); err != nil {
			return out, err
		}
		out.tags = s
	}
	return out, nil
}

// checkTags validates `k=v,k2=v2`: keys and values of letters, digits
// and _, as Fauna required.
func checkTags(s string) *diag.Error {
	pairs := strings.Split(s, ",")
	if len(pairs) > maxTags {
		return badRequest("x-query-tags has %d tags; at most %d are allowed", len(pairs), maxTags)
	}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || !tagWord(k, maxTagKeyLen) || !tagWord(v, maxTagValueLen) {
			return badRequest("invalid x-query-tags %q: each tag is key=value, the key at most %d and the value at most %d letters, digits or _", p, maxTagKeyLen, maxTagValueLen)
		}
	}
	return nil
}

func tagWord(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// run runs the query (a.mu held) and builds the envelope.
func (a *api) run(q *query, h headers, deadline time.Time) (int, *ordered.Object) {
	var data, abortData any
	aborted := false
	render := func(ctx value.Context, v value.Value, isAbort bool) error {
		var out any
		var err error
		switch h.format {
		case "tagged":
			out, err = value.ToTagged(ctx, v)
		case "decorated":
			// FQL text, as the dashboard shell printed it: what the Fauna
			// shell (fauna-shell's `query` and `shell`) asks for and prints.
			out, err = value.ToFQL(ctx, v)
		default:
			out, err = value.ToJSON(ctx, v)
		}
		if isAbort {
			abortData, aborted = out, err == nil
		} else {
			data = out
		}
		return err
	}
	res := a.eng.Run(engine.Request{Src: q.src, Args: q.bind, Deadline: deadline, Render: render})
	env := &ordered.Object{}
	status := http.StatusOK
	notes := summaryLines(res, h.hints)
	if res.Error == nil {
		env.Set("data", data)
		env.Set("static_type", "Any") // the engine has no typechecker
	} else {
		var e *ordered.Object
		var msg string
		status, e, msg = errorObject(res.Error, aborted, abortData)
		env.Set("error", e)
		notes = append([]string{errorSummary(res.Error, msg, q.src)}, notes...)
	}
	env.Set("summary", strings.Join(notes, "\n\n"))
	ts := a.nextTS()
	if res.Error == nil {
		if ch := a.eng.LastChanges(); len(ch) > 0 {
			a.appendLog(ts, ch)
		}
	}
	env.Set("txn_ts", ts)
	env.Set("stats", stats(res.Stats))
	env.Set("schema_version", a.schemaVersion)
	if h.tags != "" {
		env.Set("query_tags", h.tags)
	}
	return status, env
}

// summaryLines are the hints (when asked for, as Fauna gave them), then
// each log() line as Fauna's summary showed it: `info at *query*:<line>:
// <message>`.
func summaryLines(res engine.QueryResult, hints bool) []string {
	var out []string
	if hints {
		out = append(out, res.Hints...)
	}
	for i, l := range res.Logs {
		if i < len(res.LogLines) {
			l = "info at *query*:" + strconv.Itoa(res.LogLines[i]) + ": " + l
		}
		out = append(out, l)
	}
	return out
}

// errorSummary is the error as Fauna's summary showed it: the message,
// then where in *query*, the source line and a caret, and a closing bar.
func errorSummary(d *diag.Error, msg, src string) string {
	if !d.Pos.IsValid() {
		return "error: " + msg
	}
	_, rest, _ := strings.Cut(d.Format(src), "\n")
	rest = strings.Replace(strings.TrimRight(rest, "\n"), "at "+d.Pos.String(), "at *query*:"+d.Pos.String(), 1)
	bar := strings.Repeat(" ", len(strconv.Itoa(d.Line))) + " |"
	return "error: " + msg + "\n" + rest + "\n" + bar
}

// stats are the eight counters the drivers read, all integers.
func stats(s engine.Stats) *ordered.Object {
	o := &ordered.Object{}
	o.Set("compute_ops", max(1, s.ComputeOps))
	o.Set("read_ops", s.ReadOps)
	o.Set("write_ops", s.WriteOps)
	o.Set("query_time_ms", int64(math.Round(s.QueryTimeMS)))
	o.Set("contention_retries", 0)
	o.Set("storage_bytes_read", 0)
	o.Set("storage_bytes_write", 0)
	o.Set("rate_limits_hit", []string{})
	return o
}

// Wire codes of the engine's own errors that are not Fauna's.
const (
	// codeQueryLimit is an engine limit (steps, memory, result size,
	// nesting): the same query hits it again, so it is a 400 with a code
	// of its own. Fauna's limit_exceeded is throttling: fauna-js retries
	// it by code and fauna-go by its status 429, three times, in vain.
	codeQueryLimit = "query_limit_exceeded"
)

// statusOf is the HTTP status of an error code, as Fauna sent it.
func statusOf(code string) int {
	switch code {
	case "unauthorized":
		return http.StatusUnauthorized
	case "forbidden":
		return http.StatusForbidden
	case "contended_transaction":
		return http.StatusConflict
	case eval.CodeTimeOut:
		return 440
	case diag.InternalError:
		return http.StatusInternalServerError
	case "service_unavailable":
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

// errorObject is the envelope's error, its status and its message.
func errorObject(d *diag.Error, aborted bool, abortData any) (int, *ordered.Object, string) {
	code := d.Code
	if code == diag.LimitExceeded {
		code = codeQueryLimit
	}
	e := &ordered.Object{}
	e.Set("code", code)
	msg := d.Message
	if code == diag.Abort && aborted {
		msg = "Query aborted."
	}
	e.Set("message", msg)
	switch code {
	case diag.Abort:
		if aborted {
			e.Set("abort", abortData)
		}
	case diag.ConstraintFailure:
		// Each failure with the paths of the fields it is about, as Fauna
		// listed them (fauna-js's ConstraintFailure.paths); a failure of the
		// whole write (a check, a name taken) has none.
		failures := d.Failures
		if len(failures) == 0 {
			failures = []diag.Failure{{Message: d.Message}}
		}
		list := make([]any, len(failures))
		for i, cf := range failures {
			f := &ordered.Object{}
			f.Set("message", cf.Message)
			paths := cf.Paths
			if paths == nil {
				paths = [][]any{}
			}
			f.Set("paths", paths)
			list[i] = f
		}
		e.Set("constraint_failures", list)
	}
	return statusOf(code), e, msg
}

// writeError answers an error found before the query ran.
// Every error but 401 has a summary, as Fauna's did.
func writeError(w http.ResponseWriter, status int, d *diag.Error) {
	writeJSON(w, status, errorEnvelope(status, d))
}

// errorEnvelope is the answer to a request that did not run: its error
// and, but for a 401, an empty summary.
func errorEnvelope(status int, d *diag.Error) *ordered.Object {
	env := &ordered.Object{}
	e := &ordered.Object{}
	e.Set("code", d.Code)
	e.Set("message", d.Message)
	env.Set("error", e)
	if status != http.StatusUnauthorized {
		env.Set("summary", "")
	}
	return env
}

// refuse answers 400 to a request that was read but cannot run (its body,
// headers or query are wrong): with the fields of every answer besides the
// error (the protocol's "as on success"), the last txn_ts, for no query ran.
func (a *api) refuse(w http.ResponseWriter, d *diag.Error) {
	a.mu.Lock()
	ts, version := a.lastTS, a.schemaVersion
	a.mu.Unlock()
	env := errorEnvelope(http.StatusBadRequest, d)
	env.Set("txn_ts", ts)
	env.Set("stats", stats(engine.Stats{}))
	env.Set("schema_version", version)
	writeJSON(w, http.StatusBadRequest, env)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal_error","message":"the response could not be encoded"},"summary":""}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
