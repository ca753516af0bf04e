// Package engine is the playground's database engine as one object: give it
// a GraphQL schema (SetSchema), then query it in FQL v10 (Query) or through
// the GraphQL API the schema generates (GraphQL). Every method returns a
// plain struct that marshals to the JSON contract the page reads; none of
// them panics on any input.
//
// The work is done by the packages below it: schema (SDL -> model), store
// (buntdb documents and indexes), fql (FQL parsing and evaluation) and gql
// (the generated GraphQL API).
package engine

import (
	"fmt"
	"time"

	"github.com/faunaplay/playground/engine/diag"
	"github.com/faunaplay/playground/engine/fql/syntax"
	"github.com/faunaplay/playground/engine/fql/value"
	"github.com/faunaplay/playground/engine/fsl"
	"github.com/faunaplay/playground/engine/gql"
	"github.com/faunaplay/playground/engine/schema"
	"github.com/faunaplay/playground/engine/store"
)

// Engine holds one schema and its in-memory database.
type Engine struct {
	sdl   string
	model *schema.Model // the schema in force: base and what queries changed
	base  *schema.Model // the schema text's model
	db    *store.DB
	clock func() time.Time

	globals map[string]value.Value // FQL's global names for this schema
	api     *gql.API               // the GraphQL API the schema generates
	cursors *cursorTable
	parsed  map[string]*syntax.Program // parsed queries, by text
	shape   string                     // the fingerprint of the schema in force

	recording bool // RecordChanges was called (events.go)
}

// New returns an engine with an empty database and no schema.
func New() *Engine {
	e := &Engine{clock: time.Now, parsed: map[string]*syntax.Program{}}
	e.SetSchema("")
	return e
}

// NewWithClock is New with a clock of the caller's, so tests can fix the
// documents' ts.
func NewWithClock(clock func() time.Time) *Engine {
	e := &Engine{clock: clock, parsed: map[string]*syntax.Program{}}
	e.SetSchema("")
	return e
}

// SetSchema replaces the schema and empties the data. The id sequence starts
// again, so the same operations after it yield the same ids. A schema that
// defines the same database as the one in force (only comments or spacing
// changed) keeps the data: the report says so with DataKept. So does a
// schema with errors, which is not applied: queries still run on the
// schema in force and its data, as Fauna refuses a schema it cannot read,
// and a typo made and undone comes back to the same database.
//
// A panic while the schema is read becomes an internal_error in the
// report, and the engine keeps its previous schema and data: everything is
// built before anything is replaced.
func (e *Engine) SetSchema(sdl string) (r SchemaReport) { return e.SetSchemaAs(sdl, "") }

// parseSchema reads text as lang (schema.GraphQL or schema.FSLLang; ""
// tells them apart by the text).
func parseSchema(text, lang string) *schema.Model {
	if lang == "" {
		lang = fsl.Detect(text)
	}
	if lang == schema.FSLLang {
		return fsl.Parse(text)
	}
	m := schema.Parse(text)
	m.Language = schema.GraphQL
	return m
}

// SetSchemaAs is SetSchema with the language given: schema.GraphQL,
// schema.FSLLang, or "" to tell by the text.
func (e *Engine) SetSchemaAs(sdl, lang string) (r SchemaReport) {
	defer func() {
		if p := recover(); p != nil {
			r = SchemaReport{Collections: []CollectionReport{}, Relations: []RelationReport{}, Embedded: []EmbeddedReport{},
				Errors:   []*diag.Error{{Code: diag.InternalError, Message: fmt.Sprintf("internal error reading the schema: %v", p)}},
				DataKept: e.db != nil} // nothing was replaced, as for any schema with errors
		}
	}()
	if lang != "" && lang != schema.GraphQL && lang != schema.FSLLang {
		lang = ""
	}
	m := parseSchema(sdl, lang)
	api := gql.New(apiModel(m))
	if errs := api.Errors(); len(errs) > 0 {
		// A schema whose API cannot be generated is a schema with errors.
		m = &schema.Model{Errors: errs, Doc: m.Doc, Language: m.Language}
		api = gql.New(m)
	}
	r = newReport(m)
	r.GraphQL = api.SDL
	if len(r.Errors) > 0 && e.db != nil {
		r.DataKept = true
		return r
	}
	shape := fingerprint(r)
	if shape != "" && shape == e.shape && e.db != nil {
		// The same database: keep it, and the model and API it was made of.
		e.sdl = sdl
		r.DataKept = true
		return r
	}
	db := e.open(m)
	globals := value.Globals(m)
	old := e.db
	e.sdl, e.model, e.base, e.db, e.globals, e.api, e.shape = sdl, m, m, db, globals, api, shape
	api.Resolve = e.resolve
	e.renewCursors()
	if old != nil {
		old.Close() // nothing refers to it any more: cursors went with their table
	}
	return r
}

// apiModel is the model the GraphQL API is generated from. An FSL schema
// gets none: FSL's types (unions, Any, Number, objects without a name)
// have no faithful GraphQL type, and Fauna never generated a GraphQL API
// from FSL either; its operations say so (gql.NoAPIForFSL).
func apiModel(m *schema.Model) *schema.Model {
	if m.Language == schema.FSLLang {
		empty := schema.Parse("")
		empty.Language = schema.FSLLang
		return empty
	}
	return m
}

// schemaChanged takes in the schema a query changed (Collection.create, a
// definition's update or delete): the model, the globals and the report.
func (e *Engine) schemaChanged() *SchemaReport {
	e.model = e.db.Model()
	e.globals = value.Globals(e.model)
	r := e.Report()
	return &r
}

// Report is the report of the schema in force: the schema text's, with
// what queries have changed since (Collection.create and the like).
func (e *Engine) Report() SchemaReport {
	r := newReport(e.model)
	r.GraphQL = e.api.SDL
	return r
}

// functionOf is the user-defined function name of the schema in force.
func functionOf(e *Engine, name string) *schema.Function {
	for _, fn := range e.model.Functions {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

// Reset empties the data and keeps the schema text's model: collections
// and functions made by queries go with the data.
func (e *Engine) Reset() {
	old := e.db
	e.model = e.base
	e.globals = value.Globals(e.model)
	e.db = e.open(e.model)
	e.renewCursors()
	old.Close()
}

// renewCursors forgets every cursor but keeps counting, so a cursor made
// before is invalid_cursor after, never the name of a new one.
func (e *Engine) renewCursors() {
	c := newCursorTable()
	if e.cursors != nil {
		c.counter = e.cursors.counter
	}
	e.cursors = c
}

// Model is the current schema model (read-only).
func (e *Engine) Model() *schema.Model { return e.model }
