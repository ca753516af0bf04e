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
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"etc":        outside,                              // a folder out of dir
		"leak.txt":   filepath.Join(outside, "secret.txt"), // a file out of dir
		"up.txt":     "../" + filepath.Base(outside) + "/secret.txt",
		"alias.wasm": "engine.wasm", // inside dir: served
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	h := Handler(dir)
	cases := []struct {
		name, method, path, accept string
		status                     int
		body, encoding, ctype      string
	}{
		{"index", "GET", "/", "", 200, "<!doctype html>page", "", "text/html; charset=utf-8"},
		{"index by name", "GET", "/index.html", "", 200, "<!doctype html>page", "", "text/html; charset=utf-8"},
		{"wasm raw", "GET", "/engine.wasm", "", 200, "raw-wasm", "", "application/wasm"},
		{"wasm brotli", "GET", "/engine.wasm", "gzip, br", 200, "brotli-wasm", "br", "application/wasm"},
		{"wasm gzip", "GET", "/engine.wasm", "gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"br refused", "GET", "/engine.wasm", "br;q=0, gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"br refused as q=0.0", "GET", "/engine.wasm", "br;q=0.0, gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"br refused as Q=0.000", "GET", "/engine.wasm", "gzip, br ; Q=0.000", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"gzip weighed higher", "GET", "/engine.wasm", "br;q=0.5, gzip;q=0.8", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"both refused", "GET", "/engine.wasm", "br;q=0, gzip;q=0", 200, "raw-wasm", "", "application/wasm"},
		{"any", "GET", "/engine.wasm", "*", 200, "brotli-wasm", "br", "application/wasm"},
		{"any but br", "GET", "/engine.wasm", "br;q=0, *", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"nothing but identity", "GET", "/engine.wasm", "*;q=0, identity", 200, "raw-wasm", "", "application/wasm"},
		{"malformed weight", "GET", "/engine.wasm", "br;q=high, gzip", 200, "gzip-wasm", "gzip", "application/wasm"},
		{"link inside dir", "GET", "/alias.wasm", "", 200, "raw-wasm", "", "application/wasm"},
		{"link to a folder outside", "GET", "/etc/secret.txt", "", 404, "", "", ""},
		{"link to a file outside", "GET", "/leak.txt", "", 404, "", "", ""},
		{"relative link outside", "GET", "/up.txt", "", 404, "", "", ""},
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
			// Every response, errors included, carries these.
			for k, want := range map[string]string{
				"Content-Security-Policy":      CSP,
				"X-Content-Type-Options":       "nosniff",
				"Cross-Origin-Opener-Policy":   "same-origin",
				"Cross-Origin-Resource-Policy": "same-origin",
			} {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
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
		})
	}
}

// A folder that cannot be opened serves 404s, with the headers.
func TestHandlerWithoutFolder(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler(filepath.Join(t.TempDir(), "none")).ServeHTTP(rec, httptest.NewRequest("GET", "http://x/", nil))
	if rec.Code != http.StatusNotFound || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("status %d, headers %v", rec.Code, rec.Header())
	}
}
