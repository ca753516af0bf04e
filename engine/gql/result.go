package gql

import (
	"encoding/json"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// chooseOperation is the operation a request runs, as the spec's
// GetOperation says: the one named operationName, or the document's only
// one (graphql-js's messages when neither is there).
func chooseOperation(doc *ast.QueryDocument, operationName string) (*ast.OperationDefinition, *gqlerror.Error) {
	if operationName != "" {
		if op := doc.Operations.ForName(operationName); op != nil {
			return op, nil
		}
		return nil, &gqlerror.Error{Message: "Unknown operation named \"" + operationName + "\"."}
	}
	switch len(doc.Operations) {
	case 0:
		return nil, &gqlerror.Error{Message: "the document has no operation: write a query or a mutation"}
	case 1:
		return doc.Operations[0], nil
	}
	return nil, gqlerror.ErrorPosf(doc.Operations[1].Position,
		"Must provide operation name if query contains multiple operations (the document has %d).", len(doc.Operations))
}

// requestErrors is the response to a request that failed before execution
// began (parse, validation, variables, operation choice): the spec says it
// has no "data" entry at all, where an execution that failed has data null.
func requestErrors(errs ...*gqlerror.Error) Result {
	return Result{Errors: errs, request: true}
}

// IsRequestError says the response failed before execution (no "data").
func (r Result) IsRequestError() bool { return r.request }

// MarshalJSON leaves "data" out of a request error's response.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // no MarshalJSON: no recursion
	if r.request && r.Data == nil {
		return json.Marshal(struct {
			Errors     gqlerror.List `json:"errors,omitempty"`
			Extensions *Extensions   `json:"extensions,omitempty"`
		}{r.Errors, r.Extensions})
	}
	return json.Marshal(plain(r))
}
