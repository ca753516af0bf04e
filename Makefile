# The two commands a new machine needs: `make serve` and `make test`.
SHELL  := /bin/bash
GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
OUT     := build/playground
WASMEXEC := $(firstword $(wildcard $(GOROOT)/lib/wasm/wasm_exec.js $(GOROOT)/misc/wasm/wasm_exec.js))
WASMRUN  := $(dir $(firstword $(wildcard $(GOROOT)/lib/wasm/go_js_wasm_exec $(GOROOT)/misc/wasm/go_js_wasm_exec)))
ADDR    ?= 127.0.0.1:8080

.PHONY: all build serve test test-go test-wasm test-node test-browser bench bench-engine bench-page fuzz clean

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

test: build test-go test-wasm test-node test-browser

test-go:
	$(GO) vet ./...
	$(GO) test ./...
	# every benchmark once, so their setups cannot rot unnoticed (no timing)
	$(GO) test -run '^$$' -bench . -benchtime 1x ./engine/...

# The engine's tests again, compiled to wasm and run by Node through Go's
# go_js_wasm_exec: what the browser runs is what is tested.
# -timeout 30m: on a busy machine the engine package alone ran 606-611 s
# under wasm, past go test's default 10 minutes (so did the browser tests).
# Memory profiling is off under wasm, as in the page's build (the linker
# drops it there): the js/wasm traceback it samples with once failed on
# gqlparser's frames ("invalid runtime symbol table").
test-wasm:
	PATH="$(WASMRUN):$$PATH" GODEBUG=memprofilerate=0 GOOS=js GOARCH=wasm $(GO) test -timeout 30m ./engine/...

# The generated GraphQL API read by graphql-js (buildClientSchema,
# validateSchema, validate), the engine run from build/ by Node; and the
# seed app's queries through npm `fauna` against cmd/serve, which that test
# builds into a temporary folder itself.
test-node:
	cd playground && PLAYGROUND_DIR=$(CURDIR)/$(OUT) node --test test/

test-browser:
	PLAYGROUND_DIR=$(CURDIR)/$(OUT) $(GO) test -count=1 -timeout 30m -tags browser ./browsertest/ -v -run . 2>&1 | tee build/browsertest.log | grep -E '(^=== RUN|^--- |^PASS|^FAIL|^ok|FIGURE|_test.go:)' ; exit $${PIPESTATUS[0]}

# bench: the workloads of issue #9 on the engine and on SQLite in memory
# (modernc.org/sqlite, test-only), interleaved, several rounds; prints the
# table of CPU-time medians and ratios. BENCHFLAGS passes more, e.g.
# BENCHFLAGS='-rounds 3 -only count'. bench-engine: the engine's own.
BENCHFLAGS ?=
bench:
	$(GO) test -count=1 -run '^TestCompare$$' -timeout 60m ./bench -compare $(BENCHFLAGS) -v | grep -v -E '^(=== RUN|--- PASS|PASS|ok )'

bench-engine:
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...

# bench-page: the same workloads in the page (window.playground.query)
# and in sql.js in another tab of the same headless Chromium, at the
# issue's sizes; prints the table of medians and ratios, the load's times
# and the engine's memory. PAGEBENCH_ROUNDS=5 for more rounds (default 3).
# (make test runs the same test on small data: the answers compared.)
bench-page: build
	PAGEBENCH=1 PLAYGROUND_DIR=$(CURDIR)/$(OUT) $(GO) test -count=1 -timeout 90m -tags browser ./browsertest/ -run '^TestPageBench$$' -v | grep -v -E '^(=== RUN|--- PASS|PASS|ok )'

# fuzz runs every fuzz target for FUZZTIME (default 30s) each, one worker
# (-parallel 1) with its heap held near FUZZMEM (GOMEMLIMIT), so a run
# cannot take the machine's memory. FUZZ_TARGETS lists them, package:Func;
# a target whose package is not in this tree is skipped with a word, and a
# Fuzz function in the tree that the list misses fails the run.
FUZZTIME ?= 30s
FUZZMEM  ?= 1GiB
FUZZ_TARGETS := engine/schema:FuzzParse engine/fsl:FuzzParse engine/fql/syntax:FuzzParse \
	engine:FuzzQuery engine:FuzzGraphQL engine:FuzzSetSchema \
	engine/complete:FuzzComplete engine/complete:FuzzCompleteFSL engine/fql/format:FuzzFormat \
	httpapi:FuzzQueryEndpoint
fuzz:
	@missing=$$(grep -rl --include='*_test.go' '^func Fuzz' engine cmd httpapi 2>/dev/null | while read f; do \
		for fn in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			case " $(FUZZ_TARGETS) " in *" $$(dirname $$f):$$fn "*) ;; *) echo "$$(dirname $$f):$$fn";; esac; \
		done; done); \
	if [ -n "$$missing" ]; then echo "fuzz targets missing from FUZZ_TARGETS in the Makefile: $$missing"; exit 1; fi
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=./$${t%%:*}; fn=$${t##*:}; \
		if [ ! -d $$pkg ]; then echo "fuzz: no $$pkg in this tree, $$fn skipped"; continue; fi; \
		echo "fuzz: $$fn in $$pkg for $(FUZZTIME)"; \
		GOMEMLIMIT=$(FUZZMEM) $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -parallel 1 $$pkg; \
	done

clean:
	rm -rf build playground/node_modules
