//go:build js && wasm

package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"syscall/js"

	"github.com/faunaplay/playground/engine"
)

// crashRequest makes the Go program exit as a fatal error (out of memory,
// stack overflow) would, so that browsertest can check that the page
// restarts the engine and replays its state. Nothing else sends it.
const crashRequest = `{"op":"crash"}`

// main registers playgroundEngine(requestJSON) -> responseJSON for the
// worker and keeps the program alive.
// memoryLimit is the heap size past which the collector works harder
// rather than let the heap grow (debug.SetMemoryLimit). Under js/wasm the
// linear memory the runtime takes never goes back to the browser, so the
// heap's peak is what the tab keeps: by default (GOGC=100) a bulk load's
// garbage takes it to twice what is live. 256 MiB holds 100,000 small
// documents live (about 160 MB) with room for a query's garbage; past it
// the limit is soft (the collector takes at most half the time), so
// larger data is slower, never refused. Reset data gives the memory back
// (the page then starts a fresh worker).
const memoryLimit = 256 << 20

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
	select {}
}
