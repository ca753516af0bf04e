package engine

import (
	"encoding/json"
	"time"
)

// Run is one run of a session that wrote data: an FQL query or a GraphQL
// operation. The page keeps the runs that wrote and replays them to rebuild
// the data after a schema edit, a reload or from a link.
type Run struct {
	Op  string `json:"op"` // "query" or "graphql"
	FQL string `json:"fql,omitempty"`
	// Args are an FQL run's arguments, a JSON object (JSONArgs).
	Args      json.RawMessage `json:"args,omitempty"`
	Query     string          `json:"query,omitempty"`
	Variables map[string]any  `json:"variables,omitempty"`
	// OperationName picks the operation of a document of several.
	OperationName string `json:"operationName,omitempty"`
	// Result asks for the run's whole result in its outcome: the page shows
	// the last run of each language again after a reload or from a link.
	Result bool `json:"result,omitempty"`
}

// RunOutcome is what replaying one run did: OK with what it wrote, or why
// it no longer applies (the error's code and message, as its run shows it).
type RunOutcome struct {
	OK       bool   `json:"ok"`
	WriteOps int    `json:"write_ops"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	// Result is the run's QueryResult or GraphQLResult, when the run asked.
	Result any `json:"result,omitempty"`
}

// ReplayResult says what Replay did: one outcome per run it ran, in order.
// It runs fewer than it was given when the budget ran out; the caller sends
// the rest in another call, so a long replay shows progress and can be
// stopped between calls.
type ReplayResult struct {
	Outcomes []RunOutcome `json:"outcomes"`
	// Schema is the schema's report when a run changed it (Collection.create
	// and the like): the model as the last of them left it.
	Schema *SchemaReport `json:"schema,omitempty"`
}

// Replay runs runs in order, each as its own transaction (as they first
// ran), until they are done or budget has passed (at least one always
// runs). A run that fails leaves nothing written and the next runs go on.
func (e *Engine) Replay(runs []Run, budget time.Duration) ReplayResult {
	start := time.Now()
	out := ReplayResult{Outcomes: []RunOutcome{}}
	for i, r := range runs {
		if i > 0 && time.Since(start) >= budget {
			break
		}
		before := e.model
		out.Outcomes = append(out.Outcomes, e.replayOne(r))
		if e.model != before {
			r := e.Report()
			out.Schema = &r
		}
	}
	return out
}

func (e *Engine) replayOne(r Run) (o RunOutcome) {
	switch r.Op {
	case "query":
		req := Request{Src: r.FQL}
		if len(r.Args) > 0 {
			req.Args = JSONArgs(r.Args)
		}
		res := e.Run(req)
		if r.Result {
			defer func() { o.Result = res }()
		}
		if res.Error != nil {
			return RunOutcome{Code: res.Error.Code, Message: res.Error.Message, Line: res.Error.Line, Column: res.Error.Column}
		}
		return RunOutcome{OK: true, WriteOps: res.Stats.WriteOps}
	case "graphql":
		res := e.GraphQLOp(r.Query, r.OperationName, r.Variables)
		if r.Result {
			defer func() { o.Result = res }()
		}
		if len(res.Errors) > 0 {
			o := RunOutcome{Code: "graphql_error", Message: res.Errors[0].Message}
			if ext, ok := res.Errors[0].Extensions["code"].(string); ok {
				o.Code = ext
			}
			if len(res.Errors[0].Locations) > 0 {
				o.Line, o.Column = res.Errors[0].Locations[0].Line, res.Errors[0].Locations[0].Column
			}
			return o
		}
		w := 0
		if res.Extensions != nil {
			w = res.Extensions.Stats.WriteOps
		}
		return RunOutcome{OK: true, WriteOps: w}
	}
	return RunOutcome{Code: "invalid_request", Message: "a run is an FQL query or a GraphQL operation (op \"query\" or \"graphql\")"}
}

// fingerprint is what the store and the APIs are made of, for a model with
// no errors: two schemas with the same fingerprint (a comment added,
// spacing changed) define the same database, so SetSchema keeps the data.
func fingerprint(r SchemaReport) string {
	if len(r.Errors) > 0 {
		return ""
	}
	b, err := json.Marshal(r)
	if err != nil {
		return ""
	}
	return string(b)
}
