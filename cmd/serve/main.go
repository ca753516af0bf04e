// Command serve serves the built playground (the folder `make build`
// writes): the page, its bundle, the engine's wasm. It serves nothing
// outside that folder, prefers the precompressed .br/.gz siblings the build
// made, and sets the page's Content-Security-Policy and cache headers.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	dir := flag.String("dir", "build/playground", "the built playground folder")
	flag.Parse()
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		log.Fatalf("no %s/index.html: run `make build` first", *dir)
	}
	srv := &http.Server{Addr: *addr, Handler: Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	log.Printf("serving %s on http://%s", *dir, displayAddr(*addr))
	log.Fatal(srv.ListenAndServe())
}

func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return "localhost" + addr
	}
	return addr
}
