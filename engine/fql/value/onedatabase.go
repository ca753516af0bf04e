package value

import "github.com/faunaplay/playground/engine/diag"

// The playground is one database that every request may use whole: Fauna's
// modules for child databases and for access (keys, roles, access
// providers, credentials, tokens) have nothing to act on. They are still
// names FQL knows, so an app's query that uses one (a login through
// Credential, a Key.create in a setup script) is told why it cannot run
// here, at the call, instead of "unknown variable".
//
// The error is invalid_request (HTTP 400): fauna-js throws
// InvalidRequestError and fauna-go returns ErrInvalidRequest, neither
// retries it, and neither suggests the query's text is wrong (invalid_query
// is QueryCheckError) or that another secret would do (forbidden is
// AuthorizationError, and no secret here could).
var oneDatabaseModules = map[string][]string{
	"Database":       {"all", "byName", "create", "where", "firstWhere"},
	"Key":            {"all", "byId", "create", "where", "firstWhere"},
	"Role":           {"all", "byName", "create", "where", "firstWhere"},
	"AccessProvider": {"all", "byName", "create", "where", "firstWhere"},
	"Credential":     {"all", "byId", "byDocument", "create", "where", "firstWhere"},
	"Credentials":    {"all", "byId", "byDocument", "create", "where", "firstWhere"},
	"Token":          {"all", "byId", "byDocument", "create", "where", "firstWhere"},
}

// oneDatabaseNote is the reason every one of those calls gives.
const oneDatabaseNote = "the playground serves one database, with no child databases, keys, roles, access providers, credentials or tokens: every request has the whole database"

// addOneDatabaseModules puts those modules among the globals.
func addOneDatabaseModules(g map[string]Value) {
	for name, methods := range oneDatabaseModules {
		m := &Module{Name: name, Methods: map[string]method{}}
		for _, meth := range methods {
			call := name + "." + meth
			m.Methods[meth] = method{0, -1, func(ctx Context, _ Value, _ []Value) (Value, error) {
				return nil, diag.Errorf(diag.InvalidRequest, ctx.Pos(), "`%s` is not available here: %s", call, oneDatabaseNote)
			}}
		}
		g[name] = m
	}
}

func init() {
	// Hover and completion document them as they document every global.
	for name := range oneDatabaseModules {
		globalDocs[name] = doc{name, "Not in the playground: " + oneDatabaseNote + "."}
	}
}
