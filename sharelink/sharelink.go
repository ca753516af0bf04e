// Package sharelink owns reading the playground's share links outside the
// page: the fragment `#s=<base64url(deflate-raw(JSON state))>` that the
// page's share.js writes, decoded into the schema and the journal of runs
// that wrote the data, shaped and bounded as the page's own state.js and
// share.js check them (a link is input like any other). cmd/serve starts
// its engine from one (-link).
package sharelink

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/diag"
)

// The page's bounds (share.js, state.js), so a link the page refuses is
// refused here too.
const (
	MaxLink     = 64 * 1024 // the fragment's length
	MaxInflated = 8 << 20   // what the fragment unpacks to
	MaxText     = 1 << 20   // one editor text: the schema, a run's text
)

// Code is the code of every error Decode returns.
const Code = "invalid_link"

// State is what a link holds that a database is made of.
type State struct {
	Schema string
	// SchemaLang is the schema's language as the page's menu chose it:
	// "graphql", "fsl", or "" (Auto: told by the text), as
	// engine.SetSchemaAs takes it. Links made before FSL have none.
	SchemaLang string
	// Runs are the runs that wrote the data, in the order they ran.
	Runs []engine.Run
	// Problems name the parts of the link that were of the wrong shape and
	// left out, as the page names them ("2 of its runs could not be read").
	Problems []string
}

// Decode reads a share link: the page's URL with its fragment, the
// fragment alone (`#s=…`) or its text (`s=…`). A link that is not one, too
// large, damaged or without a schema is a *diag.Error with Code and a
// message that says which.
func Decode(link string) (*State, error) {
	text := strings.TrimSpace(link)
	if i := strings.IndexByte(text, '#'); i >= 0 {
		text = text[i+1:]
	}
	if !strings.HasPrefix(text, "s=") {
		return nil, fail("this link holds no playground state: a share link ends in #s=… (the page's Share link button makes one)")
	}
	if len(text) > MaxLink {
		return nil, fail("this link is too large (%d KB; the limit is %d KB)", len(text)/1024, MaxLink/1024)
	}
	// The page strips base64's padding; a link pasted with it is as good.
	packed, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(text[2:], "="))
	if err != nil {
		return nil, damaged()
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(packed)), MaxInflated+1))
	if err != nil {
		return nil, damaged()
	}
	if len(raw) > MaxInflated {
		return nil, fail("this link unpacks to more than the %d MB a link may hold", MaxInflated>>20)
	}
	if !json.Valid(raw) {
		return nil, damaged()
	}
	return normalize(raw)
}

func fail(format string, args ...any) *diag.Error {
	return &diag.Error{Code: Code, Message: fmt.Sprintf(format, args...)}
}

func damaged() *diag.Error {
	return fail("this link is damaged: its state could not be read. Was it cut when copied?")
}

// normalize reads the state the way state.js's normalizeState does: a
// version 2 state keeps the runs that wrote as `journal`; version 1 kept
// the last runs, reads included, as `history` (a read replayed writes
// nothing). A run of the wrong shape is left out and counted, the rest
// kept in order.
func normalize(raw []byte) (*State, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fail("this link is damaged: it is not a playground state")
	}
	var schema string
	if err := json.Unmarshal(fields["schema"], &schema); err != nil || fields["schema"] == nil {
		return nil, fail("this link is damaged: it does not hold a schema")
	}
	out := &State{Schema: schema, Runs: []engine.Run{}}
	if raw, ok := fields["schemaLang"]; ok && string(raw) != "null" {
		var lang string
		if err := json.Unmarshal(raw, &lang); err == nil && (lang == "" || lang == "graphql" || lang == "fsl") {
			out.SchemaLang = lang
		} else {
			// The page reads it as Auto and says so; so does this.
			out.Problems = append(out.Problems, "its schema language was not one the page knows")
		}
	}
	if len(schema) > MaxText {
		// The page opens it with an empty schema; a server cannot guess.
		return nil, fail("this link's schema is over 1 MiB")
	}
	var v float64
	_ = json.Unmarshal(fields["v"], &v)
	runsField := fields["journal"]
	if v != 2 {
		if h, ok := fields["history"]; ok && isArray(h) {
			runsField = h
		}
	}
	if len(runsField) == 0 || string(runsField) == "null" {
		return out, nil
	}
	var runs []json.RawMessage
	if err := json.Unmarshal(runsField, &runs); err != nil {
		out.Problems = append(out.Problems, "its runs were not a list")
		return out, nil
	}
	bad := 0
	for _, r := range runs {
		if run, ok := checkRun(r); ok {
			out.Runs = append(out.Runs, run)
		} else {
			bad++
		}
	}
	if bad > 0 {
		out.Problems = append(out.Problems, fmt.Sprintf("%d of its runs could not be read", bad))
	}
	return out, nil
}

func isArray(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) > 0 && bytes.TrimSpace(raw)[0] == '['
}

// checkRun is state.js's checkRun: an FQL query, or a GraphQL operation
// with its variables (an object, or none) and operation name.
func checkRun(raw json.RawMessage) (engine.Run, bool) {
	var r struct {
		Op            string          `json:"op"`
		FQL           *string         `json:"fql"`
		Query         *string         `json:"query"`
		Variables     json.RawMessage `json:"variables"`
		OperationName any             `json:"operationName"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return engine.Run{}, false
	}
	switch r.Op {
	case "query":
		if r.FQL == nil || len(*r.FQL) > MaxText {
			return engine.Run{}, false
		}
		return engine.Run{Op: "query", FQL: *r.FQL}, true
	case "graphql":
		if r.Query == nil || len(*r.Query) > MaxText {
			return engine.Run{}, false
		}
		run := engine.Run{Op: "graphql", Query: *r.Query, Variables: map[string]any{}}
		if len(r.Variables) > 0 && string(r.Variables) != "null" {
			if err := json.Unmarshal(r.Variables, &run.Variables); err != nil || run.Variables == nil {
				return engine.Run{}, false
			}
		}
		if name, ok := r.OperationName.(string); ok {
			run.OperationName = name
		}
		return run, true
	}
	return engine.Run{}, false
}
