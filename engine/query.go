package engine

import (
	"strconv"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
)

// QueryResult is what Query returns.
type QueryResult struct {
	// Data is the result in Fauna's simple JSON form.
	Data any `json:"data"`
	// Text is the result as the dashboard shell printed it, or the error
	// with its source line and caret.
	Text  string      `json:"text"`
	Stats Stats       `json:"stats"`
	Error *diag.Error `json:"error,omitempty"`
	// Hints are performance hints (full scans), as Fauna gave them.
	Hints []string `json:"hints,omitempty"`
	// Logs are what log() printed.
	Logs []string `json:"logs,omitempty"`
	// LogLines are the source lines of the kept Logs, in order; a last
	// line saying how many were dropped has none.
	LogLines []int `json:"-"`
	// Schema is the schema's new report when the query changed it
	// (Collection.create, a definition's update or delete).
	Schema *SchemaReport `json:"schema,omitempty"`
}

// Stats counts the work of one query: a document read is a read op, a
// document written a write op, a function call or element visit a compute
// op.
type Stats struct {
	ReadOps     int     `json:"read_ops"`
	WriteOps    int     `json:"write_ops"`
	ComputeOps  int     `json:"compute_ops"`
	QueryTimeMS float64 `json:"query_time_ms"`
}

// Query runs one FQL query as one transaction: on any error nothing it
// wrote stays.
func (e *Engine) Query(src string) QueryResult { return e.run(Request{Src: src}) }

// elapsedMS is the time since start in milliseconds, to the microsecond
// (a float of whole microseconds over 1000 prints as 10.799, not 10.79900001).
func elapsedMS(start time.Time) float64 {
	return float64(time.Since(start).Microseconds()) / 1000
}

// maxParsed bounds the cache of parsed queries.
const maxParsed = 256

// maxCachedText is the longest query text the cache keeps.
const maxCachedText = 64 << 10

// maxShapeBytes bounds the texts whose shapes are kept (their trees weigh
// some 45 times as much: ~23 MB).
const maxShapeBytes = 512 << 10

// shapes keeps the grammar's work on texts that differ only in their
// literals (a new value is a new text in FQL), for every engine: the tree
// depends on the text alone, not on the schema.
var shapes = syntax.NewCache(maxParsed, maxShapeBytes)

// parse parses src, reusing the program of an earlier identical query: the
// playground re-runs the same text often, and the AST is never modified.
// A new text goes through shapes.
func (e *Engine) parse(src string) (*syntax.Program, error) {
	if p, ok := e.parsed[src]; ok {
		return p, nil
	}
	p, err := shapes.Parse(src)
	if err != nil {
		return nil, err
	}
	if len(src) > maxCachedText {
		return p, nil // a long text is not kept: 256 of them would be a lot of memory
	}
	if len(e.parsed) >= maxParsed {
		clear(e.parsed)
	}
	e.parsed[src] = p
	return p, nil
}

// cursorTable keeps the sets behind pagination cursors for this schema.
// The same page of the same set gets the same cursor, so the JSON data and
// the text of one result show one `after`.
//
// A cursor keeps its set alive, and with it whatever the set holds (an
// array of a million values, a closure's variables): across queries that
// could fill the tab's memory. So each query's cursors are weighed by the
// bytes that query built (eval's count, a bound on what they can hold),
// and the oldest queries' cursors are forgotten once the table weighs more
// than maxCursorBytes (reading one then is invalid_cursor, as an expired
// cursor was in Fauna).
type cursorTable struct {
	sets    map[string]cursorEntry
	keys    map[cursorEntry]string
	counter int

	query   int              // the query running
	made    map[int][]string // the cursors each query made
	queries []int            // the queries with cursors, oldest first
	weights map[int]int
	weight  int
}

// maxCursorBytes bounds what the cursors of past queries may hold.
const maxCursorBytes = 512 << 20

// begin starts counting the cursors of a new query.
func (c *cursorTable) begin() { c.query++ }

// end weighs the query's cursors by built, the bytes it built, and forgets
// the oldest queries' cursors past maxCursorBytes (never the last query's).
func (c *cursorTable) end(built int) {
	if len(c.made[c.query]) == 0 {
		return
	}
	c.weights[c.query] = built
	c.weight += built
	c.queries = append(c.queries, c.query)
	for c.weight > maxCursorBytes && len(c.queries) > 1 {
		q := c.queries[0]
		c.queries = c.queries[1:]
		for _, key := range c.made[q] {
			if e, ok := c.sets[key]; ok {
				delete(c.keys, e)
				delete(c.sets, key)
			}
		}
		c.weight -= c.weights[q]
		delete(c.made, q)
		delete(c.weights, q)
	}
}

type cursorEntry struct {
	set          value.Set
	offset, size int
}

// maxCursors bounds the table; the oldest are forgotten first.
const maxCursors = 1000

func newCursorTable() *cursorTable {
	return &cursorTable{sets: map[string]cursorEntry{}, keys: map[cursorEntry]string{}, made: map[int][]string{}, weights: map[int]int{}}
}

func (c *cursorTable) Save(s value.Set, offset, size int) string {
	e := cursorEntry{s, offset, size}
	if key, ok := c.keys[e]; ok {
		return key
	}
	c.counter++
	key := "c" + strconv.Itoa(c.counter)
	c.sets[key] = e
	c.keys[e] = key
	c.made[c.query] = append(c.made[c.query], key)
	old := "c" + strconv.Itoa(c.counter-maxCursors)
	if oe, ok := c.sets[old]; ok {
		delete(c.keys, oe)
		delete(c.sets, old)
	}
	return key
}

func (c *cursorTable) Load(key string) (value.Set, int, int, bool) {
	e, ok := c.sets[key]
	return e.set, e.offset, e.size, ok
}

// resultPos is where the query's result comes from: its last statement.
func resultPos(p *syntax.Program) diag.Pos {
	last := p.Stmts[len(p.Stmts)-1]
	if x, ok := last.(syntax.Expr); ok {
		return syntax.Start(x)
	}
	return last.Position()
}
