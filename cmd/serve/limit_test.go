package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveLimited runs the server of newServer on a loopback port with room
// for max connections; headerTimeout replaces ReadHeaderTimeout, so slow
// clients are cut soon.
func serveLimited(t *testing.T, max int, headerTimeout time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, l := newServer(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }), max)
	srv.ReadHeaderTimeout = headerTimeout
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// dial opens n connections that send start, then nothing.
func dial(t *testing.T, addr string, n int, start string) []net.Conn {
	t.Helper()
	var conns []net.Conn
	for range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		io.WriteString(c, start)
		conns = append(conns, c)
	}
	return conns
}

func get(t *testing.T, addr string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second)) // a bound for a broken test, not a measure
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// With every slot taken by connections that send nothing, a request is
// still served: the oldest idle one is closed for it.
func TestIdleConnectionsMakeRoom(t *testing.T) {
	addr := serveLimited(t, 3, time.Minute)
	idle := dial(t, addr, 3, "")
	for i := range 5 {
		if got := get(t, addr); got != "ok" {
			t.Fatalf("request %d: %q", i, got)
		}
	}
	// The first idle connection was closed by the server.
	idle[0].SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := idle[0].Read(make([]byte, 1)); err == nil {
		t.Error("the oldest idle connection is still open")
	}
}

// Connections sending their headers slowly are busy, not idle: they keep
// their slots until ReadHeaderTimeout cuts them, then the waiting request
// is served.
func TestSlowConnectionsAreCut(t *testing.T) {
	addr := serveLimited(t, 2, 200*time.Millisecond)
	slow := dial(t, addr, 2, "GET / HTTP/1.1\r\nHost: x\r\n") // and never the end
	if got := get(t, addr); got != "ok" {
		t.Fatalf("request: %q", got)
	}
	for i, c := range slow {
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		b, _ := io.ReadAll(c)
		if strings.Contains(string(b), "200 OK") {
			t.Errorf("slow connection %d was answered: %q", i, b)
		}
	}
}

func TestServerDefaults(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv, l := newServer(ln, http.NotFoundHandler(), 10)
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.ConnState == nil {
		t.Errorf("a timeout or the ConnState hook is unset: %+v", srv)
	}
	if _, ok := l.(*limitListener); !ok {
		t.Errorf("listener %T is not limited", l)
	}
	host, _, _ := net.SplitHostPort(defaultAddr)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("the default address %s is not loopback", defaultAddr)
	}
}
