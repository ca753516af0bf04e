package engine

import (
	"fmt"
	"time"

	"github.com/faunaplay/playground/engine/gql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// GraphQLResult is the standard GraphQL response:
// {"data": …, "errors": [{"message", "locations", "path"}]}.
type GraphQLResult = gql.Result

// GraphQL runs one operation of the API the schema generates, as one
// transaction: on any error nothing it wrote stays.
func (e *Engine) GraphQL(query string, variables map[string]any) GraphQLResult {
	return e.GraphQLOp(query, "", variables)
}

// GraphQLOp is GraphQL running the operation named operationName of a
// document that holds several ("" for the only one).
func (e *Engine) GraphQLOp(query, operationName string, variables map[string]any) (res GraphQLResult) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			res = GraphQLResult{Errors: gqlerror.List{{Message: fmt.Sprintf("internal error: %v", r)}}}
		}
		if res.Extensions == nil {
			res.Extensions = &gql.Extensions{}
		}
		res.Extensions.Stats.QueryTimeMS = elapsedMS(start)
	}()
	return e.api.ExecuteOp(e.db, query, operationName, variables)
}
