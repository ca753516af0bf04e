//go:build js && wasm

package main

import (
	"fmt"
	"os"
	"syscall/js"

	"github.com/faunaplay/playground/engine"
)

// crashRequest makes the Go program exit as a fatal error (out of memory,
// stack overflow) would, so that browsertest can check that the page
// restarts the engine and replays its state. Nothing else sends it.
const crashRequest = `{"op":"crash"}`

// main registers playgroundEngine(requestJSON) -> responseJSON for the
// worker and keeps the program alive.
func main() {
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
