package main

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// CSP lets the page run its own scripts and the engine's wasm, and nothing
// else: no inline script, no other origin.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

func init() {
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".mjs", "text/javascript")
}

// Handler serves the files of dir.
func Handler(dir string) http.Handler {
	root, _ := filepath.Abs(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if name == "/" {
			name = "/index.html"
		}
		file := filepath.Join(root, filepath.FromSlash(name))
		if !strings.HasPrefix(file, root+string(filepath.Separator)) {
			http.NotFound(w, r)
			return
		}
		info, err := os.Stat(file)
		if err != nil || info.IsDir() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if ct := mime.TypeByExtension(filepath.Ext(file)); ct != "" {
			h.Set("Content-Type", ct)
		}
		// The page and the worker's entry change with each build; the
		// rest is revalidated cheaply by its ETag-like modification time.
		h.Set("Cache-Control", "no-cache")
		h.Add("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !acceptsEncoding(accept, enc.token) {
				continue
			}
			if zi, err := os.Stat(file + enc.ext); err == nil && !zi.IsDir() {
				h.Set("Content-Encoding", enc.token)
				http.ServeFile(w, r, file+enc.ext)
				return
			}
		}
		http.ServeFile(w, r, file)
	})
}

func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(fields[0]), token) {
			for _, f := range fields[1:] {
				if strings.ReplaceAll(strings.TrimSpace(f), " ", "") == "q=0" {
					return false
				}
			}
			return true
		}
	}
	return false
}
