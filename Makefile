# The two commands a new machine needs: `make serve` and `make test`.
SHELL  := /bin/bash
GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
OUT     := build/playground
WASMEXEC := $(firstword $(wildcard $(GOROOT)/lib/wasm/wasm_exec.js $(GOROOT)/misc/wasm/wasm_exec.js))
WASMRUN  := $(dir $(firstword $(wildcard $(GOROOT)/lib/wasm/go_js_wasm_exec $(GOROOT)/misc/wasm/go_js_wasm_exec)))
ADDR    ?= 127.0.0.1:8080

.PHONY: all build serve test test-go test-wasm test-browser bench fuzz clean

all: build

# build: the engine as wasm, Go's wasm_exec.js, the page bundle, and
# precompressed .br/.gz siblings, all in build/playground.
build:
	mkdir -p $(OUT)
	cd playground && npm ci --no-audit --no-fund --loglevel=error && node build.mjs ../$(OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(OUT)/engine.wasm ./cmd/wasm
	cp $(WASMEXEC) $(OUT)/wasm_exec.js
	$(GO) run ./cmd/precompress -dir $(OUT)

serve: build
	$(GO) run ./cmd/serve -addr $(ADDR) -dir $(OUT)

test: build test-go test-wasm test-browser

test-go:
	$(GO) vet ./...
	$(GO) test ./...
	# every benchmark once, so their setups cannot rot unnoticed (no timing)
	$(GO) test -run '^$$' -bench . -benchtime 1x ./engine/...

# The engine's tests again, compiled to wasm and run by Node through Go's
# go_js_wasm_exec: what the browser runs is what is tested.
# Memory profiling is off under wasm, as in the page's build (the linker
# drops it there): the js/wasm traceback it samples with once failed on
# gqlparser's frames ("invalid runtime symbol table").
test-wasm:
	PATH="$(WASMRUN):$$PATH" GODEBUG=memprofilerate=0 GOOS=js GOARCH=wasm $(GO) test ./engine/...

test-browser:
	PLAYGROUND_DIR=$(CURDIR)/$(OUT) $(GO) test -count=1 -tags browser ./browsertest/ -v -run . 2>&1 | tee build/browsertest.log | grep -E '(^=== RUN|^--- |^PASS|^FAIL|^ok|FIGURE|_test.go:)' ; exit $${PIPESTATUS[0]}

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...

# fuzz runs each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./engine/schema
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./engine/fql/syntax
	$(GO) test -run '^$$' -fuzz FuzzQuery -fuzztime $(FUZZTIME) ./engine
	$(GO) test -run '^$$' -fuzz FuzzGraphQL -fuzztime $(FUZZTIME) ./engine

clean:
	rm -rf build playground/node_modules
