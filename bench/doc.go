// Package bench owns the side-by-side benchmarks of issue #9: the engine
// and SQLite in memory (modernc.org/sqlite, a pure-Go driver, imported by
// the tests only, so it never enters the wasm build) run the same
// workloads on the same data, and `make bench` prints both medians and
// their ratio. Its one non-test file holds the workloads and their data as
// texts, which browsertest's page benchmark runs too (the page against
// sql.js).
package bench
