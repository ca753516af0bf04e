// Command wasm is the engine compiled to WebAssembly for the playground
// page. main.go (js/wasm only) is glue to syscall/js; Dispatch, here, is
// the whole protocol: one JSON request in, one JSON response out.
package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/faunaplay/playground/engine"
)

// Request is one call from the page's worker.
type Request struct {
	Op  string `json:"op"` // setSchema, report, query, graphql, replay, reset, complete, hover, format, memory
	SDL string `json:"sdl"`
	// SchemaLang is the schema's language: "graphql", "fsl", or "" to tell
	// by the text.
	SchemaLang string `json:"schema_lang"`
	FQL        string `json:"fql"`
	// Args are the query's arguments, a JSON object of values bound as
	// FQL variables (engine.JSONArgs): one parsed text, many values.
	Args      json.RawMessage `json:"args"`
	Query     string          `json:"query"`
	Variables map[string]any  `json:"variables"`
	// OperationName picks the operation of a GraphQL document of several.
	OperationName string       `json:"operationName"`
	Runs          []engine.Run `json:"runs"`      // replay
	BudgetMS      int          `json:"budget_ms"` // replay: how long one call may run before it returns
	// complete, hover and format: the editor's language ("fql" or "sdl"),
	// its text, and the cursor in UTF-16 code units.
	Lang   string `json:"lang"`
	Src    string `json:"src"`
	Offset int    `json:"offset"`
}

type internalError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func errorJSON(format string, args ...any) string {
	return codedErrorJSON("internal_error", fmt.Sprintf(format, args...))
}

func codedErrorJSON(code, message string) string {
	var e internalError
	e.Error.Code = code
	e.Error.Message = message
	b, _ := json.Marshal(e)
	return string(b)
}

// defaultReplayBudget is how long one replay call runs before it returns
// what it did, so the page can show progress and offer Cancel.
const defaultReplayBudget = 300 * time.Millisecond

// Dispatch runs one request against e and returns the engine's JSON
// contract. It never panics: a panic becomes an internal_error response.
func Dispatch(e *engine.Engine, request string) (response string) {
	defer func() {
		if r := recover(); r != nil {
			response = errorJSON("the engine failed: %v", r)
		}
	}()
	var req Request
	if err := json.Unmarshal([]byte(request), &req); err != nil {
		if strings.Contains(err.Error(), "exceeded max depth") {
			// encoding/json reads 10,000 levels: deeper GraphQL variables.
			return codedErrorJSON("limit_exceeded", "the request nests values deeper than 10,000 levels (the GraphQL variables?)")
		}
		return errorJSON("bad request: %v", err)
	}
	var out any
	switch req.Op {
	case "setSchema":
		out = e.SetSchemaAs(req.SDL, req.SchemaLang)
	case "report":
		out = e.Report()
	case "query":
		if len(req.Args) > 0 && string(req.Args) != "null" {
			out = e.Run(engine.Request{Src: req.FQL, Args: engine.JSONArgs(req.Args)})
		} else {
			out = e.Query(req.FQL)
		}
	case "memory":
		out = memory()
	case "graphql":
		out = e.GraphQLOp(req.Query, req.OperationName, req.Variables)
	case "replay":
		budget := time.Duration(req.BudgetMS) * time.Millisecond
		if budget <= 0 {
			budget = defaultReplayBudget
		}
		out = e.Replay(req.Runs, budget)
	case "format":
		out = e.Format(req.Lang, req.Src)
	case "reset":
		e.Reset()
		out = map[string]bool{"ok": true}
	case "complete":
		out = e.Complete(req.Lang, req.Src, req.Offset)
	case "hover":
		out = e.Hover(req.Lang, req.Src, req.Offset)
	default:
		return errorJSON("unknown op %q", req.Op)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return errorJSON("cannot encode the response: %v", err)
	}
	return string(b)
}

// Memory is what the Go program holds, for tests and the page's figures
// (window.playground.memory), after a collection (so the heap is what is
// live): the heap in use, what the runtime took from
// the system (under js/wasm, the linear memory, which never shrinks), and
// the limit the collector keeps the heap under.
type Memory struct {
	HeapAlloc    uint64 `json:"heap_alloc"`
	HeapInuse    uint64 `json:"heap_inuse"`
	HeapReleased uint64 `json:"heap_released"`
	Sys          uint64 `json:"sys"`
	NumGC        uint32 `json:"num_gc"`
	Limit        int64  `json:"limit"`
}

func memory() Memory {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return Memory{HeapAlloc: m.HeapAlloc, HeapInuse: m.HeapInuse, HeapReleased: m.HeapReleased, Sys: m.Sys, NumGC: m.NumGC, Limit: debug.SetMemoryLimit(-1)}
}
