package main

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
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

// Handler serves the files of dir, and nothing outside it: files are opened
// through an os.Root, so neither `..` nor a symbolic link leads out (a link
// to /etc served /etc/passwd before). Every response, errors included,
// carries the security headers.
func Handler(dir string) http.Handler {
	root, rootErr := os.OpenRoot(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// The page opens no other origin's window and is embedded by none.
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if rootErr != nil {
			http.NotFound(w, r)
			return
		}
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if name == "/" {
			name = "/index.html"
		}
		name = strings.TrimPrefix(name, "/")
		f, info, ok := open(root, name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		defer func() { f.Close() }()
		if ct := mime.TypeByExtension(filepath.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
		// The page and the worker's entry change with each build; the
		// rest is revalidated cheaply by its modification time.
		h.Set("Cache-Control", "no-cache")
		h.Add("Vary", "Accept-Encoding")
		if enc := chooseEncoding(r.Header.Get("Accept-Encoding"), func(ext string) bool {
			zf, _, ok := open(root, name+ext)
			if ok {
				zf.Close()
			}
			return ok
		}); enc.token != "" {
			zf, zinfo, _ := open(root, name+enc.ext)
			if zf != nil {
				f.Close()
				f, info = zf, zinfo
				h.Set("Content-Encoding", enc.token)
			}
		}
		http.ServeContent(w, r, name, info.ModTime(), f)
	})
}

// open opens a regular file of root; ok is false for anything else (a
// folder, a missing file, a link out of root).
func open(root *os.Root, name string) (*os.File, os.FileInfo, bool) {
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, nil, false
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, false
	}
	return f, info, true
}

type encoding struct{ token, ext string }

// encodings are the precompressed siblings the build writes, preferred in
// this order when the client weighs them alike.
var encodings = []encoding{{"br", ".br"}, {"gzip", ".gz"}}

// chooseEncoding picks the encoding the client weighs highest (RFC 9110
// §12.5.3: q=0 is "not acceptable", `*` stands for any encoding not
// listed) among those whose file exists; none, the file as it is.
func chooseEncoding(header string, exists func(ext string) bool) encoding {
	weights := map[string]float64{}
	star := -1.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		token := strings.ToLower(strings.TrimSpace(fields[0]))
		if token == "" {
			continue
		}
		q := 1.0
		for _, f := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if p, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && p >= 0 && p <= 1 {
					q = p
				} else {
					q = 0 // a malformed weight accepts nothing
				}
			}
		}
		if token == "*" {
			star = q
		} else {
			weights[token] = q
		}
	}
	best, bestQ := encoding{}, 0.0
	for _, enc := range encodings {
		q, listed := weights[enc.token]
		if !listed {
			q = max(star, 0)
		}
		if q > bestQ && exists(enc.ext) {
			best, bestQ = enc, q
		}
	}
	return best
}
