// The service worker: keeps the page's files so the playground works
// offline once loaded. Network first (a new build is picked up at once),
// the cache when offline.
const CACHE = "playground-v1";

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(["./", "index.html", "boot.js", "app.js", "worker.js", "style.css", "wasm_exec.js", "engine.wasm", "favicon.svg", "diagram-layout.js", "elk-worker.min.js", ...__CHUNKS__])).catch(() => {}));
  self.skipWaiting();
});

self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET" || new URL(e.request.url).origin !== location.origin) return;
  e.respondWith(fetch(e.request).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      caches.open(CACHE).then((c) => c.put(e.request, copy));
    }
    return res;
  }).catch(() => caches.match(e.request, { ignoreSearch: true })));
});
