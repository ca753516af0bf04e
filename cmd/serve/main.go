// Command serve serves the built playground (the folder `make build`
// writes): the page, its bundle, the engine's wasm; and, on the same
// address, Fauna's HTTP API over one engine of its own (package httpapi),
// so that the official drivers and apps run against it. It serves nothing
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

	"github.com/faunaplay/playground/engine"
	"github.com/faunaplay/playground/httpapi"
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
	secret := flag.String("secret", "", "a secret Fauna's HTTP API requires as `Authorization: Bearer <secret>` (none: any)")
	schemaFile := flag.String("schema", "", "a schema file, GraphQL SDL or FSL (told by its text), the HTTP API's database starts with")
	link := flag.String("link", "", "a playground share link (…#s=…) whose schema and data the HTTP API's database starts with")
	flag.Parse()
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		log.Fatalf("no %s/index.html: run `make build` first", *dir)
	}
	eng, notes, err := newEngine(*schemaFile, *link)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("the HTTP API's database: %s", linkNote(notes))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv, l := newServer(ln, routes(*dir, eng, *secret), *maxConns)
	log.Printf("serving %s on http://%s (and Fauna's HTTP API: POST /query/1)", *dir, displayAddr(ln.Addr().String()))
	log.Fatal(srv.Serve(l))
}

// routes serves Fauna's HTTP API at its paths and the playground's files
// everywhere else.
func routes(dir string, eng *engine.Engine, secret string) http.Handler {
	api := httpapi.New(eng, httpapi.Options{Secret: secret})
	mux := http.NewServeMux()
	for _, p := range httpapi.Paths {
		mux.Handle(p, api)
	}
	mux.Handle("/", Handler(dir))
	return mux
}

// newServer wraps ln in the connection limit and makes the server with its
// timeouts.
func newServer(ln net.Listener, h http.Handler, maxConns int) (*http.Server, net.Listener) {
	l := newLimitListener(ln, maxConns)
	// HTTP/1.1 and cleartext HTTP/2 on one port: fauna-js's Node client
	// speaks HTTP/2 to an http:// endpoint.
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	return &http.Server{
		Protocols:         &protocols,
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
