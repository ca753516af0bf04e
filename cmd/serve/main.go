// Command serve serves the built playground (the folder `make build`
// writes): the page, its bundle, the engine's wasm. It serves nothing
// outside that folder (symbolic links included), prefers the precompressed
// .br/.gz siblings the build made, and sets the page's
// Content-Security-Policy and cache headers. It listens on loopback unless
// told otherwise, bounds its connections and how long each may take.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

// Timeouts: a request's headers must arrive within ReadHeaderTimeout and
// the whole request within ReadTimeout (slowloris), a response be written
// within WriteTimeout (the 4 MB wasm over a slow link), and a keep-alive
// connection between requests is closed after IdleTimeout.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 30 * time.Second
	maxHeaderBytes    = 64 << 10
)

// defaultAddr is loopback: the playground is for the person at the machine.
const defaultAddr = "127.0.0.1:8080"

func main() {
	addr := flag.String("addr", defaultAddr, "address to listen on (\":8080\" for every interface)")
	dir := flag.String("dir", "build/playground", "the built playground folder")
	maxConns := flag.Int("maxconns", 256, "connections served at once (the idle ones are closed first)")
	flag.Parse()
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		log.Fatalf("no %s/index.html: run `make build` first", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv, l := newServer(ln, Handler(*dir), *maxConns)
	log.Printf("serving %s on http://%s", *dir, displayAddr(ln.Addr().String()))
	log.Fatal(srv.Serve(l))
}

// newServer wraps ln in the connection limit and makes the server with its
// timeouts.
func newServer(ln net.Listener, h http.Handler, maxConns int) (*http.Server, net.Listener) {
	l := newLimitListener(ln, maxConns)
	return &http.Server{
		Handler:           l.serving(h),
		ConnContext:       connContext,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ConnState:         l.connState,
	}, l
}

func displayAddr(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && (host == "" || host == "::" || host == "0.0.0.0") {
		return "localhost:" + port
	}
	return addr
}
