// Package httpapi owns Fauna's core HTTP API over one engine — its own
// room above the engine facade: POST /query/1 as the official drivers
// (fauna-js, fauna-go) send it, answered with the envelope they decode
// (tagged or simple data, summary, txn_ts, stats, schema_version,
// query_tags) and Fauna's error codes with the HTTP status of each; the
// bearer secret, the body size limit, the query deadline and CORS.
//
// One engine serves every request, one query at a time: each query is one
// transaction, never interleaved with another.
package httpapi

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/diag"
)

// Options configure the API.
type Options struct {
	// Secret, when set, is required as `Authorization: Bearer <Secret>`
	// (401 unauthorized otherwise).
	Secret string
	// MaxBodyBytes bounds a request body (400 invalid_request past it);
	// 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxTimeout caps x-query-timeout-ms; 0 means DefaultMaxTimeout.
	MaxTimeout time.Duration
	// Now is the clock of txn_ts; nil means time.Now.
	Now func() time.Time
}

// Defaults.
const (
	DefaultMaxBodyBytes = 8 << 20
	DefaultTimeout      = 5 * time.Second // Fauna's, when no header says
	DefaultMaxTimeout   = 120 * time.Second
)

// Paths are the paths New answers, for a server that mounts it beside
// other handlers.
var Paths = []string{"/query/1", "/stream/1", "/feed/1", "/ping"}

// api is the handler.
type api struct {
	opts Options

	mu            sync.Mutex // one query at a time
	eng           *engine.Engine
	lastTS        int64 // txn_ts of the last query, µs
	schemaVersion int64

	// The change log of the event streams and feeds (events.go).
	log     []logEntry
	logged  int           // changes in log
	logFrom int64         // txn_ts before which changes were let go
	wake    chan struct{} // closed, and replaced, when a query appends
}

// New returns the HTTP API over eng. The caller must not use eng directly
// while the handler serves.
func New(eng *engine.Engine, opts Options) http.Handler {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.MaxTimeout <= 0 {
		opts.MaxTimeout = DefaultMaxTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a := &api{opts: opts, eng: eng, wake: make(chan struct{})}
	eng.RecordChanges() // the change log that streams and feeds read
	// The schema was set before the API existed: its version is the first
	// transaction time, and every query's txn_ts comes after it.
	a.schemaVersion = a.nextTS()
	mux := http.NewServeMux()
	mux.HandleFunc("/query/1", a.query)
	// Fauna's local container answered GET /ping; CI scripts poll it
	// before running a driver's tests (the drivers never call it).
	mux.HandleFunc("GET /ping", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "OK")
	})
	mux.HandleFunc("/stream/1", a.stream)
	mux.HandleFunc("/feed/1", a.feed)
	return cors(mux)
}

// nextTS is a transaction time strictly after the last (a.mu held, or
// before serving).
func (a *api) nextTS() int64 {
	ts := a.opts.Now().UnixMicro()
	if ts <= a.lastTS {
		ts = a.lastTS + 1
	}
	a.lastTS = ts
	return ts
}

// allowedHeaders are the headers the drivers send, listed one by one:
// per the Fetch standard `*` never covers authorization.
const allowedHeaders = "authorization, content-type, x-format, x-driver-env, x-driver, x-query-timeout-ms, x-last-txn-ts, x-typecheck, x-linearized, x-max-contention-retries, x-query-tags, x-performance-hints, traceparent"

// cors lets browser apps on another origin call the API: preflights are
// answered, and every response names the origin allowed.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			origin = "*"
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Headers", allowedHeaders)
			h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorized checks the bearer secret.
func (a *api) authorized(r *http.Request) bool {
	if a.opts.Secret == "" {
		return true
	}
	return r.Header.Get("Authorization") == "Bearer "+a.opts.Secret
}

func (a *api) query(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, badRequest("use POST for /query/1"))
		return
	}
	if !a.authorized(r) {
		// No summary: fauna-js's tests expect none for a bad secret.
		writeError(w, http.StatusUnauthorized, &diag.Error{Code: "unauthorized", Message: "Access token required"})
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			// 400, not 413: fauna-go turns a status it does not know
			// into no error and no data. invalid_request is a class of its
			// own in both drivers (InvalidRequestError, ErrInvalidRequest),
			// never retried; Fauna's request_size_exceeded would be a
			// QueryRuntimeError to fauna-js, as if the query had failed.
			a.refuse(w, badRequest("the request body is larger than this server's limit of %s bytes (%s); send less in one query",
				diag.Thousands(int(a.opts.MaxBodyBytes)), sizeText(a.opts.MaxBodyBytes)))
			return
		}
		a.refuse(w, badRequest("could not read the request body: %v", err))
		return
	}
	h, herr := readHeaders(r.Header, a.opts.MaxTimeout)
	if herr != nil {
		a.refuse(w, herr)
		return
	}
	q, qerr := readQuery(data)
	if qerr != nil {
		a.refuse(w, qerr)
		return
	}
	start := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	// The deadline counts from the request's arrival, waiting included:
	// the driver's clock started then.
	status, env := a.run(q, h, start.Add(h.timeout))
	writeJSON(w, status, env)
}

// sizeText is n bytes in the largest unit that keeps it whole or near.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', -1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
