package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "<!doctype html>page")
	write("engine.wasm", "raw-wasm")
	write("engine.wasm.br", "brotli-wasm")
	write("engine.wasm.gz", "gzip-wasm")
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	h := Handler(dir)
	cases := []struct {
		name, method, path, accept string
		status                     int
		body, encoding, ctype      string
	}{
		{"index", "GET", "/", "", 200, "<!doctype html>page", "", "text/html; charset=utf-8"},
		{"wasm raw", "GET", "/engine.wasm", "", 200, "raw-wasm", "", "application/wasm"},
		{"wasm brotli", "GET", "/engine.wasm", "gzip, br", 200, "brotli-wasm", "br", "application/wasm"},
		{"wasm gzip", "GET", "/engine.wasm", "gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"br refused", "GET", "/engine.wasm", "br;q=0, gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"traversal", "GET", "/../secret.txt", "", 404, "", "", ""},
		{"encoded traversal", "GET", "/%2e%2e/secret.txt", "", 404, "", "", ""},
		{"missing", "GET", "/nope.js", "", 404, "", "", ""},
		{"post", "POST", "/", "", 405, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(c.method, "http://x"+c.path, nil)
			if c.accept != "" {
				req.Header.Set("Accept-Encoding", c.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d", rec.Code, c.status)
			}
			if c.status != 200 {
				return
			}
			if rec.Body.String() != c.body {
				t.Errorf("body %q, want %q", rec.Body.String(), c.body)
			}
			if got := rec.Header().Get("Content-Encoding"); got != c.encoding {
				t.Errorf("encoding %q, want %q", got, c.encoding)
			}
			if got := rec.Header().Get("Content-Type"); got != c.ctype {
				t.Errorf("content type %q, want %q", got, c.ctype)
			}
			if rec.Header().Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy")
			}
		})
	}
	_ = http.StatusOK
}
