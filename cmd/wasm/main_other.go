//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when built for the host: the real entry point is in
// main.go, for GOOS=js GOARCH=wasm.
func main() {
	fmt.Fprintln(os.Stderr, "cmd/wasm is the engine for the browser: build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
