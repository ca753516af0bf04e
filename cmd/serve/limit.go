package main

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// limitListener accepts at most max connections at once, so a flood cannot
// take the process's file descriptors (191 idle keep-alive connections
// made the server refuse everyone). When it is full, a new connection
// closes, to make room, the connection silent the longest (idle between
// requests, or opened and silent), else the one that has been sending its
// request's headers for more than slowHeaders (a slowloris: a browser's
// headers come in one packet); only when every connection is being served
// does it wait for one to end.
type limitListener struct {
	net.Listener
	slots chan struct{}

	mu    sync.Mutex
	conns map[*limitedConn]struct{}
}

// slowHeaders is how long a request's headers may take before, when the
// server is full, its connection may be closed for another.
const slowHeaders = time.Second

type connPhase int

const (
	silent   connPhase = iota // opened, or between requests
	headers                   // a request is arriving
	handling                  // the handler runs
)

func newLimitListener(l net.Listener, max int) *limitListener {
	return &limitListener{Listener: l, slots: make(chan struct{}, max), conns: map[*limitedConn]struct{}{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	// The slot is taken once a connection has come, so only those that
	// came before it are closed to make room for it.
	for {
		select {
		case l.slots <- struct{}{}:
			return l.track(c), nil
		default:
		}
		if l.closeOne() {
			continue
		}
		// Everyone is being served: wait for a slot, looking again now
		// and then (a request may become slow meanwhile).
		select {
		case l.slots <- struct{}{}:
			return l.track(c), nil
		case <-time.After(slowHeaders / 4):
		}
	}
}

func (l *limitListener) track(c net.Conn) *limitedConn {
	lc := &limitedConn{Conn: c, l: l, since: time.Now()}
	l.mu.Lock()
	l.conns[lc] = struct{}{}
	l.mu.Unlock()
	return lc
}

// closeOne closes the connection silent the longest, else the slowest
// sender of headers past slowHeaders; false if there is neither.
func (l *limitListener) closeOne() bool {
	l.mu.Lock()
	var pick *limitedConn
	for c := range l.conns {
		switch {
		case c.phase == silent && (pick == nil || pick.phase != silent || c.since.Before(pick.since)):
			pick = c
		case c.phase == headers && time.Since(c.since) > slowHeaders && (pick == nil || pick.phase == headers && c.since.Before(pick.since)):
			pick = c
		}
	}
	l.mu.Unlock()
	if pick == nil {
		return false
	}
	pick.Close()
	return true
}

func (l *limitListener) set(c *limitedConn, from []connPhase, to connPhase) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range from {
		if c.phase == f {
			c.phase, c.since = to, time.Now()
			return
		}
	}
}

// connState is the http.Server's ConnState hook: a connection back
// between requests is silent again.
func (l *limitListener) connState(c net.Conn, s http.ConnState) {
	if lc, ok := c.(*limitedConn); ok && s == http.StateIdle {
		l.set(lc, []connPhase{headers, handling}, silent)
	}
}

type connKey struct{}

// connContext is the http.Server's ConnContext hook: handlers find their
// connection, to mark it as being served.
func connContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// serving marks the request's connection as being served: its headers
// are all in, and it is not to be closed for another.
func (l *limitListener) serving(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if lc, ok := r.Context().Value(connKey{}).(*limitedConn); ok {
			l.set(lc, []connPhase{silent, headers}, handling)
		}
		h.ServeHTTP(w, r)
	})
}

type limitedConn struct {
	net.Conn
	l     *limitListener
	once  sync.Once
	phase connPhase // under l.mu
	since time.Time // when phase began, under l.mu
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		c.l.mu.Unlock()
		<-c.l.slots
	})
	return err
}

// Read marks a silent connection as sending a request once bytes come.
func (c *limitedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.l.set(c, []connPhase{silent}, headers)
	}
	return n, err
}
