//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/faunaplay/playground/engine"
)

// main registers playgroundEngine(requestJSON) -> responseJSON for the
// worker and keeps the program alive.
func main() {
	e := engine.New()
	js.Global().Set("playgroundEngine", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return errorJSON("playgroundEngine takes one JSON string")
		}
		return Dispatch(e, args[0].String())
	}))
	js.Global().Call("postMessage", map[string]any{"ready": true})
	select {}
}
