//go:build js && wasm

package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/engine/fql/syntax"
)

// crashRequest makes the Go program exit as a fatal error (out of memory,
// stack overflow) would, so that browsertest can check that the page
// restarts the engine and replays its state. Nothing else sends it.
const crashRequest = `{"op":"crash"}`

// memoryLimit is the heap size past which the collector works harder
// rather than let the heap grow (debug.SetMemoryLimit). Under js/wasm the
// linear memory the runtime takes never goes back to the browser, and by
// default (GOGC=100) the heap grows to twice what is live before a
// collection: a 700 MB live heap would take 1.4 GB, near where a tab's
// wasm32 memory (4 GiB at most) fails. 1 GiB is above what the engine lets
// itself hold (cursors 512 MiB, decoded documents 64 MiB of JSON, and the
// data), so the limit never makes the collector run without end on a heap
// it allows (at 256 MiB, TestBigCursorsDoNotFillMemory's 500 MB of cursors
// ran past the 10 s limit); it only stops the doubling. What a bulk load
// leaves goes back when the data is emptied: Reset data then starts a
// fresh worker (app.js, releaseMemory).
const memoryLimit = 1 << 30

// main registers playgroundEngine(requestJSON) -> responseJSON for the
// worker and keeps the program alive.
func main() {
	debug.SetMemoryLimit(memoryLimit)
	e := engine.New()
	js.Global().Set("playgroundEngine", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return errorJSON("playgroundEngine takes one JSON string")
		}
		req := args[0].String()
		if req == crashRequest {
			fmt.Fprintln(os.Stderr, "fatal error: crash requested (test)")
			os.Exit(2)
		}
		return Dispatch(e, req)
	}))
	js.Global().Call("postMessage", map[string]any{"ready": true})
	// The FQL grammar is built in the first idle moment (a timer runs from
	// a task of the worker's own), while the page readies its first
	// request, not before "ready" as package init did.
	time.AfterFunc(0, syntax.Prepare)
	select {}
}
