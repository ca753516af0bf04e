package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

// One address serves the page's files and Fauna's HTTP API, over HTTP/1.1
// and cleartext HTTP/2 (fauna-js's Node client speaks HTTP/2 to http://),
// and the secret guards the API, not the page.
func TestRoutesServeThePageAndTheAPI(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>page"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := engine.New()
	e.SetSchema("type User { name: String! }")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, l := newServer(ln, routes(dir, e, "s3cret"), 16)
	go srv.Serve(l)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	var only2 http.Protocols
	only2.SetUnencryptedHTTP2(true)
	h2c := &http.Client{Transport: &http.Transport{Protocols: &only2}}
	for _, c := range []struct {
		name   string
		client *http.Client
		proto  string
	}{{"HTTP/1.1", http.DefaultClient, "HTTP/1.1"}, {"h2c", h2c, "HTTP/2.0"}} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", base+"/query/1", strings.NewReader(`{"query": "User.create({ name: \"Ann\" }).name"}`))
			req.Header.Set("Authorization", "Bearer s3cret")
			resp, err := c.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Proto != c.proto || !strings.Contains(string(body), `"data":"Ann"`) {
				t.Errorf("query: %d %s %s", resp.StatusCode, resp.Proto, body)
			}
			req, _ = http.NewRequest("POST", base+"/query/1", strings.NewReader(`{"query": "1"}`))
			resp, err = c.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 401 {
				t.Errorf("without the secret: %d, want 401", resp.StatusCode)
			}
			resp, err = c.client.Get(base + "/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), "page") {
				t.Errorf("the page: %d %s", resp.StatusCode, body)
			}
		})
	}
}
